/**
 * @file `supalint status` against a real database whose
 * `supabase_migrations.schema_migrations` is in each state: all applied,
 * pending, out of order, missing locally (drift), name mismatch, the older
 * table without a `name` column, and no table at all; plus the table and
 * JSON output, `--strict`, and bad input as one-line exit-2 messages; names
 * from the database escaped, and a locked tracking table reported in seconds.
 */

import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { connect } from "../src/db/connect.js";
import { compareStatus } from "../src/db/status.js";
import { makeProject } from "./helpers.js";
import { postgresOrSkip, runCliAsync, sql, startCluster } from "./postgres-helpers.js";

/** The local migrations of every case. */
const LOCAL = ["20240101000001_create_notes.sql", "20240102000001_add_tags.sql", "20240103000001_add_index.sql"];

/** Tracking table as the Supabase CLI creates it. */
const TRACKING_TABLE = `
create schema supabase_migrations;
create table supabase_migrations.schema_migrations (version text not null primary key, statements text[], name text);
`;

/**
 * A project with the given migration files (contents do not matter to status).
 * @param {import("node:test").TestContext} t
 * @param {string[]} names
 * @returns {string}
 */
function project(t, names) {
    return makeProject(t, Object.fromEntries(names.map((name) => [`supabase/migrations/${name}`, "select 1;\n"])));
}

/**
 * Rows for the tracking table.
 * @param {[string, string | null][]} rows version, name
 * @returns {string}
 */
function inserts(rows) {
    const values = rows.map(([version, name]) => `('${version}', ${name === null ? "null" : `'${name}'`})`).join(", ");
    return `insert into supabase_migrations.schema_migrations (version, name) values ${values};`;
}

/**
 * `status --format json`, parsed, with the exit codes without and with `--strict`.
 * @param {string} url
 * @param {string} cwd
 * @returns {Promise<{ statuses: string[], exit: number | null, strictExit: number | null, report: Record<string, unknown> }>}
 */
async function status(url, cwd) {
    const run = await runCliAsync(["status", "--db-url", url, "--format", "json"], { cwd });
    const strict = await runCliAsync(["status", "--db-url", url, "--strict", "--format", "json"], { cwd });
    assert.equal(run.stderr, "");
    const report = JSON.parse(run.stdout);
    return {
        statuses: report.migrations.map((/** @type {{ version: string, status: string }} */ row) => `${row.version} ${row.status}`),
        exit: run.status,
        strictExit: strict.status,
        report,
    };
}

