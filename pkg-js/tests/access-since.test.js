/**
 * @file `supalint access --since <ref>`: the matrix of the migrations at the
 * merge base of the ref and HEAD (read from git) against the working tree's,
 * as sentences, in each format; and its errors.
 */

import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { migrationsAt } from "../src/git/migrations-at.js";
import { commitAll, git, makeRepo } from "./git-helpers.js";
import { makeProject, runCli } from "./helpers.js";

const MIGRATIONS = "supabase/migrations";

const PROFILES_SQL = `-- Migration: create public.profiles
-- Profiles for the tests.

create table if not exists public.profiles (id uuid primary key, name text, is_admin boolean default false);
alter table public.profiles enable row level security;
revoke all on public.profiles from anon, authenticated, service_role;
grant select on public.profiles to authenticated;
grant update (name) on public.profiles to authenticated;
drop policy if exists read_all on public.profiles;
create policy read_all on public.profiles for select to authenticated using (true);
drop policy if exists update_own on public.profiles;
create policy update_own on public.profiles for update to authenticated using (id = (select auth.uid()));
`;

/** What the branch does: lets users flip their own admin flag, and anon read every profile. */
const OPEN_UP_SQL = `-- Migration: open up public.profiles
-- Too much.

grant update (is_admin) on public.profiles to authenticated;
grant select on public.profiles to anon;
drop policy if exists anon_read on public.profiles;
create policy anon_read on public.profiles for select to anon using (true);
`;

/**
 * A repository on `main` with the profiles migration, and a `feature` branch checked out.
 * @param {import("node:test").TestContext} t
 * @returns {string}
 */
function repo(t) {
    const dir = makeRepo(t, { "supalint.config.json": "{}", [`${MIGRATIONS}/20240101000000_create_profiles.sql`]: PROFILES_SQL });
    git(dir, "checkout", "-q", "-b", "feature");
    return dir;
}

/**
 * @param {string} dir
 * @param {string} name
 * @param {string} text
 */
function write(dir, name, text) {
    writeFileSync(path.join(dir, MIGRATIONS, name), text);
}

const EXPECTED = [
    "`anon` can now SELECT all rows of `public.profiles`",
    "`authenticated` can now UPDATE `public.profiles.is_admin` on rows where `id = (select auth.uid())`",
];

