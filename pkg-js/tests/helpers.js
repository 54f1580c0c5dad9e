/**
 * @file Shared test helpers: paths, temporary projects, and running the CLI
 * as a user would (a child process of the real executable).
 */

import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The `pkg-js` folder. */
export const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));

/** The repository root. */
export const REPO_DIR = path.dirname(PACKAGE_DIR);

/** The CLI executable. */
export const CLI = path.join(PACKAGE_DIR, "src", "cli", "index.js");

/** A migration name that every file-naming rule accepts. */
export const GOOD_NAME = "20240101120000_create_notes.sql";

/** A clean migration: header, idempotent, schema-qualified, RLS, default grants revoked. */
export const CLEAN_SQL = `-- Migration: create public.notes
-- Notes for the tests.

create table if not exists public.notes (id bigint primary key, body text not null);
alter table public.notes enable row level security;
revoke all on public.notes from anon, authenticated, service_role;
grant select on public.notes to authenticated;
`;

/** A migration with one fixable error (`require-if-not-exists`) on line 4, column 14, and nothing else. */
export const BROKEN_SQL = `-- Migration: create public.tags
-- Tags for the tests.

create table public.tags (id bigint primary key, name text not null);
alter table public.tags enable row level security;
revoke all on public.tags from anon, authenticated, service_role;
grant select on public.tags to authenticated;
`;

/**
 * Creates a temporary project from a map of relative paths to contents, and
 * removes it when the test ends.
 * @param {import("node:test").TestContext} t
 * @param {Record<string, string | Uint8Array>} files
 * @returns {string} the project folder
 */
export function makeProject(t, files) {
    const dir = mkdtempSync(path.join(tmpdir(), "supalint-test-"));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    for (const [name, content] of Object.entries(files)) {
        const file = path.join(dir, name);
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, content);
    }
    return dir;
}

/**
 * Runs the CLI.
 * @param {string[]} args
 * @param {{ cwd?: string, input?: string | Uint8Array, env?: Record<string, string> }} [options]
 * @returns {{ status: number | null, stdout: string, stderr: string }}
 */
export function runCli(args, options = {}) {
    const env = { ...process.env, ...options.env };
    delete env.FORCE_COLOR;
    delete env.NO_COLOR;
    const child = spawnSync(process.execPath, [CLI, ...args], {
        cwd: options.cwd ?? REPO_DIR,
        input: options.input,
        env: { ...env, ...options.env },
        encoding: "utf8",
        timeout: 60_000,
        maxBuffer: 64 * 1024 * 1024,
    });
    if (child.error) {
        throw child.error;
    }
    return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

/**
 * Parses the CLI's JSON output, failing with the output when it is not JSON.
 * @param {{ stdout: string, stderr: string }} run
 * @returns {import("../src/api.js").LintResult[]}
 */
export function jsonResults(run) {
    try {
        return JSON.parse(run.stdout);
    } catch {
        throw new Error(`not JSON:\n${run.stdout}\n--- stderr:\n${run.stderr}`);
    }
}

/**
 * The environment under which the CLI's engine traps, as a panicking engine
 * would, on every request with a file containing `marker` (`trap-hooks.js`).
 * @param {string} marker
 * @returns {Record<string, string>}
 */
export function trapEnv(marker) {
    const preload = new URL("./trap-preload.js", import.meta.url).href;
    return { NODE_OPTIONS: `--import=${preload}`, SUPALINT_TRAP_MARKER: marker };
}
