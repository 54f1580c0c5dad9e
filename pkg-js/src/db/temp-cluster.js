/**
 * @file A throwaway PostgreSQL cluster: `initdb` in a temporary folder, a
 * `postgres` listening only on a Unix socket in that folder (no TCP), trust
 * authentication, durability switched off for speed. Stopping it removes the
 * folder. PostgreSQL refuses to run as root, so a root caller runs the server
 * as the `postgres` user (or `nobody`) and hands it the folder. Each folder
 * names the process that made it (`owner.pid`): a cluster whose owner was
 * killed (`kill -9` leaves the server running) is stopped and removed by the
 * next start in the same temporary folder.
 */

import { spawn, spawnSync } from "node:child_process";
import { chownSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { SupalintError } from "../errors.js";

/** The cluster's superuser. */
export const SUPERUSER = "postgres";

/** The socket's port number: only its name depends on it, as there is no TCP. */
const PORT = 5432;

/** Unix socket paths longer than this do not fit `sockaddr_un` everywhere. */
const MAX_SOCKET_PATH = 100;

/** How long the server may take to accept connections. */
const START_TIMEOUT_MS = 60_000;

/** How long a fast shutdown may take before harder signals follow. */
const STOP_TIMEOUT_MS = 10_000;

/** Server settings: a scratch cluster needs no durability and few connections. */
const SERVER_SETTINGS = [
    "listen_addresses=",
    "fsync=off",
    "synchronous_commit=off",
    "full_page_writes=off",
    "max_connections=20",
    "shared_buffers=32MB",
    "max_wal_size=1GB",
    "unix_socket_permissions=0700",
    "log_min_messages=warning",
    "log_startup_progress_interval=0",
];

/** The prefix of a cluster folder's name. */
const DIR_PREFIX = "supalint-pg-";

/** The file in a cluster folder that holds the process id of the supalint that made it. */
const OWNER_FILE = "owner.pid";

/** How long an orphaned server may take to exit after SIGKILL. */
const ORPHAN_EXIT_MS = 5_000;

/**
 * The operating-system account the server runs as.
 * @typedef {object} ServerUser
 * @property {string} name
 * @property {number} uid
 * @property {number} gid
 */

/**
 * @typedef {object} ClusterOptions
 * @property {import("./find-postgres.js").PostgresBin} bin the server programs
 * @property {string} [tmpRoot] where the folder goes (default: the system's temporary folder)
 * @property {AbortSignal} [signal] stops the start (and removes the folder) when aborted
 * @property {number} [port] the port (default 5432: only the socket's name, as there is no TCP)
 * @property {string[]} [settings] more server settings (`name=value`), after the defaults: the
 *   tests that need TCP, TLS or passwords (`listen_addresses`, `ssl`, `hba_file`) set them here
 */

/**
 * A running scratch cluster.
 */
export class TempCluster {
    /**
     * @param {string} dir the temporary folder: data in `data/`, the socket at its top
     * @param {import("node:child_process").ChildProcess} server
     * @param {() => string} serverLog the end of the server's log
     * @param {number} [port]
     */
    constructor(dir, server, serverLog, port = PORT) {
        /** @type {string} */
        this.dir = dir;
        /** @type {string} the folder `host` names for a Unix-socket connection */
        this.socketDir = dir;
        /** @type {number} */
        this.port = port;
        /** @type {import("node:child_process").ChildProcess} */
        this.server = server;
        /** @type {() => string} */
        this.serverLog = serverLog;
        /** @type {Promise<void> | null} */
        this.stopping = null;
    }

    /**
     * node-postgres connection settings for one of the cluster's databases.
     * @param {string} [database]
     * @returns {{ host: string, port: number, user: string, database: string }}
     */
    connection(database = "postgres") {
        return { host: this.socketDir, port: this.port, user: SUPERUSER, database };
    }

    /**
     * A `postgresql://` URL for one of the cluster's databases (socket in `host`).
     * @param {string} [database]
     * @returns {string}
     */
    url(database = "postgres") {
        return `postgresql://${SUPERUSER}@/${encodeURIComponent(database)}?host=${encodeURIComponent(this.socketDir)}&port=${this.port}`;
    }

    /**
     * Stops the server (fast shutdown, then harder signals if it lingers)
     * and removes the folder. Safe to call more than once.
     * @returns {Promise<void>}
     */
    stop() {
        this.stopping ??= (async () => {
            await stopServer(this.server);
            removeDir(this.dir);
        })();
        return this.stopping;
    }

    /**
     * The last resort when the process is exiting and cannot wait: kills the
     * server and removes what it can of the folder.
     * @returns {void}
     */
    stopNow() {
        if (isRunning(this.server)) {
            this.server.kill("SIGKILL");
        }
        removeDir(this.dir);
    }
}

/**
 * Creates and starts a scratch cluster.
 * @param {ClusterOptions} options
 * @returns {Promise<TempCluster>}
 * @throws {SupalintError}
 */
export async function startTempCluster(options) {
    const user = serverUser();
    await removeOrphanClusters(clusterRoot(options.tmpRoot ?? tmpdir()));
    const dir = makeClusterDir(options.tmpRoot ?? tmpdir(), user);
    try {
        const dataDir = path.join(dir, "data");
        runInitdb(options.bin, dataDir, user);
        throwIfAborted(options.signal);
        const port = options.port ?? PORT;
        const settings = [...SERVER_SETTINGS, ...(options.settings ?? [])];
        const args = ["-D", dataDir, "-k", dir, "-p", String(port), ...settings.flatMap((setting) => ["-c", setting])];
        // A process group of its own: Ctrl-C in a terminal reaches only supalint,
        // which then stops the server itself, in order.
        const server = spawn(options.bin.postgres, args, {
            stdio: ["ignore", "pipe", "pipe"],
            detached: true,
            env: serverEnv(),
            ...(user === null ? {} : { uid: user.uid, gid: user.gid }),
        });
        let log = "";
        const keep = (/** @type {Buffer} */ chunk) => {
            log = (log + chunk.toString("utf8")).slice(-8192);
        };
        // Read the server's output for as long as it runs: a full pipe would stall it.
        server.stdout?.on("data", keep);
        server.stderr?.on("data", keep);
        const cluster = new TempCluster(dir, server, () => log, port);
        try {
            await waitUntilReady(cluster, options.signal);
        } catch (error) {
            await cluster.stop();
            throw error;
        }
        return cluster;
    } catch (error) {
        removeDir(dir);
        throw error;
    }
}

/**
 * Who runs the server: `null` (the caller) unless the caller is root, which
 * PostgreSQL refuses; then the `postgres` account, else `nobody`.
 * @returns {ServerUser | null}
 * @throws {SupalintError} when root has neither account
 */
export function serverUser() {
    if (typeof process.getuid !== "function" || process.getuid() !== 0) {
        return null;
    }
    let passwd = "";
    try {
        passwd = readFileSync("/etc/passwd", "utf8");
    } catch {
        // Fall through to the error below.
    }
    const accounts = new Map(
        passwd
            .split("\n")
            .map((line) => line.split(":"))
            .filter((fields) => fields.length >= 4)
            .map((fields) => [fields[0], { name: fields[0], uid: Number(fields[2]), gid: Number(fields[3]) }]),
    );
    const user = accounts.get("postgres") ?? accounts.get("nobody");
    if (user === undefined) {
        throw new SupalintError(
            "cluster",
            "PostgreSQL does not run as root, and there is no `postgres` or `nobody` account to run it as; " +
                "create one (`useradd --system postgres`) or run supalint as another user.",
        );
    }
    return user;
}

/**
 * The temporary folder, owned by the server's account. Falls back to `/tmp`
 * when the socket path would be too long.
 * @param {string} tmpRoot
 * @param {ServerUser | null} user
 * @returns {string}
 */
function makeClusterDir(tmpRoot, user) {
    const dir = mkdtempSync(path.join(clusterRoot(tmpRoot), DIR_PREFIX));
    // Written before anything else: a run killed at any later point leaves a folder that says
    // whose it was.
    writeFileSync(path.join(dir, OWNER_FILE), `${process.pid}\n`);
    if (user === null) {
        return dir;
    }
    try {
        chownSync(dir, user.uid, user.gid);
    } catch (error) {
        removeDir(dir);
        throw new SupalintError("cluster", `cannot hand ${dir} to the \`${user.name}\` account: ${reason(error)}`);
    }
    const probe = spawnSync("/bin/sh", ["-c", 'test -w "$1" && test -x "$1"', "sh", dir], { uid: user.uid, gid: user.gid });
    if (probe.status !== 0) {
        removeDir(dir);
        throw new SupalintError(
            "cluster",
            `the \`${user.name}\` account that runs PostgreSQL cannot enter ${dir}; ` +
                "point TMPDIR at a folder every user can enter (such as /tmp).",
        );
    }
    return dir;
}

/**
 * Where cluster folders go: `tmpRoot`, or `/tmp` when a socket path there
 * would be too long.
 * @param {string} tmpRoot
 * @returns {string}
 */
function clusterRoot(tmpRoot) {
    return path.join(tmpRoot, `${DIR_PREFIX}XXXXXX`, `.s.PGSQL.${PORT}`).length > MAX_SOCKET_PATH ? "/tmp" : tmpRoot;
}

/**
 * Stops and removes the clusters in `root` whose owner is no longer running:
 * its server (only when the process is that cluster's postgres), then its
 * folder. Folders of running owners, of other users, and without an owner
 * file are left alone.
 * @param {string} root
 * @returns {Promise<string[]>} the folders removed
 */
async function removeOrphanClusters(root) {
    /** @type {string[]} */
    const removed = [];
    let names;
    try {
        names = readdirSync(root).filter((name) => name.startsWith(DIR_PREFIX));
    } catch {
        return removed;
    }
    for (const name of names) {
        const dir = path.join(root, name);
        const owner = readPid(path.join(dir, OWNER_FILE));
        if (owner === null || isAlive(owner)) {
            continue;
        }
        const dataDir = path.join(dir, "data");
        const server = readPid(path.join(dataDir, "postmaster.pid"));
        if (server !== null && isAlive(server)) {
            if (!isServerOf(server, dataDir)) {
                continue;
            }
            try {
                process.kill(server, "SIGKILL");
            } catch {
                continue;
            }
            const started = Date.now();
            while (isAlive(server) && Date.now() - started < ORPHAN_EXIT_MS) {
                await new Promise((resolve) => setTimeout(resolve, 20));
            }
            if (isAlive(server)) {
                continue;
            }
        }
        try {
            removeDir(dir);
            removed.push(dir);
        } catch {
            // Another user's folder: not ours to remove.
        }
    }
    return removed;
}

/**
 * The process id on the first line of a file, or null.
 * @param {string} file
 * @returns {number | null}
 */
function readPid(file) {
    try {
        const pid = Number.parseInt(readFileSync(file, "utf8").split("\n")[0], 10);
        return Number.isInteger(pid) && pid > 0 ? pid : null;
    } catch {
        return null;
    }
}

/**
 * Whether a process runs (one of another user counts).
 * @param {number} pid
 * @returns {boolean}
 */
function isAlive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    } catch (error) {
        return /** @type {NodeJS.ErrnoException} */ (error).code === "EPERM";
    }
}

