/**
 * @file The database migrations are verified in: the Supabase stand-in
 * (`sql/supabase-standin.sql`) and the user's base files, installed before
 * any migration, and the check that a database given by URL is free to use.
 */

/** @import { Client } from "pg" */
/** @import { ApplyOutcome } from "./apply.js" */

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { applyMigration } from "./apply.js";

/** The stand-in's SQL file, shipped in the package. */
export const STANDIN_FILE = fileURLToPath(new URL("../../sql/supabase-standin.sql", import.meta.url));

/**
 * Schemas Supabase manages (and PostgreSQL's own): their tables are not the
 * user's.
 */
export const PLATFORM_SCHEMAS = Object.freeze([
    "_analytics",
    "_realtime",
    "auth",
    "cron",
    "extensions",
    "graphql",
    "graphql_public",
    "information_schema",
    "net",
    "pgbouncer",
    "pgsodium",
    "pgsodium_masks",
    "pgtle",
    "realtime",
    "storage",
    "supabase_functions",
    "supabase_migrations",
    "vault",
]);

/**
 * The stand-in's SQL.
 * @returns {string}
 */
export function readStandin() {
    return readFileSync(STANDIN_FILE, "utf8");
}

/**
 * Whether the database already has Supabase's `auth.users` (a Supabase
 * database, where the stand-in must not be installed).
 * @param {Client} client
 * @returns {Promise<boolean>}
 */
export async function hasSupabaseAuth(client) {
    const { rows } = await client.query("select to_regclass('auth.users') is not null as present");
    return rows[0].present === true;
}

/**
 * Installs the stand-in in its own transaction.
 * @param {Client} client
 * @returns {Promise<ApplyOutcome>}
 */
export function installStandin(client) {
    return applyMigration(client, readStandin());
}

/**
 * Up to `limit` tables outside the platform schemas, as `schema.table`.
 * @param {Client} client
 * @param {number} [limit]
 * @returns {Promise<string[]>}
 */
export async function userTables(client, limit = 5) {
    const { rows } = await client.query(
        `select format('%I.%I', n.nspname, c.relname) as name
           from pg_catalog.pg_class c
           join pg_catalog.pg_namespace n on n.oid = c.relnamespace
          where c.relkind in ('r', 'p', 'v', 'm', 'f')
            and n.nspname <> all ($1::text[])
            and n.nspname not like 'pg\\_%'
            and not exists (
                select from pg_catalog.pg_depend d
                 where d.classid = 'pg_catalog.pg_class'::regclass and d.objid = c.oid and d.deptype = 'e'
            )
          order by 1
          limit $2`,
        [PLATFORM_SCHEMAS, limit],
    );
    return rows.map((row) => row.name);
}
