/**
 * @file The local migrations a database has applied, for `supalint --fix
 * --db-url <url>`: the files `status` calls applied (or applied under another
 * name), which `--fix` then leaves alone.
 */

import path from "node:path";
import { checkDatabaseUrl, connect } from "./connect.js";
import { listMigrations } from "./migration-files.js";
import { compareStatus, readAppliedMigrations } from "./status.js";

/** The states of `status` in which a local file has run on the database. */
const RAN = new Set(["applied", "name-mismatch"]);

/**
 * Reads the database's tracking table and returns the local migrations it lists.
 * @param {string} dbUrl
 * @param {string} migrationsPath absolute
 * @returns {Promise<string[]>} absolute paths
 * @throws {import("../errors.js").SupalintError} for a bad URL, a database that cannot be reached, or no tracking table
 */
export async function appliedMigrationFiles(dbUrl, migrationsPath) {
    checkDatabaseUrl(dbUrl);
    const client = await connect(dbUrl);
    let applied;
    try {
        applied = await readAppliedMigrations(client);
    } finally {
        await client.end().catch(() => {});
    }
    return compareStatus(listMigrations(migrationsPath), applied)
        .migrations.filter((row) => RAN.has(row.status) && row.file !== null)
        .map((row) => path.join(migrationsPath, /** @type {string} */ (row.file)));
}