describe("supalint access --since", () => {
    it("prints what a committed branch changes, one sentence per change", (t) => {
        const dir = repo(t);
        write(dir, "20240201000000_open_up_profiles.sql", OPEN_UP_SQL);
        commitAll(dir, "open up");

        const run = runCli(["access", "--since", "main"], { cwd: dir });
        assert.equal(run.status, 0, run.stderr);
        const base = git(dir, "rev-parse", "--short=7", "main").trim();
        assert.equal(run.stdout.split("\n")[0], `Access changes in supabase/migrations since main (merge base ${base}):`);
        assert.deepEqual(
            run.stdout.split("\n").filter((line) => line.startsWith("  - ")),
            EXPECTED.map((sentence) => `  - ${sentence}`),
        );
        assert.equal(run.stderr, "");
    });

    it("gives the same changes as Markdown and JSON", (t) => {
        const dir = repo(t);
        write(dir, "20240201000000_open_up_profiles.sql", OPEN_UP_SQL);
        commitAll(dir, "open up");

        const markdown = runCli(["access", "--since", "main", "--format", "markdown"], { cwd: dir });
        assert.equal(markdown.status, 0, markdown.stderr);
        assert.ok(markdown.stdout.startsWith("<!-- supalint-access -->\n### Access changes\n"));
        assert.deepEqual(
            markdown.stdout.split("\n").filter((line) => line.startsWith("- ")),
            EXPECTED.map((sentence) => `- ${sentence}`),
        );

        const run = runCli(["access", "--since", "main", "--format", "json"], { cwd: dir });
        assert.equal(run.status, 0, run.stderr);
        const report = JSON.parse(run.stdout);
        assert.equal(report.since.ref, "main");
        assert.equal(report.since.commit, git(dir, "rev-parse", "main").trim());
        assert.equal(report.since.base, report.since.commit);
        assert.deepEqual(
            report.changes.map((/** @type {any} */ change) => [change.kind, change.relation, change.role, change.command, change.columns]),
            [
                ["access-granted", "public.profiles", "anon", "select", undefined],
                ["columns-added", "public.profiles", "authenticated", "update", ["is_admin"]],
            ],
        );
        assert.deepEqual(
            report.changes.map((/** @type {any} */ change) => change.message),
            EXPECTED,
        );
        assert.deepEqual(report.skippedFiles, []);
    });

    it("counts uncommitted and untracked migrations, and lists only new findings", (t) => {
        const dir = repo(t);
        write(dir, "20240201000000_create_open_notes.sql", "create table public.open_notes (id bigint primary key);\n");
        const report = JSON.parse(runCli(["access", "--since", "main", "--format", "json"], { cwd: dir }).stdout);
        assert.equal(report.changes[0].kind, "relation-added");
        assert.match(report.changes[0].message, /^new table `public\.open_notes` without row-level security: `anon` can SELECT, UPDATE and DELETE all rows, INSERT any row \(writable columns: id\); `authenticated` can/u);
        assert.ok(
            report.findings.some((/** @type {any} */ finding) => finding.ruleId === "rls-enabled"),
            "the branch's new access finding",
        );
    });

    it("says so when nothing changed", (t) => {
        const dir = repo(t);
        write(dir, "20240201000000_comment.sql", "comment on table public.profiles is 'People';\n");
        commitAll(dir, "a comment");
        const run = runCli(["access", "--since", "main"], { cwd: dir });
        assert.equal(run.status, 0, run.stderr);
        assert.match(run.stdout, /^No change in who can do what\.$/mu);
        assert.match(runCli(["access", "--since", "HEAD", "--format", "markdown"], { cwd: dir }).stdout, /^No change in who can do what\.$/mu);
        assert.deepEqual(JSON.parse(runCli(["access", "--since", "HEAD", "--format", "json"], { cwd: dir }).stdout).changes, []);
    });

    it("compares with the merge base, so what the ref added since is no change of the branch", (t) => {
        const dir = repo(t);
        write(dir, "20240201000000_open_up_profiles.sql", OPEN_UP_SQL);
        commitAll(dir, "open up");
        git(dir, "checkout", "-q", "main");
        write(dir, "20240115000000_create_teams.sql", "create table if not exists public.teams (id bigint primary key);\n");
        commitAll(dir, "teams on main");
        git(dir, "checkout", "-q", "feature");

        const report = JSON.parse(runCli(["access", "--since", "main", "--format", "json"], { cwd: dir }).stdout);
        assert.notEqual(report.since.base, report.since.commit);
        assert.deepEqual(
            report.changes.map((/** @type {any} */ change) => change.message),
            EXPECTED,
        );
    });

    it("reads the migrations folder at the ref as listSqlFiles does", (t) => {
        const dir = repo(t);
        const sources = migrationsAt("HEAD", { cwd: dir, projectRoot: dir, migrationsPath: path.join(dir, MIGRATIONS) });
        assert.deepEqual(
            sources.sources.map((source) => source.path),
            [`${MIGRATIONS}/20240101000000_create_profiles.sql`],
        );
        assert.equal(sources.sources[0].text, PROFILES_SQL);
        assert.equal(sources.base, git(dir, "rev-parse", "HEAD").trim());
    });

    it("exits 2 with a message for a bad ref, and outside a repository", (t) => {
        const dir = repo(t);
        const bad = runCli(["access", "--since", "no-such-branch"], { cwd: dir });
        assert.equal(bad.status, 2);
        assert.match(bad.stderr, /^supalint access: --since no-such-branch: no such commit, branch or tag in this repository\./u);
        assert.equal(bad.stdout, "");

        const option = runCli(["access", "--since", "--format"], { cwd: dir });
        assert.equal(option.status, 2);

        const outside = makeProject(t, { [`${MIGRATIONS}/20240101000000_create_profiles.sql`]: PROFILES_SQL });
        const run = runCli(["access", "--since", "main"], { cwd: outside, env: { GIT_CEILING_DIRECTORIES: path.dirname(outside) } });
        assert.equal(run.status, 2);
        assert.match(run.stderr, /--since needs a git repository/u);
    });
});
