/**
 * @file `--since <git-ref>`: only files added, changed or renamed since the
 * ref are reported (committed on the branch, staged, unstaged or untracked),
 * the whole migrations folder stays history, and the engine gets the
 * versions that existed at the ref (`migration-order`).
 */

import assert from "node:assert/strict";
import { renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { lintProject } from "../src/cache/cached-lint.js";
import { changedPaths, changesSince, realPath } from "../src/git/since.js";
import * as api from "../src/index.js";
import { commitAll, git, makeRepo } from "./git-helpers.js";
import { CLEAN_SQL, jsonResults, makeProject, runCli } from "./helpers.js";

const MIGRATIONS = "supabase/migrations";

/** Whether the engine has `migration-order` yet (another change adds it). */
const HAS_MIGRATION_ORDER = api.rules().some((rule) => rule.id === "migration-order");

/**
 * A clean migration creating `public.<name>`.
 * @param {string} name
 * @returns {string}
 */
function createTable(name) {
    return `-- Migration: create public.${name}
-- For the tests.

create table if not exists public.${name} (id bigint primary key, body text not null);
alter table public.${name} enable row level security;
revoke all on public.${name} from anon, authenticated, service_role;
grant select on public.${name} to authenticated;
`;
}

/**
 * The same migration without `IF NOT EXISTS`: one error (`require-if-not-exists`).
 * @param {string} name
 * @returns {string}
 */
function createTableTwiceFails(name) {
    return createTable(name).replace("create table if not exists", "create table");
}

/**
 * A repository on `main` with four migrations (the third one broken), and a
 * `feature` branch checked out.
 * @param {import("node:test").TestContext} t
 * @returns {string}
 */
function repo(t) {
    const dir = makeRepo(t, {
        "supalint.config.json": JSON.stringify({ extends: "recommended" }),
        [`${MIGRATIONS}/20240101000000_create_notes.sql`]: createTable("notes"),
        [`${MIGRATIONS}/20240102000000_create_tags.sql`]: createTable("tags"),
        [`${MIGRATIONS}/20240103000000_create_labels.sql`]: createTableTwiceFails("labels"),
        [`${MIGRATIONS}/20240104000000_create_docs.sql`]: createTable("docs"),
    });
    git(dir, "checkout", "-q", "-b", "feature");
    return dir;
}

/**
 * @param {string} dir
 * @param {string} name
 * @param {string} text
 * @returns {void}
 */
function write(dir, name, text) {
    writeFileSync(path.join(dir, MIGRATIONS, name), text);
}

/**
 * The reported files' names, with their rule ids.
 * @param {import("../src/api.js").LintResult[]} results
 * @returns {Record<string, string[]>}
 */
function reported(results) {
    return Object.fromEntries(results.map((result) => [path.basename(result.filePath), result.messages.map((message) => message.ruleId)]));
}

describe("--since reports only what changed since the ref", () => {
    it("added, modified, renamed and out-of-order files; the rest is history", (t) => {
        const dir = repo(t);
        write(dir, "20240102000000_create_tags.sql", createTableTwiceFails("tags"));
        git(dir, "mv", `${MIGRATIONS}/20240104000000_create_docs.sql`, `${MIGRATIONS}/20240104000000_create_documents.sql`);
        write(dir, "20240201000000_create_pages.sql", createTable("pages"));
        write(dir, "20240101120000_create_archive.sql", createTable("archive"));
        commitAll(dir, "feature work");

        const run = runCli(["--since", "main", "--format", "json"], { cwd: dir });
        const results = jsonResults(run);
        const expected = {
            "20240101120000_create_archive.sql": HAS_MIGRATION_ORDER ? ["migration-order"] : [],
            // It existed at the ref, and the branch edited it.
            "20240102000000_create_tags.sql": ["no-applied-migration-edit", "require-if-not-exists"],
            "20240104000000_create_documents.sql": [],
            "20240201000000_create_pages.sql": [],
        };
        assert.deepEqual(reported(results), expected);
        assert.equal(run.status, 1, "the modified file has an error; the broken file nobody touched is not reported");

        const selection = changesSince("main", { cwd: dir, migrationsPath: path.join(dir, MIGRATIONS) });
        assert.deepEqual(selection.sinceVersions, ["20240101000000", "20240102000000", "20240103000000", "20240104000000"]);
        assert.equal(selection.commit, git(dir, "rev-parse", "main").trim());
        assert.ok(!selection.changed.has(realPath(path.join(dir, MIGRATIONS, "20240104000000_create_docs.sql"))), "a rename's old name is gone");
    });

    it("keeps the whole migrations folder in view", async (t) => {
        const dir = repo(t);
        write(dir, "20240201000000_create_pages.sql", createTable("pages"));
        const report = await lintProject([], { cwd: dir, resolvedConfig: api.loadConfig(dir), since: "main" });
        assert.deepEqual(Object.keys(reported(report.results)), ["20240201000000_create_pages.sql"]);
        assert.equal(report.stats?.files, 5, "every migration went to the engine");
    });

    it("counts staged, unstaged and untracked files, not deleted ones", (t) => {
        const dir = repo(t);
        write(dir, "20240201000000_staged.sql", createTable("staged"));
        git(dir, "add", `${MIGRATIONS}/20240201000000_staged.sql`);
        write(dir, "20240101000000_create_notes.sql", `${createTable("notes")}-- edited\n`);
        write(dir, "20240202000000_untracked.sql", createTable("untracked"));
        rmSync(path.join(dir, MIGRATIONS, "20240102000000_create_tags.sql"));
        renameSync(path.join(dir, MIGRATIONS, "20240104000000_create_docs.sql"), path.join(dir, MIGRATIONS, "20240104000000_moved.sql"));
        writeFileSync(path.join(dir, ".gitignore"), "*.local.sql\n");
        write(dir, "20240203000000_ignored.local.sql", createTable("ignored"));

        const results = jsonResults(runCli(["--since", "main", "--format", "json"], { cwd: dir }));
        assert.deepEqual(Object.keys(reported(results)), [
            "20240101000000_create_notes.sql",
            "20240104000000_moved.sql",
            "20240201000000_staged.sql",
            "20240202000000_untracked.sql",
        ]);
    });

    it("flags a new migration older than the newest one of a ref that moved on", (t) => {
        const dir = repo(t);
        write(dir, "20240215000000_feature_change.sql", createTable("feature"));
        commitAll(dir, "feature");
        git(dir, "checkout", "-q", "main");
        write(dir, "20240301000000_main_change.sql", createTable("main"));
        commitAll(dir, "main moves on");
        git(dir, "checkout", "-q", "feature");

        const selection = changesSince("main", { cwd: dir, migrationsPath: path.join(dir, MIGRATIONS) });
        assert.equal(selection.sinceVersions.at(-1), "20240301000000", "the versions of the ref itself, not of the merge base");
        const results = jsonResults(runCli(["--since", "main", "--format", "json"], { cwd: dir }));
        assert.deepEqual(reported(results), { "20240215000000_feature_change.sql": HAS_MIGRATION_ORDER ? ["migration-order"] : [] });
        if (!HAS_MIGRATION_ORDER) {
            t.diagnostic("the engine has no migration-order rule yet: only the selection was checked");
        }
    });

    it("narrows the paths given on the command line", (t) => {
        const dir = repo(t);
        write(dir, "20240102000000_create_tags.sql", `${createTable("tags")}-- edited\n`);
        write(dir, "20240201000000_create_pages.sql", createTable("pages"));
        const results = jsonResults(
            runCli(["--since", "main", "--format", "json", `${MIGRATIONS}/20240102000000_create_tags.sql`, `${MIGRATIONS}/20240103000000_create_labels.sql`], { cwd: dir }),
        );
        assert.deepEqual(Object.keys(reported(results)), ["20240102000000_create_tags.sql"]);
    });

    it("reports nothing when nothing changed", (t) => {
        const dir = repo(t);
        const run = runCli(["--since", "main", "--format", "json"], { cwd: dir });
        assert.equal(run.status, 0, run.stderr);
        assert.deepEqual(jsonResults(run), []);
        const stylish = runCli(["--since", "HEAD~0"], { cwd: dir });
        assert.equal(stylish.status, 0, stylish.stderr);
        assert.equal(stylish.stdout, "");
    });
});

describe("--since errors are usage errors (exit 2)", () => {
    it("an unknown ref", (t) => {
        const run = runCli(["--since", "origin/main"], { cwd: repo(t) });
        assert.equal(run.status, 2);
        assert.match(run.stderr, /^supalint: --since origin\/main: no such commit, branch or tag in this repository\. In CI, fetch it first/u);
    });

    it("a ref that looks like an option", (t) => {
        const run = runCli(["--since=--output=x"], { cwd: repo(t) });
        assert.equal(run.status, 2);
        assert.match(run.stderr, /--since needs a git revision/u);
    });

    it("outside a git repository", (t) => {
        const dir = makeProject(t, { [`${MIGRATIONS}/20240101000000_create_notes.sql`]: CLEAN_SQL });
        const run = runCli(["--since", "main"], { cwd: dir, env: { GIT_CEILING_DIRECTORIES: path.dirname(dir) } });
        assert.equal(run.status, 2);
        assert.match(run.stderr, /^supalint: --since needs a git repository/u);
    });

    it("with --stdin", (t) => {
        const run = runCli(["--since", "main", "--stdin", "--stdin-filename", "x.sql"], { cwd: repo(t), input: "" });
        assert.equal(run.status, 2);
        assert.match(run.stderr, /--since selects changed files: it does not apply to --stdin/u);
    });
});

describe("git's name-status output", () => {
    it("gives the new name of renames and copies, and skips deletions", () => {
        const fields = ["M", "a.sql", "R087", "old name.sql", "new name.sql", "D", "gone.sql", "C100", "src.sql", "copy.sql", "A", "new\nline.sql", "T", "link.sql"];
        assert.deepEqual(changedPaths(fields), ["a.sql", "new name.sql", "copy.sql", "new\nline.sql", "link.sql"]);
    });
});
