/**
 * @file The formatters on hand-made results: exact output, ESLint parity for
 * stylish, `@actions/core` escaping for github, SARIF 2.1.0 structure.
 */

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ESLint } from "eslint";
import { stripAnsi } from "../src/formatters/ansi.js";
import { escapeData, escapeProperty } from "../src/formatters/github.js";
import { LINT_FORMATS } from "../src/cli/options.js";
import { loadFormatter } from "../src/formatters/index.js";

const formatters = Object.fromEntries(await Promise.all(LINT_FORMATS.map(async (name) => [name, await loadFormatter(name)])));

const CWD = "/proj";

/** @type {import("../src/api.js").LintResult[]} */
const RESULTS = [
    {
        filePath: "/proj/supabase/migrations/20240101120000_create_tags.sql",
        messages: [
            {
                ruleId: "no-future-timestamp",
                severity: 1,
                message: "Version `20990101000000` is in the future.",
                messageId: "future",
                line: 1,
                column: 1,
                endLine: 1,
                endColumn: 15,
            },
            {
                ruleId: "require-if-not-exists",
                severity: 2,
                message: "Table `public.tags` is created without `IF NOT EXISTS`.",
                messageId: "missingIfNotExists",
                line: 4,
                column: 14,
                endLine: 4,
                endColumn: 25,
                fix: { range: [60, 60], text: " if not exists" },
            },
            {
                ruleId: "parse-error",
                severity: 2,
                message: "100% odd: a, b\r\nsecond line",
                messageId: "unterminatedString",
                line: 120,
                column: 7,
                endLine: 121,
                endColumn: 1,
            },
        ],
        errorCount: 2,
        warningCount: 1,
        fixableErrorCount: 1,
        fixableWarningCount: 0,
        source: "create table public.tags ();\n",
    },
    {
        filePath: "/proj/supabase/migrations/20240102120000_clean.sql",
        messages: [],
        errorCount: 0,
        warningCount: 0,
        fixableErrorCount: 0,
        fixableWarningCount: 0,
    },
    {
        filePath: "/elsewhere/odd, name:1.sql",
        messages: [
            {
                ruleId: "require-if-exists",
                severity: 1,
                message: "Table `public.old` is dropped without `IF EXISTS`.",
                messageId: "missingIfExists",
                line: 2,
                column: 1,
                endLine: 2,
                endColumn: 24,
            },
        ],
        errorCount: 0,
        warningCount: 1,
        fixableErrorCount: 0,
        fixableWarningCount: 0,
    },
];

/** @type {Record<string, import("../src/api.js").RuleMeta>} */
const RULES_META = Object.fromEntries(
    ["no-future-timestamp", "require-if-not-exists", "require-if-exists", "parse-error", "require-lock-timeout"].map((id, index) => [
        id,
        {
            id,
            category: "idempotency",
            severity: index === 0 ? "warn" : index === 4 ? "off" : "error",
            fixable: index === 1 ? "fix" : null,
            summary: `Summary of ${id}.`,
            docs: `## What it does\nChecks ${id}.`,
            examples: [],
            options: [],
            sources: [],
            docsUrl: `https://example.test/rules#${id}`,
            messages: {},
        },
    ]),
);

const CONTEXT = { cwd: CWD, rulesMeta: RULES_META, color: false, version: "0.1.0" };

describe("stylish", () => {
    it("prints files, aligned rows and the summary as ESLint does", () => {
        const results = structuredClone(RESULTS);
        results[0].messages[2].message = "This string literal is never closed.";
        const expected = [
            "",
            "/proj/supabase/migrations/20240101120000_create_tags.sql",
            "    1:1   warning  Version `20990101000000` is in the future               no-future-timestamp",
            "    4:14  error    Table `public.tags` is created without `IF NOT EXISTS`  require-if-not-exists",
            "  120:7   error    This string literal is never closed                     parse-error",
            "",
            "/elsewhere/odd, name:1.sql",
            "  2:1  warning  Table `public.old` is dropped without `IF EXISTS`  require-if-exists",
            "",
            "\u2716 4 problems (2 errors, 2 warnings)",
            "  1 error and 0 warnings potentially fixable with the `--fix` option.",
            "",
        ];
        assert.equal(formatters.stylish(results, CONTEXT), expected.join("\n"));
    });

    it("matches ESLint's own stylish formatter character for character", async () => {
        const eslint = new ESLint({ cwd: CWD });
        const formatter = await eslint.loadFormatter("stylish");
        // ESLint sorts the array it is given by path, as our CLI does.
        const sorted = structuredClone(RESULTS).sort((a, b) => (a.filePath < b.filePath ? -1 : 1));
        const theirs = stripAnsi(await formatter.format(structuredClone(sorted), { cwd: CWD, rulesMeta: {} }));
        assert.equal(formatters.stylish(sorted, CONTEXT), theirs);
    });

    it("colours only when asked, with the same text underneath", () => {
        const coloured = formatters.stylish(RESULTS, { ...CONTEXT, color: true });
        assert.ok(coloured.includes("\u001B[31merror\u001B[39m"));
        assert.ok(coloured.includes("\u001B[4m/proj/supabase"));
        assert.equal(stripAnsi(coloured), formatters.stylish(RESULTS, CONTEXT));
        assert.ok(!formatters.stylish(RESULTS, CONTEXT).includes("\u001B"));
    });

    it("prints nothing when there are no problems", () => {
        assert.equal(formatters.stylish([RESULTS[1]], CONTEXT), "");
    });
});