/**
 * Whether a running process is the postgres serving `dataDir` (its command
 * line names the folder), so that a recycled process id is never killed.
 * Without `/proc`, no process is taken for it.
 * @param {number} pid
 * @param {string} dataDir
 * @returns {boolean}
 */
function isServerOf(pid, dataDir) {
    try {
        return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").includes(dataDir);
    } catch {
        return false;
    }
}

/**
 * @param {import("./find-postgres.js").PostgresBin} bin
 * @param {string} dataDir
 * @param {ServerUser | null} user
 * @returns {void}
 */
function runInitdb(bin, dataDir, user) {
    const result = spawnSync(
        bin.initdb,
        ["-D", dataDir, "-U", SUPERUSER, "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync", "--no-instructions"],
        { encoding: "utf8", env: serverEnv(), detached: true, ...(user === null ? {} : { uid: user.uid, gid: user.gid }) },
    );
    if (result.error !== undefined || result.status !== 0) {
        const detail = result.error === undefined ? lastLines(`${result.stderr}${result.stdout}`) : result.error.message;
        throw new SupalintError("cluster", `initdb (${bin.initdb}) failed: ${detail}`);
    }
}

/**
 * Waits until the server accepts connections: its socket's lock file says
 * `ready`. Fails when the server exits first or takes too long.
 * @param {TempCluster} cluster
 * @param {AbortSignal | undefined} signal
 * @returns {Promise<void>}
 */
