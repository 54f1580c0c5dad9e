/**
 * @file The database migrations are verified in: the Supabase stand-in
 * (`sql/supabase-standin.sql`) and the user's base files, installed before
 * any migration, and the check that a database given by URL is free to use:
 * no user tables, no rows in any table (Supabase's `auth.users` and
 * `storage.objects` included), no user functions, no applied migrations.
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
const PLATFORM_SCHEMAS = Object.freeze([
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
function readStandin() {
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
async function userTables(client, limit = 5) {
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

/**
 * What a database holds that `verify` must not overwrite.
 * @typedef {object} DatabaseContents
 * @property {string[]} tables tables outside the platform schemas (up to 5)
 * @property {string[]} rows tables holding rows, in any schema, `auth` and `storage` included (up to 5)
 * @property {string[]} unreadable tables whose rows cannot be counted (up to 5)
 * @property {string[]} functions functions outside the platform schemas and extensions (up to 5)
 * @property {number} migrations rows of `supabase_migrations.schema_migrations`
 */

/** How many tables one query checks for rows. */
const ROW_CHECK_BATCH = 100;

/**
 * Reads what the database holds. Tables an extension installed, and the
 * migration bookkeeping of Supabase's own services (`auth.schema_migrations`,
 * `storage.migrations`, …), do not count.
 * @param {Client} client
 * @returns {Promise<DatabaseContents>}
 */
export async function databaseContents(client) {
    const tables = await userTables(client);
    const { rows: candidates } = await client.query(
        `select format('%I.%I', n.nspname, c.relname) as name
           from pg_catalog.pg_class c
           join pg_catalog.pg_namespace n on n.oid = c.relnamespace
          where c.relkind in ('r', 'p', 'm')
            and not c.relispartition
            and n.nspname not in ('pg_catalog', 'information_schema')
            and n.nspname not like 'pg\\_%'
            and not (n.nspname = 'supabase_migrations' and c.relname = 'schema_migrations')
            and not (n.nspname = any ($1::text[]) and c.relname in ('schema_migrations', 'migrations'))
            and not exists (
                select from pg_catalog.pg_depend d
                 where d.classid = 'pg_catalog.pg_class'::regclass and d.objid = c.oid and d.deptype = 'e'
            )
          order by 1`,
        [PLATFORM_SCHEMAS],
    );
    /** @type {string[]} */
    const withRows = [];
    /** @type {string[]} */
    const unreadable = [];
    const names = candidates.map((row) => row.name);
    for (let start = 0; start < names.length && withRows.length < 5; start += ROW_CHECK_BATCH) {
        const batch = names.slice(start, start + ROW_CHECK_BATCH);
        try {
            withRows.push(...(await tablesWithRows(client, batch)));
        } catch {
            // One table of the batch is unreadable (no privilege, locked): each on its own.
            for (const name of batch) {
                try {
                    withRows.push(...(await tablesWithRows(client, [name])));
                } catch {
                    unreadable.push(name);
                }
            }
        }
    }
    const { rows: functions } = await client.query(
        `select p.oid::regprocedure::text as name
           from pg_catalog.pg_proc p
           join pg_catalog.pg_namespace n on n.oid = p.pronamespace
          where n.nspname <> all ($1::text[])
            and n.nspname not like 'pg\\_%'
            and not exists (
                select from pg_catalog.pg_depend d
                 where d.classid = 'pg_catalog.pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e'
            )
          order by 1
          limit 5`,
        [PLATFORM_SCHEMAS],
    );
    const { rows: tracking } = await client.query("select to_regclass('supabase_migrations.schema_migrations') is not null as present");
    let migrations = 0;
    if (tracking[0].present) {
        try {
            const { rows } = await client.query("select count(*)::int as count from supabase_migrations.schema_migrations");
            migrations = rows[0].count;
        } catch {
            unreadable.push("supabase_migrations.schema_migrations");
        }
    }
    return { tables, rows: withRows.slice(0, 5), unreadable: unreadable.slice(0, 5), functions: functions.map((row) => row.name), migrations };
}

/**
 * Which of these tables (quoted `schema.table` names from the catalog) hold a row.
 * @param {Client} client
 * @param {string[]} names
 * @returns {Promise<string[]>}
 */
async function tablesWithRows(client, names) {
    const sql = names.map((name, index) => `select $${index + 1}::text as name where exists (select from ${name})`).join("\nunion all\n");
    const { rows } = await client.query(sql, names);
    return rows.map((row) => row.name);
}

/**
 * What keeps a database from being used, as phrases for one sentence, or
 * none when it is free.
 * @param {DatabaseContents} contents
 * @returns {string[]}
 */
export function describeContents(contents) {
    const parts = [];
    if (contents.tables.length > 0) {
        parts.push(`user tables (${contents.tables.join(", ")})`);
    }
    if (contents.rows.length > 0) {
        parts.push(`rows in ${contents.rows.join(", ")}`);
    }
    if (contents.unreadable.length > 0) {
        parts.push(`tables whose rows it cannot read to check (${contents.unreadable.join(", ")})`);
    }
    if (contents.functions.length > 0) {
        parts.push(`user functions (${contents.functions.join(", ")})`);
    }
    if (contents.migrations > 0) {
        parts.push(`${contents.migrations} applied ${contents.migrations === 1 ? "migration" : "migrations"} in supabase_migrations.schema_migrations`);
    }
    return parts;
}
