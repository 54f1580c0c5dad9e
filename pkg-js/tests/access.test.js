/**
 * @file `accessMatrix` in the Node API, and `supalint access` on the example
 * app and on small projects: each format, colour, the findings of the access
 * and storage rules under the matrix, and usage and configuration errors.
 */

import assert from "node:assert/strict";
import path from "node:path";
import { describe, it } from "node:test";
import { accessMatrix, SupalintError } from "../src/index.js";
import { GOOD_NAME, makeProject, REPO_DIR, runCli } from "./helpers.js";

const EXAMPLES = path.join(REPO_DIR, "examples");
const MIGRATIONS = "supabase/migrations";

/** A table the API can read, with a policy per command and a column grant. */
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

/** A table without row-level security: one `rls-enabled` error and one `require-if-not-exists` error. */
const OPEN_SQL = `-- Migration: create public.open_notes
-- Notes without RLS.

create table public.open_notes (id bigint primary key, body text);
`;

/**
 * @param {{ stdout: string, stderr: string }} run
 * @returns {any}
 */
function json(run) {
    try {
        return JSON.parse(run.stdout);
    } catch {
        throw new Error(`not JSON:\n${run.stdout}\n--- stderr:\n${run.stderr}`);
    }
}

describe("accessMatrix (Node API)", () => {
    it("reads the configured migrations folder of the example app", () => {
        const { relations, skippedFiles } = accessMatrix([], { cwd: EXAMPLES });
        assert.equal(skippedFiles, undefined);
        assert.deepEqual(
            relations.map((relation) => [relation.name, relation.bucket]),
            [
                ["public.accounts", null],
                ["public.note_tags", null],
                ["public.notes", null],
                ["public.notes_v2", null],
                ["storage.objects", "avatars"],
            ],
        );
        const notes = relations[2];
        assert.deepEqual(Object.keys(notes), ["name", "bucket", "rls", "access"], "keys in reading order");
        assert.deepEqual(Object.keys(notes.access.authenticated), ["select", "insert", "update", "delete"]);
        assert.equal(notes.rls, true);
        assert.deepEqual(notes.access.anon.select, { rows: "none" });
        assert.equal(notes.access.authenticated.update.rows, "some");
        assert.match(notes.access.authenticated.update.condition ?? "", /auth\.uid\(\)/u);
    });

    it("takes in-memory sources, and files by pattern", (t) => {
        const { relations } = accessMatrix([{ path: `${MIGRATIONS}/${GOOD_NAME}`, text: PROFILES_SQL }], { config: {} });
        assert.deepEqual(relations[0].access.authenticated.update, {
            rows: "some",
            condition: "id = (select auth.uid())",
            policies: ["update_own"],
            writableColumns: ["name"],
        });
        const dir = makeProject(t, { [`${MIGRATIONS}/${GOOD_NAME}`]: PROFILES_SQL, [`drafts/${GOOD_NAME}`]: OPEN_SQL });
        assert.deepEqual(
            accessMatrix("drafts", { cwd: dir }).relations.map((relation) => relation.name),
            ["public.open_notes"],
            "patterns name exactly the files of the matrix",
        );
        assert.throws(() => accessMatrix("nowhere/*.sql", { cwd: dir }), (error) => error instanceof SupalintError && error.kind === "files");
    });

    it("throws a `config` SupalintError for a configuration the engine rejects", () => {
        assert.throws(
            () => accessMatrix([{ path: "a.sql", text: "select 1;" }], { config: { rules: { "no-such-rule": "error" } } }),
            (error) => error instanceof SupalintError && error.kind === "config" && error.problems.some((problem) => problem.key.includes("no-such-rule")),
        );
    });

    it("leaves out a file it cannot read, and says so", (t) => {
        const dir = makeProject(t, {
            [`${MIGRATIONS}/${GOOD_NAME}`]: PROFILES_SQL,
            [`${MIGRATIONS}/20240102120000_binary.sql`]: new Uint8Array([0x73, 0x00, 0xff, 0x00]),
        });
        const { relations, skippedFiles } = accessMatrix([], { cwd: dir });
        assert.equal(relations.length, 1);
        assert.equal(skippedFiles?.length, 1);
        assert.equal(skippedFiles?.[0].filePath, path.join(dir, MIGRATIONS, "20240102120000_binary.sql"));
        assert.match(skippedFiles?.[0].message ?? "", /binary/u);
    });
});

