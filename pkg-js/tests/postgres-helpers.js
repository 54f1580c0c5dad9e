/**
 * @file Helpers for the tests that need a real PostgreSQL: find the server
 * programs (or skip with the reason; in CI a missing server is a failure),
 * start a throwaway cluster for the test (on a Unix socket, or also on TCP
 * with a password and TLS), and run the CLI asynchronously.
 */

import { spawn, spawnSync } from "node:child_process";
import { chmodSync, chownSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { connect } from "../src/db/connect.js";
import { findPostgresBin } from "../src/db/find-postgres.js";
import { SupalintError } from "../src/errors.js";
import { serverUser, startTempCluster } from "../src/db/temp-cluster.js";
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
        if (error instanceof SupalintError && error.kind === "cluster" && !process.env.CI) {
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

/** The superuser's password on a cluster from `startTcpCluster`. */
export const TCP_PASSWORD = "Hunter2@Vault:Key";

/**
 * A scratch cluster that also listens on TCP, on 127.0.0.1 and 127.0.0.2 at a
 * free port, asking for the password there (`TCP_PASSWORD`); the Unix socket
 * trusts. The database `tls_only` takes TCP connections with TLS only. With
 * `tls`, the server offers TLS with a self-signed certificate for `localhost`
 * and 127.0.0.1 (not 127.0.0.2).
 * @param {import("node:test").TestContext} t
 * @param {import("../src/db/find-postgres.js").PostgresBin} bin
 * @param {{ tls: boolean }} options
 * @returns {Promise<{ cluster: import("../src/db/temp-cluster.js").TempCluster, port: number, rootCert: string }>}
 *   `rootCert`: the certificate's file, which is its own root (empty without `tls`)
 */
export async function startTcpCluster(t, bin, options) {
    const dir = makeOpenTmpDir(t);
    const files = { hba: path.join(dir, "pg_hba.conf"), cert: path.join(dir, "server.crt"), key: path.join(dir, "server.key") };
    // The client's address is 127.0.0.1 whichever loopback address it dials: the database
    // `tls_only` tells the TLS-only connections apart.
    writeFileSync(
        files.hba,
        ["local all all trust", "hostnossl tls_only all 127.0.0.0/8 reject", "host all all 127.0.0.0/8 scram-sha-256", ""].join("\n"),
    );
    const settings = ["listen_addresses=127.0.0.1,127.0.0.2", `hba_file=${files.hba}`];
    if (options.tls) {
        makeCertificate(files.cert, files.key, ["DNS:localhost", "IP:127.0.0.1"]);
        // PostgreSQL reads a key only its own account can read.
        const user = serverUser();
        if (user !== null) {
            chownSync(files.key, user.uid, user.gid);
        }
        chmodSync(files.key, 0o600);
        settings.push("ssl=on", `ssl_cert_file=${files.cert}`, `ssl_key_file=${files.key}`);
    }
    const port = await freePort();
    const cluster = await startTempCluster({ bin, port, settings });
    t.after(() => cluster.stop());
    await sql(cluster, "postgres", `alter role postgres password '${TCP_PASSWORD.replaceAll("'", "''")}'`);
    await sql(cluster, "postgres", "create database tls_only");
    return { cluster, port, rootCert: options.tls ? files.cert : "" };
}

/**
 * Writes a self-signed certificate (its own root) and its key.
 * @param {string} certFile
 * @param {string} keyFile
 * @param {string[]} names the subject alternative names, as `DNS:…` and `IP:…`
 * @returns {void}
 */
export function makeCertificate(certFile, keyFile, names) {
    const run = spawnSync(
        "openssl",
        ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=supalint test", "-addext", `subjectAltName=${names.join(",")}`, "-keyout", keyFile, "-out", certFile],
        { encoding: "utf8" },
    );
    if (run.error !== undefined || run.status !== 0) {
        throw new Error(`openssl could not make a certificate: ${run.error?.message ?? run.stderr}`);
    }
}

/**
 * A TCP port nothing listens on at the moment.
 * @returns {Promise<number>}
 */
function freePort() {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.on("error", reject);
        server.listen(0, "127.0.0.1", () => {
            const address = server.address();
            server.close(() => resolve(typeof address === "object" && address !== null ? address.port : 0));
        });
    });
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

