/**
 * @file `supalint status`'s core: the migrations a database has applied
 * (`supabase_migrations.schema_migrations`, written by the Supabase CLI)
 * against the local files, version by version.
 */

/** @import { Client } from "pg" */
/** @import { MigrationFile } from "./migration-files.js" */

import { escapeControl } from "../formatters/ansi.js";
import { migrationVersion } from "../files/migration-version.js";
import { compareVersions } from "./migration-files.js";
import { SupalintError } from "../errors.js";

/** The Supabase CLI's tracking table. */
export const TRACKING_TABLE = "supabase_migrations.schema_migrations";

/**
 * How long reading the tracking table waits for a lock another session holds
 * (`supabase db push` mid-run, a forgotten `LOCK TABLE`) before saying so.
 */
const LOCK_TIMEOUT_MS = 5_000;

/**
 * A row of the tracking table.
 * @typedef {object} AppliedMigration
 * @property {string} version
 * @property {string | null} name null when the table has no `name` column (Supabase CLI before 1.x)
 */

/**
 * One version's state.
 * - `applied`: a local file and a tracking row with the same name
 * - `name-mismatch`: applied, but the local file's name differs from the recorded one
 * - `pending`: a local file newer than every applied version
 * - `out-of-order`: a local file not applied although a newer version is (`supabase db push` refuses it without `--include-all`)
 * - `missing-locally`: applied, with no local file (drift)
 * @typedef {"applied" | "name-mismatch" | "pending" | "out-of-order" | "missing-locally"} MigrationState
 */

/**
 * @typedef {object} StatusRow
 * @property {string} version
 * @property {MigrationState} status
 * @property {string | null} file the local file's name, or null
 * @property {string | null} localName the local file's description
 * @property {string | null} remoteName the recorded name
 */

/**
 * @typedef {object} StatusReport
 * @property {StatusRow[]} migrations by version
 * @property {string[]} ignored local `.sql` files the Supabase CLI skips (not `<version>_<name>.sql`)
 * @property {string | null} newestApplied
 * @property {Record<MigrationState, number>} counts
 */

/**
 * Reads the tracking table, waiting at most `lockTimeoutMs` for a lock.
 * @param {Client} client a connection of its own (its `lock_timeout` is set)
 * @param {{ lockTimeoutMs?: number }} [options]
 * @returns {Promise<AppliedMigration[]>} by version
 * @throws {SupalintError} when the table does not exist, or another session holds it locked
 */
export async function readAppliedMigrations(client, options = {}) {
    const lockTimeoutMs = options.lockTimeoutMs ?? LOCK_TIMEOUT_MS;
    await client.query(`set lock_timeout = ${Math.max(1, Math.round(lockTimeoutMs))}`);
    const { rows: found } = await client.query(
        `select to_regclass($1) is not null as present,
                exists (
                    select from information_schema.columns
                     where table_schema = 'supabase_migrations' and table_name = 'schema_migrations' and column_name = 'name'
                ) as has_name`,
        [TRACKING_TABLE],
    );
    if (!found[0].present) {
        throw new SupalintError(
            "database",
            `the database has no ${TRACKING_TABLE} table: no migration was ever applied to it with the Supabase CLI (\`supabase db push\` creates it).`,
        );
    }
    const name = found[0].has_name ? "name" : "null::text";
    let rows;
    try {
        ({ rows } = await client.query(`select version::text as version, ${name} as name from ${TRACKING_TABLE}`));
    } catch (error) {
        if (/** @type {{ code?: string }} */ (error)?.code === "55P03") {
            throw new SupalintError("database", await describeLock(client, lockTimeoutMs));
        }
        throw error;
    }
    return rows
        .filter((row) => /^\d+$/u.test(row.version))
        .map((row) => ({ version: row.version, name: row.name ?? null }))
        .sort((a, b) => compareVersions(a.version, b.version));
}

/**
 * What holds the tracking table, for the message when reading it timed out.
 * @param {Client} client
 * @param {number} waitedMs
 * @returns {Promise<string>}
 */
