/**
 * @file The migration version of a file name (SPEC §2): its leading run of
 * digits when that run is exactly 14 long (`YYYYMMDDHHMMSS`), as the engine
 * reads it (`version_of` in `src/history/mod.rs`). Ordering, `--since`, the
 * cache and `supalint new` must agree with the engine on which files have one.
 */

/** A file name's 14-digit version, captured; a 15th digit means no version. */
const MIGRATION_VERSION = /^(\d{14})(?!\d)/u;

/**
 * The version of a migration file name (not a path), if it has one.
 * @param {string} fileName
 * @returns {string | undefined}
 */
export function migrationVersion(fileName) {
    return MIGRATION_VERSION.exec(fileName)?.[1];
}
