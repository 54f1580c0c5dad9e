/**
 * @file `supalint verify` against real PostgreSQL clusters: the example app
 * (its deliberate mistakes and nothing else), error positions mapped to
 * file:line:column, the reapply modes, `--base`, `--db-url` with its
 * guards, bad input as one-line exit-2 messages, the scratch cluster removed
 * on success, failure and Ctrl-C, and the same run as a non-root user. Also
 * the pure parts: the statement splitter, position mapping, finding the
 * server programs.
 */

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, it, test } from "node:test";
import { connect } from "../src/db/connect.js";
import { lineAndColumn, positionToOffset } from "../src/db/error-location.js";
import { findPostgresBin } from "../src/db/find-postgres.js";
import { SupalintError } from "../src/errors.js";
import { listMigrations } from "../src/db/migration-files.js";
import { installStandin, STANDIN_FILE } from "../src/db/standin.js";
import { splitStatements } from "../src/db/statements.js";
import { serverUser } from "../src/db/temp-cluster.js";
import { CLI, PACKAGE_DIR, REPO_DIR, makeProject } from "./helpers.js";
import { makeOpenTmpDir, postgresOrSkip, runCliAsync, sql, startCli, startCluster } from "./postgres-helpers.js";

const EXAMPLES = path.join(REPO_DIR, "examples");
const EXAMPLE_MIGRATIONS = path.join(EXAMPLES, "apps", "web", "supabase", "migrations");
const PG_PACKAGE = path.join(PACKAGE_DIR, "node_modules", "pg", "package.json");

/**
 * Parses `verify --format json` output.
 * @param {{ stdout: string, stderr: string }} run
 * @returns {(import("../src/api.js").LintResult & { status: string })[]}
 */
function jsonOf(run) {
    try {
        return JSON.parse(run.stdout);
    } catch {
        throw new Error(`not JSON:\n${run.stdout}\n--- stderr:\n${run.stderr}`);
    }
}

/**
 * The results with problems, as `name: status line:column ruleId sqlstate`.
 * @param {(import("../src/api.js").LintResult & { status: string })[]} results
 * @returns {string[]}
 */
function problems(results) {
    return results
        .filter((result) => result.messages.length > 0)
        .map((result) => {
            const [message] = result.messages;
            const sqlstate = /SQLSTATE (\w+)/u.exec(message.message)?.[1] ?? "-";
            return `${path.basename(result.filePath)}: ${result.status} ${message.line}:${message.column} ${message.ruleId} ${sqlstate}`;
        });
}

/**
 * The cluster folders left in a temporary folder.
 * @param {string} dir
 * @returns {string[]}
 */
function leftClusters(dir) {
    return readdirSync(dir).filter((name) => name.startsWith("supalint-pg-"));
}

/**
 * Asserts a run failed with exactly one line on standard error and no stack.
 * @param {{ status: number | null, stdout: string, stderr: string }} run
 * @param {RegExp} pattern
 * @returns {void}
 */
function assertOneLineFailure(run, pattern) {
    assert.equal(run.status, 2, run.stderr);
    assert.equal(run.stderr.trim().split("\n").length, 1, run.stderr);
    assert.match(run.stderr, pattern);
    assert.doesNotMatch(run.stderr, /\n\s+at /u);
}

describe("statement splitting (for locating position-less errors)", () => {
    it("splits on semicolons outside quotes, comments and dollar quotes", () => {
        const text = [
            "-- a; comment",
            "create table t (a text default 'x;y');",
            "/* block; /* nested; */ still */ select $$ ; $$, $tag$ $$ ; $tag$;",
            `select E'it\\'s;', "odd;name" from t;`,
            "create function f() returns int begin atomic select 1; select case when true then 2 end; end;",
            "select 1",
        ].join("\n");
        const statements = splitStatements(text).map((span) => text.slice(span.tokenStart, span.end));
        assert.deepEqual(statements, [
            "create table t (a text default 'x;y');",
            "select $$ ; $$, $tag$ $$ ; $tag$;",
            `select E'it\\'s;', "odd;name" from t;`,
            "create function f() returns int begin atomic select 1; select case when true then 2 end; end;",
            "select 1",
        ]);
    });

    it("skips empty statements and comment-only tails", () => {
        const text = "select 1;;\n  ;\n-- the end\n";
        assert.deepEqual(
            splitStatements(text).map((span) => text.slice(span.tokenStart, span.end)),
            ["select 1;"],
        );
    });
});