async function describeLock(client, waitedMs) {
    const lead = `${TRACKING_TABLE} is locked by another session, and status waited ${waitedMs / 1000} s for it`;
    /** @type {{ pid: number, mode: string, usename: string | null, application_name: string | null, seconds: number | null }[]} */
    let holders = [];
    try {
        ({ rows: holders } = await client.query(
            `select l.pid, l.mode, a.usename, a.application_name,
                    extract(epoch from now() - a.xact_start)::int as seconds
               from pg_catalog.pg_locks l
               left join pg_catalog.pg_stat_activity a on a.pid = l.pid
              where l.relation = to_regclass($1) and l.granted and l.pid <> pg_backend_pid()
              order by l.pid`,
            [TRACKING_TABLE],
        ));
    } catch {
        // Who holds it is a courtesy; the lock itself is the news.
    }
    if (holders.length === 0) {
        return `${lead}; run it again once that session ends.`;
    }
    const who = holders.map((holder) => {
        const parts = [`pid ${holder.pid}`, `${holder.mode.replace(/Lock$/u, "").replace(/([a-z])([A-Z])/gu, "$1 $2").toUpperCase()} lock`];
        if (holder.usename) {
            parts.push(`user "${escapeControl(holder.usename)}"`);
        }
        if (holder.application_name) {
            parts.push(`application "${escapeControl(holder.application_name)}"`);
        }
        if (holder.seconds !== null) {
            parts.push(`in a transaction open for ${holder.seconds} s`);
        }
        return parts.join(", ");
    });
    return `${lead}: held by ${who.join("; ")}. Run it again once that session ends (or end it with pg_terminate_backend).`;
}

/**
 * Compares local files with the applied migrations.
 * @param {MigrationFile[]} local the files of the migrations folder
 * @param {AppliedMigration[]} applied
 * @returns {StatusReport}
 */
export function compareStatus(local, applied) {
    const newestApplied = applied.reduce(
        (newest, row) => (newest === null || compareVersions(row.version, newest) > 0 ? row.version : newest),
        /** @type {string | null} */ (null),
    );
    const appliedByVersion = new Map(applied.map((row) => [normalize(row.version), row]));
    const localVersions = new Set();
    /** @type {StatusRow[]} */
    const migrations = [];
    for (const file of local) {
        if (file.version === null) {
            continue;
        }
        const key = normalize(file.version);
        localVersions.add(key);
        const row = appliedByVersion.get(key);
        /** @type {MigrationState} */
        let status;
        if (row !== undefined) {
            status = row.name === null || row.name === file.name ? "applied" : "name-mismatch";
        } else {
            status = newestApplied !== null && compareVersions(file.version, newestApplied) < 0 ? "out-of-order" : "pending";
        }
        migrations.push({ version: file.version, status, file: file.fileName, localName: file.name, remoteName: row?.name ?? null });
    }
    for (const row of applied) {
        if (!localVersions.has(normalize(row.version))) {
            migrations.push({ version: row.version, status: "missing-locally", file: null, localName: null, remoteName: row.name });
        }
    }
    migrations.sort((a, b) => compareVersions(a.version, b.version) || (a.file ?? "").localeCompare(b.file ?? ""));
    /** @type {Record<MigrationState, number>} */
    const counts = { applied: 0, "name-mismatch": 0, pending: 0, "out-of-order": 0, "missing-locally": 0 };
    for (const row of migrations) {
        counts[row.status] += 1;
    }
    const ignored = local.filter((file) => file.version === null).map((file) => file.fileName);
    return { migrations, ignored, newestApplied, counts };
}

/**
 * The applied migrations `frozenBefore` does not cover, so a plain `--fix`
 * could rewrite them: those with a 14-digit version after it (all of them
 * when it is unset).
 * @param {StatusReport} report
 * @param {string | null | undefined} frozenBefore
 * @returns {string[]} their versions
 */
export function appliedNotFrozen(report, frozenBefore) {
    return report.migrations
        .filter((row) => row.file !== null && (row.status === "applied" || row.status === "name-mismatch"))
        .map((row) => row.version)
        // A version here is the digits before the `_`: a migration version when they are all of it.
        .filter((version) => migrationVersion(version) === version && (frozenBefore === null || frozenBefore === undefined || version > frozenBefore));
}

/**
 * Whether `--strict` fails: drift (applied migrations with no file) or
 * out-of-order files.
 * @param {StatusReport} report
 * @returns {boolean}
 */
export function hasDriftOrDisorder(report) {
    return report.counts["missing-locally"] > 0 || report.counts["out-of-order"] > 0;
}

/**
 * A version as a number's digits (`0042` and `42` are the same version).
 * @param {string} version
 * @returns {string}
 */
function normalize(version) {
    return BigInt(version).toString();
}