test("status against a real tracking table in each state", async (t) => {
    const bin = postgresOrSkip(t);
    if (bin === null) {
        return;
    }
    const cluster = await startCluster(t, bin);
    const cwd = project(t, LOCAL);
    /**
     * A database whose tracking table holds these rows.
     * @param {string} name
     * @param {[string, string | null][]} rows
     * @returns {Promise<string>} its URL
     */
    const database = async (name, rows) => {
        await sql(cluster, "postgres", `create database ${name}`);
        await sql(cluster, name, TRACKING_TABLE + (rows.length > 0 ? inserts(rows) : ""));
        return cluster.url(name);
    };

    await t.test("everything applied", async () => {
        const url = await database("all_applied", [
            ["20240101000001", "create_notes"],
            ["20240102000001", "add_tags"],
            ["20240103000001", "add_index"],
        ]);
        const result = await status(url, cwd);
        assert.deepEqual(result.statuses, ["20240101000001 applied", "20240102000001 applied", "20240103000001 applied"]);
        assert.deepEqual([result.exit, result.strictExit], [0, 0]);

        const table = await runCliAsync(["status", "--db-url", url, "--no-color"], { cwd });
        assert.equal(table.status, 0, table.stderr);
        assert.match(table.stdout, /^Local +Remote +Name +Status$/mu);
        assert.match(table.stdout, /^20240101000001 +20240101000001 +create_notes +applied$/mu);
        assert.match(table.stdout, /^3 migrations: 3 applied, 0 pending, 0 out of order, 0 missing locally, 0 name mismatches\.$/mu);
    });

    await t.test("pending: local files newer than every applied one", async () => {
        const result = await status(await database("pending", [["20240101000001", "create_notes"]]), cwd);
        assert.deepEqual(result.statuses, ["20240101000001 applied", "20240102000001 pending", "20240103000001 pending"]);
        assert.deepEqual([result.exit, result.strictExit], [0, 0], "pending migrations are normal, even with --strict");
    });

    await t.test("no migration applied yet: everything pending", async () => {
        const result = await status(await database("fresh", []), cwd);
        assert.deepEqual(result.statuses, ["20240101000001 pending", "20240102000001 pending", "20240103000001 pending"]);
        assert.equal(result.report.newestApplied, null);
    });

    await t.test("out of order: a local file older than the newest applied one", async () => {
        const url = await database("out_of_order", [
            ["20240101000001", "create_notes"],
            ["20240103000001", "add_index"],
        ]);
        const result = await status(url, cwd);
        assert.deepEqual(result.statuses, ["20240101000001 applied", "20240102000001 out-of-order", "20240103000001 applied"]);
        assert.deepEqual([result.exit, result.strictExit], [0, 1]);
        const table = await runCliAsync(["status", "--db-url", url, "--no-color"], { cwd });
        assert.match(table.stdout, /^20240102000001 {18}add_tags +out of order \(older than 20240103000001\)$/mu);
        assert.match(table.stdout, /^Out of order: 1 local migration is older than 20240103000001, the newest applied one;/mu);
    });

    await t.test("missing locally: applied with no local file (drift)", async () => {
        const url = await database("drift", [
            ["20240101000001", "create_notes"],
            ["20240102000001", "add_tags"],
            ["20240102120000", "hotfix_from_dashboard"],
            ["20240103000001", "add_index"],
        ]);
        const result = await status(url, cwd);
        assert.deepEqual(result.statuses, [
            "20240101000001 applied",
            "20240102000001 applied",
            "20240102120000 missing-locally",
            "20240103000001 applied",
        ]);
        assert.deepEqual([result.exit, result.strictExit], [0, 1]);
        const table = await runCliAsync(["status", "--db-url", url, "--no-color", "--strict"], { cwd });
        assert.equal(table.status, 1);
        assert.match(table.stdout, /^ {16}20240102120000 +hotfix_from_dashboard +missing locally \(drift\)$/mu);
        assert.match(table.stdout, /^Drift: 1 applied migration has no local file\./mu);
    });

    await t.test("name mismatch: the file was renamed after it was applied", async () => {
        const result = await status(
            await database("renamed", [
                ["20240101000001", "create_note"],
                ["20240102000001", "add_tags"],
            ]),
            cwd,
        );
        assert.deepEqual(result.statuses, ["20240101000001 name-mismatch", "20240102000001 applied", "20240103000001 pending"]);
        const [row] = /** @type {{ localName: string, remoteName: string }[]} */ (result.report.migrations);
        assert.deepEqual([row.localName, row.remoteName], ["create_notes", "create_note"]);
        assert.deepEqual([result.exit, result.strictExit], [0, 0], "a renamed file is reported, not drift");
    });

    await t.test("a tracking table from before the name column: versions only", async () => {
        await sql(cluster, "postgres", "create database old_cli");
        await sql(
            cluster,
            "old_cli",
            "create schema supabase_migrations; create table supabase_migrations.schema_migrations (version text primary key); " +
                "insert into supabase_migrations.schema_migrations values ('20240101000001'), ('20240102000001');",
        );
        const result = await status(cluster.url("old_cli"), cwd);
        assert.deepEqual(result.statuses, ["20240101000001 applied", "20240102000001 applied", "20240103000001 pending"]);
    });

    await t.test("files the Supabase CLI skips are listed as ignored", async () => {
        const withOdd = project(t, [...LOCAL, "0001-init.sql", "notes.sql"]);
        const url = cluster.url("pending");
        const result = await status(url, withOdd);
        assert.deepEqual(result.report.ignored, ["0001-init.sql", "notes.sql"]);
        const table = await runCliAsync(["status", "--db-url", url, "--no-color"], { cwd: withOdd });
        assert.match(table.stdout, /^Ignored \(not <version>_<name>\.sql, so the Supabase CLI skips them\): 0001-init\.sql, notes\.sql\.$/mu);
    });

    await t.test("no tracking table: one line, exit 2", async () => {
        await sql(cluster, "postgres", "create database untracked");
        const run = await runCliAsync(["status", "--db-url", cluster.url("untracked")], { cwd });
        assert.equal(run.status, 2);
        assert.equal(run.stdout, "");
        assert.equal(
            run.stderr,
            "supalint status: the database has no supabase_migrations.schema_migrations table: no migration was ever applied to it with the Supabase CLI (`supabase db push` creates it).\n",
        );
    });

    await t.test("wrong password: one line, exit 2, password not shown", async () => {
        await sql(cluster, "postgres", "create role status_user login password 'right-password'");
        const hba = path.join(cluster.dir, "data", "pg_hba.conf");
        writeFileSync(hba, `local all status_user scram-sha-256\n${readFileSync(hba, "utf8")}`);
        await sql(cluster, "postgres", "select pg_reload_conf()");
        const run = await runCliAsync(
            ["status", "--db-url", `postgresql://status_user:hunter2@/all_applied?host=${encodeURIComponent(cluster.socketDir)}`],
            { cwd },
        );
        assert.equal(run.status, 2);
        assert.match(run.stderr, /^supalint status: cannot connect to postgresql:\/\/status_user:\*\*\*@\/all_applied\?host=.*: password authentication failed for user "status_user"\.\n$/u);
        assert.doesNotMatch(run.stderr, /hunter2/u);
    });
});