describe("error positions", () => {
    it("counts PostgreSQL's characters as code points and columns in UTF-16 units", () => {
        const text = "-- 😀 é\nselect x;";
        // Character 15 is the "x": the emoji is one character (and two UTF-16 units).
        const offset = positionToOffset(text, 15);
        assert.equal(offset, 15);
        assert.equal(text[offset], "x");
        assert.deepEqual(lineAndColumn(text, offset), { line: 2, column: 8 });
    });
});

describe("finding the PostgreSQL server programs", () => {
    it("follows PATH, then the newest /usr/lib/postgresql/<major>/bin", (t) => {
        const root = makeProject(t, {});
        for (const major of ["9.6", "13", "15"]) {
            const bin = path.join(root, "lib", major, "bin");
            mkdirSync(bin, { recursive: true });
            for (const program of ["initdb", "postgres"]) {
                writeFileSync(path.join(bin, program), "#!/bin/sh\n");
                chmodSync(path.join(bin, program), 0o755);
            }
        }
        assert.equal(findPostgresBin({ PATH: "" }, path.join(root, "lib")).dir, path.join(root, "lib", "15", "bin"));

        const onPath = path.join(root, "path-bin");
        mkdirSync(onPath);
        symlinkSync(path.join(root, "lib", "13", "bin", "initdb"), path.join(onPath, "initdb"));
        const found = findPostgresBin({ PATH: onPath }, path.join(root, "lib"));
        assert.equal(found.dir, path.join(root, "lib", "13", "bin"), "a linked initdb is used with the postgres of its own install");
        assert.equal(found.postgres, path.join(root, "lib", "13", "bin", "postgres"));
    });

    it("says how to get PostgreSQL when there is none", (t) => {
        const root = makeProject(t, {});
        assert.throws(() => findPostgresBin({ PATH: root }, path.join(root, "none")), (error) => error instanceof SupalintError && error.kind === "cluster");
    });
});

test("migrations are applied in SPEC order: 14-digit versions first, then the rest by name", () => {
    assert.deepEqual(
        listMigrations(EXAMPLE_MIGRATIONS).map((migration) => migration.fileName),
        [
            "20240101100000_create_is_super_admin.sql",
            "20240101120000_create_accounts.sql",
            "20240102120000_create_notes.sql",
            "20240103120000_storage_avatars.sql",
            "20240104120000_add_notes_updated_at.sql",
            "20240305093000_add_note_tags.sql",
            "20240301_AddNotesV2.sql",
        ],
    );
});

test("the example app: only its deliberately non-idempotent migrations are reported", async (t) => {
    if (postgresOrSkip(t) === null) {
        return;
    }
    const tmp = makeOpenTmpDir(t);
    const json = await runCliAsync(["verify", "--format", "json"], { cwd: EXAMPLES, env: { TMPDIR: tmp } });
    assert.equal(json.status, 1, json.stderr);
    const results = jsonOf(json);
    assert.equal(results.length, 7);
    assert.deepEqual(problems(results), [
        // `drop table public.legacy_note_labels` without IF EXISTS: on a fresh database the table is not there.
        "20240305093000_add_note_tags.sql: failed 26:1 verify/apply 42P01",
        // `CREATE TABLE public.notes_v2` without IF NOT EXISTS fails the second time.
        "20240301_AddNotesV2.sql: not-idempotent 6:1 verify/idempotent 42P07",
    ]);
    assert.deepEqual(
        results.filter((result) => result.messages.length === 0).map((result) => result.status),
        ["applied", "applied", "applied", "applied", "applied"],
    );
    assert.deepEqual(leftClusters(tmp), [], "the scratch cluster is removed after a failing run");

    const stylish = await runCliAsync(["verify", "--no-color"], { cwd: EXAMPLES, env: { TMPDIR: tmp } });
    assert.equal(stylish.status, 1, stylish.stderr);
    assert.match(stylish.stdout, /20240301_AddNotesV2\.sql\n\s+6:1\s+error\s+Not idempotent: applying it a second time fails: relation "notes_v2" already exists \(SQLSTATE 42P07\)\s+verify\/idempotent/u);
    assert.match(stylish.stdout, /26:1\s+error\s+Fails on a fresh database: table "legacy_note_labels" does not exist/u);
    assert.match(stylish.stdout, /Verified 7 migrations in a scratch PostgreSQL cluster with the Supabase stand-in, applying each twice: 5 applied both times, 1 failed on first application, 1 not idempotent\./u);
});