async function waitUntilReady(cluster, signal) {
    const started = Date.now();
    const pidFile = path.join(cluster.dir, "data", "postmaster.pid");
    for (;;) {
        throwIfAborted(signal);
        if (!isRunning(cluster.server)) {
            throw new SupalintError("cluster", `PostgreSQL stopped while starting: ${lastLines(cluster.serverLog())}`);
        }
        let status = "";
        try {
            // The eighth line of postmaster.pid is the server's state.
            status = readFileSync(pidFile, "utf8").split("\n")[7]?.trim() ?? "";
        } catch {
            // Not written yet.
        }
        if (status === "ready") {
            return;
        }
        if (Date.now() - started > START_TIMEOUT_MS) {
            throw new SupalintError("cluster", `PostgreSQL did not start within ${START_TIMEOUT_MS / 1000} s: ${lastLines(cluster.serverLog())}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
    }
}

/**
 * @param {AbortSignal | undefined} signal
 * @returns {void}
 * @throws {SupalintError} when the start was called off
 */
function throwIfAborted(signal) {
    if (signal?.aborted) {
        throw new SupalintError("cluster", "interrupted while starting PostgreSQL");
    }
}

/**
 * Fast shutdown (SIGINT), then immediate (SIGQUIT), then SIGKILL.
 * @param {import("node:child_process").ChildProcess} server
 * @returns {Promise<void>}
 */
async function stopServer(server) {
    for (const signal of /** @type {const} */ (["SIGINT", "SIGQUIT", "SIGKILL"])) {
        if (!isRunning(server)) {
            return;
        }
        const exited = new Promise((resolve) => {
            server.once("exit", resolve);
        });
        server.kill(signal);
        const timer = new Promise((resolve) => {
            setTimeout(resolve, STOP_TIMEOUT_MS).unref();
        });
        await Promise.race([exited, timer]);
    }
}

/**
 * @param {import("node:child_process").ChildProcess} child
 * @returns {boolean}
 */
function isRunning(child) {
    return child.exitCode === null && child.signalCode === null;
}

/**
 * @param {string} dir
 * @returns {void}
 */
function removeDir(dir) {
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
}

/**
 * A plain environment for the server programs: C locale, no inherited
 * `PG*` settings that would redirect them.
 * @returns {NodeJS.ProcessEnv}
 */
function serverEnv() {
    const env = { ...process.env, LC_ALL: "C", LANG: "C" };
    for (const key of Object.keys(env)) {
        if (key.startsWith("PG")) {
            delete env[key];
        }
    }
    return env;
}

/**
 * @param {string} text
 * @returns {string}
 */
function lastLines(text) {
    const lines = text.trim().split("\n").filter((line) => line.trim() !== "");
    return lines.slice(-3).join(" / ") || "(no output)";
}

/**
 * @param {unknown} error
 * @returns {string}
 */
function reason(error) {
    return error instanceof Error ? error.message : String(error);
}
