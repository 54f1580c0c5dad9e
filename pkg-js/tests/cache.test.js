/**
 * @file `--cache` / `--cache-location`: a warm run prints exactly what a
 * cold run prints, after every kind of edit (content, added, deleted and
 * renamed files, a history file that is not reported, the configuration,
 * command-line options, time), and a corrupt cache is ignored and rewritten.
 *
 * To prove a warm run really used the cache (or really did not), the tests
 * poison it: every stored result gets a made-up message. An unchanged run
 * must show the poison; a run after an edit must not.
 */

import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { formatVersion } from "../src/cli/commands/new.js";
import { commitAll, git, makeRepo } from "./git-helpers.js";
import { BROKEN_SQL, CLEAN_SQL, runCli } from "./helpers.js";

const MIGRATIONS = "supabase/migrations";
const CACHE = ".supalintcache";

/** The made-up message a poisoned cache adds to every result. */
const POISON = "poisoned cache entry";

/**
 * A repository with a configuration, two clean and one broken migration.
 * @param {import("node:test").TestContext} t
 * @returns {string}
 */
function repo(t) {
    return makeRepo(t, {
        "supalint.config.json": JSON.stringify({ extends: "recommended" }, null, 2),
        ".gitignore": `${CACHE}\n`,
        [`${MIGRATIONS}/20240101000000_create_notes.sql`]: CLEAN_SQL,
        [`${MIGRATIONS}/20240102000000_create_tags.sql`]: BROKEN_SQL,
        [`${MIGRATIONS}/20240103000000_create_labels.sql`]: `${BROKEN_SQL.replaceAll("tags", "labels")}-- supalint-disable-next-line require-if-not-exists\ncreate table public.spare (id bigint primary key);\n`,
    });
}

/**
 * Adds the made-up message to every stored result.
 * @param {string} file
 * @returns {void}
 */
function poison(file) {
    const data = JSON.parse(readFileSync(file, "utf8"));
    for (const entry of data.entries) {
        for (const result of entry.report.results) {
            result.messages.push({ ruleId: "poison", severity: 1, message: POISON, messageId: "poison", line: 1, column: 1, endLine: 1, endColumn: 1 });
            result.warningCount += 1;
        }
    }
    writeFileSync(file, JSON.stringify(data));
}

/**
 * Runs cold (no cache) and warm (with the cache), and checks they print the
 * same bytes and exit alike.
 * @param {string} dir
 * @param {string[]} args
 * @param {string[]} [cacheArgs]
 * @returns {void}
 */
function sameAsCold(dir, args, cacheArgs = ["--cache"]) {
    const cold = runCli(["--format", "json", ...args], { cwd: dir });
    const warm = runCli(["--format", "json", ...cacheArgs, ...args], { cwd: dir });
    assert.equal(warm.stderr, cold.stderr);
    assert.equal(warm.status, cold.status);
    assert.equal(warm.stdout, cold.stdout, "warm output is byte-identical to cold output");
    assert.ok(!warm.stdout.includes(POISON), "the edit invalidated the stored run");
}

/**
 * Runs with the cache and expects the poisoned results: the stored run was used.
 * @param {string} dir
 * @param {string[]} [args]
 * @returns {void}
 */
function expectHit(dir, args = []) {
    const warm = runCli(["--format", "json", "--cache", ...args], { cwd: dir });
    assert.ok(warm.stdout.includes(POISON), "an unchanged run uses the stored results");
}

/**
 * @param {string} dir
 * @param {string} name
 * @returns {string}
 */
function migration(dir, name) {
    return path.join(dir, MIGRATIONS, name);
}