test("errors point at the file, line and column PostgreSQL means", async (t) => {
    if (postgresOrSkip(t) === null) {
        return;
    }
    const migration = (/** @type {string} */ name) => `supabase/migrations/${name}`;
    const project = makeProject(t, {
        // PostgreSQL's cursor position, after multi-byte characters: the emoji is two UTF-16 units.
        [migration("20240101000001_syntax.sql")]: "-- Notes 😀 for the café\ncreate table if not exists public.a (id int,, body text);\n",
        // No cursor position: the failing statement is found by running the statements one by one.
        [migration("20240101000002_drop.sql")]: "create table if not exists public.b (id int);\n\n  drop table public.nope;\nselect 1;\n",
        // A DO block: PL/pgSQL names the body line.
        [migration("20240101000003_do_block.sql")]: "do $$\nbegin\n    perform 1;\n    raise exception 'stop here';\nend\n$$;\n",
        // A PL/pgSQL body that does not compile: the position is mapped out of the body.
        [migration("20240101000004_function.sql")]:
            "create or replace function public.f() returns int\nlanguage plpgsql as $$\nbegin\n    retrun 1;\nend\n$$;\n",
        // A byte-order mark does not shift the columns of line 1.
        [migration("20240101000005_bom.sql")]: "\uFEFFselect * from public.missing_table;\n",
        // Not idempotent, with the error in the middle of the file (no cursor position: the statement's start).
        [migration("20240101000006_twice.sql")]:
            "-- Adds c.\ncreate table if not exists public.c (id int);\nalter table public.c\n    add column note text;\n",
    });
    const run = await runCliAsync(["verify", "--format", "json"], { cwd: project, env: { TMPDIR: makeOpenTmpDir(t) } });
    assert.equal(run.status, 1, run.stderr);
    const results = jsonOf(run);
    assert.deepEqual(problems(results), [
        "20240101000001_syntax.sql: failed 2:45 verify/apply 42601",
        "20240101000002_drop.sql: failed 3:3 verify/apply 42P01",
        "20240101000003_do_block.sql: failed 4:5 verify/apply P0001",
        "20240101000004_function.sql: failed 4:5 verify/apply 42601",
        "20240101000005_bom.sql: failed 1:16 verify/apply 42P01",
        "20240101000006_twice.sql: not-idempotent 3:1 verify/idempotent 42701",
    ]);
    const drop = results[1].messages[0];
    assert.deepEqual([drop.endLine, drop.endColumn], [3, 26], "a statement-level location spans the statement's first line");
    assert.match(results[0].messages[0].message, /syntax error at or near ","/u);
});

test("--reapply after-all applies every migration again once all have been applied", async (t) => {
    if (postgresOrSkip(t) === null) {
        return;
    }
    const project = makeProject(t, {
        "supabase/migrations/20240101000001_view.sql": "create or replace view public.v as select 1 as a;\n",
        "supabase/migrations/20240101000002_widen_view.sql": "create or replace view public.v as select 1 as a, 2 as b;\n",
    });
    const env = { TMPDIR: makeOpenTmpDir(t) };
    const immediate = await runCliAsync(["verify", "--format", "json"], { cwd: project, env });
    assert.equal(immediate.status, 0, immediate.stdout + immediate.stderr);
    assert.deepEqual(jsonOf(immediate).map((result) => result.status), ["applied", "applied"]);

    // Replayed on the finished schema, the first file would drop column b from the view.
    const afterAll = await runCliAsync(["verify", "--format", "json", "--reapply", "after-all"], { cwd: project, env });
    assert.equal(afterAll.status, 1, afterAll.stderr);
    assert.deepEqual(problems(jsonOf(afterAll)), ["20240101000001_view.sql: not-idempotent 1:1 verify/idempotent 42P16"]);
});

