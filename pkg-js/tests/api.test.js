/**
 * @file The Node API (SPEC §8) on the real engine: lintText, lintFiles (disk
 * and in-memory), fixText, rules, version, and arguments of the wrong type.
 */

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { accessMatrix, fixText, lintFiles, lintText, loadConfig, ready, rules, SupalintError, version } from "../src/index.js";
import { BROKEN_SQL, CLEAN_SQL, GOOD_NAME, PACKAGE_DIR, makeProject } from "./helpers.js";

const MIGRATION = `supabase/migrations/${GOOD_NAME}`;

describe("version and rules", () => {
    it("reports the crate version, which the npm package shares", async () => {
        await ready;
        const pkg = JSON.parse(readFileSync(path.join(PACKAGE_DIR, "package.json"), "utf8"));
        assert.equal(version, pkg.version);
    });

    it("lists every rule with the metadata the CLI, docs and SARIF read", () => {
        const list = rules();
        assert.ok(list.length >= 4);
        const ids = list.map((rule) => rule.id);
        assert.equal(new Set(ids).size, ids.length, "rule ids are unique");
        for (const rule of list) {
            assert.match(rule.id, /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/u);
            assert.ok(["naming", "idempotency", "access", "storage", "safety", "style", "engine"].includes(rule.category), rule.id);
            assert.ok(["error", "warn", "off"].includes(rule.severity), rule.id);
            assert.equal(typeof rule.summary, "string");
            assert.match(rule.docs, /## What it does/u, rule.id);
            assert.match(rule.docsUrl, /^https:\/\//u, rule.id);
            assert.equal(typeof rule.messages, "object");
        }
        assert.ok(ids.includes("require-if-not-exists"));
        assert.ok(ids.includes("parse-error"));
    });
});

describe("lintText", () => {
    it("returns ESLint-shaped results with positions, fix and source", () => {
        const { results, stats } = lintText(BROKEN_SQL, { filePath: MIGRATION, config: {} });
        assert.equal(results.length, 1);
        const [result] = results;
        assert.equal(result.filePath, path.resolve(MIGRATION));
        const [message] = result.messages.filter((m) => m.ruleId === "require-if-not-exists");
        assert.equal(message.severity, 2);
        assert.equal(message.messageId, "missingIfNotExists");
        assert.equal(message.line, 4);
        assert.equal(message.column, 14);
        assert.ok(message.fix, "the finding carries its fix");
        assert.equal(result.errorCount, result.messages.filter((m) => m.severity === 2).length);
        assert.ok(result.fixableErrorCount >= 1);
        assert.equal(result.source, BROKEN_SQL);
        assert.ok(stats && stats.statements >= 2);
        assert.ok(!("range" in message) && !("byteRange" in message), "engine-only fields stay behind");
        assert.equal(message.help, "Add `IF NOT EXISTS`.");
        assert.match(String(message.docsUrl), /docs\/rules\.md#require-if-not-exists$/u);
        assert.equal(rules().find((rule) => rule.id === "require-if-not-exists")?.messageHelp.missingIfNotExists, "Add `IF NOT EXISTS`.");
    });

    it("gives a clean migration no messages and no source", () => {
        const [result] = lintText(CLEAN_SQL, { filePath: MIGRATION, config: {} }).results;
        assert.deepEqual(result.messages, []);
        assert.equal(result.errorCount + result.warningCount, 0);
        assert.equal(result.source, undefined);
    });

    it("applies --rule style overrides and honours directives unless told not to", () => {
        const warned = lintText(BROKEN_SQL, { filePath: MIGRATION, config: {}, overrideConfig: { rules: { "require-if-not-exists": "warn" } } });
        assert.equal(warned.results[0].errorCount, 0);
        assert.equal(warned.results[0].warningCount, 1);
        const disabled = [
            "-- Migration: x",
            "-- supalint-disable-next-line require-if-not-exists",
            "create table public.t (id bigint);",
            "alter table public.t enable row level security;",
            "revoke all on public.t from anon, authenticated, service_role;",
            "grant select on public.t to authenticated;",
            "",
        ].join("\n");
        assert.equal(lintText(disabled, { filePath: MIGRATION, config: {} }).results[0].errorCount, 0);
        assert.equal(lintText(disabled, { filePath: MIGRATION, config: {}, inlineConfig: false }).results[0].errorCount, 1);
    });

    it("throws a `config` SupalintError naming each bad key", () => {
        assert.throws(
            () => lintText(CLEAN_SQL, { filePath: MIGRATION, config: { exposedSchema: ["public"], rules: { "no-such-rule": "error" } } }),
            (error) => {
                assert.ok(error instanceof SupalintError && error.kind === "config");
                const keys = error.problems.map((problem) => problem.key);
                assert.ok(keys.includes("exposedSchema"), JSON.stringify(error.problems));
                assert.ok(keys.some((key) => key.includes("no-such-rule")), JSON.stringify(error.problems));
                assert.match(error.message, /exposedSchema/u);
                return true;
            },
        );
    });
});

describe("fixText", () => {
    it("applies the safe fixes and is stable on a second run", () => {
        const first = fixText(BROKEN_SQL, { filePath: MIGRATION, config: {} });
        assert.equal(first.fixed, true);
        assert.match(first.output, /create table if not exists public\.tags/iu);
        assert.ok(!first.messages.some((m) => m.ruleId === "require-if-not-exists"));
        const second = fixText(first.output, { filePath: MIGRATION, config: {} });
        assert.equal(second.fixed, false);
        assert.equal(second.output, first.output);
    });
});

describe("lintFiles", () => {
    it("lints the migrations folder when given no paths, with absolute file paths", (t) => {
        const dir = makeProject(t, {
            [`supabase/migrations/${GOOD_NAME}`]: CLEAN_SQL,
            "supabase/migrations/20240102120000_create_tags.sql": BROKEN_SQL,
        });
        const { results } = lintFiles([], { cwd: dir });
        assert.deepEqual(
            results.map((result) => result.filePath),
            [path.join(dir, "supabase/migrations", GOOD_NAME), path.join(dir, "supabase/migrations/20240102120000_create_tags.sql")],
        );
        assert.equal(results[0].errorCount, 0);
        assert.equal(results[1].errorCount, 1);
    });

    it("reports only the requested files, files and globs alike", (t) => {
        const dir = makeProject(t, {
            "supabase/migrations/20240101120000_create_notes.sql": BROKEN_SQL,
            "supabase/migrations/20240102120000_create_tags.sql": BROKEN_SQL,
            "supabase/migrations/README.md": "not SQL",
        });
        const one = lintFiles(["supabase/migrations/20240102120000_create_tags.sql"], { cwd: dir });
        assert.deepEqual(one.results.map((r) => path.basename(r.filePath)), ["20240102120000_create_tags.sql"]);
        assert.equal(one.stats?.files, 2, "the other migration is still history");
        const globbed = lintFiles(["supabase/**/*_tags.*"], { cwd: dir });
        assert.deepEqual(globbed.results.map((r) => path.basename(r.filePath)), ["20240102120000_create_tags.sql"]);
        const folder = lintFiles(["supabase"], { cwd: dir });
        assert.equal(folder.results.length, 2, "folders give their .sql files only");
    });

    it("throws when a path or pattern matches nothing", (t) => {
        const dir = makeProject(t, { [`supabase/migrations/${GOOD_NAME}`]: CLEAN_SQL });
        assert.throws(() => lintFiles(["nope.sql", "x/**/*.sql"], { cwd: dir }), {
            name: "SupalintError",
            kind: "files",
            patterns: ["nope.sql", "x/**/*.sql"],
            message: 'No files matching the patterns "nope.sql", "x/**/*.sql" were found.',
        });
    });

    it("fixes in memory only: output in the result, the file untouched", (t) => {
        const dir = makeProject(t, { [`supabase/migrations/${GOOD_NAME}`]: BROKEN_SQL });
        const { results, stats } = lintFiles([], { cwd: dir, fix: true });
        assert.equal(stats, null);
        assert.match(results[0].output ?? "", /if not exists/iu);
        assert.equal(readFileSync(path.join(dir, "supabase/migrations", GOOD_NAME), "utf8"), BROKEN_SQL);
    });

    it("lints in-memory sources as one history, reporting reportPaths", (t) => {
        const dir = makeProject(t, {});
        const sources = [
            { path: MIGRATION, text: BROKEN_SQL },
            { path: "supabase/migrations/20240102120000_create_tags.sql", text: BROKEN_SQL },
        ];
        const { results } = lintFiles(sources, { cwd: dir, config: {}, reportPaths: [MIGRATION] });
        assert.deepEqual(results.map((r) => r.filePath), [path.join(dir, MIGRATION)]);
        assert.equal(results[0].errorCount, 1);
    });
});

it("without `now` the engine reads the host clock, so far-future versions are flagged", () => {
    const { results } = lintText("-- Future migration.\nselect 1;\n", {
        filePath: "supabase/migrations/29990101000000_future.sql",
    });
    assert.ok(
        results[0].messages.some((message) => message.ruleId === "no-future-timestamp"),
        JSON.stringify(results[0].messages),
    );
    const { results: today } = lintText("-- Old migration.\nselect 1;\n", {
        filePath: "supabase/migrations/20240101000000_old.sql",
    });
    assert.ok(today[0].messages.every((message) => message.ruleId !== "no-future-timestamp"));
});

describe("arguments of the wrong type", () => {
    it("are a TypeError naming the function and the argument, before any work", () => {
        const cases = [
            [() => lintText(/** @type {any} */ (42)), "supalint.lintText: `text` must be a string, not number 42."],
            [() => lintText("select 1;", /** @type {any} */ ("strict")), 'supalint.lintText: `options` must be an object, not the string "strict".'],
            [() => lintText("select 1;", /** @type {any} */ ({ cwd: 3 })), "supalint.lintText: `options.cwd` must be a string, not number 3."],
            [() => lintText("select 1;", /** @type {any} */ ({ history: [{ path: "a.sql" }] })), "supalint.lintText: `options.history[0].text` must be a string, not undefined."],
            [() => lintText("select 1;", /** @type {any} */ ({ now: "yesterday" })), 'supalint.lintText: `options.now` must be a Date or an ISO 8601 date string, not the string "yesterday".'],
            [() => lintText("select 1;", /** @type {any} */ ({ reportPaths: "a.sql" })), 'supalint.lintText: `options.reportPaths` must be an array of strings, not the string "a.sql".'],
            [() => fixText(/** @type {any} */ (null)), "supalint.fixText: `text` must be a string, not null."],
            [() => fixText("select 1;", /** @type {any} */ ({ fix: "yes" })), 'supalint.fixText: `options.fix` must be a boolean, not the string "yes".'],
            [() => lintFiles(/** @type {any} */ (7)), "supalint.lintFiles: `patterns` must be a path, an array of paths or an array of { path, text } sources, not number 7."],
            [() => lintFiles(/** @type {any} */ ([{ path: 1, text: "" }])), "supalint.lintFiles: `patterns[0].path` must be a string, not number 1."],
            [() => lintFiles([], /** @type {any} */ ({ onProgress: true })), "supalint.lintFiles: `options.onProgress` must be a function, not boolean true."],
            [() => loadConfig(/** @type {any} */ (5)), "supalint.loadConfig: `from` must be a path or a configuration object, not number 5."],
            [() => accessMatrix(/** @type {any} */ ({})), "supalint.accessMatrix: `patterns` must be a path, an array of paths or an array of { path, text } sources, not an object."],
        ];
        for (const [call, message] of cases) {
            assert.throws(/** @type {() => unknown} */ (call), (error) => error instanceof TypeError && error.message === message, String(message));
        }
    });
});
