/**
 * @file No output of the database commands shows a password: the redactor
 * on its own, then `verify` and `status` run against real PostgreSQL servers
 * with a known password written every way a connection can hold it
 * (userinfo, unencoded `@` and `:`, percent-encoded, `?password=`, no scheme,
 * a libpq `key=value` string, `PGPASSWORD`), on every output path: standard
 * output, standard error, each format (JSON included), a report file,
 * success and failure (wrong password, unknown host, refused connection, a
 * migration with an SQL error, a TLS failure).
 */

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, it, test } from "node:test";
import { reportFailure, withRedaction } from "../src/cli/commands/command-io.js";
import { createRedactor, redactUrl, secretsOf } from "../src/db/redact.js";
import { makeProject } from "./helpers.js";
import { postgresOrSkip, runCliAsync, sql, startCluster, startTcpCluster, TCP_PASSWORD } from "./postgres-helpers.js";

/** The password every URL below carries; no output may hold it or the part after its `@`. */
const PASSWORD = "Hunter2@Vault-Key";

/**
 * Fragments of the passwords that must not appear either (the unencoded `@` once cut one in
 * two); `TCP_PASSWORD` is the servers' own, `Hunter2@Vault:Key`.
 */
const FRAGMENTS = [PASSWORD, "Vault-Key", encodeURIComponent(PASSWORD), "Hunter2", "Vault:Key", "Vault%3AKey"];

/**
 * @param {string} text
 * @param {string} where
 * @returns {void}
 */
function assertNoPassword(text, where) {
    for (const fragment of FRAGMENTS) {
        assert.ok(!text.includes(fragment), `${where} shows "${fragment}":\n${text}`);
    }
}

describe("the redactor", () => {
    it("hides the password in an internal error's stack trace", () => {
        const url = `postgresql://u:${encodeURIComponent(PASSWORD)}@h/app`;
        let written = "";
        const stream = { write: (/** @type {string} */ chunk) => (written += chunk) };
        const io = withRedaction({ stdout: /** @type {any} */ (stream), stderr: /** @type {any} */ (stream), cwd: ".", env: {} }, createRedactor(url));
        const error = new Error(`cannot use ${PASSWORD}`);
        error.stack = `Error: cannot use ${url}\n    at connect (${PASSWORD}.js:1:1)`;
        assert.equal(reportFailure(error, io, { command: "status" }), 2);
        assert.match(written, /internal error, please report it:\nError: cannot use postgresql:\/\/u:\*\*\*@h\/app\n {4}at connect \(\*\*\*\.js:1:1\)/u);
        assertNoPassword(written, "the stack trace");
    });

    it("hides userinfo passwords, unencoded @ included, and password parameters", () => {
        assert.equal(redactUrl("postgresql://u:pw@db.example.com:5432/app"), "postgresql://u:***@db.example.com:5432/app");
        assert.equal(redactUrl(`postgresql://u:${PASSWORD}@db.example.com/app`), "postgresql://u:***@db.example.com/app");
        assert.equal(redactUrl("postgresql://u@h/app?sslmode=require&password=pw&x=1"), "postgresql://u@h/app?sslmode=require&password=***&x=1");
        assert.equal(redactUrl("postgresql://h/app?sslpassword=k"), "postgresql://h/app?sslpassword=***");
        assert.equal(redactUrl("postgresql://u@h:5432/app"), "postgresql://u@h:5432/app");
        assert.equal(redactUrl(`u:${PASSWORD}@h/app`), "u:***@h/app", "a value without a scheme");
        assert.equal(redactUrl("postgres://postgres:p@ss:w0rd@db.example.com/app"), "postgres://postgres:***@db.example.com/app", "`@` and `:` unencoded");
        assert.equal(redactUrl("postgresql://u@h/app?password=pw"), "postgresql://u@h/app?password=***");
    });

    it("hides passwords of libpq key=value strings, quoted or not, and PGPASSWORD", () => {
        assert.equal(redactUrl(`host=h user=u password=${PASSWORD} dbname=app`), "host=h user=u password=*** dbname=app");
        assert.equal(redactUrl("host=h password = 'a b\\'c' dbname=app"), "host=h password = *** dbname=app");
        const redact = createRedactor(undefined, { PGPASSWORD: PASSWORD });
        assertNoPassword(redact(`FATAL: password ${PASSWORD} / ${encodeURIComponent(PASSWORD)} rejected; sslpassword=x`), "PGPASSWORD");
        assert.equal(redact("at postgresql://u:***@h/app?password=***: refused"), "at postgresql://u:***@h/app?password=***: refused", "hidden once, punctuation kept");
    });

    it("hides the given URL's password anywhere in a text, as written, decoded or encoded", () => {
        const url = `postgresql://u:${encodeURIComponent(PASSWORD)}@h/app`;
        assert.deepEqual(secretsOf(url).sort(), [encodeURIComponent(PASSWORD), PASSWORD].sort());
        const redact = createRedactor(url);
        const text = `error: password "${PASSWORD}" rejected for ${url}; also mysql://a:b@c and ${encodeURIComponent(PASSWORD)}`;
        const out = redact(text);
        assertNoPassword(out, "the redacted text");
        assert.match(out, /mysql:\/\/a:\*\*\*@c/u);
    });
});