describe("json", () => {
    it("is the results array, unchanged", () => {
        assert.deepEqual(JSON.parse(formatters.json(RESULTS, CONTEXT)), RESULTS);
    });
});

describe("compact", () => {
    it("prints one line per problem and a total", () => {
        const output = formatters.compact(RESULTS, CONTEXT);
        const lines = output.split("\n");
        assert.equal(
            lines[0],
            "/proj/supabase/migrations/20240101120000_create_tags.sql: line 1, col 1, Warning - Version `20990101000000` is in the future. (no-future-timestamp)",
        );
        assert.equal(
            lines[1],
            "/proj/supabase/migrations/20240101120000_create_tags.sql: line 4, col 14, Error - Table `public.tags` is created without `IF NOT EXISTS`. (require-if-not-exists)",
        );
        assert.ok(output.endsWith("\n\n4 problems"));
        assert.equal(formatters.compact([RESULTS[1]], CONTEXT), "");
    });
});

describe("github", () => {
    it("escapes data and properties as @actions/core does", () => {
        assert.equal(escapeData("a%b\r\nc:d,e"), "a%25b%0D%0Ac:d,e");
        assert.equal(escapeProperty("a%b\r\nc:d,e"), "a%25b%0D%0Ac%3Ad%2Ce");
    });

    it("annotates every problem with its position, then prints a summary line", () => {
        const lines = formatters.github(RESULTS, CONTEXT).trimEnd().split("\n");
        assert.deepEqual(lines, [
            "::warning file=supabase/migrations/20240101120000_create_tags.sql,line=1,col=1,endLine=1,endColumn=15,title=supalint/no-future-timestamp::Version `20990101000000` is in the future.",
            "::error file=supabase/migrations/20240101120000_create_tags.sql,line=4,col=14,endLine=4,endColumn=25,title=supalint/require-if-not-exists::Table `public.tags` is created without `IF NOT EXISTS`.",
            "::error file=supabase/migrations/20240101120000_create_tags.sql,line=120,col=7,endLine=121,endColumn=1,title=supalint/parse-error::100%25 odd: a, b%0D%0Asecond line",
            "::warning file=../elsewhere/odd%2C name%3A1.sql,line=2,col=1,endLine=2,endColumn=24,title=supalint/require-if-exists::Table `public.old` is dropped without `IF EXISTS`.",
            "supalint: 4 problems (2 errors, 2 warnings)",
        ]);
    });

    it("still prints the summary when there is nothing to annotate", () => {
        assert.equal(formatters.github([RESULTS[1]], CONTEXT), "supalint: 0 problems (0 errors, 0 warnings)\n");
    });
});

describe("sarif", () => {
    const log = JSON.parse(formatters.sarif(RESULTS, CONTEXT));
    const [run] = log.runs;

    it("is a SARIF 2.1.0 log with every rule described", () => {
        assert.equal(log.version, "2.1.0");
        assert.match(log.$schema, /sarif-2\.1\.0/u);
        assert.equal(run.tool.driver.name, "supalint");
        assert.equal(run.tool.driver.version, "0.1.0");
        assert.equal(run.columnKind, "utf16CodeUnits");
        assert.deepEqual(
            run.tool.driver.rules.map((/** @type {{ id: string }} */ rule) => rule.id),
            Object.keys(RULES_META),
        );
        const [future, ifNotExists, , , lockTimeout] = run.tool.driver.rules;
        assert.deepEqual(future.shortDescription, { text: "Summary of no-future-timestamp." });
        assert.equal(future.helpUri, "https://example.test/rules#no-future-timestamp");
        assert.deepEqual(future.defaultConfiguration, { level: "warning" });
        assert.deepEqual(ifNotExists.defaultConfiguration, { level: "error" });
        assert.equal(lockTimeout.defaultConfiguration.enabled, false);
    });

    it("points results at relative URIs with exact regions", () => {
        assert.equal(run.results.length, 4);
        const [first, second] = run.results;
        assert.equal(first.ruleId, "no-future-timestamp");
        assert.equal(first.ruleIndex, 0);
        assert.equal(first.level, "warning");
        assert.equal(second.level, "error");
        assert.deepEqual(second.locations[0].physicalLocation, {
            artifactLocation: { uri: "supabase/migrations/20240101120000_create_tags.sql", uriBaseId: "%SRCROOT%" },
            region: { startLine: 4, startColumn: 14, endLine: 4, endColumn: 25 },
        });
        assert.equal(run.originalUriBaseIds["%SRCROOT%"].uri, "file:///proj/");
        assert.equal(run.results[3].locations[0].physicalLocation.artifactLocation.uri, "file:///elsewhere/odd,%20name:1.sql");
    });
});
