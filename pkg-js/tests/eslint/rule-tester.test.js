/**
 * @file The plugin's rules under ESLint's own `RuleTester`, in ESLint 9 and
 * 10: hand-written cases with exact message ids, data, positions and fix
 * output, then every rule's documented examples (the same ones the Rust
 * tests run), each expected to report exactly what the engine finds.
 */

import { describe, it } from "node:test";
import plugin from "../../src/eslint/index.js";
import { engine } from "../../src/engine/node.js";
import { ESLINT_MAJORS } from "./eslint-helpers.js";

/** Where an untagged example is linted, as in the Rust tests (`tests/support/mod.rs`). */
const EXAMPLE_PATH = "supabase/migrations/20240101000000_example.sql";

/** @type {import("eslint").RuleTester.InvalidTestCase[]} */
const REQUIRE_IF_NOT_EXISTS_INVALID = [
    {
        name: "table without IF NOT EXISTS",
        code: "create table public.notes (id bigint primary key);",
        output: "create table if not exists public.notes (id bigint primary key);",
        errors: [
            {
                messageId: "missingIfNotExists",
                data: { kind: "Table", name: "public.notes" },
                line: 1,
                column: 14,
                endLine: 1,
                endColumn: 26,
            },
        ],
    },
    {
        name: "keyword case of the fix follows the statement",
        code: "CREATE TABLE public.t (id int);",
        output: "CREATE TABLE IF NOT EXISTS public.t (id int);",
        errors: [{ messageId: "missingIfNotExists", line: 1, column: 14, endColumn: 22 }],
    },
    {
        name: "added column on a later line",
        code: "-- header\nalter table public.notes\n  add column body text;",
        output: "-- header\nalter table public.notes\n  add column if not exists body text;",
        errors: [{ messageId: "addColumn", data: { name: "body" }, line: 3, column: 14, endLine: 3, endColumn: 18 }],
    },
    {
        name: "columns and fix offsets count UTF-16 code units",
        code: "select '😀'; create table public.b (id int);",
        output: "select '😀'; create table if not exists public.b (id int);",
        errors: [{ messageId: "missingIfNotExists", line: 1, column: 27, endLine: 1, endColumn: 35 }],
    },
    {
        name: "unnamed index has no fix",
        code: "create index on public.notes (body);",
        output: null,
        errors: [{ messageId: "unnamedIndex", line: 1, column: 1, endLine: 1, endColumn: 13 }],
    },
    {
        name: "two findings, both fixed in one pass",
        code: "create schema app;\ncreate table app.items (id int);",
        output: "create schema if not exists app;\ncreate table if not exists app.items (id int);",
        errors: [
            { messageId: "missingIfNotExists", data: { kind: "Schema", name: "app" }, line: 1, column: 15 },
            { messageId: "missingIfNotExists", data: { kind: "Table", name: "app.items" }, line: 2, column: 14 },
        ],
    },
];

const REQUIRE_IF_NOT_EXISTS_VALID = [
    "create table if not exists public.notes (id bigint primary key);",
    "alter table public.notes add column if not exists body text;",
    "-- create table public.notes (id int);\nselect 'create table public.x (id int)';",
    "select $$ create table public.x (id int) $$;",
];

/**
 * @param {string} text
 * @param {import("../../src/api.js").Fix} edit
 * @returns {string}
 */
function applyEdit(text, edit) {
    return text.slice(0, edit.range[0]) + edit.text + text.slice(edit.range[1]);
}

/**
 * The RuleTester cases of one rule, from its documented examples: each
 * invalid example must report what the engine reports for it (message id,
 * data, position) and, for a fixable rule, give the engine's fix as output
 * (its suggestions, for a rule that suggests).
 * Examples of a multi-file history (tagged with a file name, or holding
 * several files, each opened by a line `-- file: <name>.sql`) are left to the
 * Rust tests, which lint them together. The engine applies `supalint-disable…`
 * comments, as the plugin has it do.
 * @param {import("../../src/api.js").RuleMeta} rule
 * @returns {{ valid: import("eslint").RuleTester.ValidTestCase[], invalid: import("eslint").RuleTester.InvalidTestCase[] }}
 */
function casesFromExamples(rule) {
    /** @type {import("eslint").RuleTester.ValidTestCase[]} */
    const valid = [];
    /** @type {import("eslint").RuleTester.InvalidTestCase[]} */
    const invalid = [];
    for (const [index, example] of rule.examples.entries()) {
        if (example.file !== undefined || /^\s*-- file:/mu.test(example.code)) {
            continue;
        }
        const name = `${rule.id} example ${index + 1} (${example.valid ? "valid" : "invalid"})`;
        // An example tagged with the registered bucket ids is linted with them.
        const options = example.registeredBuckets === undefined ? {} : { registeredBuckets: example.registeredBuckets };
        const languageOptions = example.registeredBuckets === undefined ? {} : { languageOptions: options };
        if (example.valid) {
            valid.push({ name, code: example.code, filename: EXAMPLE_PATH, ...languageOptions });
            continue;
        }
        const response = engine.lint({ files: [{ path: EXAMPLE_PATH, text: example.code }], config: { extends: "all", ...options }, eslintDirectives: false });
        const findings = response.results[0].diagnostics.filter((diagnostic) => diagnostic.ruleId === rule.id);
        let output = example.code;
        for (const finding of [...findings].reverse()) {
            if (rule.fixable === "fix" && finding.fix) {
                output = applyEdit(output, finding.fix);
            }
        }
        invalid.push({
            name,
            code: example.code,
            filename: EXAMPLE_PATH,
            ...languageOptions,
            output: output === example.code ? null : output,
            errors: findings.map((finding) => ({
                messageId: finding.messageId,
                data: finding.data,
                line: finding.line,
                column: finding.column,
                endLine: finding.endLine,
                endColumn: finding.endColumn,
                ...(rule.fixable === "suggestion"
                    ? {
                          suggestions: (finding.suggestions ?? []).map((suggestion) => ({
                              desc: suggestion.desc,
                              output: applyEdit(example.code, suggestion.fix),
                          })),
                      }
                    : {}),
            })),
        });
    }
    return { valid, invalid };
}

for (const eslint of ESLINT_MAJORS) {
    const { RuleTester } = await eslint.load();
    RuleTester.describe = describe;
    RuleTester.it = it;
    RuleTester.itOnly = it.only;

    const ruleTester = new RuleTester({ plugins: { supalint: plugin }, language: "supalint/sql" });

    describe(`RuleTester, ${eslint.name}`, () => {
        ruleTester.run("require-if-not-exists", plugin.rules["require-if-not-exists"], {
            valid: REQUIRE_IF_NOT_EXISTS_VALID,
            invalid: REQUIRE_IF_NOT_EXISTS_INVALID,
        });

        for (const rule of engine.rules()) {
            if (!(rule.id in plugin.rules)) {
                continue;
            }
            const { valid, invalid } = casesFromExamples(rule);
            describe(`documented examples of ${rule.id}`, () => {
                it("reports a finding for every single-file invalid example", () => {
                    const silent = invalid.filter((test) => test.errors.length === 0).map((test) => test.name);
                    if (silent.length > 0) {
                        throw new Error(`the engine finds nothing in: ${silent.join(", ")}`);
                    }
                });
                ruleTester.run(rule.id, plugin.rules[rule.id], { valid, invalid });
            });
        }
    });
}
