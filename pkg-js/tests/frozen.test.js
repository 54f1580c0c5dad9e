/**
 * @file Applied migrations are frozen (SPEC §6): `frozenBefore` (validated,
 * written by `init`), `--since` and `--db-url` (the database's tracking
 * table, as `status` reads it) tell which migrations already ran; `--fix`
 * leaves them byte-identical and every format says so, `--fix-applied`
 * rewrites them, the ESLint plugin offers their fixes as suggestions only,
 * and `no-applied-migration-edit` reports an edit to one that existed at the
 * `--since` ref.
 */

import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import plugin from "../src/eslint/index.js";
import { formatStatusTable } from "../src/db/status-report.js";
import { appliedNotFrozen, compareStatus } from "../src/db/status.js";
import { fixText, loadConfig } from "../src/index.js";
import { ESLINT_MAJORS } from "./eslint/eslint-helpers.js";
import { postgresOrSkip, runCliAsync, sql, startCluster } from "./postgres-helpers.js";
import { commitAll, git, makeRepo } from "./git-helpers.js";
import { jsonResults, makeProject, runCli } from "./helpers.js";

const MIGRATIONS = "supabase/migrations";
const OLD = "20240101000000_create_events.sql";
const NEW = "20240301000000_create_logs.sql";

/**
 * A clean migration creating `public.<name>`, with a `timestamp` column
 * (`prefer-timestamptz`: a warning with a fix) when `at` is `timestamp`.
 * @param {string} name
 * @param {"timestamp" | "timestamptz"} at
 * @returns {string}
 */
function createTable(name, at) {
    return `-- Migration: create public.${name}
-- For the tests.

create table if not exists public.${name} (id bigint primary key, at ${at} not null);
alter table public.${name} enable row level security;
revoke all on public.${name} from anon, authenticated, service_role;
grant select on public.${name} to authenticated;
`;
}

/**
 * A project whose old migration is frozen by `frozenBefore` and whose new one is not; both
 * have a `timestamp` column to fix.
 * @param {import("node:test").TestContext} t
 * @returns {string}
 */
function frozenProject(t) {
    return makeProject(t, {
        "supalint.config.json": JSON.stringify({ extends: "recommended", frozenBefore: "20240101000000" }),
        [`${MIGRATIONS}/${OLD}`]: createTable("events", "timestamp"),
        [`${MIGRATIONS}/${NEW}`]: createTable("logs", "timestamp"),
    });
}

/**
 * @param {string} dir
 * @param {string} name
 * @returns {string}
 */
function readMigration(dir, name) {
    return readFileSync(path.join(dir, MIGRATIONS, name), "utf8");
}

describe("frozenBefore", () => {
    it("takes a 14-digit version or null, and names the key otherwise", (t) => {
        for (const value of ["20240101000000", null]) {
            const dir = makeProject(t, { "supalint.config.json": JSON.stringify({ frozenBefore: value }) });
            assert.equal(loadConfig(dir).config.frozenBefore, value);
        }
        for (const value of ["2024-01-01", 20240101000000, "2024010100000"]) {
            const dir = makeProject(t, {
                "supalint.config.json": JSON.stringify({ frozenBefore: value }),
                [`${MIGRATIONS}/${NEW}`]: createTable("logs", "timestamptz"),
            });
            const run = runCli([], { cwd: dir });
            assert.equal(run.status, 2, run.stderr);
            assert.match(run.stderr, /`frozenBefore` must be a 14-digit migration version/u);
        }
    });

    it("is written by init as the newest migration's version", (t) => {
        const dir = makeProject(t, {
            "package.json": JSON.stringify({ name: "app", scripts: {} }),
            [`${MIGRATIONS}/${OLD}`]: createTable("events", "timestamptz"),
            [`${MIGRATIONS}/${NEW}`]: createTable("logs", "timestamptz"),
            [`${MIGRATIONS}/seed_notes.sql`]: "select 1;\n",
        });
        const run = runCli(["init"], { cwd: dir });
        assert.equal(run.status, 0, run.stderr);
        const config = JSON.parse(readFileSync(path.join(dir, "supalint.config.json"), "utf8"));
        assert.equal(config.frozenBefore, "20240301000000");
        assert.match(run.stdout, /frozen before +20240301000000/u);
    });

    it("is left out by init in a project without migrations", (t) => {
        const dir = makeProject(t, { "package.json": JSON.stringify({ name: "app" }), "supabase/config.toml": "" });
        assert.equal(runCli(["init"], { cwd: dir }).status, 0);
        const config = JSON.parse(readFileSync(path.join(dir, "supalint.config.json"), "utf8"));
        assert.equal("frozenBefore" in config, false);
    });
});

