/**
 * @file Where the engine thinks the editor's text lives: the file name field
 * is a name inside the migrations folder, or (with a `/`) a path from the
 * project root.
 */

export const MIGRATIONS_DIR = "supabase/migrations/";

/**
 * The file name the engine's own rule-doc tests lint an untagged example as
 * (`supabase/migrations/20240101000000_example.sql`): a well-named migration.
 */
export const DOC_EXAMPLE_FILE = "20240101000000_example.sql";

/**
 * The path the engine sees for a name typed in the file name field.
 * @param {string} name
 * @returns {string}
 */
export function migrationPath(name) {
    const trimmed = name.trim() || "migration.sql";
    return trimmed.includes("/") ? trimmed.replace(/^\/+/u, "") : `${MIGRATIONS_DIR}${trimmed}`;
}