test("verify and status show no password on any output path", async (t) => {
    const bin = postgresOrSkip(t);
    if (bin === null) {
        return;
    }
    const cluster = await startCluster(t, bin);
    await sql(
        cluster,
        "postgres",
        `create schema supabase_migrations;
         create table supabase_migrations.schema_migrations (version text primary key, name text);
         insert into supabase_migrations.schema_migrations values ('20240101000001', 't');`,
    );
    const project = makeProject(t, { "supabase/migrations/20240101000001_t.sql": "create table if not exists public.t (id int);\n" });
    const socket = encodeURIComponent(cluster.socketDir);
    // Trust authentication: the server never asks for the password, so every form connects.
    const urls = {
        userinfo: `postgresql://postgres:${encodeURIComponent(PASSWORD)}@/postgres?host=${socket}`,
        unencodedAt: `postgresql://postgres:${PASSWORD}@/postgres?host=${socket}`,
        parameter: `postgresql://postgres@/postgres?host=${socket}&password=${encodeURIComponent(PASSWORD)}`,
        missingDatabase: `postgresql://postgres:${encodeURIComponent(PASSWORD)}@/no_such_db?host=${socket}`,
        noScheme: `postgres:${PASSWORD}@localhost:5432/postgres`,
        refused: `postgresql://postgres:${PASSWORD}@127.0.0.1:1/postgres`,
    };
    const report = path.join(project, "report.json");
    let runs = 0;
    for (const [form, url] of Object.entries(urls)) {
        for (const args of [
            ["verify", "--db-url", url, "--create-db"],
            ["verify", "--db-url", url, "--create-db", "--format", "json", "--output-file", report],
            ["status", "--db-url", url],
            ["status", `--db-url=${url}`, "--format", "json"],
            ["status", "--db-url", url, "--no-such-option"],
        ]) {
            const run = await runCliAsync(args, { cwd: project });
            runs += 1;
            const where = `${args.join(" ")} (${form})`;
            assertNoPassword(run.stdout, `${where}: standard output`);
            assertNoPassword(run.stderr, `${where}: standard error`);
            if (args.includes("--output-file")) {
                assertNoPassword(readFileSync(report, "utf8"), `${where}: the report file`);
            }
            if (form === "userinfo" && args[0] === "status" && args.length === 3) {
                assert.equal(run.status, 0, run.stderr);
                assert.match(run.stdout, /against postgresql:\/\/postgres:\*\*\*@\/postgres\?host=/u, "the database is still named");
            }
            if (form === "parameter" && args[0] === "verify" && args.length === 4) {
                assert.equal(run.status, 0, run.stderr);
                assert.match(run.stdout, /password=\*\*\*/u, "the summary names the database, password hidden");
            }
        }
    }
    assert.equal(runs, 30);
});