describe("--fix leaves migrations that already ran alone", () => {
    it("keeps a frozen migration byte-identical, fixes the others, and keeps its fix on the message", (t) => {
        const dir = frozenProject(t);
        const before = readMigration(dir, OLD);
        const run = runCli(["--fix", "--format", "json"], { cwd: dir });
        assert.equal(run.status, 0, run.stderr);
        assert.equal(readMigration(dir, OLD), before);
        assert.match(readMigration(dir, NEW), /at timestamptz not null/u);
        const old = jsonResults(run).find((result) => result.filePath.endsWith(OLD));
        assert.equal(old?.fixWithheld, "frozenBefore");
        assert.equal(run.stderr, "", "holding fixes back is no refusal");
        assert.deepEqual(
            old?.messages.map((message) => [message.ruleId, Boolean(message.fix)]),
            [["prefer-timestamptz", true]],
        );
        assert.equal(old?.fixableWarningCount, 1);
    });

    it("says which files it left alone and why in every format", (t) => {
        const expected = {
            stylish: /Fixes left 1 migration that already ran alone: supabase\/migrations\/20240101000000_create_events\.sql \(at or before `frozenBefore`\); --fix-applied rewrites it\./u,
            compact: /Fixes left 1 migration that already ran alone: .*20240101000000_create_events\.sql \(at or before `frozenBefore`\)/u,
            github: /^::notice title=supalint::Fixes left 1 migration that already ran alone: supabase\/migrations\/20240101000000_create_events\.sql/mu,
        };
        for (const [format, pattern] of Object.entries(expected)) {
            const run = runCli(["--fix-dry-run", "--format", format, "--no-color"], { cwd: frozenProject(t) });
            assert.equal(run.status, 0, run.stderr);
            assert.match(run.stdout, pattern, format);
        }
        const sarif = JSON.parse(runCli(["--fix-dry-run", "--format", "sarif"], { cwd: frozenProject(t) }).stdout);
        const [notification] = sarif.runs[0].invocations[0].toolExecutionNotifications;
        assert.equal(notification.locations[0].physicalLocation.artifactLocation.uri, `${MIGRATIONS}/${OLD}`);
        assert.match(notification.message.text, /already ran \(at or before `frozenBefore`\).*--fix-applied/u);
    });

    it("rewrites a frozen migration with --fix-applied, which needs --fix", (t) => {
        const dir = frozenProject(t);
        const run = runCli(["--fix", "--fix-applied", "--format", "json"], { cwd: dir });
        assert.equal(run.status, 0, run.stderr);
        assert.match(readMigration(dir, OLD), /at timestamptz not null/u);
        assert.equal(jsonResults(run).some((result) => result.fixWithheld !== undefined), false);

        const alone = runCli(["--fix-applied"], { cwd: dir });
        assert.equal(alone.status, 2);
        assert.match(alone.stderr, /--fix-applied only applies with --fix or --fix-dry-run/u);
    });

    it("in the API: fixText holds back, fixApplied applies", () => {
        const options = { filePath: `${MIGRATIONS}/${OLD}`, config: { frozenBefore: "20240101000000" } };
        const text = createTable("events", "timestamp");
        const held = fixText(text, options);
        assert.equal(held.fixed, false);
        assert.equal(held.output, text);
        assert.equal(held.withheld, "frozenBefore");
        const applied = fixText(text, { ...options, fixApplied: true });
        assert.equal(applied.fixed, true);
        assert.equal(applied.withheld, undefined);
    });
});

describe("--since marks the migrations that existed at the ref as applied", () => {
    /**
     * A repository whose `main` has two migrations, on a `feature` branch that edits one,
     * keeps the other (a comment added) and adds a third.
     * @param {import("node:test").TestContext} t
     * @returns {string}
     */
    function branch(t) {
        const dir = makeRepo(t, {
            "supalint.config.json": JSON.stringify({ extends: "recommended" }),
            [`${MIGRATIONS}/${OLD}`]: createTable("events", "timestamp"),
            [`${MIGRATIONS}/20240102000000_create_tags.sql`]: createTable("tags", "timestamptz"),
        });
        git(dir, "checkout", "-q", "-b", "feature");
        writeFileSync(path.join(dir, MIGRATIONS, OLD), createTable("events", "timestamptz"));
        writeFileSync(path.join(dir, MIGRATIONS, "20240102000000_create_tags.sql"), `-- Reviewed.\n${createTable("tags", "timestamptz")}`);
        writeFileSync(path.join(dir, MIGRATIONS, NEW), createTable("logs", "timestamptz"));
        commitAll(dir, "feature work");
        return dir;
    }

    it("reports an edited applied migration, not one with a comment added, nor a new one", (t) => {
        const run = runCli(["--since", "main", "--format", "json"], { cwd: branch(t) });
        assert.equal(run.status, 1, run.stderr);
        const found = Object.fromEntries(jsonResults(run).map((result) => [path.basename(result.filePath), result.messages.map((message) => [message.ruleId, message.line, message.column])]));
        assert.deepEqual(found, {
            [OLD]: [["no-applied-migration-edit", 4, 69]],
            "20240102000000_create_tags.sql": [],
            [NEW]: [],
        });
    });

    it("keeps --fix off a migration that existed at the ref", (t) => {
        const dir = makeRepo(t, {
            "supalint.config.json": JSON.stringify({ extends: "recommended" }),
            [`${MIGRATIONS}/${OLD}`]: createTable("events", "timestamp"),
        });
        git(dir, "checkout", "-q", "-b", "feature");
        writeFileSync(path.join(dir, MIGRATIONS, OLD), `-- Reviewed.\n${createTable("events", "timestamp")}`);
        writeFileSync(path.join(dir, MIGRATIONS, NEW), createTable("logs", "timestamp"));
        const before = readMigration(dir, OLD);
        const run = runCli(["--since", "main", "--fix", "--format", "json"], { cwd: dir });
        assert.equal(run.status, 0, run.stderr);
        assert.equal(readMigration(dir, OLD), before);
        assert.match(readMigration(dir, NEW), /at timestamptz not null/u);
        const old = jsonResults(run).find((result) => result.filePath.endsWith(OLD));
        assert.equal(old?.fixWithheld, "applied");
    });
});

