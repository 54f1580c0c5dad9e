/**
 * @file The migrations of a folder as `verify` applies them and `status`
 * compares them: the `.sql` files directly in the folder (the Supabase CLI
 * skips subfolders), in version order.
 */

import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { migrationVersion } from "../files/migration-version.js";

/**
 * A migration file.
 * @typedef {object} MigrationFile
 * @property {string} file absolute path
 * @property {string} fileName its name
 * @property {string | null} version the digits before the first `_` (`<version>_<name>.sql`, as the Supabase CLI reads names), or null
 * @property {string | null} name the part after the `_`, without `.sql`, or null
 */

/** The Supabase CLI's migration file name: `<digits>_<name>.sql`. */
const MIGRATION_NAME = /^(\d+)_(.*)\.sql$/u;

/**
 * Reads a migration file name as the Supabase CLI does.
 * @param {string} fileName
 * @returns {{ version: string, name: string } | null} null for a name the Supabase CLI skips
 */
function parseMigrationName(fileName) {
    const match = MIGRATION_NAME.exec(fileName);
    return match === null ? null : { version: match[1], name: match[2] };
}

/**
 * The migrations directly in a folder, in version order (SPEC §2: by the
 * 14-digit version; files without one after them, by name).
 * @param {string} dir absolute migrations folder
 * @returns {MigrationFile[]} empty when the folder does not exist
 */
export function listMigrations(dir) {
    let names;
    try {
        names = readdirSync(dir);
    } catch {
        return [];
    }
    return names
        .filter((name) => name.endsWith(".sql") && isFile(path.join(dir, name)))
        .map((fileName) => {
            const parsed = parseMigrationName(fileName);
            return { file: path.join(dir, fileName), fileName, version: parsed?.version ?? null, name: parsed?.name ?? null };
        })
        .sort(compareMigrations);
}

/**
 * SPEC §2 order.
 * @param {MigrationFile} a
 * @param {MigrationFile} b
 * @returns {number}
 */
function compareMigrations(a, b) {
    const keyA = migrationVersion(a.fileName);
    const keyB = migrationVersion(b.fileName);
    if (keyA !== undefined && keyB !== undefined && keyA !== keyB) {
        return keyA < keyB ? -1 : 1;
    }
    if ((keyA === undefined) !== (keyB === undefined)) {
        return keyA === undefined ? 1 : -1;
    }
    return a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0;
}

/**
 * Compares two migration versions as numbers.
 * @param {string} a
 * @param {string} b
 * @returns {number}
 */
export function compareVersions(a, b) {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * @param {string} file
 * @returns {boolean}
 */
function isFile(file) {
    try {
        return statSync(file).isFile();
    } catch {
        return false;
    }
}
