/**
 * @file The database `verify` works in, set up and torn down: a scratch
 * cluster (the default, which leaves nothing behind), a fresh database on a
 * given server (`--db-url … --create-db`), or the given database itself
 * (`--db-url`, refused unless `--force` when it holds user tables, rows in
 * any table, user functions or applied migrations). Then the Supabase
 * stand-in (unless the database is Supabase's own) and the base files go in.
 * On a given server, the roles, memberships and settings the run changes
 * outlive its database: they are read before and put back after, and what
 * cannot be put back is named.
 */

/** @import { Client } from "pg" */
/** @import { ConnectionTarget } from "./connect.js" */

import { randomBytes } from "node:crypto";
import { connect, describeTarget, messageOf, withDatabase } from "./connect.js";
import { applyMigration } from "./apply.js";
import { findPostgresBin } from "./find-postgres.js";
import { readServerState, restoreServerState } from "./server-state.js";
import { databaseContents, describeContents, hasSupabaseAuth, installStandin } from "./standin.js";
import { startTempCluster } from "./temp-cluster.js";
import { SupalintError } from "../errors.js";

/**
 * @typedef {object} VerifyDatabaseOptions
 * @property {string} [dbUrl] a server's database instead of a scratch cluster
 * @property {boolean} [createDb] with `dbUrl`: create a fresh database on that server (dropped afterwards)
 * @property {boolean} [force] with `dbUrl`: use it even when it is not empty
 * @property {Record<string, string | undefined>} env where `PATH` comes from
 * @property {string} [tmpRoot] where a scratch cluster's folder goes
 * @property {AbortSignal} [signal] calls off a scratch cluster's start
 */

/**
 * A database to verify in.
 * @typedef {object} VerifyDatabase
 * @property {ConnectionTarget} target
 * @property {string} description for the report ("a scratch PostgreSQL cluster", a redacted URL)
 * @property {() => Promise<RestoreReport | null>} dispose removes what was created (cluster,
 *   database) and puts a given server's roles and settings back; null for a scratch cluster
 * @property {() => void} disposeNow the part of `dispose` that works while the process exits
 */

/** @import { RestoreReport } from "./server-state.js" */

/**
 * Sets up the database.
 * @param {VerifyDatabaseOptions} options
 * @returns {Promise<VerifyDatabase>}
 * @throws {import("../errors.js").SupalintError}
 */
export async function openVerifyDatabase(options) {
    if (options.dbUrl === undefined) {
        const cluster = await startTempCluster({ bin: findPostgresBin(options.env), tmpRoot: options.tmpRoot, signal: options.signal });
        return {
            target: cluster.connection(),
            description: "a scratch PostgreSQL cluster",
            dispose: async () => {
                await cluster.stop();
                return null;
            },
            disposeNow: () => cluster.stopNow(),
        };
    }
    const url = options.dbUrl;
    if (!options.createDb && !options.force) {
        const contents = await withClient(url, async (client) => {
            // A table another session holds locked must not stall the check.
            await client.query("set lock_timeout = '5s'");
            return databaseContents(client);
        });
        const found = describeContents(contents);
        if (found.length > 0) {
            throw new SupalintError(
                "database",
                `${describeTarget(url)} already holds ${found.join("; ")}, and verify applies every ` +
                    "migration to it for real: pass --create-db to verify in a fresh database on that server, or --force to use this one.",
            );
        }
    }
    // Kept open for the whole run: the session that puts the server back was set up before any
    // migration could change its role's settings.
    const guard = await connect(url);
    let state;
    try {
        state = await readServerState(guard);
    } catch (error) {
        await guard.end().catch(() => {});
        throw new SupalintError("database", `cannot read the roles and settings of ${describeTarget(url)}: ${messageOf(error)}`);
    }
    let guardClient = guard;
    const liveClient = async () => {
        try {
            await guardClient.query("select");
        } catch {
            guardClient = await connect(url);
        }
        return guardClient;
    };
    /** @type {Promise<RestoreReport> | null} */
    let restoring = null;
    const restore = (/** @type {() => Promise<void>} */ before) => {
        restoring ??= (async () => {
            await before();
            try {
                // With --create-db the guard's database is one the run never worked in.
                return await restoreServerState(await liveClient(), state, { dropOwned: options.createDb });
            } finally {
                await guardClient.end().catch(() => {});
            }
        })();
        return restoring;
    };
    if (options.createDb) {
        const name = `supalint_verify_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
        try {
            await guard.query(`create database ${name}`);
        } catch (error) {
            await guard.end().catch(() => {});
            throw new SupalintError("database", `cannot create a database on ${describeTarget(url)}: ${messageOf(error)}`);
        }
        return {
            target: withDatabase(url, name),
            description: `a new database "${name}" on ${describeTarget(url)}`,
            dispose: () =>
                restore(async () => {
                    const client = await liveClient();
                    await client.query(`drop database if exists ${name} with (force)`).catch(() => {});
                }),
            disposeNow: () => {},
        };
    }
    return { target: url, description: describeTarget(url), dispose: () => restore(async () => {}), disposeNow: () => {} };
}

/**
 * Installs the stand-in (unless the database has Supabase's `auth` schema)
 * and the base files, then opens the connection the migrations run on: a new
 * session, so the search path the stand-in sets applies to it.
 * @param {ConnectionTarget} target
 * @param {{ path: string, text: string }[]} baseFiles applied in order, each in its own transaction
 * @returns {Promise<{ client: Client, standin: boolean }>} the connection, and whether the stand-in was installed
 * @throws {SupalintError} when the stand-in or a base file fails
 */
export async function prepareDatabase(target, baseFiles) {
    const standin = await withClient(target, async (client) => {
        if (await hasSupabaseAuth(client)) {
            return false;
        }
        const outcome = await installStandin(client);
        if (!outcome.ok) {
            throw new SupalintError("database", `the Supabase stand-in cannot be installed in ${describeTarget(target)}: ${outcome.error.message}`);
        }
        return true;
    });
    const client = await connect(target);
    try {
        for (const base of baseFiles) {
            const outcome = await applyMigration(client, base.text);
            if (!outcome.ok) {
                const where = outcome.location === null ? "" : `:${outcome.location.line}:${outcome.location.column}`;
                throw new SupalintError("database", `base file ${base.path}${where} fails: ${outcome.error.message}`);
            }
        }
    } catch (error) {
        await client.end().catch(() => {});
        throw error;
    }
    return { client, standin };
}

/**
 * Runs `work` on a connection of its own, closed afterwards.
 * @template T
 * @param {ConnectionTarget} target
 * @param {(client: Client) => Promise<T>} work
 * @returns {Promise<T>}
 */
async function withClient(target, work) {
    const client = await connect(target);
    try {
        return await work(client);
    } finally {
        await client.end().catch(() => {});
    }
}
