/**
 * @file Input that must never crash, trap or hang (issue 2, "Bad input"):
 * each bad file gets a diagnostic at an exact position, and the other files
 * are still linted. Paths that are not regular files (FIFOs, devices) are
 * refused with a message, never read (issue 20, item 11); a folder that
 * cannot be read gets a diagnostic and the rest is linted (item 13).
 */

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { MAX_SOURCE_BYTES } from "../src/files/read-source.js";
import { lintFiles, lintText } from "../src/index.js";
import { BROKEN_SQL, CLEAN_SQL, CLI, GOOD_NAME, jsonResults, makeProject, runCli } from "./helpers.js";

const DIR = "supabase/migrations";

const PNG_HEADER = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0xff, 0xd8]);
const LATIN1 = Buffer.from("-- Migration: caf\u00e9 menu\ncreate table if not exists public.menu (id bigint);\n", "latin1");
const DDL_LINE = "create table if not exists public.events (id bigint primary key, body text not null);\n";
/** 10 MB of idempotent DDL that is otherwise a clean migration, so any error in it is a finding the size caused. */
const HUGE_SQL = `-- Migration: a 10 MB file of idempotent DDL
${DDL_LINE.repeat(Math.ceil((10 * 1024 * 1024) / DDL_LINE.length))}alter table public.events enable row level security;
revoke all on public.events from anon, authenticated, service_role;
grant select on public.events to authenticated;
`;

/** @type {Record<string, string | Uint8Array>} */
const FILES = {
    [`${DIR}/20240101000001_binary.sql`]: PNG_HEADER,
    [`${DIR}/20240101000002_latin1.sql`]: LATIN1,
    [`${DIR}/20240101000003_nul_text.sql`]: "select 1;\u0000\u0000 more text\n",
    [`${DIR}/20240101000004_empty.sql`]: "",
    [`${DIR}/20240101000005_huge.sql`]: HUGE_SQL,
    [`${DIR}/20240101000006_nested.sql`]: `select ${"(".repeat(10_000)}1${")".repeat(10_000)};\n`,
    [`${DIR}/20240101000007_unterminated_quote.sql`]: "-- Migration: x\nselect 'never closed;\ncreate table public.after (id bigint);\n",
    [`${DIR}/20240101000008_unterminated_comment.sql`]: "-- Migration: x\nselect 1; /* never closed\n",
    [`${DIR}/20240101000009_unterminated_dollar.sql`]: "-- Migration: x\ndo $body$ begin perform 1; end\n",
    [`${DIR}/20240101000010_crlf_bom.sql`]: `\uFEFF${BROKEN_SQL.replaceAll("\n", "\r\n")}`,
    [`${DIR}/20240101000011_clean.sql`]: CLEAN_SQL,
    [`${DIR}/20240101000012_broken.sql`]: BROKEN_SQL,
};

/**
 * @param {import("../src/api.js").LintResult[]} results
 * @param {string} name
 * @returns {import("../src/api.js").LintResult}
 */
function resultFor(results, name) {
    const result = results.find((r) => path.basename(r.filePath) === name);
    assert.ok(result, `${name} is reported`);
    return result;
}

