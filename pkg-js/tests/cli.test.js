/**
 * @file The `supalint` executable, run as a user runs it: every exit code,
 * every formatter, configuration errors, standard input, the warning limit,
 * `--quiet`, `--rule`, `--fix`, `--fix-dry-run`, `supalint rules`.
 */

import assert from "node:assert/strict";
import { chmodSync, existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { ESLint } from "eslint";
import { stripAnsi } from "../src/formatters/ansi.js";
import { BROKEN_SQL, CLEAN_SQL, GOOD_NAME, REPO_DIR, jsonResults, makeProject, runCli } from "./helpers.js";

const BROKEN_NAME = "20240102120000_create_tags.sql";

/**
 * A project with one clean and (optionally) one broken migration.
 * @param {import("node:test").TestContext} t
 * @param {{ broken?: boolean, config?: object }} [options]
 * @returns {string}
 */
function project(t, { broken = true, config } = {}) {
    /** @type {Record<string, string>} */
    const files = { [`supabase/migrations/${GOOD_NAME}`]: CLEAN_SQL };
    if (broken) {
        files[`supabase/migrations/${BROKEN_NAME}`] = BROKEN_SQL;
    }
    if (config) {
        files["supalint.config.json"] = JSON.stringify(config);
    }
    return makeProject(t, files);
}

describe("exit codes", () => {
    it("0 when clean, printing nothing", (t) => {
        const run = runCli([], { cwd: project(t, { broken: false }) });
        assert.equal(run.status, 0, run.stderr);
        assert.equal(run.stdout, "");
    });

    it("1 on lint errors, with stylish output", (t) => {
        const dir = project(t);
        const run = runCli([], { cwd: dir });
        assert.equal(run.status, 1, run.stderr);
        assert.ok(run.stdout.includes(`\n${path.join(dir, "supabase/migrations", BROKEN_NAME)}\n`), run.stdout);
        assert.match(run.stdout, /^ {2}4:14 {2}error {2}Table `public\.tags` .* {2}require-if-not-exists$/mu);
        assert.match(run.stdout, /✖ 1 problem \(1 error, 0 warnings\)\n {2}1 error and 0 warnings potentially fixable with the `--fix` option\.\n$/u);
        assert.ok(!run.stdout.includes("\u001B"), "no colour on a pipe");
    });

    it("2 on usage errors", (t) => {
        const dir = project(t);
        for (const args of [["--bogus"], ["--format", "xml"], ["--max-warnings", "many"], ["--stdin"], ["--fix", "--fix-dry-run"], ["--rule", "nocolon"]]) {
            const run = runCli(args, { cwd: dir });
            assert.equal(run.status, 2, `${args.join(" ")}: ${run.stderr}`);
            assert.match(run.stderr, /^supalint: .+\nRun `supalint --help` for usage\.\n$/u, args.join(" "));
            assert.equal(run.stdout, "");
        }
    });

    it("2 when a path named on the command line matches nothing", (t) => {
        const dir = project(t);
        const missing = runCli(["nope/*.sql"], { cwd: dir });
        assert.equal(missing.status, 2);
        assert.match(missing.stderr, /No files matching the pattern "nope\/\*\.sql" were found\./u);
    });

    it("0 with a notice when the migrations folder is missing or empty: a fresh project", (t) => {
        for (const files of [{ "README.md": "" }, { "supabase/migrations/.gitkeep": "" }]) {
            const empty = runCli([], { cwd: makeProject(t, files) });
            assert.equal(empty.status, 0, empty.stderr);
            assert.equal(empty.stdout, "");
            assert.equal(empty.stderr, "supalint: no migrations in supabase/migrations yet, so nothing was linted (set `migrationsDir` in supalint.config.json if they live elsewhere).\n");
        }
    });

    it("2 for a bad configuration, naming the key", (t) => {
        const badKey = runCli([], { cwd: project(t, { config: { exposedSchema: ["public"] } }) });
        assert.equal(badKey.status, 2);
        assert.match(badKey.stderr, /Invalid supalint configuration \(.*supalint\.config\.json\):\n.*`exposedSchema`/u);
        assert.equal(badKey.stdout, "");
        const badType = runCli([], { cwd: project(t, { config: { storageBucketsFile: 1 } }) });
        assert.equal(badType.status, 2);
        assert.match(badType.stderr, /`storageBucketsFile`: must be a string/u);
        const badRule = runCli(["--rule", "no-such-rule:error"], { cwd: project(t) });
        assert.equal(badRule.status, 2);
        assert.match(badRule.stderr, /no-such-rule/u);
        const missing = runCli(["--config", "nowhere.json"], { cwd: project(t) });
        assert.equal(missing.status, 2);
        assert.match(missing.stderr, /nowhere\.json.*\n.*does not exist/u);
    });
});

describe("formats", () => {
    it("json is ESLint's result shape, with absolute paths and source", (t) => {
        const dir = project(t);
        const run = runCli(["--format", "json"], { cwd: dir });
        assert.equal(run.status, 1);
        const results = jsonResults(run);
        assert.equal(results.length, 2);
        const broken = results.find((r) => r.filePath.endsWith(BROKEN_NAME));
        assert.ok(broken);
        assert.equal(broken.filePath, path.join(dir, "supabase/migrations", BROKEN_NAME));
        assert.deepEqual(Object.keys(broken).sort(), ["errorCount", "filePath", "fixableErrorCount", "fixableWarningCount", "messages", "source", "warningCount"]);
        const message = broken.messages[0];
        for (const key of ["ruleId", "severity", "message", "line", "column", "endLine", "endColumn", "fix"]) {
            assert.ok(key in message, key);
        }
        assert.equal(broken.source, BROKEN_SQL);
    });

    it("json output is accepted by ESLint's own stylish formatter, which prints what our stylish prints less the help lines", async (t) => {
        const dir = project(t);
        const json = jsonResults(runCli(["--format", "json"], { cwd: dir }));
        const formatter = await new ESLint({ cwd: dir }).loadFormatter("stylish");
        const theirs = stripAnsi(await formatter.format(json, { cwd: dir, rulesMeta: {} }));
        assert.match(theirs, /require-if-not-exists/u);
        const ours = runCli([], { cwd: dir }).stdout;
        assert.match(ours, /^ {2}4:14 {2}error {2}.+\n {15}help: Add `IF NOT EXISTS`\.$/mu);
        assert.equal(ours.replace(/^ +help: .*\n/gmu, ""), theirs);
    });

    it("compact", (t) => {
        const dir = project(t);
        const run = runCli(["-f", "compact"], { cwd: dir });
        assert.equal(run.status, 1);
        assert.match(
            run.stdout,
            new RegExp(`^${escape(path.join(dir, "supabase/migrations", BROKEN_NAME))}: line 4, col 14, Error - .+ \\(require-if-not-exists\\)$`, "mu"),
        );
        assert.match(run.stdout, /\n\n1 problem\n$/u);
    });

    it("codeframe", (t) => {
        const run = runCli(["--format", "codeframe"], { cwd: project(t) });
        assert.equal(run.status, 1);
        assert.equal(
            run.stdout,
            [
                `error: Table \`public.tags\` is created without \`IF NOT EXISTS\`, so a rerun fails (require-if-not-exists) at supabase/migrations/${BROKEN_NAME}:4:14:`,
                "  3 |",
                "> 4 | create table public.tags (id bigint primary key, name text not null);",
                "    |              ^^^^^^^^^^^",
                "  5 | alter table public.tags enable row level security;",
                "help: Add `IF NOT EXISTS`.",
                "",
                "",
                "1 error found.",
                "1 error potentially fixable with the `--fix` option.",
                "",
            ].join("\n"),
        );
    });

    it("github", (t) => {
        const run = runCli(["--format=github"], { cwd: project(t) });
        assert.equal(run.status, 1);
        assert.match(
            run.stdout,
            /^::error file=supabase\/migrations\/20240102120000_create_tags\.sql,line=4,col=14,endLine=4,endColumn=\d+,title=supalint\/require-if-not-exists::Table .+$/mu,
        );
        assert.match(run.stdout, /^supalint: 1 problem \(1 error, 0 warnings\)$/mu);
    });

    it("sarif", (t) => {
        const run = runCli(["--format", "sarif"], { cwd: project(t) });
        assert.equal(run.status, 1);
        const log = JSON.parse(run.stdout);
        const [sarifRun] = log.runs;
        assert.equal(log.version, "2.1.0");
        assert.equal(sarifRun.columnKind, "utf16CodeUnits");
        const ruleIds = sarifRun.tool.driver.rules.map((/** @type {{ id: string }} */ rule) => rule.id);
        assert.ok(ruleIds.includes("require-if-not-exists"));
        for (const rule of sarifRun.tool.driver.rules) {
            assert.ok(rule.shortDescription.text && rule.helpUri && rule.defaultConfiguration, rule.id);
        }
        const [result] = sarifRun.results;
        assert.equal(result.ruleId, "require-if-not-exists");
        assert.equal(sarifRun.tool.driver.rules[result.ruleIndex].id, "require-if-not-exists");
        assert.deepEqual(result.locations[0].physicalLocation.artifactLocation, {
            uri: `supabase/migrations/${BROKEN_NAME}`,
            uriBaseId: "%SRCROOT%",
        });
        assert.equal(result.locations[0].physicalLocation.region.startLine, 4);
    });

    it("--output-file writes the report instead of printing it", (t) => {
        const dir = project(t);
        const run = runCli(["-f", "json", "-o", "reports/lint.json"], { cwd: dir });
        assert.equal(run.status, 1);
        assert.equal(run.stdout, "");
        assert.equal(JSON.parse(readFileSync(path.join(dir, "reports/lint.json"), "utf8")).length, 2);
        const toFolder = runCli(["-o", "supabase"], { cwd: dir });
        assert.equal(toFolder.status, 2);
        assert.match(toFolder.stderr, /^supalint: cannot write the report to .*supabase: EISDIR/u);
    });

    it("colours stylish when forced, and not with --no-color", (t) => {
        const dir = project(t);
        assert.ok(runCli(["--color"], { cwd: dir }).stdout.includes("\u001B[31merror"));
        assert.ok(!runCli(["--no-color"], { cwd: dir, env: { FORCE_COLOR: "1" } }).stdout.includes("\u001B"));
    });
});

describe("options", () => {
    it("--stdin lints standard input under --stdin-filename, with the folder as history", (t) => {
        const dir = project(t, { broken: false });
        const name = `supabase/migrations/${BROKEN_NAME}`;
        const run = runCli(["--stdin", "--stdin-filename", name, "-f", "json"], { cwd: dir, input: BROKEN_SQL });
        assert.equal(run.status, 1, run.stderr);
        const results = jsonResults(run);
        assert.deepEqual(results.map((r) => r.filePath), [path.join(dir, name)]);
        assert.equal(results[0].messages[0].ruleId, "require-if-not-exists");
        const clean = runCli(["--stdin", "--stdin-filename", name], { cwd: dir, input: CLEAN_SQL.replace("public.notes", "public.tags") });
        assert.equal(clean.status, 0, clean.stdout);
    });

    it("--max-warnings turns too many warnings into exit 1", (t) => {
        const dir = project(t);
        const asWarning = ["--rule", "require-if-not-exists:warn"];
        assert.equal(runCli(asWarning, { cwd: dir }).status, 0);
        assert.equal(runCli([...asWarning, "--max-warnings", "1"], { cwd: dir }).status, 0);
        const over = runCli([...asWarning, "--max-warnings", "0"], { cwd: dir });
        assert.equal(over.status, 1);
        assert.match(over.stdout, /1 warning/u);
        assert.match(over.stderr, /supalint found too many warnings \(maximum: 0\)\./u);
    });

    it("--quiet reports errors only", (t) => {
        const dir = project(t);
        const run = runCli(["--rule", "require-if-not-exists:1", "--quiet", "--max-warnings", "0"], { cwd: dir });
        assert.equal(run.status, 0);
        assert.equal(run.stdout, "");
        assert.equal(runCli(["--quiet"], { cwd: dir }).status, 1);
    });

    it("--rule sets severities, repeatable, overriding the configuration", (t) => {
        const dir = project(t, { config: { rules: { "require-if-not-exists": "warn" } } });
        assert.equal(runCli([], { cwd: dir }).status, 0);
        assert.equal(runCli(["--rule", "require-if-not-exists:error"], { cwd: dir }).status, 1);
        assert.equal(runCli(["--rule", "require-if-not-exists:error", "--rule", "require-if-not-exists:off", "-f", "json"], { cwd: dir }).status, 0);
        assert.equal(runCli(["--rule", 'require-if-not-exists:["error"]'], { cwd: dir }).status, 1);
    });

    it("--no-inline-config ignores disable directives", (t) => {
        const dir = makeProject(t, {
            [`supabase/migrations/${GOOD_NAME}`]: BROKEN_SQL.replace("create table", "-- supalint-disable-next-line require-if-not-exists\ncreate table"),
        });
        assert.equal(runCli([], { cwd: dir }).status, 0);
        assert.equal(runCli(["--no-inline-config"], { cwd: dir }).status, 1);
    });

    it("--report-unused-disable-directives reports directives that suppress nothing", (t) => {
        const dir = makeProject(t, {
            [`supabase/migrations/${GOOD_NAME}`]: CLEAN_SQL.replace("create table", "-- supalint-disable-next-line require-if-not-exists\ncreate table"),
        });
        const off = ["--rule", "unused-disable-directive:off", "-f", "json"];
        assert.deepEqual(jsonResults(runCli(off, { cwd: dir }))[0].messages, []);
        const run = runCli([...off, "--report-unused-disable-directives"], { cwd: dir });
        assert.ok(jsonResults(run)[0].messages.some((m) => m.ruleId === "unused-disable-directive"), run.stdout);
    });

    it("--fix writes fixed files atomically, keeping their mode", (t) => {
        const dir = project(t);
        const file = path.join(dir, "supabase/migrations", BROKEN_NAME);
        chmodSync(file, 0o640);
        const run = runCli(["--fix"], { cwd: dir });
        assert.equal(run.status, 0, run.stdout + run.stderr);
        assert.match(readFileSync(file, "utf8"), /create table if not exists public\.tags/iu);
        assert.equal(statSync(file).mode & 0o777, 0o640);
        assert.deepEqual(readdirSync(path.dirname(file)).sort(), [GOOD_NAME, BROKEN_NAME].sort(), "no temporary files left");
        assert.equal(readFileSync(path.join(dir, "supabase/migrations", GOOD_NAME), "utf8"), CLEAN_SQL);
    });

    it("--fix keeps a byte-order mark and CRLF line endings", (t) => {
        const dir = makeProject(t, { [`supabase/migrations/${BROKEN_NAME}`]: `\uFEFF${BROKEN_SQL.replaceAll("\n", "\r\n")}` });
        const run = runCli(["--fix"], { cwd: dir });
        assert.equal(run.status, 0, run.stdout + run.stderr);
        const fixed = readFileSync(path.join(dir, "supabase/migrations", BROKEN_NAME), "utf8");
        assert.ok(fixed.startsWith("\uFEFF-- Migration: create public.tags\r\n"), JSON.stringify(fixed.slice(0, 40)));
        assert.match(fixed, /\r\ncreate table if not exists public\.tags/iu);
    });

    it("--fix-dry-run shows the output without writing", (t) => {
        const dir = project(t);
        const file = path.join(dir, "supabase/migrations", BROKEN_NAME);
        const run = runCli(["--fix-dry-run", "-f", "json"], { cwd: dir });
        assert.equal(run.status, 0, run.stderr);
        const fixed = jsonResults(run).find((r) => r.filePath === file);
        assert.match(fixed?.output ?? "", /if not exists/iu);
        assert.equal(readFileSync(file, "utf8"), BROKEN_SQL);
        const stdin = runCli(["--stdin", "--stdin-filename", `supabase/migrations/${BROKEN_NAME}`, "--fix-dry-run", "-f", "json"], {
            cwd: dir,
            input: BROKEN_SQL,
        });
        assert.match(jsonResults(stdin)[0].output ?? "", /if not exists/iu);
    });

    it("--help and --version", () => {
        const help = runCli(["--help"]);
        assert.equal(help.status, 0);
        assert.match(help.stdout, /^Usage: supalint \[options\]/u);
        for (const flag of ["--config", "--format", "--max-warnings", "--stdin-filename", "--fix-dry-run", "--no-color"]) {
            assert.ok(help.stdout.includes(flag), flag);
        }
        const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
        assert.equal(runCli(["--version"]).stdout, `v${pkg.version}\n`);
    });
});

describe("supalint rules", () => {
    it("prints a table, JSON metadata, or markdown documentation", () => {
        const text = runCli(["rules"]);
        assert.equal(text.status, 0);
        assert.match(text.stdout, /^rule +default +fix +category +summary$/mu);
        assert.match(text.stdout, /^require-if-not-exists +error +fix +idempotency +\S/mu);

        const json = JSON.parse(runCli(["rules", "--format", "json"]).stdout);
        assert.ok(json.some((/** @type {{ id: string }} */ rule) => rule.id === "require-if-not-exists"));

        const markdown = runCli(["rules", "--format", "markdown"]).stdout;
        assert.match(markdown, /^# supalint rules$/mu);
        assert.match(markdown, /^## require-if-not-exists$/mu);
        assert.match(markdown, /^### What it does$/mu);
        assert.match(markdown, /^### Why is this bad\?$/mu);
        assert.match(markdown, /^```sql$/mu);
        assert.doesNotMatch(markdown, /expect_diagnostic/u);
        assert.match(markdown, /^- Fix: safe fix \(`--fix`\)$/mu);

        assert.equal(runCli(["rules", "--format", "stylish"]).status, 2);
    });
});

describe("example app", () => {
    it("reports the deliberate mistakes and nothing in the clean migrations", () => {
        const run = runCli(["--config", "examples/supalint.config.json", "-f", "json"], { cwd: REPO_DIR });
        assert.equal(run.status, 1, run.stderr);
        const results = jsonResults(run);
        const dir = path.join(REPO_DIR, "examples/apps/web/supabase/migrations");
        assert.equal(results.length, readdirSync(dir).filter((name) => name.endsWith(".sql")).length);
        const withMistakes = new Set(["20240301_AddNotesV2.sql", "20240305093000_add_note_tags.sql"]);
        for (const result of results) {
            const name = path.basename(result.filePath);
            if (withMistakes.has(name)) {
                assert.ok(result.errorCount > 0, `${name} should have errors`);
            } else {
                assert.deepEqual(
                    result.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`),
                    [],
                    `${name} should be clean`,
                );
            }
        }
        assert.ok(existsSync(path.join(REPO_DIR, "examples/apps/web/supabase/config.toml")));
    });
});

/**
 * @param {string} text
 * @returns {string}
 */
function escape(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
}
