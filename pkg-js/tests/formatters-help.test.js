/**
 * @file Every format shows a problem's help and the rule's docs: stylish's
 * help lines, links and narrow-terminal layout, the codeframe format, json's
 * extra keys, SARIF's clean rule help and `informationUri`, github's second
 * line; and the CLI's decision to print links.
 */

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { stripAnsi } from "../src/formatters/ansi.js";
import { loadFormatter } from "../src/formatters/index.js";
import { useHyperlinks } from "../src/cli/commands/command-io.js";
import { rules } from "../src/index.js";

const CWD = "/proj";
const DOCS = "https://example.test/rules.md";

const SOURCE = ["-- tags", "create table public.tags (", "\tid bigint primary key,", "\tcreated_at timestamp", ");", ""].join("\n");

/** @type {import("../src/api.js").LintResult[]} */
const RESULTS = [
    {
        filePath: "/proj/supabase/migrations/20240101120000_create_tags.sql",
        messages: [
            {
                ruleId: "require-if-not-exists",
                severity: 2,
                message: "Table `public.tags` is created without `IF NOT EXISTS`, so a rerun fails.",
                messageId: "missingIfNotExists",
                line: 2,
                column: 14,
                endLine: 2,
                endColumn: 25,
                fix: { range: [21, 21], text: "if not exists " },
                help: "Add `IF NOT EXISTS`.",
                docsUrl: `${DOCS}#require-if-not-exists`,
            },
            {
                ruleId: "prefer-timestamptz",
                severity: 1,
                message: "Column `created_at` of `public.tags` is `timestamp`, which stores no time zone.",
                messageId: "timestampField",
                line: 4,
                column: 13,
                endLine: 4,
                endColumn: 22,
                help: "Use `timestamptz`.",
                docsUrl: `${DOCS}#prefer-timestamptz`,
            },
        ],
        errorCount: 1,
        warningCount: 1,
        fixableErrorCount: 1,
        fixableWarningCount: 0,
        source: SOURCE,
    },
];

const RULES_META = Object.fromEntries(rules().map((rule) => [rule.id, rule]));
const CONTEXT = { cwd: CWD, rulesMeta: RULES_META, color: false, version: "0.1.0" };

const format = async (/** @type {string} */ name, /** @type {object} */ context = {}) => (await loadFormatter(name))(structuredClone(RESULTS), { ...CONTEXT, ...context });

describe("stylish with help", () => {
    it("prints each problem's help under its message", async () => {
        assert.equal(
            await format("stylish"),
            [
                "",
                "/proj/supabase/migrations/20240101120000_create_tags.sql",
                "  2:14  error    Table `public.tags` is created without `IF NOT EXISTS`, so a rerun fails        require-if-not-exists",
                "                 help: Add `IF NOT EXISTS`.",
                "  4:13  warning  Column `created_at` of `public.tags` is `timestamp`, which stores no time zone  prefer-timestamptz",
                "                 help: Use `timestamptz`.",
                "",
                "\u2716 2 problems (1 error, 1 warning)",
                "  1 error and 0 warnings potentially fixable with the `--fix` option.",
                "",
            ].join("\n"),
        );
    });

    it("dims the help and links the rule id to its docs only when asked", async () => {
        const linked = await format("stylish", { color: true, hyperlinks: true });
        assert.ok(linked.includes(`\u001B]8;;${DOCS}#prefer-timestamptz\u001B\\prefer-timestamptz\u001B]8;;\u001B\\`));
        assert.ok(linked.includes("\u001B[2mhelp: Use `timestamptz`.\u001B[22m"));
        assert.equal(stripAnsi(linked), await format("stylish"));
        const coloured = await format("stylish", { color: true });
        assert.ok(!coloured.includes("\u001B]8;;"), "no link without hyperlinks");
        assert.ok(!(await format("stylish", { hyperlinks: true })).includes("\u001B"), "no link without colour");
    });

    it("wraps long messages at spaces inside their column on a narrow terminal, keeping the rule id on the first line", async () => {
        const columns = 80;
        const lines = (await format("stylish", { columns })).split("\n");
        for (const line of lines) {
            assert.ok(line.length <= columns, `${line.length} > ${columns}: ${line}`);
        }
        assert.deepEqual(lines.slice(2, 9), [
            "  2:14  error    Table `public.tags` is created without   require-if-not-exists",
            "                 `IF NOT EXISTS`, so a rerun fails",
            "                 help: Add `IF NOT EXISTS`.",
            "  4:13  warning  Column `created_at` of `public.tags` is  prefer-timestamptz",
            "                 `timestamp`, which stores no time zone",
            "                 help: Use `timestamptz`.",
            "",
        ]);
    });

    it("keeps ESLint's layout when the terminal is wide enough", async () => {
        assert.equal(await format("stylish", { columns: 200 }), await format("stylish"));
    });
});