test("a clean project passes; --base installs the user's own base schema first", async (t) => {
    if (postgresOrSkip(t) === null) {
        return;
    }
    const project = makeProject(t, {
        "base.sql": "create schema if not exists app_private;\ncreate table if not exists app_private.settings (key text primary key);\n",
        "broken-base.sql": "create table app_private.x (id int);\nselect nope;\n",
        "supabase/migrations/20240101000001_use_base.sql":
            "insert into app_private.settings (key) values ('theme') on conflict do nothing;\n" +
            "insert into storage.buckets (id, name) values ('docs', 'docs') on conflict (id) do nothing;\n" +
            "select auth.uid(), auth.jwt(), auth.role(), auth.email(), storage.foldername('a/b/c.png'), extensions.uuid_generate_v4(), uuid_generate_v4(), gen_random_bytes(4);\n" +
            "alter publication supabase_realtime set (publish = 'insert, update');\n",
    });
    const env = { TMPDIR: makeOpenTmpDir(t) };
    const withoutBase = await runCliAsync(["verify", "--format", "json"], { cwd: project, env });
    assert.equal(withoutBase.status, 1);
    assert.deepEqual(problems(jsonOf(withoutBase)), ["20240101000001_use_base.sql: failed 1:13 verify/apply 42P01"]);

    const withBase = await runCliAsync(["verify", "--base", "base.sql"], { cwd: project, env });
    assert.equal(withBase.status, 0, withBase.stdout + withBase.stderr);
    assert.equal(withBase.stdout, "Verified 1 migration in a scratch PostgreSQL cluster with the Supabase stand-in, applying each twice: every one applied both times.\n");

    const brokenBase = await runCliAsync(["verify", "--base", "broken-base.sql"], { cwd: project, env });
    assertOneLineFailure(brokenBase, /^supalint verify: base file broken-base\.sql:1:14 fails: schema "app_private" does not exist$/mu);
    assert.deepEqual(leftClusters(env.TMPDIR), []);
});

test("--db-url: refuses a database with user tables, --force overrides, --create-db uses a new one", async (t) => {
    const bin = postgresOrSkip(t);
    if (bin === null) {
        return;
    }
    const cluster = await startCluster(t, bin);
    for (const database of ["busy", "empty", "supa"]) {
        await sql(cluster, "postgres", `create database ${database}`);
    }
    await sql(cluster, "busy", "create table public.customers (id int);");
    // A Supabase database: it has auth.users, so the stand-in must not be installed over it.
    await sql(cluster, "supa", "create schema auth; create table auth.users (id uuid primary key); create function auth.uid() returns uuid language sql as 'select null::uuid';");
    const project = makeProject(t, {
        "supabase/migrations/20240101000001_t.sql": "create table if not exists public.t (id int);\n",
    });

    const refused = await runCliAsync(["verify", "--db-url", cluster.url("busy")], { cwd: project });
    assertOneLineFailure(refused, /already holds user tables \(public\.customers\).*--create-db.*--force/u);

    const forced = await runCliAsync(["verify", "--db-url", cluster.url("busy"), "--force", "--format", "json"], { cwd: project });
    assert.equal(forced.status, 0, forced.stderr);
    assert.deepEqual(await sql(cluster, "busy", "select to_regclass('public.t') is not null as made, to_regclass('storage.objects') is not null as standin"), [
        { made: true, standin: true },
    ]);

    const fresh = await runCliAsync(["verify", "--db-url", cluster.url("busy"), "--create-db"], { cwd: project });
    assert.equal(fresh.status, 0, fresh.stderr);
    assert.match(fresh.stdout, /in a new database "supalint_verify_\w+" on /u);
    assert.deepEqual(await sql(cluster, "postgres", "select datname from pg_database where datname like 'supalint_verify_%'"), [], "the new database is dropped afterwards");

    const empty = await runCliAsync(["verify", "--db-url", cluster.url("empty")], { cwd: project });
    assert.equal(empty.status, 0, empty.stderr);

    const supabase = await runCliAsync(["verify", "--db-url", cluster.url("supa")], { cwd: project });
    assert.equal(supabase.status, 0, supabase.stderr);
    assert.match(supabase.stdout, /on its own Supabase schema/u);
    assert.deepEqual(await sql(cluster, "supa", "select to_regclass('storage.objects') as objects"), [{ objects: null }]);

    // The stand-in itself is idempotent: it installs twice, on a server whose roles exist already.
    await sql(cluster, "postgres", "create database twice");
    const client = await connect(cluster.connection("twice"));
    try {
        assert.deepEqual(await installStandin(client), { ok: true });
        assert.deepEqual(await installStandin(client), { ok: true });
    } finally {
        await client.end();
    }
});