describe("a warm run is byte-identical to a cold run after every kind of edit", () => {
    /** @type {[string, (dir: string) => void, string[]?][]} */
    const edits = [
        ["a reported file's content", (dir) => writeFileSync(migration(dir, "20240101000000_create_notes.sql"), BROKEN_SQL.replaceAll("tags", "notes"))],
        ["a file added", (dir) => writeFileSync(migration(dir, "20240104000000_create_docs.sql"), BROKEN_SQL.replaceAll("tags", "docs"))],
        ["a file deleted", (dir) => rmSync(migration(dir, "20240102000000_create_tags.sql"))],
        [
            "a file renamed",
            (dir) => renameSync(migration(dir, "20240102000000_create_tags.sql"), migration(dir, "20240102000000_create_tag_table.sql")),
        ],
        [
            "a history file that is not reported",
            (dir) => writeFileSync(migration(dir, "20240102000000_create_tags.sql"), CLEAN_SQL.replaceAll("notes", "tags")),
            [`${MIGRATIONS}/20240101000000_create_notes.sql`],
        ],
        [
            "the configuration",
            (dir) => writeFileSync(path.join(dir, "supalint.config.json"), JSON.stringify({ extends: "recommended", rules: { "require-if-not-exists": "warn" } })),
        ],
        ["supabase/config.toml (the exposed schemas)", (dir) => writeFileSync(path.join(dir, "supabase/config.toml"), '[api]\nschemas = ["api"]\n')],
        ["a --rule option", () => {}, ["--rule", "require-if-not-exists:off"]],
        ["--report-unused-disable-directives", () => {}, ["--report-unused-disable-directives"]],
        ["--no-inline-config", () => {}, ["--no-inline-config"]],
        ["--fix-dry-run", () => {}, ["--fix-dry-run"]],
    ];
    for (const [name, edit, args = []] of edits) {
        it(name, (t) => {
            const dir = repo(t);
            sameAsCold(dir, []);
            poison(path.join(dir, CACHE));
            expectHit(dir);
            edit(dir);
            sameAsCold(dir, args);
        });
    }

    it("touching a file without changing it keeps the cache", (t) => {
        const dir = repo(t);
        sameAsCold(dir, []);
        poison(path.join(dir, CACHE));
        const later = new Date(Date.now() + 60_000);
        utimesSync(migration(dir, "20240101000000_create_notes.sql"), later, later);
        expectHit(dir);
    });

    it("each option set keeps its own stored run; the output format needs none", (t) => {
        const dir = repo(t);
        sameAsCold(dir, []);
        sameAsCold(dir, ["--rule", "require-if-not-exists:warn"]);
        poison(path.join(dir, CACHE));
        expectHit(dir);
        expectHit(dir, ["--rule", "require-if-not-exists:warn"]);
        const compact = runCli(["--cache", "--format", "compact"], { cwd: dir });
        assert.ok(compact.stdout.includes(POISON), "formats are applied to the stored results");
    });

    it("with --since", (t) => {
        const dir = repo(t);
        git(dir, "checkout", "-q", "-b", "feature");
        writeFileSync(migration(dir, "20240104000000_create_docs.sql"), BROKEN_SQL.replaceAll("tags", "docs"));
        sameAsCold(dir, ["--since", "main"]);
        poison(path.join(dir, CACHE));
        expectHit(dir, ["--since", "main"]);
        commitAll(dir, "docs");
        // Committed on the branch now, the file still differs from main: same report.
        expectHit(dir, ["--since", "main"]);
        writeFileSync(migration(dir, "20240101000000_create_notes.sql"), `${CLEAN_SQL}-- edited\n`);
        sameAsCold(dir, ["--since", "main"]);
    });

    it("time: a stored run is not reused once a migration version may have crossed from future to present", (t) => {
        const dir = repo(t);
        const soon = formatVersion(new Date(Date.now() + 12 * 60 * 60 * 1000));
        writeFileSync(migration(dir, `${soon}_create_soon.sql`), CLEAN_SQL.replaceAll("notes", "soon"));
        sameAsCold(dir, []);
        poison(path.join(dir, CACHE));
        expectHit(dir);
        const file = path.join(dir, CACHE);
        const data = JSON.parse(readFileSync(file, "utf8"));
        data.entries[0].createdAt = new Date(Date.now() - 3 * 24 * 60 * 60 * 1000).toISOString();
        writeFileSync(file, JSON.stringify(data));
        sameAsCold(dir, []);
    });
});