describe("codeframe", () => {
    it("shows the lines around each problem, the span underlined and the help below", async () => {
        assert.equal(
            await format("codeframe"),
            [
                "error: Table `public.tags` is created without `IF NOT EXISTS`, so a rerun fails (require-if-not-exists) at supabase/migrations/20240101120000_create_tags.sql:2:14:",
                "  1 | -- tags",
                "> 2 | create table public.tags (",
                "    |              ^^^^^^^^^^^",
                "  3 | \tid bigint primary key,",
                "help: Add `IF NOT EXISTS`.",
                "",
                "",
                "warning: Column `created_at` of `public.tags` is `timestamp`, which stores no time zone (prefer-timestamptz) at supabase/migrations/20240101120000_create_tags.sql:4:13:",
                "  3 | \tid bigint primary key,",
                "> 4 | \tcreated_at timestamp",
                "    | \t           ^^^^^^^^^",
                "  5 | );",
                "help: Use `timestamptz`.",
                "",
                "",
                "1 error and 1 warning found.",
                "1 error potentially fixable with the `--fix` option.",
                "",
            ].join("\n"),
        );
    });

    it("marks every line of a span over several lines, and elides a long one", async () => {
        const results = structuredClone(RESULTS);
        results[0].messages = [{ ...results[0].messages[0], line: 2, column: 1, endLine: 5, endColumn: 3 }];
        const lines = (await (await loadFormatter("codeframe"))(results, CONTEXT)).split("\n");
        assert.deepEqual(lines.slice(1, 10), [
            "  1 | -- tags",
            "> 2 | create table public.tags (",
            "    | ^^^^^^^^^^^^^^^^^^^^^^^^^^",
            "> 3 | \tid bigint primary key,",
            "    | \t^^^^^^^^^^^^^^^^^^^^^^",
            "> 4 | \tcreated_at timestamp",
            "    | \t^^^^^^^^^^^^^^^^^^^^",
            "> 5 | );",
            "    | ^^",
        ]);
        const long = structuredClone(RESULTS);
        long[0].source = Array.from({ length: 20 }, (_, index) => `select ${index};`).join("\n");
        long[0].messages = [{ ...long[0].messages[0], line: 1, column: 1, endLine: 20, endColumn: 11 }];
        const elided = (await (await loadFormatter("codeframe"))(long, CONTEXT)).split("\n");
        assert.ok(elided.includes("    | \u2026 15 more lines"), elided.join("\n"));
    });

    it("keeps terminal controls in the source from reaching the terminal, columns intact", async () => {
        const results = structuredClone(RESULTS);
        results[0].source = "select '\u001B[31m';\ncreate table public.tags (\n";
        results[0].messages = [results[0].messages[0]];
        const output = await (await loadFormatter("codeframe"))(results, CONTEXT);
        assert.ok(!output.includes("\u001B"));
        assert.ok(output.includes("select '\uFFFD[31m';"));
    });

    it("prints the header and help alone when the source is not in the result, and nothing when clean", async () => {
        const results = structuredClone(RESULTS);
        delete results[0].source;
        const output = await (await loadFormatter("codeframe"))(results, CONTEXT);
        assert.ok(output.startsWith("error: Table `public.tags` is created without `IF NOT EXISTS`, so a rerun fails (require-if-not-exists) at supabase/migrations/20240101120000_create_tags.sql:2:14\nhelp: Add `IF NOT EXISTS`.\n"));
        assert.equal(await (await loadFormatter("codeframe"))([{ ...RESULTS[0], messages: [], errorCount: 0, warningCount: 0, fixableErrorCount: 0 }], CONTEXT), "");
    });
});

