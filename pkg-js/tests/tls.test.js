/**
 * @file `sslmode` means what it means to libpq. The URL's settings are read
 * into node-postgres's (a Supabase pooler URL included, never connected to);
 * then every mode connects, or fails, against real PostgreSQL servers the
 * test starts: one offering TLS with a self-signed certificate the test
 * makes (on 127.0.0.1, on 127.0.0.2 where it requires TLS, and on its Unix
 * socket), one without TLS. Whether a connection is encrypted is asked of
 * the server (`pg_stat_ssl`), and where psql is installed each case is also
 * run through psql (libpq itself), which must agree. No warning of
 * node-postgres reaches the process or the CLI's output.
 */

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { connect } from "../src/db/connect.js";
import { connectionPlan } from "../src/db/connection-settings.js";
import { SupalintError } from "../src/errors.js";
import { makeProject } from "./helpers.js";
import { makeCertificate, makeOpenTmpDir, postgresOrSkip, runCliAsync, sql, startTcpCluster, TCP_PASSWORD } from "./postgres-helpers.js";

const PASSWORD = encodeURIComponent(TCP_PASSWORD);

/** Whether the connection is encrypted, as the server sees it. */
const SSL_QUERY = "select ssl from pg_stat_ssl where pid = pg_backend_pid()";

/** Warnings the process emitted while the tests ran (node-postgres's sslmode warning is one). */
const warnings = /** @type {string[]} */ ([]);
const onWarning = (/** @type {Error} */ warning) => warnings.push(warning.message);
before(() => process.on("warning", onWarning));
after(() => {
    process.off("warning", onWarning);
    assert.deepEqual(warnings, [], "no warning reached the process");
});

