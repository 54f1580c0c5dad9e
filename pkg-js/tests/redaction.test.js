/**
 * @file No output of the database commands shows a password: the redactor
 * on its own, then `verify` and `status` run against a real PostgreSQL with a
 * known password written every way a URL can hold it (userinfo, unencoded
 * `@`, percent-encoded, `?password=`, no scheme), on every output path:
 * standard output, standard error, JSON, a report file, success and failure.
 */

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, it, test } from "node:test";
import { createRedactor, redactUrl, secretsOf } from "../src/db/redact.js";
import { makeProject } from "./helpers.js";
import { postgresOrSkip, runCliAsync, sql, startCluster } from "./postgres-helpers.js";

/** The password every URL below carries; no output may hold it or the part after its `@`. */
const PASSWORD = "Hunter2@Vault-Key";

/** Fragments of the password that must not appear either (the unencoded `@` once cut it in two). */
const FRAGMENTS = [PASSWORD, "Vault-Key", encodeURIComponent(PASSWORD), "Hunter2"];

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
    it("hides userinfo passwords, unencoded @ included, and password parameters", () => {
        assert.equal(redactUrl("postgresql://u:pw@db.example.com:5432/app"), "postgresql://u:***@db.example.com:5432/app");
        assert.equal(redactUrl(`postgresql://u:${PASSWORD}@db.example.com/app`), "postgresql://u:***@db.example.com/app");
        assert.equal(redactUrl("postgresql://u@h/app?sslmode=require&password=pw&x=1"), "postgresql://u@h/app?sslmode=require&password=***&x=1");
        assert.equal(redactUrl("postgresql://h/app?sslpassword=k"), "postgresql://h/app?sslpassword=***");
        assert.equal(redactUrl("postgresql://u@h:5432/app"), "postgresql://u@h:5432/app");
        assert.equal(redactUrl(`u:${PASSWORD}@h/app`), "u:***@h/app", "a value without a scheme");
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