describe("supalint access", () => {
    it("prints the example app's matrix as a table, without colour in a pipe", () => {
        const run = runCli(["access"], { cwd: EXAMPLES });
        assert.equal(run.status, 0, run.stderr);
        assert.equal(run.stderr, "");
        assert.match(run.stdout, /^Access matrix of apps\/web\/supabase\/migrations: 4 tables and 1 storage bucket\.$/mu);
        assert.match(run.stdout, /^public\.notes {2}RLS on$/mu);
        assert.match(run.stdout, /^ {2}anon {11}no access$/mu);
        assert.match(run.stdout, /^ {2}authenticated {2}SELECT {2}rows where \(select auth\.uid\(\)\) = user_id or public\.is_super_admin\(\)$/mu);
        assert.match(run.stdout, /^ {25}writable: id, user_id, title, body, created_at, updated_at$/mu);
        assert.match(run.stdout, /^storage\.objects \(bucket avatars\) {2}RLS on$/mu);
        assert.match(run.stdout, /^Findings of the access and storage rules: none\.$/mu);
        assert.ok(!run.stdout.includes("\u001B"), "no colour on a pipe");
        assert.ok(run.stdout.split("\n").every((line) => line.length <= 120), "lines fit the default width of 120");
    });

    it("colours with --color, and not with --no-color", () => {
        const run = runCli(["access", "--color"], { cwd: EXAMPLES });
        assert.equal(run.status, 0, run.stderr);
        assert.ok(run.stdout.includes("\u001B[32mRLS on\u001B[39m"));
        assert.ok(!runCli(["access", "--no-color"], { cwd: EXAMPLES, env: { FORCE_COLOR: "1" } }).stdout.includes("\u001B"));
    });

    it("prints Markdown for a pull-request comment: a row per relation and role", () => {
        const run = runCli(["access", "--format", "markdown"], { cwd: EXAMPLES });
        assert.equal(run.status, 0, run.stderr);
        const lines = run.stdout.split("\n");
        assert.equal(lines[0], "<!-- supalint-access -->");
        assert.ok(lines.includes("| relation | RLS | role | SELECT | INSERT | UPDATE | DELETE |"));
        assert.ok(lines.includes("| `public.notes` | on | `anon` | — | — | — | — |"));
        assert.equal(lines.filter((line) => line.startsWith("| ") && !line.startsWith("| relation")).length, 10, "5 relations × 2 roles");
        assert.ok(lines.includes("None."), "no access findings in the example app");
    });

    it("prints the engine's matrix and the findings as JSON", () => {
        const run = runCli(["access", "--format", "json"], { cwd: EXAMPLES });
        assert.equal(run.status, 0, run.stderr);
        const report = json(run);
        assert.deepEqual(Object.keys(report), ["migrationsDir", "relations", "findings", "skippedFiles"]);
        assert.equal(report.migrationsDir, "apps/web/supabase/migrations");
        assert.deepEqual(report.relations, accessMatrix([], { cwd: EXAMPLES }).relations);
        assert.deepEqual(report.findings, []);
        assert.deepEqual(report.skippedFiles, []);
    });

    it("lists the findings of the access and storage rules under the matrix, and no others", (t) => {
        const dir = makeProject(t, { [`${MIGRATIONS}/${GOOD_NAME}`]: PROFILES_SQL, [`${MIGRATIONS}/20240102120000_create_open_notes.sql`]: OPEN_SQL });
        const run = runCli(["access", "--format", "json"], { cwd: dir });
        assert.equal(run.status, 0, "a report, whatever it says");
        const report = json(run);
        const found = report.findings.map((/** @type {any} */ finding) => `${path.basename(finding.filePath)}:${finding.line} ${finding.ruleId}`);
        assert.ok(found.includes("20240102120000_create_open_notes.sql:4 rls-enabled"), found.join(", "));
        assert.ok(!found.some((finding) => finding.endsWith("require-if-not-exists")), "only access and storage rules");
        assert.ok(!found.some((finding) => finding.startsWith(GOOD_NAME)), "nothing in the clean migration");
        const open = report.relations.find((/** @type {any} */ relation) => relation.name === "public.open_notes");
        assert.equal(open.rls, false);
        assert.equal(open.access.anon.delete.rows, "all");

        const table = runCli(["access"], { cwd: dir });
        assert.match(table.stdout, /^public\.open_notes {2}RLS off$/mu);
        assert.match(table.stdout, /^Findings of the access and storage rules \(\d\):$/mu);
        assert.match(table.stdout, /^ {2}supabase\/migrations\/20240102120000_create_open_notes\.sql:4:\d+ {2}error {2}.*`public\.open_notes`.* {2}rls-enabled$/mu);
        const markdown = runCli(["access", "--format", "markdown"], { cwd: dir });
        assert.match(markdown.stdout, /^- \*\*error\*\* `rls-enabled` in `supabase\/migrations\/20240102120000_create_open_notes\.sql:4`: /mu);
        assert.match(markdown.stdout, /^\| `public\.open_notes` \| \*\*off\*\* \| `anon` \| all rows \| all rows<br>columns: id, body \|/mu);
    });

    it("writes the report to --output-file", (t) => {
        const dir = makeProject(t, { [`${MIGRATIONS}/${GOOD_NAME}`]: PROFILES_SQL });
        const run = runCli(["access", "--format", "markdown", "--output-file", "out/access.md"], { cwd: dir });
        assert.equal(run.status, 0, run.stderr);
        assert.equal(run.stdout, "");
    });

    it("says when there is nothing to show", (t) => {
        const dir = makeProject(t, { "supalint.config.json": "{}" });
        const run = runCli(["access"], { cwd: dir });
        assert.equal(run.status, 0, run.stderr);
        assert.match(run.stdout, /no tables in an exposed schema and no storage buckets/u);
    });

    it("exits 2 on usage and configuration errors, with a message", (t) => {
        const dir = makeProject(t, { [`${MIGRATIONS}/${GOOD_NAME}`]: PROFILES_SQL, "bad/supalint.config.json": JSON.stringify({ rules: { "no-such-rule": "error" } }) });
        const cases = [
            [["access", "supabase/migrations"], /takes no paths/u],
            [["access", "--format", "stylish"], /unknown format "stylish"; use one of table, markdown, json/u],
            [["access", "--frobnicate"], /unknown option --frobnicate\./u],
            [["access", "--config", "bad/supalint.config.json"], /no-such-rule/u],
        ];
        for (const [args, message] of /** @type {[string[], RegExp][]} */ (cases)) {
            const run = runCli(args, { cwd: dir });
            assert.equal(run.status, 2, args.join(" "));
            assert.match(run.stderr, message, args.join(" "));
            assert.equal(run.stdout, "", args.join(" "));
        }
    });

    it("prints the matrix without an unreadable file, and exits 2 naming it", (t) => {
        const dir = makeProject(t, {
            [`${MIGRATIONS}/${GOOD_NAME}`]: PROFILES_SQL,
            [`${MIGRATIONS}/20240102120000_binary.sql`]: new Uint8Array([0x73, 0x00, 0xff, 0x00]),
        });
        const run = runCli(["access"], { cwd: dir });
        assert.equal(run.status, 2);
        assert.match(run.stdout, /^public\.profiles {2}RLS on$/mu);
        assert.match(run.stderr, /supabase\/migrations\/20240102120000_binary\.sql: left out of the matrix and the findings: .*binary/u);
    });

    it("is in the main help, and has its own", () => {
        assert.match(runCli(["--help"]).stdout, /supalint access \[--since <git-ref>\] \[--format table\|markdown\|json\]/u);
        const help = runCli(["access", "--help"]);
        assert.equal(help.status, 0);
        assert.match(help.stdout, /^Usage: supalint access/u);
    });
});
