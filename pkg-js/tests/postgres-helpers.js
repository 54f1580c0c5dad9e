/**
 * @file Helpers for the tests that need a real PostgreSQL: find the server
 * programs (or skip with the reason; in CI a missing server is a failure),
 * start a throwaway cluster for the test, and run the CLI asynchronously.
 */

import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { connect } from "../src/db/connect.js";
import { findPostgresBin, PostgresNotFoundError } from "../src/db/find-postgres.js";
import { startTempCluster } from "../src/db/temp-cluster.js";
import { CLI, REPO_DIR } from "./helpers.js";

/**
 * The server programs, or `null` after marking the test skipped. In CI
 * (`CI` set) a missing server fails the test instead: CI installs it.
 * @param {import("node:test").TestContext} t
 * @returns {import("../src/db/find-postgres.js").PostgresBin | null}
 */
export function postgresOrSkip(t) {
    try {
        return findPostgresBin(process.env);
    } catch (error) {
        if (error instanceof PostgresNotFoundError && !process.env.CI) {
            const reason = "PostgreSQL server programs not found (run scripts/ensure-postgres)";
            process.stdout.write(`# skipped: ${reason}\n`);
            t.skip(reason);
            return null;
        }
        throw error;
    }
}

/**
 * A scratch cluster for the test, stopped (and removed) when it ends.
 * @param {import("node:test").TestContext} t
 * @param {import("../src/db/find-postgres.js").PostgresBin} bin
 * @returns {Promise<import("../src/db/temp-cluster.js").TempCluster>}
 */
export async function startCluster(t, bin) {
    const cluster = await startTempCluster({ bin });
    t.after(() => cluster.stop());
    return cluster;
}

/**
 * Runs SQL on one of a cluster's databases.
 * @param {import("../src/db/temp-cluster.js").TempCluster} cluster
 * @param {string} database
 * @param {string} sql
 * @returns {Promise<Record<string, unknown>[]>} the last statement's rows
 */
export async function sql(cluster, database, sql) {
    const client = await connect(cluster.connection(database));
    try {
        const result = await client.query(sql);
        const last = Array.isArray(result) ? result.at(-1) : result;
        return last?.rows ?? [];
    } finally {
        await client.end();
    }
}

/**
 * A temporary folder every user can enter (a cluster's parent when the
 * tests run as root), removed when the test ends.
 * @param {import("node:test").TestContext} t
 * @returns {string}
 */
export function makeOpenTmpDir(t) {
    const dir = mkdtempSync(path.join(tmpdir(), "supalint-tmp-"));
    chmodSync(dir, 0o1777);
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
}

/**
 * Starts the CLI without waiting for it.
 * @param {string[]} args
 * @param {{ cwd?: string, env?: Record<string, string>, uid?: number, gid?: number, detached?: boolean }} [options]
 * @returns {{ child: import("node:child_process").ChildProcess, done: Promise<{ status: number | null, signal: string | null, stdout: string, stderr: string }> }}
 */
export function startCli(args, options = {}) {
    const env = { ...process.env, ...options.env };
    delete env.FORCE_COLOR;
    delete env.NO_COLOR;
    const child = spawn(process.execPath, [CLI, ...args], {
        cwd: options.cwd ?? REPO_DIR,
        env,
        stdio: ["ignore", "pipe", "pipe"],
        detached: options.detached ?? false,
        ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.gid }),
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
        stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
        stderr += chunk;
    });
    const done = new Promise((resolve, reject) => {
        child.on("error", reject);
        child.on("close", (status, signal) => resolve({ status, signal, stdout, stderr }));
    });
    return { child, done };
}

/**
 * Runs the CLI to the end (asynchronously, so the test's own cluster keeps
 * serving while it runs).
 * @param {string[]} args
 * @param {{ cwd?: string, env?: Record<string, string>, uid?: number, gid?: number }} [options]
 * @returns {Promise<{ status: number | null, signal: string | null, stdout: string, stderr: string }>}
 */
export function runCliAsync(args, options = {}) {
    return startCli(args, options).done;
}