describe("bad input", { timeout: 120_000 }, () => {
    it("reports every file, bad ones with a diagnostic at an exact position", (t) => {
        const dir = makeProject(t, FILES);
        const started = Date.now();
        const { results } = lintFiles([], { cwd: dir });
        t.diagnostic(`linted ${results.length} files (one of 10 MB) in ${Date.now() - started} ms`);
        assert.equal(results.length, Object.keys(FILES).length);

        const binary = resultFor(results, "20240101000001_binary.sql");
        assert.deepEqual(
            binary.messages.map((m) => [m.ruleId, m.messageId, m.line, m.column]),
            [["parse-error", "binary", 1, 1]],
        );

        const latin1 = resultFor(results, "20240101000002_latin1.sql");
        assert.deepEqual(latin1.messages.map((m) => [m.ruleId, m.messageId, m.line, m.column]), [["parse-error", "notUtf8", 1, 18]]);
        assert.match(latin1.messages[0].message, /not UTF-8 text: byte 0xE9/u);

        const nulText = resultFor(results, "20240101000003_nul_text.sql");
        assert.deepEqual(nulText.messages.map((m) => [m.ruleId, m.messageId]), [["parse-error", "binary"]]);

        resultFor(results, "20240101000004_empty.sql");
        assert.equal(resultFor(results, "20240101000005_huge.sql").errorCount, 0);
        resultFor(results, "20240101000006_nested.sql");

        const quote = resultFor(results, "20240101000007_unterminated_quote.sql");
        const quoteError = quote.messages.find((m) => m.ruleId === "parse-error");
        assert.deepEqual([quoteError?.messageId, quoteError?.line, quoteError?.column], ["unterminatedString", 2, 8]);

        const comment = resultFor(results, "20240101000008_unterminated_comment.sql");
        assert.ok(comment.messages.some((m) => m.ruleId === "parse-error" && m.line === 2 && m.column === 11), JSON.stringify(comment.messages));

        const dollar = resultFor(results, "20240101000009_unterminated_dollar.sql");
        assert.ok(dollar.messages.some((m) => m.ruleId === "parse-error" && m.line === 2 && m.column === 4), JSON.stringify(dollar.messages));

        // CRLF and a BOM: positions as an editor shows them (the BOM is not a column).
        const crlf = resultFor(results, "20240101000010_crlf_bom.sql");
        const ifNotExists = crlf.messages.find((m) => m.ruleId === "require-if-not-exists");
        assert.deepEqual([ifNotExists?.line, ifNotExists?.column], [4, 14]);

        assert.equal(resultFor(results, "20240101000011_clean.sql").messages.length, 0);
        assert.equal(resultFor(results, "20240101000012_broken.sql").errorCount, 1);
    });

    it("keeps the CLI's exit code and output intact around bad files", (t) => {
        const dir = makeProject(t, {
            [`${DIR}/20240101000001_binary.sql`]: PNG_HEADER,
            [`${DIR}/20240101000002_latin1.sql`]: LATIN1,
            [`${DIR}/20240101000011_clean.sql`]: CLEAN_SQL,
        });
        const run = runCli(["-f", "json"], { cwd: dir });
        assert.equal(run.status, 1, run.stderr);
        const results = jsonResults(run);
        assert.equal(results.length, 3);
        assert.equal(resultFor(results, "20240101000011_clean.sql").messages.length, 0);
        const stdin = runCli(["--stdin", "--stdin-filename", `${DIR}/20240101000003_x.sql`, "-f", "json"], { cwd: dir, input: LATIN1 });
        assert.equal(jsonResults(stdin)[0].messages[0].messageId, "notUtf8");
    });
});

/**
 * Makes a FIFO (named pipe), or skips the test where there is no `mkfifo`.
 * @param {import("node:test").TestContext} t
 * @param {string} file
 * @returns {boolean} whether it was made
 */
function makeFifo(t, file) {
    const made = spawnSync("mkfifo", [file]);
    if (made.error !== undefined || made.status !== 0) {
        t.skip("no mkfifo here");
        return false;
    }
    return true;
}

describe("paths that are not regular files", { timeout: 120_000 }, () => {
    it("refuses a FIFO or a device as the configuration, the buckets file or config.toml, naming it", (t) => {
        const dir = makeProject(t, { "package.json": "{}", [`${DIR}/${GOOD_NAME}`]: CLEAN_SQL });
        if (!makeFifo(t, path.join(dir, "pipe.json"))) {
            return;
        }
        const cases = [
            [["-c", "pipe.json"], /Invalid supalint configuration \(.*pipe\.json\):\n {2}cannot read it: it is a FIFO \(named pipe\), not a regular file\./u],
            [["-c", "/dev/zero"], /cannot read it: it is a character device, not a regular file\./u],
        ];
        for (const bucketsFile of ["/dev/zero", "/dev/urandom", "pipe.json"]) {
            writeFileSync(path.join(dir, `buckets-${path.basename(bucketsFile)}.json`), JSON.stringify({ storageBucketsFile: bucketsFile }));
            cases.push([["-c", `buckets-${path.basename(bucketsFile)}.json`], /`storageBucketsFile`: cannot read .*: it is a (character device|FIFO \(named pipe\)), not a regular file\./u]);
        }
        for (const [args, pattern] of cases) {
            const run = runCli(/** @type {string[]} */ (args), { cwd: dir });
            assert.equal(run.status, 2, `${args.join(" ")}: ${run.stderr}`);
            assert.match(run.stderr, /** @type {RegExp} */ (pattern));
        }
        const looked = makeProject(t, { "package.json": "{}", [`${DIR}/${GOOD_NAME}`]: CLEAN_SQL });
        if (!makeFifo(t, path.join(looked, "supalint.config.json")) || !makeFifo(t, path.join(looked, "supabase", "config.toml"))) {
            return;
        }
        const found = runCli([], { cwd: looked });
        assert.equal(found.status, 2, found.stderr);
        assert.match(found.stderr, /supalint\.config\.json\):\n {2}cannot read it: it is a FIFO/u);
        rmSync(path.join(looked, "supalint.config.json"));
        const toml = runCli([], { cwd: looked });
        assert.equal(toml.status, 2, toml.stderr);
        assert.match(toml.stderr, /`exposedSchemas`: cannot read its default from .*config\.toml: it is a FIFO/u);
    });

    it("lints the other files when a path on the command line is a FIFO or a device", (t) => {
        const dir = makeProject(t, { "package.json": "{}", [`${DIR}/${GOOD_NAME}`]: CLEAN_SQL });
        const fifo = path.join(dir, DIR, "20240101000009_pipe.sql");
        if (!makeFifo(t, fifo)) {
            return;
        }
        const run = runCli(["--format", "json", `${DIR}/${GOOD_NAME}`, fifo, "/dev/zero"], { cwd: dir });
        assert.equal(run.status, 1, run.stderr);
        const byName = Object.fromEntries(jsonResults(run).map((result) => [path.basename(result.filePath), result.messages.map((m) => `${m.messageId}: ${m.message}`)]));
        assert.ok(byName[GOOD_NAME].every((message) => !/^(notRegular|unreadable):/u.test(message)), "the regular file is linted");
        assert.deepEqual(byName["20240101000009_pipe.sql"], [
            `notRegular: File \`${DIR}/20240101000009_pipe.sql\` is not linted: it is a FIFO (named pipe), not a regular file.`,
        ]);
        assert.match(byName.zero[0], /^notRegular: File `.*zero` is not linted: it is a character device, not a regular file\.$/u);
    });

    it("does not read a migration larger than the engine analyses, and says so in the engine's words", (t) => {
        const big = "select 1;\n".repeat(Math.ceil((MAX_SOURCE_BYTES + 1) / 10));
        const dir = makeProject(t, { "package.json": "{}", [`${DIR}/20240101000001_big.sql`]: big });
        const [result] = lintFiles([], { cwd: dir }).results;
        const engineSays = lintText(big, { cwd: dir, filePath: `${DIR}/20240101000001_big.sql` }).results[0].messages;
        assert.deepEqual(
            result.messages.map(({ ruleId, messageId, message }) => ({ ruleId, messageId, message })),
            engineSays.map(({ ruleId, messageId, message }) => ({ ruleId, messageId, message })),
        );
        assert.equal(engineSays[0].messageId, "tooLarge");
        // The limit is the engine's: one byte less is linted.
        const fits = lintText("-".repeat(MAX_SOURCE_BYTES), { cwd: dir, filePath: `${DIR}/20240101000001_big.sql` }).results[0].messages;
        assert.ok(fits.every((message) => message.messageId !== "tooLarge"));
    });
});