describe("--db-url marks the migrations a database has applied", () => {
    it("keeps --fix off them, on a real tracking table, and needs a fix", async (t) => {
        const bin = postgresOrSkip(t);
        if (bin === null) {
            return;
        }
        const cluster = await startCluster(t, bin);
        await sql(
            cluster,
            "postgres",
            "create schema supabase_migrations; " +
                "create table supabase_migrations.schema_migrations (version text not null primary key, statements text[], name text); " +
                "insert into supabase_migrations.schema_migrations (version, name) values ('20240101000000', 'create_events');",
        );
        const dir = makeProject(t, {
            "supalint.config.json": JSON.stringify({ extends: "recommended" }),
            [`${MIGRATIONS}/${OLD}`]: createTable("events", "timestamp"),
            [`${MIGRATIONS}/${NEW}`]: createTable("logs", "timestamp"),
        });
        const before = readMigration(dir, OLD);
        const run = await runCliAsync(["--fix", "--db-url", cluster.url("postgres"), "--format", "json"], { cwd: dir });
        assert.equal(run.status, 0, run.stderr);
        assert.equal(readMigration(dir, OLD), before);
        assert.match(readMigration(dir, NEW), /at timestamptz not null/u);
        assert.equal(jsonResults(run).find((result) => result.filePath.endsWith(OLD))?.fixWithheld, "applied");

        const lintOnly = await runCliAsync(["--db-url", cluster.url("postgres")], { cwd: dir });
        assert.equal(lintOnly.status, 2);
        assert.match(lintOnly.stderr, /--db-url only applies with --fix or --fix-dry-run/u);
    });

    it("says why it cannot read a database, without its password", async (t) => {
        const dir = frozenProject(t);
        const run = await runCliAsync(["--fix-dry-run", "--db-url", "postgresql://app:s3cr3t-pw@127.0.0.1:1/db"], { cwd: dir });
        assert.equal(run.status, 2);
        assert.match(run.stderr, /^supalint: /u);
        assert.doesNotMatch(run.stdout + run.stderr, /s3cr3t-pw/u);
    });
});

describe("status", () => {
    it("names the applied migrations frozenBefore does not cover, and the value that covers them", () => {
        const local = ["20240101000000", "20240201000000", "20240301000000"].map((version) => ({
            file: `/app/${version}_x.sql`,
            fileName: `${version}_x.sql`,
            version,
            name: "x",
        }));
        const report = compareStatus(local, [
            { version: "20240101000000", name: "x" },
            { version: "20240201000000", name: "x" },
        ]);
        assert.deepEqual(appliedNotFrozen(report, "20240101000000"), ["20240201000000"]);
        assert.deepEqual(appliedNotFrozen(report, undefined), ["20240101000000", "20240201000000"]);
        assert.deepEqual(appliedNotFrozen(report, "20240201000000"), []);
        const table = formatStatusTable(report, { migrationsDir: "m", database: "db", color: false, notFrozen: ["20240201000000"] });
        assert.match(table, /^Not frozen: 1 applied migration is after `frozenBefore`, so --fix may rewrite it; set "frozenBefore": "20240201000000" in the configuration, or fix with --db-url\.$/mu);
    });
});

for (const eslint of ESLINT_MAJORS) {
    describe(`the ESLint ${eslint.major} plugin with frozenBefore`, () => {
        it("offers a frozen migration's fixes as suggestions, which --fix leaves alone", async (t) => {
            const { ESLint } = await eslint.load();
            const dir = frozenProject(t);
            const config = { ...plugin.configs.recommended, languageOptions: { frozenBefore: "20240101000000" } };
            const linter = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [config], fix: true });
            const [old, fresh] = await linter.lintFiles([`${MIGRATIONS}/${OLD}`, `${MIGRATIONS}/${NEW}`]);
            assert.equal(old.output, undefined, "eslint --fix leaves the frozen migration alone");
            const [message] = old.messages.filter((entry) => entry.ruleId === "supalint/prefer-timestamptz");
            assert.equal(message.fix, undefined);
            assert.match(message.suggestions?.[0]?.desc ?? "", /^Apply this fix, although the migration already ran \(at or before `frozenBefore`\)/u);
            assert.equal(message.suggestions?.[0]?.fix.text, "timestamptz");
            assert.match(fresh.output ?? "", /at timestamptz not null/u);
        });
    });
}