describe("json with help", () => {
    it("carries help and docsUrl on each message", async () => {
        const [result] = JSON.parse(await format("json"));
        assert.equal(result.messages[0].help, "Add `IF NOT EXISTS`.");
        assert.equal(result.messages[0].docsUrl, `${DOCS}#require-if-not-exists`);
    });
});

describe("github with help", () => {
    it("puts the help on the annotation's second line", async () => {
        const [first] = (await format("github")).split("\n");
        assert.ok(first.endsWith("::Table `public.tags` is created without `IF NOT EXISTS`, so a rerun fails.%0AAdd `IF NOT EXISTS`."), first);
    });
});

describe("sarif with help", () => {
    it("gives the driver an informationUri and every rule clean Markdown help with its docs link", async () => {
        const log = JSON.parse(await format("sarif"));
        const { driver } = log.runs[0].tool;
        assert.match(driver.informationUri, /^https:\/\//u);
        assert.equal(driver.rules.length, rules().length);
        for (const rule of driver.rules) {
            assert.ok(!/```sql,|expect_diagnostic|file=/u.test(rule.help.markdown), `${rule.id}: ${rule.help.markdown}`);
            assert.ok(!/```sql,/u.test(rule.help.text), rule.id);
            assert.ok(rule.help.markdown.includes(`](${RULES_META[rule.id].docsUrl})`), rule.id);
            assert.equal(rule.helpUri, RULES_META[rule.id].docsUrl);
        }
        const timestamptz = driver.rules.find((/** @type {{ id: string }} */ rule) => rule.id === "prefer-timestamptz");
        assert.ok(timestamptz.help.markdown.includes("```sql\ncreate table"), timestamptz.help.markdown);
    });

    it("keeps each result's message short and carries its help beside it", async () => {
        const [first] = JSON.parse(await format("sarif")).runs[0].results;
        assert.equal(first.message.text, "Table `public.tags` is created without `IF NOT EXISTS`, so a rerun fails.");
        assert.equal(first.message.markdown, "Table `public.tags` is created without `IF NOT EXISTS`, so a rerun fails.\n\nAdd `IF NOT EXISTS`.");
        assert.equal(first.properties.help, "Add `IF NOT EXISTS`.");
    });
});

describe("links in the terminal", () => {
    const io = (/** @type {Record<string, string>} */ env, isTTY = true) => ({ stdout: { isTTY }, env, cwd: CWD });
    const options = { outputFile: undefined };

    it("are used on terminals known to show them", () => {
        assert.equal(useHyperlinks(options, /** @type {any} */ (io({ TERM_PROGRAM: "WezTerm" }))), true);
        assert.equal(useHyperlinks(options, /** @type {any} */ (io({ TERM_PROGRAM: "iTerm.app", TERM_PROGRAM_VERSION: "3.4.19" }))), true);
        assert.equal(useHyperlinks(options, /** @type {any} */ (io({ VTE_VERSION: "7201" }))), true);
        assert.equal(useHyperlinks(options, /** @type {any} */ (io({ WT_SESSION: "x" }))), true);
    });

    it("are not used elsewhere, in CI, in pipes or files, unless forced", () => {
        assert.equal(useHyperlinks(options, /** @type {any} */ (io({ TERM_PROGRAM: "Apple_Terminal" }))), false);
        assert.equal(useHyperlinks(options, /** @type {any} */ (io({ TERM_PROGRAM: "iTerm.app", TERM_PROGRAM_VERSION: "3.0.0" }))), false);
        assert.equal(useHyperlinks(options, /** @type {any} */ (io({ TERM_PROGRAM: "WezTerm", CI: "true" }))), false);
        assert.equal(useHyperlinks(options, /** @type {any} */ (io({ TERM_PROGRAM: "WezTerm" }, false))), false);
        assert.equal(useHyperlinks({ outputFile: "report.txt" }, /** @type {any} */ (io({ TERM_PROGRAM: "WezTerm" }))), false);
        assert.equal(useHyperlinks(options, /** @type {any} */ (io({ FORCE_HYPERLINK: "1" }, false))), true);
        assert.equal(useHyperlinks(options, /** @type {any} */ (io({ FORCE_HYPERLINK: "0", TERM_PROGRAM: "WezTerm" }))), false);
    });
});