describe("folders that cannot be read", { timeout: 120_000 }, () => {
    it("names an unreadable subfolder in a diagnostic and lints the rest", (t) => {
        const dir = makeProject(t, {
            "package.json": "{}",
            [`${DIR}/${GOOD_NAME}`]: CLEAN_SQL,
            [`${DIR}/private/20240101000002_hidden.sql`]: BROKEN_SQL,
        });
        // Root reads any folder: the CLI then runs as an unprivileged account, as a user would.
        const nobody = typeof process.getuid === "function" && process.getuid() === 0 ? { uid: 65534, gid: 65534 } : {};
        if (nobody.uid !== undefined && spawnSync(process.execPath, [CLI, "--version"], { ...nobody }).status !== 0) {
            t.skip("the unprivileged account cannot run this checkout");
            return;
        }
        chmodSync(dir, 0o755);
        chmodSync(path.join(dir, DIR, "private"), 0o000);
        let run;
        try {
            run = spawnSync(process.execPath, [CLI, "--format", "json"], { cwd: dir, encoding: "utf8", timeout: 60_000, ...nobody });
        } finally {
            chmodSync(path.join(dir, DIR, "private"), 0o755);
        }
        assert.equal(run.status, 1, run.stderr);
        assert.doesNotMatch(run.stderr, /internal error/u);
        const results = jsonResults(run);
        const byPath = Object.fromEntries(results.map((result) => [path.relative(dir, result.filePath), result.messages.map((m) => `${m.ruleId} ${m.messageId}: ${m.message}`)]));
        assert.ok(byPath[`${DIR}/${GOOD_NAME}`]?.every((message) => !message.includes("cannot be read")), "the readable migration is linted");
        assert.deepEqual(byPath[`${DIR}/private`], [
            `parse-error unreadableFolder: Folder \`${DIR}/private\` cannot be read (permission denied), so the migrations in it are not linted.`,
        ]);
    });

    it("lints a migrationsDir at /proc without an internal error", (t) => {
        const dir = makeProject(t, { "supalint.config.json": JSON.stringify({ migrationsDir: "/proc" }) });
        const run = runCli(["--format", "json"], { cwd: dir });
        assert.doesNotMatch(run.stderr, /internal error|\n\s+at /u);
        assert.notEqual(run.status, 2, run.stderr);
        for (const result of jsonResults(run)) {
            assert.deepEqual(result.messages.map((m) => m.messageId), ["unreadableFolder"], result.filePath);
            assert.match(result.messages[0].message, /^Folder `\/proc\/.*` cannot be read \(.*\), so the migrations in it are not linted\.$/u);
        }
    });
});