describe("the cache file", () => {
    it("is .supalintcache in the working folder by default", (t) => {
        const dir = repo(t);
        runCli(["--cache"], { cwd: dir });
        assert.equal(JSON.parse(readFileSync(path.join(dir, CACHE), "utf8")).format, 1);
    });

    it("--cache-location names a file, or a folder to put .supalintcache in", (t) => {
        const dir = repo(t);
        sameAsCold(dir, [], ["--cache", "--cache-location", "tmp/lint.cache"]);
        assert.ok(existsSync(path.join(dir, "tmp/lint.cache")));
        mkdirSync(path.join(dir, "cache-dir"));
        sameAsCold(dir, [], ["--cache", "--cache-location", "cache-dir"]);
        sameAsCold(dir, [], ["--cache", "--cache-location", "new-dir/"]);
        assert.ok(existsSync(path.join(dir, "cache-dir", CACHE)));
        assert.ok(existsSync(path.join(dir, "new-dir", CACHE)));
        assert.ok(!existsSync(path.join(dir, CACHE)));
    });

    for (const [name, content] of /** @type {const} */ ([
        ["garbage", "\u0000\u0001 not json"],
        ["truncated JSON", '{"format":1,"entries":[{"key":'],
        ["another format", JSON.stringify({ format: 999, entries: [] })],
        ["entries of the wrong shape", JSON.stringify({ format: 1, entries: [{ key: 1 }] })],
        ["an empty file", ""],
    ])) {
        it(`when corrupt (${name}), is ignored and rewritten`, (t) => {
            const dir = repo(t);
            writeFileSync(path.join(dir, CACHE), content);
            sameAsCold(dir, []);
            const rewritten = JSON.parse(readFileSync(path.join(dir, CACHE), "utf8"));
            assert.equal(rewritten.format, 1);
            assert.equal(rewritten.entries.length, 1);
        });
    }

    it("that cannot be written costs a warning, not the results", (t) => {
        const dir = repo(t);
        writeFileSync(path.join(dir, "blocker"), "");
        const cold = runCli(["--format", "json"], { cwd: dir });
        const warm = runCli(["--format", "json", "--cache", "--cache-location", "blocker/cache"], { cwd: dir });
        assert.equal(warm.stdout, cold.stdout);
        assert.equal(warm.status, cold.status);
        assert.match(warm.stderr, /^supalint: cannot write the cache .*blocker\/cache: /u);
    });

    it("--cache-location without --cache is a usage error", (t) => {
        const run = runCli(["--cache-location", "x"], { cwd: repo(t) });
        assert.equal(run.status, 2);
        assert.match(run.stderr, /--cache-location only applies with --cache/u);
    });

    it("--fix with --cache writes the fixes, then lints them afresh", (t) => {
        const dir = repo(t);
        const fixed = runCli(["--fix", "--cache"], { cwd: dir });
        assert.equal(fixed.status, 0, fixed.stdout);
        assert.match(readFileSync(migration(dir, "20240102000000_create_tags.sql"), "utf8"), /create table if not exists public\.tags/u);
        sameAsCold(dir, []);
    });
});

describe("a forged cache", () => {
    /**
     * Rewrites every stored run with `forge`.
     * @param {string} dir
     * @param {(results: Record<string, unknown>[]) => void} forge
     * @returns {void}
     */
    function forgeCache(dir, forge) {
        const file = path.join(dir, CACHE);
        const data = JSON.parse(readFileSync(file, "utf8"));
        for (const entry of data.entries) {
            forge(entry.report.results);
        }
        writeFileSync(file, JSON.stringify(data));
    }

    it("never makes --fix write a path or a text that came from the cache", (t) => {
        const dir = repo(t);
        runCli(["--fix", "--cache"], { cwd: dir });
        // Settled: the next --fix run has the same files, hence the same key (were fix runs
        // stored, this run's entry is the one a forger would edit).
        runCli(["--fix", "--cache"], { cwd: dir });
        runCli(["--cache"], { cwd: dir });
        const tags = migration(dir, "20240102000000_create_tags.sql");
        const settled = readFileSync(tags, "utf8");
        const victim = path.join(path.dirname(dir), `${path.basename(dir)}-victim.txt`);
        writeFileSync(victim, "mine\n");
        t.after(() => rmSync(victim, { force: true }));
        forgeCache(dir, (results) => {
            for (const result of results) {
                result.output = "drop table public.tags;\n";
            }
            results.push({ filePath: `../${path.basename(victim)}`, messages: [], errorCount: 0, warningCount: 0, fixableErrorCount: 0, fixableWarningCount: 0, output: "owned\n" });
        });
        runCli(["--fix", "--cache"], { cwd: dir });
        assert.equal(readFileSync(victim, "utf8"), "mine\n", "a path from the cache was written");
        assert.equal(readFileSync(tags, "utf8"), settled, "a text from the cache was written");
    });

    it("is not used when its results name other files than the run's", (t) => {
        const dir = repo(t);
        sameAsCold(dir, []);
        poison(path.join(dir, CACHE));
        forgeCache(dir, (results) => {
            results[0].filePath = "../elsewhere.sql";
        });
        sameAsCold(dir, []);
        poison(path.join(dir, CACHE));
        forgeCache(dir, (results) => {
            results.push({ ...results[0] });
        });
        sameAsCold(dir, []);
        poison(path.join(dir, CACHE));
        forgeCache(dir, (results) => {
            results[0].output = "drop table public.tags;\n";
        });
        sameAsCold(dir, []);
    });
});