test("--db-url: refuses a database with rows in any schema, user functions or applied migrations, unless --force", async (t) => {
    const bin = postgresOrSkip(t);
    if (bin === null) {
        return;
    }
    const cluster = await startCluster(t, bin);
    const setups = {
        users: "create schema auth; create table auth.users (id uuid primary key); insert into auth.users select gen_random_uuid() from generate_series(1, 1000);",
        objects: "create schema storage; create table storage.objects (id int); insert into storage.objects values (1);",
        func: "create function public.touch() returns int language sql as 'select 1';",
        applied: "create schema supabase_migrations; create table supabase_migrations.schema_migrations (version text primary key); insert into supabase_migrations.schema_migrations values ('20240101000001');",
        bookkeeping: "create schema auth; create table auth.schema_migrations (version text); insert into auth.schema_migrations values ('1');",
    };
    for (const [database, setup] of Object.entries(setups)) {
        await sql(cluster, "postgres", `create database ${database}`);
        await sql(cluster, database, setup);
    }
    const project = makeProject(t, {
        "supabase/migrations/20240101000001_t.sql": "create table if not exists public.t (id int);\n",
    });
    const expected = {
        users: /already holds rows in auth\.users, and verify applies every migration to it for real: pass --create-db .*, or --force/u,
        objects: /already holds rows in storage\.objects,/u,
        func: /already holds user functions \(touch\(\)\),/u,
        applied: /already holds 1 applied migration in supabase_migrations\.schema_migrations,/u,
    };
    for (const [database, pattern] of Object.entries(expected)) {
        assertOneLineFailure(await runCliAsync(["verify", "--db-url", cluster.url(database)], { cwd: project }), pattern);
        assert.deepEqual(await sql(cluster, database, "select to_regclass('public.t') as made"), [{ made: null }], `${database} is left alone`);
    }
    assert.deepEqual(await sql(cluster, "users", "select count(*)::int as count from auth.users"), [{ count: 1000 }]);
    // A Supabase service's own bookkeeping is not data.
    const bookkeeping = await runCliAsync(["verify", "--db-url", cluster.url("bookkeeping")], { cwd: project });
    assert.equal(bookkeeping.status, 0, bookkeeping.stderr);

    const forced = await runCliAsync(["verify", "--db-url", cluster.url("users"), "--force"], { cwd: project });
    assert.equal(forced.status, 0, forced.stderr);
});

/**
 * The server-wide state a run may change: roles with their attributes and
 * passwords, memberships, role and database settings.
 * @param {import("../src/db/temp-cluster.js").TempCluster} cluster
 * @returns {Promise<unknown>}
 */
async function serverWideState(cluster) {
    return {
        roles: await sql(
            cluster,
            "postgres",
            `select rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication, rolbypassrls,
                    rolconnlimit, rolvaliduntil::text, rolpassword
               from pg_authid where rolname !~ '^pg_' order by rolname`,
        ),
        memberships: await sql(
            cluster,
            "postgres",
            "select roleid::regrole::text as role, member::regrole::text as member, admin_option from pg_auth_members order by 1, 2",
        ),
        settings: await sql(
            cluster,
            "postgres",
            `select coalesce(d.datname, '') as database, coalesce(r.rolname, '') as role, s.setconfig
               from pg_db_role_setting s left join pg_database d on d.oid = s.setdatabase left join pg_roles r on r.oid = s.setrole
              order by 1, 2`,
        ),
    };
}

test("--db-url --create-db puts back the roles, memberships and settings the run changed", async (t) => {
    const bin = postgresOrSkip(t);
    if (bin === null) {
        return;
    }
    const cluster = await startCluster(t, bin);
    await sql(cluster, "postgres", "create role existing_a password 'kept'; create role existing_b; alter role existing_b set work_mem = '4MB'");
    const before = await serverWideState(cluster);
    const project = makeProject(t, {
        "supabase/migrations/20240101000001_server.sql": `do $$ begin
  if not exists (select from pg_roles where rolname = 'left_behind') then
    create role left_behind superuser login password 'x';
  end if;
  if not exists (select from pg_roles where rolname = 'renamed_b') then
    alter role existing_b rename to renamed_b;
  end if;
end $$;
alter role postgres set statement_timeout = 1;
alter database postgres set work_mem = '64MB';
alter role renamed_b set work_mem = '8MB';
alter role existing_a createdb connection limit 3 password 'changed';
grant existing_a to renamed_b;
grant connect on database postgres to left_behind;
`,
    });
    const run = await runCliAsync(["verify", "--db-url", cluster.url("postgres"), "--create-db"], { cwd: project });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, "", "nothing is left on the server");
    assert.match(run.stdout, /Put back \d+ server-wide changes the run made/u);
    assert.deepEqual(await serverWideState(cluster), before);
});