test("every output path of verify and status hides the password, with password authentication and TLS", { timeout: 240_000 }, async (t) => {
    const bin = postgresOrSkip(t);
    if (bin === null) {
        return;
    }
    // The server asks for TCP_PASSWORD on TCP; PASSWORD is a wrong one.
    const { cluster, port } = await startTcpCluster(t, bin, { tls: true });
    await sql(cluster, "postgres", "create schema supabase_migrations; create table supabase_migrations.schema_migrations (version text primary key, name text)");
    const good = encodeURIComponent(TCP_PASSWORD);
    const project = makeProject(t, {
        "supabase/migrations/20240101000001_t.sql": "create table if not exists public.t (id int);\n",
        "supabase/migrations/20240101000002_broken.sql": "create table public.u (id int references public.nowhere (id));\n",
    });
    const report = path.join(project, "report.json");
    /** @type {[string, string, Record<string, string>][]} the case, the --db-url value, the environment */
    const cases = [
        ["right password, sslmode=require", `postgresql://postgres:${good}@127.0.0.1:${port}/postgres?sslmode=require`, {}],
        ["right password unencoded, sslmode=prefer", `postgresql://postgres:${TCP_PASSWORD}@127.0.0.1:${port}/postgres`, {}],
        ["right password as a parameter", `postgresql://postgres@127.0.0.1:${port}/postgres?password=${good}&sslmode=require`, {}],
        ["right password in PGPASSWORD", `postgresql://postgres@127.0.0.1:${port}/postgres`, { PGPASSWORD: TCP_PASSWORD }],
        ["wrong password", `postgresql://postgres:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}/postgres`, {}],
        ["wrong password unencoded", `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/postgres?sslmode=disable`, {}],
        ["wrong password in PGPASSWORD", `postgresql://postgres@127.0.0.1:${port}/postgres`, { PGPASSWORD: PASSWORD }],
        ["certificate not trusted", `postgresql://postgres:${good}@127.0.0.1:${port}/postgres?sslmode=verify-full&sslrootcert=system`, {}],
        ["unknown host", `postgresql://postgres:${good}@no-such-host.invalid:${port}/postgres`, {}],
        ["refused", `postgresql://postgres:${good}@127.0.0.1:1/postgres?password=${good}`, {}],
        ["key=value string", `host=127.0.0.1 port=${port} user=postgres password=${TCP_PASSWORD} dbname=postgres`, {}],
        ["no scheme", `postgres:${TCP_PASSWORD}@127.0.0.1:${port}/postgres`, {}],
    ];
    const outcomes = new Map();
    for (const [label, url, env] of cases) {
        for (const args of [
            ["verify", "--db-url", url, "--create-db"],
            ["verify", "--db-url", url, "--create-db", "--format", "json", "--output-file", report],
            ["status", "--db-url", url],
            ["status", `--db-url=${url}`, "--format", "json"],
        ]) {
            const run = await runCliAsync(args, { cwd: project, env });
            const where = `${args[0]} ${args.slice(3).join(" ")} (${label})`;
            assertNoPassword(run.stdout, `${where}: standard output`);
            assertNoPassword(run.stderr, `${where}: standard error`);
            if (args.includes("--output-file")) {
                assertNoPassword(readFileSync(report, "utf8"), `${where}: the report file`);
            }
            outcomes.set(`${args[0]} ${args.length} ${label}`, run);
        }
    }
    // The runs went where they were meant to: each kind of output was produced.
    const outcome = (/** @type {string} */ key) => outcomes.get(key) ?? assert.fail(key);
    assert.equal(outcome("status 3 right password, sslmode=require").status, 0, outcome("status 3 right password, sslmode=require").stderr);
    assert.equal(outcome("status 3 right password in PGPASSWORD").status, 0);
    assert.equal(outcome("verify 4 right password as a parameter").status, 1, "the broken migration fails");
    assert.match(outcome("verify 4 right password as a parameter").stdout, /20240101000002_broken\.sql/u);
    assert.match(outcome("status 3 wrong password").stderr, /password authentication failed for user "postgres"/u);
    assert.match(outcome("status 3 wrong password in PGPASSWORD").stderr, /password authentication failed/u);
    assert.match(outcome("status 3 certificate not trusted").stderr, /certificate/u);
    assert.match(outcome("status 3 unknown host").stderr, /unknown host/u);
    assert.match(outcome("status 3 refused").stderr, /connection refused/u);
    assert.match(outcome("status 3 key=value string").stderr, /must be a postgresql:\/\/ URL \(got "host=127\.0\.0\.1 port=\d+ user=postgres password=\*\*\* dbname=postgres"\)/u);
});