test("status: unreachable database and usage errors", async (t) => {
    const cwd = project(t, LOCAL);
    const unreachable = await runCliAsync(["status", "--db-url", "postgresql://app:secret@127.0.0.1:1/app"], { cwd });
    assert.equal(unreachable.status, 2);
    assert.equal(
        unreachable.stderr,
        "supalint status: cannot connect to postgresql://app:***@127.0.0.1:1/app: connection refused (is PostgreSQL running there?).\n",
    );

    const missingUrl = await runCliAsync(["status"], { cwd });
    assert.equal(missingUrl.status, 2);
    assert.match(missingUrl.stderr, /^supalint status: needs --db-url <url>/u);

    const badFormat = await runCliAsync(["status", "--db-url", "postgresql://x@y/z", "--format", "sarif"], { cwd });
    assert.equal(badFormat.status, 2);
    assert.match(badFormat.stderr, /unknown format "sarif"; use one of table, json/u);
});

test("status escapes names from the database and gives up on a locked tracking table within seconds", async (t) => {
    const bin = postgresOrSkip(t);
    if (bin === null) {
        return;
    }
    const cluster = await startCluster(t, bin);
    await sql(cluster, "postgres", TRACKING_TABLE);
    // A recorded name that would paint the terminal red, clear it, and forge a line of its own.
    const hostile = "\u001b[31mred\u001b[2J\nFAKE  all good\r\u202eevil";
    await sql(cluster, "postgres", `insert into supabase_migrations.schema_migrations (version, name) values ('20240101000001', ${JSON.stringify(hostile).replaceAll("'", "''").replace(/^"|"$/gu, "'")}), ('20240109000001', E'\\x1b]0;title\\x07')`);
    const cwd = project(t, LOCAL);
    const run = await runCliAsync(["status", "--db-url", cluster.url("postgres")], { cwd });
    assert.equal(run.status, 0, run.stderr);
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    assert.doesNotMatch(run.stdout, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/u, "no control character reaches the terminal");
    assert.match(run.stdout, /applied as "\\u001b\[31mred\\u001b\[2J\\nFAKE {2}all good\\r\\u202eevil" \(name mismatch\)/u);
    assert.ok(!run.stdout.split("\n").some((line) => line.startsWith("FAKE")), "no forged line");
    assert.match(run.stdout, /\\u001b\]0;title\\u0007 +missing locally/u);

    // Another session holds the table locked, as a `supabase db push` mid-run or a forgotten LOCK TABLE would.
    const holder = await connect(cluster.connection("postgres"));
    t.after(() => holder.end());
    await holder.query("set application_name = 'db push'; begin; lock table supabase_migrations.schema_migrations in access exclusive mode");
    const started = Date.now();
    const locked = await runCliAsync(["status", "--db-url", cluster.url("postgres")], { cwd });
    const seconds = (Date.now() - started) / 1000;
    assert.equal(locked.status, 2, locked.stderr);
    assert.ok(seconds < 30, `gave up after ${seconds} s, not after the statement timeout`);
    assert.match(
        locked.stderr,
        /^supalint status: supabase_migrations\.schema_migrations is locked by another session, and status waited 5 s for it: held by pid \d+, ACCESS EXCLUSIVE lock, user "postgres", application "db push", in a transaction open for \d+ s\. Run it again once that session ends/u,
    );
    await holder.query("rollback");
});

test("status compares versions as numbers, as the Supabase CLI does", () => {
    const local = [
        { file: "/m/20240301_short.sql", fileName: "20240301_short.sql", version: "20240301", name: "short" },
        { file: "/m/20240101000001_a.sql", fileName: "20240101000001_a.sql", version: "20240101000001", name: "a" },
    ];
    const report = compareStatus(local, [{ version: "20240101000001", name: "a" }]);
    assert.deepEqual(
        report.migrations.map((row) => `${row.version} ${row.status}`),
        ["20240301 out-of-order", "20240101000001 applied"],
    );
});