test("--db-url names on standard error what stays on the server", async (t) => {
    const bin = postgresOrSkip(t);
    if (bin === null) {
        return;
    }
    const cluster = await startCluster(t, bin);
    await sql(cluster, "postgres", "create database kept");
    const project = makeProject(t, {
        "supabase/migrations/20240101000001_t.sql": "create table if not exists public.t (id int);\ngrant select on public.t to anon;\n",
    });
    const run = await runCliAsync(["verify", "--db-url", cluster.url("kept")], { cwd: project });
    assert.equal(run.status, 0, run.stderr);
    // The stand-in's roles hold privileges in the database the run was told to keep.
    assert.match(run.stderr, /^supalint verify: left on the server: role "anon" created by the run remains: role "anon" cannot be dropped because some objects depend on it \(.*privileges for table t/mu);
    assert.deepEqual(await sql(cluster, "postgres", "select rolname from pg_roles where rolname = 'anon'"), [{ rolname: "anon" }]);
});

test("a scratch cluster whose verify was killed is removed by the next run", async (t) => {
    if (postgresOrSkip(t) === null) {
        return;
    }
    const tmp = makeOpenTmpDir(t);
    const slow = makeProject(t, { "supabase/migrations/20240101000001_slow.sql": "select pg_sleep(60);\n" });
    const quick = makeProject(t, { "supabase/migrations/20240101000001_t.sql": "select 1;\n" });
    const { child, done } = startCli(["verify"], { cwd: slow, env: { TMPDIR: tmp } });
    let pid = 0;
    const started = Date.now();
    while (pid === 0 && Date.now() - started < 30_000) {
        for (const dir of leftClusters(tmp)) {
            const pidFile = path.join(tmp, dir, "data", "postmaster.pid");
            if (existsSync(pidFile)) {
                const lines = readFileSync(pidFile, "utf8").split("\n");
                pid = lines[7]?.trim() === "ready" ? Number(lines[0]) : 0;
            }
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.ok(pid > 0, "the scratch cluster started");
    child.kill("SIGKILL");
    await done;
    const orphans = leftClusters(tmp);
    assert.equal(orphans.length, 1, "kill -9 leaves the cluster behind");
    assert.doesNotThrow(() => process.kill(pid, 0), "and its server running");

    const next = await runCliAsync(["verify"], { cwd: quick, env: { TMPDIR: tmp } });
    assert.equal(next.status, 0, next.stderr);
    assert.deepEqual(leftClusters(tmp), [], "the next run removes it, and its own");
    assert.throws(() => process.kill(pid, 0), { code: "ESRCH" }, "the orphaned server is stopped");
});

test("the stand-in is shipped in the package", () => {
    const manifest = JSON.parse(readFileSync(path.join(PACKAGE_DIR, "package.json"), "utf8"));
    assert.ok(manifest.files.includes("sql"), "package.json `files` includes sql/");
    assert.equal(path.relative(PACKAGE_DIR, STANDIN_FILE), path.join("sql", "supabase-standin.sql"));
    assert.ok(manifest.dependencies.pg !== undefined && /^\d+\.\d+\.\d+$/u.test(manifest.dependencies.pg), "pg is an exact dependency");
});

test("bad input: one line on standard error and exit code 2", async (t) => {
    const bin = postgresOrSkip(t);
    if (bin === null) {
        return;
    }
    const project = makeProject(t, { "supabase/migrations/20240101000001_t.sql": "select 1;\n" });
    const empty = makeProject(t, { "package.json": "{}" });

    assertOneLineFailure(
        await runCliAsync(["verify", "--db-url", "postgresql://someone:secret@127.0.0.1:1/app"], { cwd: project }),
        /^supalint verify: cannot connect to postgresql:\/\/someone:\*\*\*@127\.0\.0\.1:1\/app: connection refused/u,
    );
    assertOneLineFailure(await runCliAsync(["verify", "--db-url", "mysql://x@y/z"], { cwd: project }), /must be a postgresql:\/\/ URL/u);
    assertOneLineFailure(await runCliAsync(["verify"], { cwd: empty }), /no migrations to verify/u);
    if (spawnSync("mkfifo", [path.join(project, "pipe.sql")]).status === 0) {
        assertOneLineFailure(
            await runCliAsync(["verify", "--base", "pipe.sql"], { cwd: project }),
            /^supalint verify: cannot read --base file pipe\.sql: it is a FIFO \(named pipe\), not a regular file\n$/u,
        );
    }

    const cluster = await startCluster(t, bin);
    await sql(cluster, "postgres", "create role app_user login password 'right-password'");
    const hba = path.join(cluster.dir, "data", "pg_hba.conf");
    writeFileSync(hba, `local all app_user scram-sha-256\n${readFileSync(hba, "utf8")}`);
    await sql(cluster, "postgres", "select pg_reload_conf()");
    const wrongPassword = `postgresql://app_user:wrong@/postgres?host=${encodeURIComponent(cluster.socketDir)}`;
    const run = await runCliAsync(["verify", "--db-url", wrongPassword], { cwd: project });
    assertOneLineFailure(run, /password authentication failed for user "app_user"/u);
    assert.doesNotMatch(run.stderr, /wrong/u, "the password is not shown");
    assertOneLineFailure(
        await runCliAsync(["verify", "--db-url", cluster.url("no_such_db")], { cwd: project }),
        /database "no_such_db" does not exist/u,
    );

    const usage = await runCliAsync(["verify", "--force"], { cwd: project });
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /--force only applies with --db-url/u);
});

test("Ctrl-C stops and removes the scratch cluster", async (t) => {
    if (postgresOrSkip(t) === null) {
        return;
    }
    const tmp = makeOpenTmpDir(t);
    const project = makeProject(t, {
        "supabase/migrations/20240101000001_slow.sql": "select pg_sleep(60);\n",
    });
    // In a process group of its own, like a command in a terminal: Ctrl-C signals the whole group.
    const { child, done } = startCli(["verify"], { cwd: project, env: { TMPDIR: tmp }, detached: true });
    // Wait until the cluster runs and the migration has started.
    let pid = 0;
    const started = Date.now();
    while (pid === 0 && Date.now() - started < 30_000) {
        for (const dir of leftClusters(tmp)) {
            const pidFile = path.join(tmp, dir, "data", "postmaster.pid");
            if (existsSync(pidFile)) {
                const lines = readFileSync(pidFile, "utf8").split("\n");
                pid = lines[7]?.trim() === "ready" ? Number(lines[0]) : 0;
            }
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.ok(pid > 0, "the scratch cluster started");
    await new Promise((resolve) => setTimeout(resolve, 500));
    process.kill(-(child.pid ?? 0), "SIGINT");
    const run = await done;
    assert.equal(run.status, 130, run.stderr);
    assert.equal(run.stderr, "supalint verify: SIGINT: cleaning up\n");
    assert.deepEqual(leftClusters(tmp), [], "the cluster folder is removed");
    assert.throws(() => process.kill(pid, 0), { code: "ESRCH" }, "the server has stopped");
});

test("runs the same for a non-root user (when the tests run as root)", async (t) => {
    if (postgresOrSkip(t) === null) {
        return;
    }
    if (serverUser() === null) {
        t.skip("not running as root: every other test already runs verify as a non-root user");
        return;
    }
    const { name, uid, gid } = serverUser() ?? { name: "root", uid: 0, gid: 0 };
    // The checkout must be readable by that account (CI may clone into a private folder).
    const readable = spawnSync("/bin/sh", ["-c", 'test -r "$1" && test -r "$2" && test -x "$3"', "sh", CLI, PG_PACKAGE, process.execPath], { uid, gid });
    if (readable.status !== 0) {
        const reason = `the \`${name}\` account cannot read this checkout`;
        process.stdout.write(`# skipped: ${reason}\n`);
        t.skip(reason);
        return;
    }
    const tmp = makeOpenTmpDir(t);
    const run = await runCliAsync(["verify", "--format", "json"], { cwd: EXAMPLES, env: { TMPDIR: tmp, HOME: tmp }, uid, gid });
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(problems(jsonOf(run)), [
        "20240305093000_add_note_tags.sql: failed 26:1 verify/apply 42P01",
        "20240301_AddNotesV2.sql: not-idempotent 6:1 verify/idempotent 42P07",
    ]);
    assert.deepEqual(leftClusters(tmp), []);
});
