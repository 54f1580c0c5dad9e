/**
 * @file One directive story: the same migration, holding `supalint-disable…`
 * and `eslint-disable… supalint/<rule>` comments, linted by the `supalint`
 * command and by real ESLint 9 and 10 with the README's configuration, gives
 * the same problems on the same lines: what each syntax suppresses, the
 * unused directives (one naming a rule that is off by default among them)
 * and the unknown rule names.
 */

import assert from "node:assert/strict";
import path from "node:path";
import { describe, it } from "node:test";
import plugin from "../../src/eslint/index.js";
import { jsonResults, makeProject, runCli } from "../helpers.js";
import { ESLINT_MAJORS } from "./eslint-helpers.js";

const MIGRATION = "supabase/migrations/20240101120000_directives.sql";

const TEXT = `-- Migration: schemas and an index, with directives in both syntaxes.
-- eslint-disable-next-line supalint/require-if-not-exists -- the platform creates it
create schema audit;
-- supalint-disable-next-line require-if-not-exists -- the platform creates it
create schema reporting;
/* eslint-disable supalint/require-if-not-exists */
create schema archive;
/* eslint-enable supalint/require-if-not-exists */
/* supalint-disable require-if-not-exists */
create schema staging;
/* supalint-enable require-if-not-exists */
create schema exposed;
-- eslint-disable-next-line supalint/require-if-not-exists
select 1;
-- supalint-disable-next-line require-if-not-exists
select 2;
create table if not exists public.notes (id bigint primary key, body text);
alter table public.notes enable row level security;
revoke all on table public.notes from anon, authenticated, service_role;
-- supalint-disable-next-line require-concurrent-index-creation
create index if not exists notes_body on public.notes (body);
-- eslint-disable-next-line supalint/require-concurrent-index-creation
create index if not exists notes_id on public.notes (id);
-- supalint-disable-next-line require-if-not-exist
select 3;
-- eslint-disable-next-line supalint/require-if-not-exist
select 4;
create schema tail; -- eslint-disable-line supalint/require-if-not-exists
create schema end_; -- supalint-disable-line require-if-not-exists
`;

/**
 * A problem as both tools can state it: line, engine rule id, severity.
 * @typedef {[line: number, rule: string, severity: number]} Problem
 */

/**
 * Sorts problems by line, then rule.
 * @param {Problem[]} problems
 * @returns {Problem[]}
 */
function sorted(problems) {
    return problems.sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]));
}

/**
 * ESLint's message in the engine's words: `supalint/<id>` is `<id>`, an
 * unused `eslint-disable` is `unused-disable-directive`, and a directive
 * naming no rule ESLint knows is `unknown-rule`.
 * @param {import("eslint").Linter.LintMessage} message
 * @returns {Problem}
 */
function fromEslint(message) {
    if (message.ruleId === null && message.message.startsWith("Unused eslint-disable directive")) {
        return [message.line, "unused-disable-directive", message.severity];
    }
    if (message.message.startsWith("Definition for rule")) {
        return [message.line, "unknown-rule", message.severity];
    }
    return [message.line, String(message.ruleId).replace(/^supalint\//u, ""), message.severity];
}

describe("the same file through the supalint command and ESLint", () => {
    const cliProblems = (/** @type {import("node:test").TestContext} */ t, /** @type {string[]} */ flags = []) => {
        const dir = makeProject(t, { [MIGRATION]: TEXT });
        const run = runCli(["--format", "json", ...flags, MIGRATION], { cwd: dir });
        const [result] = jsonResults(run);
        return sorted(result.messages.map((/** @type {any} */ message) => [message.line, message.ruleId, message.severity]));
    };

    it("the command honours both syntaxes and reports unused and unknown entries of both", (t) => {
        const problems = cliProblems(t);
        assert.deepEqual(
            problems.filter(([, rule]) => ["require-if-not-exists", "unused-disable-directive", "unknown-rule"].includes(rule)),
            [
                [12, "require-if-not-exists", 2],
                [13, "unused-disable-directive", 1],
                [15, "unused-disable-directive", 1],
                [20, "unused-disable-directive", 1],
                [22, "unused-disable-directive", 1],
                [24, "unknown-rule", 2],
                [26, "unknown-rule", 2],
            ],
        );
    });

    for (const eslint of ESLINT_MAJORS) {
        it(`ESLint ${eslint.major} reports exactly what the command reports`, async (t) => {
            const expected = cliProblems(t);
            const dir = makeProject(t, { [MIGRATION]: TEXT });
            const { ESLint } = await eslint.load();
            const linter = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [plugin.configs.recommended] });
            const [result] = await linter.lintFiles([path.join(dir, MIGRATION)]);
            assert.deepEqual(sorted(result.messages.map(fromEslint)), expected);
        });

        it(`ESLint ${eslint.major} without inline configuration ignores both syntaxes, as --no-inline-config does`, async (t) => {
            const expected = cliProblems(t, ["--no-inline-config"]);
            assert.ok(expected.filter(([, rule]) => rule === "require-if-not-exists").length > 5, "every directive ignored");
            const dir = makeProject(t, { [MIGRATION]: TEXT });
            const { ESLint } = await eslint.load();
            const linter = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [plugin.configs.recommended], allowInlineConfig: false });
            const [result] = await linter.lintFiles([path.join(dir, MIGRATION)]);
            assert.deepEqual(sorted(result.messages.map(fromEslint)), expected);

            // noInlineConfig in the configuration: the same, and each directive, of either syntax, is said to have no effect.
            const configured = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [plugin.configs.recommended, { linterOptions: { noInlineConfig: true } }] });
            const [warned] = await configured.lintFiles([path.join(dir, MIGRATION)]);
            const noEffect = warned.messages.filter((message) => message.ruleId === null && /has no effect because you have 'noInlineConfig'/u.test(message.message));
            assert.equal(noEffect.length, TEXT.split("\n").filter((line) => /(?:--|\/\*) (?:eslint|supalint)-/u.test(line)).length);
            assert.deepEqual(sorted(warned.messages.filter((message) => !noEffect.includes(message)).map(fromEslint)), expected);
        });
    }
});
