/**
 * @file The plugin in real ESLint 9 and 10, in a copy of the fixture
 * workspace (a monorepo whose flat `eslint.config.js` imports
 * `supalint/eslint`): exact positions, a severity override, both directive
 * forms and unused ones, a parsing error, `--fix`, `--cache`, the history of
 * a migrations folder, and stylish and json output.
 */

import assert from "node:assert/strict";
import { readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import plugin from "../../src/eslint/index.js";
import { jsonResults, runCli } from "../helpers.js";
import {
    API_MIGRATIONS,
    copyWorkspace,
    ESLINT_MAJORS,
    jsonOutput,
    messagesOf,
    readmeEslintConfig,
    resultFor,
    runEslint,
    WEB_MIGRATIONS,
    WORKSPACE_FIXTURE,
} from "./eslint-helpers.js";

const RULE = "supalint/require-if-not-exists";
const TAGS = `${WEB_MIGRATIONS}/20240102120000_create_tags.sql`;
const SCHEMAS = `${WEB_MIGRATIONS}/20240103120000_create_schemas.sql`;
const BROKEN = `${WEB_MIGRATIONS}/20240104120000_insert_note.sql`;
const NOTES = `${WEB_MIGRATIONS}/20240101120000_create_notes.sql`;
const POSTS = `${WEB_MIGRATIONS}/20240105120000_create_posts.sql`;
const POSTS_RLS = `${WEB_MIGRATIONS}/20240106120000_enable_posts_rls.sql`;
const PRIVATE = `${API_MIGRATIONS}/20240101120000_create_private_schema.sql`;

/**
 * A rule for the tests only: reports, once per file, the history `parse()`
 * linted the file with, so the tests see what ESLint's run handed the engine.
 */
const probe = {
    meta: { name: "history-probe" },
    rules: {
        history: {
            meta: { type: "problem", schema: [], messages: { history: "{{path}} <- {{history}}" } },
            create(/** @type {any} */ context) {
                return {
                    Document(/** @type {any} */ node) {
                        context.report({ loc: node.loc, messageId: "history", data: { path: node.path, history: node.history.join(" ") } });
                    },
                };
            },
        },
    },
};

/** @type {import("eslint").Linter.Config} */
const PROBE_CONFIG = { files: ["**/*.sql"], plugins: { probe }, rules: { "probe/history": "warn" } };

/**
 * The history the probe reported for one file.
 * @param {import("eslint").ESLint.LintResult} result
 * @returns {{ path: string, history: string[] }}
 */
function probedHistory(result) {
    const message = result.messages.find((entry) => entry.ruleId === "probe/history");
    assert.ok(message, `no probe message for ${result.filePath}: ${JSON.stringify(result.messages)}`);
    const [enginePath, history] = message.message.split(" <- ");
    return { path: enginePath, history: history.split(" ") };
}

/**
 * @param {string} workspace
 * @param {string} relativePath
 * @returns {string}
 */
function read(workspace, relativePath) {
    return readFileSync(path.join(workspace, relativePath), "utf8");
}

for (const eslint of ESLINT_MAJORS) {
    const { ESLint } = await eslint.load();

    describe(`ESLint ${eslint.major} (${eslint.name}) in a monorepo workspace`, () => {
        it("is the ESLint major it claims to be", () => {
            assert.equal(Number(ESLint.version.split(".")[0]), eslint.major);
        });

        it("reports findings with exact positions, message ids and fixes", async (t) => {
            const workspace = copyWorkspace(t);
            const results = await new ESLint({ cwd: workspace }).lintFiles(["apps"]);
            const tags = resultFor(results, workspace, TAGS);
            const text = read(workspace, TAGS);
            assert.deepEqual(messagesOf(tags, [RULE]), [
                {
                    ruleId: RULE,
                    severity: 2,
                    message: "Table `public.tags` is created without `IF NOT EXISTS`, so a rerun fails.",
                    messageId: "missingIfNotExists",
                    line: 4,
                    column: 14,
                    endLine: 4,
                    endColumn: 25,
                    ...(eslint.major === 9 ? { nodeType: null } : {}),
                    fix: { range: [text.indexOf("table public.tags") + 5, text.indexOf("table public.tags") + 5], text: " if not exists" },
                },
            ]);
            assert.deepEqual(messagesOf(resultFor(results, workspace, NOTES), [RULE]), []);
        });

        it("runs the eslint.config.js snippet of the README as it is", async (t) => {
            const workspace = copyWorkspace(t, ["@eslint/js"]);
            const snippet = readmeEslintConfig();
            assert.ok(snippet.includes('import supalint from "supalint/eslint";'), "the README has the snippet");
            writeFileSync(path.join(workspace, "eslint.config.js"), snippet);
            const results = await new ESLint({ cwd: workspace }).lintFiles(["apps"]);
            assert.deepEqual(
                messagesOf(resultFor(results, workspace, TAGS), [RULE]).map(({ severity, line, column }) => [severity, line, column]),
                [[1, 4, 14]],
            );
            assert.equal(resultFor(results, workspace, BROKEN).fatalErrorCount, 1);
        });

        it("takes severities from the ESLint config: recommended, then an override", async (t) => {
            const workspace = copyWorkspace(t);
            const results = await new ESLint({ cwd: workspace }).lintFiles(["apps"]);
            const [inWeb] = messagesOf(resultFor(results, workspace, TAGS), [RULE]);
            const [inApi] = messagesOf(resultFor(results, workspace, PRIVATE), [RULE]);
            assert.equal(inWeb.severity, 2);
            assert.equal(plugin.configs.recommended.rules[RULE], "error");
            assert.deepEqual([inApi.severity, inApi.line, inApi.column], [1, 4, 15]);

            const off = await new ESLint({ cwd: workspace, overrideConfig: { rules: { [RULE]: "off" } } }).lintFiles([TAGS]);
            assert.deepEqual(messagesOf(off[0], [RULE]), []);
        });

        it("honours both directive forms in SQL comments and reports the unused one", async (t) => {
            const workspace = copyWorkspace(t);
            const [result] = await new ESLint({ cwd: workspace }).lintFiles([SCHEMAS]);
            const messages = messagesOf(result, [RULE]).map(({ ruleId, severity, line, column, message }) => ({ ruleId, severity, line, column, message }));
            assert.deepEqual(messages, [
                {
                    ruleId: RULE,
                    severity: 2,
                    line: 10,
                    column: 15,
                    message: "Schema `staging` is created without `IF NOT EXISTS`, so a rerun fails.",
                },
                {
                    ruleId: null,
                    severity: 1,
                    line: 11,
                    column: 1,
                    message: "Unused eslint-disable directive (no problems were reported from 'supalint/require-if-not-exists').",
                },
            ]);
            assert.equal(result.suppressedMessages.filter((message) => message.ruleId === RULE).length, 3);
            const justified = result.suppressedMessages.find((message) => message.line === 5);
            assert.deepEqual(justified?.suppressions, [{ kind: "directive", justification: "the platform creates it" }]);
        });

        it("obeys /* eslint */ inline rule configuration and noInlineConfig", async (t) => {
            const workspace = copyWorkspace(t);
            writeFileSync(path.join(workspace, TAGS), `/* eslint ${RULE}: "warn" */\n${read(workspace, TAGS)}`);
            const [warned] = await new ESLint({ cwd: workspace }).lintFiles([TAGS]);
            assert.deepEqual(messagesOf(warned, [RULE]).map((message) => [message.severity, message.line]), [[1, 5]]);

            const [ignored] = await new ESLint({ cwd: workspace, overrideConfig: { linterOptions: { noInlineConfig: true } } }).lintFiles([SCHEMAS]);
            assert.equal(messagesOf(ignored, [RULE]).filter((message) => message.ruleId === RULE).length, 4);
        });

        it("reports a lexical error as a parsing error", async (t) => {
            const workspace = copyWorkspace(t);
            const [result] = await new ESLint({ cwd: workspace }).lintFiles([BROKEN]);
            assert.deepEqual(
                result.messages.map(({ ruleId, fatal, severity, line, column, message }) => ({ ruleId, fatal, severity, line, column, message })),
                [
                    {
                        ruleId: null,
                        fatal: true,
                        severity: 2,
                        line: 3,
                        column: 41,
                        message: "Parsing error: This string literal is never closed.",
                    },
                ],
            );
            assert.equal(result.fatalErrorCount, 1);
        });

        it("reports a file over the engine's size limit as the CLI does", async (t) => {
            const workspace = copyWorkspace(t);
            const huge = `${WEB_MIGRATIONS}/20240107120000_huge.sql`;
            const line = "select 1; -- padding padding padding padding padding padding padding padding\n";
            writeFileSync(path.join(workspace, huge), line.repeat(Math.ceil((16 * 1024 * 1024 + 1) / line.length)));
            const [result] = await new ESLint({ cwd: workspace }).lintFiles([huge]);
            const cli = jsonResults(runCli(["--format", "json", huge], { cwd: path.join(workspace) }));
            const [expected] = cli[0].messages;
            assert.equal(expected.messageId, "tooLarge", "the CLI does not lint it");
            // The same words, but for the path: each names it from its own project root.
            const unrooted = (/** @type {string} */ message) => message.replace(/`[^`]*\/20240107120000_huge\.sql`/u, "`huge.sql`");
            assert.deepEqual(
                result.messages.map(({ fatal, severity, line: at, column, message }) => ({ fatal, severity, line: at, column, message: unrooted(message) })),
                [{ fatal: true, severity: 2, line: 1, column: 1, message: `Parsing error: ${unrooted(expected.message)}` }],
            );
            assert.equal(result.errorCount, 1);
        });

        it("lints each file with the .sql files of its migrations folder as history", async (t) => {
            const workspace = copyWorkspace(t);
            const lint = async () => new ESLint({ cwd: workspace, overrideConfig: PROBE_CONFIG }).lintFiles(["apps"]);
            const webNames = [
                "20240101120000_create_notes.sql",
                "20240102120000_create_tags.sql",
                "20240103120000_create_schemas.sql",
                "20240104120000_insert_note.sql",
                "20240105120000_create_posts.sql",
                "20240106120000_enable_posts_rls.sql",
            ];
            let results = await lint();
            for (const name of webNames.filter((entry) => !entry.includes("insert_note"))) {
                const { path: enginePath, history } = probedHistory(resultFor(results, workspace, `${WEB_MIGRATIONS}/${name}`));
                assert.equal(enginePath, `supabase/migrations/${name}`);
                assert.deepEqual(history.toSorted(), webNames.map((entry) => `supabase/migrations/${entry}`));
            }
            assert.deepEqual(probedHistory(resultFor(results, workspace, PRIVATE)).history, ["supabase/migrations/20240101120000_create_private_schema.sql"]);

            writeFileSync(path.join(workspace, WEB_MIGRATIONS, "20240107120000_create_comments.sql"), "-- Migration: comments\n");
            rmSync(path.join(workspace, POSTS_RLS));
            results = await lint();
            const { history } = probedHistory(resultFor(results, workspace, POSTS));
            assert.ok(history.includes("supabase/migrations/20240107120000_create_comments.sql"), history.join(" "));
            assert.ok(!history.includes("supabase/migrations/20240106120000_enable_posts_rls.sql"), history.join(" "));
        });

        it("resolves migrationsDir from languageOptions and rejects unknown or mistyped options", async (t) => {
            const workspace = copyWorkspace(t);
            const previous = process.cwd();
            process.chdir(workspace);
            t.after(() => process.chdir(previous));
            const configured = new ESLint({
                cwd: workspace,
                overrideConfig: [PROBE_CONFIG, { files: ["**/*.sql"], languageOptions: { migrationsDir: WEB_MIGRATIONS, exposedSchemas: ["public", "api"] } }],
            });
            const [result] = await configured.lintFiles([TAGS]);
            assert.equal(probedHistory(result).path, TAGS);
            assert.equal(probedHistory(result).history.length, 6);

            await assert.rejects(
                new ESLint({ cwd: workspace, overrideConfig: { files: ["**/*.sql"], languageOptions: { exposedSchemas: "public" } } }).lintFiles([TAGS]),
                /exposedSchemas/u,
            );
            await assert.rejects(
                new ESLint({ cwd: workspace, overrideConfig: { files: ["**/*.sql"], languageOptions: { exposedSchema: ["public"] } } }).lintFiles([TAGS]),
                /unknown key `exposedSchema`/u,
            );
        });

        it(
            "sees row-level security enabled in a later migration (rls-enabled)",
            { skip: !("rls-enabled" in plugin.rules) && "the engine has no rls-enabled rule yet" },
            async (t) => {
                const workspace = copyWorkspace(t);
                const rule = "supalint/rls-enabled";
                const [withLater] = await new ESLint({ cwd: workspace }).lintFiles([POSTS]);
                assert.deepEqual(messagesOf(withLater, [rule]), []);
                rmSync(path.join(workspace, POSTS_RLS));
                const [alone] = await new ESLint({ cwd: workspace }).lintFiles([POSTS]);
                assert.equal(messagesOf(alone, [rule]).filter((message) => message.ruleId === rule).length, 1);
            },
        );

        it(
            "sees a duplicate version in a sibling migration (unique-migration-version)",
            { skip: !("unique-migration-version" in plugin.rules) && "the engine has no unique-migration-version rule yet" },
            async (t) => {
                const workspace = copyWorkspace(t);
                const rule = "supalint/unique-migration-version";
                const [before] = await new ESLint({ cwd: workspace }).lintFiles([POSTS]);
                assert.deepEqual(messagesOf(before, [rule]), []);
                writeFileSync(path.join(workspace, WEB_MIGRATIONS, "20240105120000_create_comments.sql"), "-- Migration: comments\n");
                const [after] = await new ESLint({ cwd: workspace }).lintFiles([POSTS]);
                assert.equal(messagesOf(after, [rule]).filter((message) => message.ruleId === rule).length, 1);
            },
        );

        it("eslint --fix writes the fixes and removes the unused directive", (t) => {
            const workspace = copyWorkspace(t);
            const run = runEslint(eslint, ["--fix", "--format", "json", "apps"], workspace);
            const results = jsonOutput(run);
            assert.equal(run.status, 1, run.stderr);
            assert.equal(
                read(workspace, TAGS),
                read(WORKSPACE_FIXTURE, TAGS).replace("create table public.tags", "create table if not exists public.tags"),
            );
            assert.equal(
                read(workspace, SCHEMAS),
                read(WORKSPACE_FIXTURE, SCHEMAS)
                    .replace("create schema staging;", "create schema if not exists staging;")
                    .replace("-- eslint-disable-next-line supalint/require-if-not-exists\nselect 1;", " \nselect 1;"),
            );
            assert.equal(read(workspace, PRIVATE), read(WORKSPACE_FIXTURE, PRIVATE).replace("create schema private", "create schema if not exists private"));
            assert.equal(read(workspace, BROKEN), read(WORKSPACE_FIXTURE, BROKEN));
            assert.deepEqual(messagesOf(resultFor(results, workspace, TAGS), [RULE]), []);
            assert.equal(resultFor(results, workspace, BROKEN).fatalErrorCount, 1);

            const again = runEslint(eslint, ["--format", "json", "apps"], workspace);
            const remaining = jsonOutput(again).flatMap((result) => messagesOf(result, [RULE]));
            assert.deepEqual(
                remaining.map((message) => message.fatal === true),
                [true],
                JSON.stringify(remaining),
            );
        });

        it("eslint --cache reuses results and re-lints a changed file", (t) => {
            const workspace = copyWorkspace(t);
            const cache = path.join(workspace, ".eslintcache");
            const args = ["--cache", "--cache-location", cache, "--format", "json", "apps"];
            const first = runEslint(eslint, args, workspace);
            assert.equal(first.status, 1, first.stderr);
            const cached = readFileSync(cache, "utf8");
            assert.ok(cached.includes("20240102120000_create_tags.sql"), "the cache names the migrations");

            const second = runEslint(eslint, args, workspace);
            assert.deepEqual(jsonOutput(second), jsonOutput(first));

            const tags = path.join(workspace, TAGS);
            writeFileSync(tags, read(workspace, TAGS).replace("create table public.tags", "create table if not exists public.tags"));
            const later = new Date(statSync(tags).mtimeMs + 5_000);
            utimesSync(tags, later, later);
            const third = runEslint(eslint, args, workspace);
            assert.deepEqual(messagesOf(resultFor(jsonOutput(third), workspace, TAGS), [RULE]), []);
            assert.equal(messagesOf(resultFor(jsonOutput(third), workspace, SCHEMAS), [RULE]).length, 2);
        });

        it("prints the stylish format", (t) => {
            const workspace = copyWorkspace(t);
            const run = runEslint(eslint, [API_MIGRATIONS, TAGS, BROKEN], workspace);
            assert.equal(run.status, 1, run.stderr);
            const lines = run.stdout.split("\n");
            const expectLine = (/** @type {string} */ file, /** @type {RegExp} */ pattern) => {
                const at = lines.indexOf(path.join(workspace, file));
                assert.ok(at !== -1, `no heading for ${file} in:\n${run.stdout}`);
                assert.match(lines.slice(at + 1).join("\n"), pattern);
            };
            expectLine(PRIVATE, /^ {2}4:15 {2}warning {2}Schema `private` is created without `IF NOT EXISTS`, so a rerun fails {2}supalint\/require-if-not-exists$/mu);
            expectLine(TAGS, /^ {2}4:14 {2}error {2}Table `public\.tags` is created without `IF NOT EXISTS`.* {2}supalint\/require-if-not-exists$/mu);
            expectLine(BROKEN, /^ {2}3:41 {2}error {2}Parsing error: This string literal is never closed/mu);
            assert.match(run.stdout, /potentially fixable with the `--fix` option/u);
        });

        it("prints the json format with ESLint's result shape", (t) => {
            const workspace = copyWorkspace(t);
            const run = runEslint(eslint, ["--format", "json", PRIVATE], workspace);
            const [result] = jsonOutput(run);
            assert.equal(run.status, 0, run.stderr);
            assert.equal(result.filePath, path.join(workspace, PRIVATE));
            const [message] = messagesOf(result, [RULE]);
            assert.deepEqual(message, {
                ruleId: RULE,
                severity: 1,
                message: "Schema `private` is created without `IF NOT EXISTS`, so a rerun fails.",
                messageId: "missingIfNotExists",
                line: 4,
                column: 15,
                endLine: 4,
                endColumn: 22,
                ...(eslint.major === 9 ? { nodeType: null } : {}),
                fix: { range: [read(workspace, PRIVATE).indexOf(" private;"), read(workspace, PRIVATE).indexOf(" private;")], text: " if not exists" },
            });
            assert.ok(result.warningCount >= 1 && result.fixableWarningCount >= 1);
            assert.equal(typeof result.source, "string");
        });
    });
}

describe("the workspace fixture", () => {
    it("keeps its migrations as the tests expect them", () => {
        assert.match(read(WORKSPACE_FIXTURE, TAGS).split("\n")[3], /^create table public\.tags \($/u);
        assert.equal(read(WORKSPACE_FIXTURE, SCHEMAS).split("\n")[9], "create schema staging;");
        assert.equal(read(WORKSPACE_FIXTURE, BROKEN).split("\n")[2].indexOf("'") + 1, 41);
    });
});