describe("the URL's settings", () => {
    const env = { HOME: "/nonexistent" };

    it("read a Supabase pooler URL as libpq does: encrypted, the certificate not checked", () => {
        const plan = connectionPlan(`postgresql://postgres.abcdefghijklmnop:${PASSWORD}@aws-0-eu-central-1.pooler.supabase.com:6543/postgres?sslmode=require`, env);
        assert.equal(plan.sslmode, "require");
        assert.deepEqual(plan.attempts, [{ rejectUnauthorized: false }]);
        assert.deepEqual(
            { host: plan.settings.host, port: plan.settings.port, user: plan.settings.user, password: plan.settings.password, database: plan.settings.database },
            { host: "aws-0-eu-central-1.pooler.supabase.com", port: "6543", user: "postgres.abcdefghijklmnop", password: TCP_PASSWORD, database: "postgres" },
        );
        assert.ok(!("sslmode" in plan.settings) && !("ssl" in plan.settings), "node-postgres never sees sslmode");
    });

    it("map every mode to its attempts", () => {
        const attempts = (/** @type {string} */ query, /** @type {Record<string, string>} */ extra = {}) =>
            connectionPlan(`postgresql://u:p@db.example.com/app${query}`, { ...env, ...extra }).attempts;
        const unverified = { rejectUnauthorized: false };
        assert.deepEqual(attempts("?sslmode=disable"), [false]);
        assert.deepEqual(attempts("?sslmode=allow"), [false, unverified]);
        assert.deepEqual(attempts("?sslmode=prefer"), [unverified, false]);
        assert.deepEqual(attempts(""), [unverified, false], "prefer is the default");
        assert.deepEqual(attempts("", { PGSSLMODE: "disable" }), [false], "PGSSLMODE");
        assert.deepEqual(attempts("?sslmode=require", { PGSSLMODE: "disable" }), [unverified], "the URL wins over PGSSLMODE");
        assert.deepEqual(attempts("?sslmode=verify-full&sslrootcert=system"), [{}], "system roots, names checked");
        assert.deepEqual(connectionPlan("postgresql://u@/app?host=/run/pg&sslmode=verify-full", env).attempts, [false], "no TLS over a Unix socket");
        assert.deepEqual(
            connectionPlan("postgresql://u@h/app?application_name=x&sslmode=require#f", env).settings.application_name,
            "x",
            "other parameters stay",
        );
    });

    it("reject what cannot work, naming the setting", () => {
        const fails = (/** @type {string} */ url, /** @type {RegExp} */ message) =>
            assert.throws(() => connectionPlan(url, env), (error) => error instanceof SupalintError && error.kind === "database" && message.test(error.message));
        fails("postgresql://u@h/app?sslmode=required", /^sslmode "required" is not one of disable, allow, prefer, require, verify-ca, verify-full\.$/u);
        fails("postgresql://u@h/app?sslmode=verify-ca", /^sslmode=verify-ca needs the server's root certificate: add sslrootcert=<file> \(or sslrootcert=system\) to the URL\.$/u);
        fails("postgresql://u@h/app?sslmode=require&sslrootcert=/no/such.crt", /^cannot read the sslrootcert file "\/no\/such\.crt" \(ENOENT\)\.$/u);
    });
});

/**
 * The case's outcome through supalint: encrypted (true/false), or the error message.
 * @param {string} url
 * @param {Record<string, string>} env
 * @returns {Promise<boolean | string>}
 */
async function throughSupalint(url, env) {
    let client;
    try {
        client = await connect(url, env);
    } catch (error) {
        assert.ok(error instanceof SupalintError && error.kind === "database", String(error));
        assert.ok(!error.message.includes(TCP_PASSWORD) && !error.message.includes(PASSWORD), error.message);
        assert.equal(error.message.split("\n").length, 1);
        return error.message;
    }
    try {
        return (await client.query(SSL_QUERY)).rows[0].ssl;
    } finally {
        await client.end();
    }
}

/**
 * The case's outcome through psql (libpq), or null without psql.
 * @param {string} url
 * @param {Record<string, string>} env
 * @returns {boolean | string | null}
 */
function throughPsql(url, env) {
    const run = spawnSync("psql", [url, "-XAtqc", SSL_QUERY], {
        encoding: "utf8",
        env: { PATH: process.env.PATH ?? "", ...env, PGCONNECT_TIMEOUT: "10" },
        timeout: 30_000,
    });
    if (run.error !== undefined) {
        return null;
    }
    return run.status === 0 ? run.stdout.trim() === "t" : run.stderr.trim();
}

describe("every sslmode against real servers", { timeout: 180_000 }, () => {
    it("connects or fails as libpq does, encrypted when libpq would be", async (t) => {
        const bin = postgresOrSkip(t);
        if (bin === null) {
            return;
        }
        const home = makeOpenTmpDir(t);
        const env = { HOME: home };
        const wrongRoot = path.join(home, "other.crt");
        makeCertificate(wrongRoot, path.join(home, "other.key"), ["IP:127.0.0.1"]);
        const tls = await startTcpCluster(t, bin, { tls: true });
        const plain = await startTcpCluster(t, bin, { tls: false });
        const tcp = (/** @type {string} */ host, /** @type {number} */ port, /** @type {string} */ query, database = "postgres") =>
            `postgresql://postgres:${PASSWORD}@${host}:${port}/${database}${query === "" ? "" : `?${query}`}`;
        const socket = (/** @type {string} */ query) =>
            `postgresql://postgres@/postgres?host=${encodeURIComponent(tls.cluster.socketDir)}&port=${tls.port}&${query}`;
        const root = `sslrootcert=${encodeURIComponent(tls.rootCert)}`;

        /** @type {[string, string, boolean | RegExp][]} the server, the URL, encrypted or the failure */
        const cases = [
            ["tls", tcp("127.0.0.1", tls.port, "sslmode=disable"), false],
            ["tls", tcp("127.0.0.1", tls.port, "sslmode=allow"), false],
            ["tls", tcp("127.0.0.1", tls.port, "sslmode=prefer"), true],
            ["tls", tcp("127.0.0.1", tls.port, ""), true],
            ["tls", tcp("127.0.0.1", tls.port, "sslmode=require"), true],
            ["tls", tcp("127.0.0.1", tls.port, `sslmode=require&sslrootcert=${encodeURIComponent(wrongRoot)}`), /certificate is not signed by the root certificate/u],
            ["tls", tcp("127.0.0.1", tls.port, `sslmode=require&${root}`), true],
            ["tls", tcp("127.0.0.1", tls.port, "sslmode=verify-ca"), /sslmode=verify-ca needs the server's root certificate/u],
            ["tls", tcp("127.0.0.1", tls.port, `sslmode=verify-ca&${root}`), true],
            ["tls", tcp("127.0.0.1", tls.port, "sslmode=verify-full"), /sslmode=verify-full needs the server's root certificate/u],
            ["tls", tcp("127.0.0.1", tls.port, `sslmode=verify-full&${root}`), true],
            ["tls", tcp("localhost", tls.port, `sslmode=verify-full&${root}`), true],
            ["tls", tcp("127.0.0.1", tls.port, "sslmode=disable", "tls_only"), /pg_hba\.conf rejects connection/u],
            ["tls", tcp("127.0.0.1", tls.port, "sslmode=allow", "tls_only"), true],
            ["tls", tcp("127.0.0.2", tls.port, `sslmode=verify-ca&${root}`), true],
            ["tls", tcp("127.0.0.2", tls.port, `sslmode=verify-full&${root}`), /certificate does not name the host \(sslmode=verify-full\)/u],
            ["tls", socket("sslmode=require"), false],
            ["tls", socket(`sslmode=verify-full&${root}`), false],
            ["plain", tcp("127.0.0.1", plain.port, "sslmode=allow"), false],
            ["plain", tcp("127.0.0.1", plain.port, "sslmode=prefer"), false],
            ["plain", tcp("127.0.0.1", plain.port, "sslmode=require"), /the server does not offer TLS, which sslmode=require requires\.$/u],
            ["plain", tcp("127.0.0.1", plain.port, `sslmode=verify-full&${root}`), /does not offer TLS/u],
        ];
        const psqlFound = throughPsql(tcp("127.0.0.1", plain.port, "sslmode=disable"), env) !== null;
        t.diagnostic(psqlFound ? "each case also run through psql" : "psql not found: the cases are not compared with libpq");
        for (const [server, url, expected] of cases) {
            const label = `${server}: ${url.replace(PASSWORD, "***")}`;
            const outcome = await throughSupalint(url, env);
            if (typeof expected === "boolean") {
                assert.equal(outcome, expected, label);
            } else {
                assert.match(String(outcome), expected, label);
            }
            if (psqlFound) {
                const libpq = throughPsql(url, env);
                assert.equal(typeof libpq === "boolean" ? libpq : "fails", typeof outcome === "boolean" ? outcome : "fails", `${label}: psql says ${libpq}`);
            }
        }
    });

    it("the CLI prints no third-party warning and no password with sslmode=require", async (t) => {
        const bin = postgresOrSkip(t);
        if (bin === null) {
            return;
        }
        const tls = await startTcpCluster(t, bin, { tls: true });
        const project = makeProject(t, { "supabase/migrations/20240101000001_t.sql": "create table if not exists public.t (id int);\n" });
        await sql(tls.cluster, "postgres", "create schema supabase_migrations; create table supabase_migrations.schema_migrations (version text primary key, name text)");
        for (const sslmode of ["require", "verify-ca", "prefer"]) {
            const run = await runCliAsync(["status", "--db-url", `postgresql://postgres:${PASSWORD}@127.0.0.1:${tls.port}/postgres?sslmode=${sslmode}`], { cwd: project });
            const output = `${run.stdout}${run.stderr}`;
            assert.doesNotMatch(output, /SECURITY WARNING|Warning|uselibpqcompat|\(node:\d+\)/u, output);
            assert.ok(!output.includes(TCP_PASSWORD) && !output.includes(PASSWORD), output);
            if (sslmode === "verify-ca") {
                assert.equal(run.status, 2);
                assert.match(run.stderr, /^supalint status: cannot connect to postgresql:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/postgres\?sslmode=verify-ca: sslmode=verify-ca needs/u);
            } else {
                assert.equal(run.status, 0, run.stderr);
            }
        }
    });
});
