/**
 * @file What every template shares: the settings read from the project's
 * configuration, identifier quoting, the header block, and the access check
 * policies use.
 */

/**
 * What a template needs to know about the project.
 * @typedef {object} TemplateSettings
 * @property {string} schema the exposed schema new tables and functions go in
 * @property {string | null} adminFunction the function that lets super admins through (`adminFunction`),
 *   or null when none is configured or no migration creates it
 * @property {string | null} missingAdminFunction the configured admin function no migration creates, or null
 * @property {string[]} revokeRoles the roles a new table's default privileges are revoked from
 */

/** Roles Supabase grants every new table to; a template revokes from all of them. */
const API_ROLES = ["anon", "authenticated", "service_role"];

/**
 * PostgreSQL's reserved key words (they cannot name a column unquoted).
 * https://www.postgresql.org/docs/current/sql-keywords-appendix.html
 */
const RESERVED = new Set(
    (
        "all analyse analyze and any array as asc asymmetric authorization binary both case cast check collate collation " +
        "column concurrently constraint create cross current_catalog current_date current_role current_schema " +
        "current_time current_timestamp current_user default deferrable desc distinct do else end except false fetch " +
        "for foreign freeze from full grant group having ilike in initially inner intersect into is isnull join lateral " +
        "leading left like limit localtime localtimestamp natural not notnull null offset on only or order outer " +
        "overlaps placing primary references returning right select session_user similar some symmetric system_user " +
        "table tablesample then to trailing true union unique user using variadic verbose when where window with"
    ).split(" "),
);

/**
 * An identifier as SQL text: bare when PostgreSQL reads it back unchanged,
 * double-quoted otherwise.
 * @param {string} name
 * @returns {string}
 */
export function ident(name) {
    return /^[a-z_][a-z0-9_$]*$/u.test(name) && !RESERVED.has(name) ? name : `"${name.replaceAll('"', '""')}"`;
}

/**
 * A schema-qualified name as SQL text.
 * @param {string} schema
 * @param {string} name
 * @returns {string}
 */
export function qualified(schema, name) {
    return `${ident(schema)}.${ident(name)}`;
}

/**
 * A string literal.
 * @param {string} text
 * @returns {string}
 */
export function literal(text) {
    return `'${text.replaceAll("'", "''")}'`;
}

/**
 * The header block every migration opens with (`migration-header`).
 * @param {string} title what the migration does, in a few words
 * @param {string[]} lines what to say about it
 * @returns {string}
 */
export function header(title, lines) {
    return [`-- Migration: ${title}`, ...lines.map((line) => `-- ${line}`)].join("\n");
}

/**
 * The caller's own rows, plus a super admin's reach when the project has an
 * admin function (`super-admin-bypass`).
 * @param {string} condition who owns the row, as SQL
 * @param {TemplateSettings} settings
 * @returns {string}
 */
export function orAdmin(condition, settings) {
    return settings.adminFunction === null ? condition : `${condition} or ${settings.adminFunction}()`;
}

/**
 * The comment that opens a template's policies when the configured admin
 * function is missing from the migrations, or nothing.
 * @param {TemplateSettings} settings
 * @returns {string}
 */
export function adminNote(settings) {
    const name = settings.missingAdminFunction;
    if (name === null) {
        return "";
    }
    return [
        `-- No migration creates ${name}(), so these policies leave super admins out (a call to`,
        `-- a missing function would fail). Once it exists, add \`or ${name}()\` to each condition.`,
        "",
    ].join("\n");
}

/**
 * The caller is the row's owner. `auth.uid()` is wrapped in a sub-select so
 * PostgreSQL evaluates it once per statement, not once per row
 * (`auth-function-initplan`).
 * @param {string} ownerColumn
 * @returns {string}
 */
export function isOwner(ownerColumn) {
    return `(select auth.uid()) = ${ownerColumn}`;
}

/**
 * The roles a new table's privileges are revoked from: Supabase's API roles
 * and the configured `revokeRoles`.
 * @param {TemplateSettings} settings
 * @returns {string}
 */
export function revokedRoles(settings) {
    return [...new Set([...API_ROLES, ...settings.revokeRoles])].map(ident).join(", ");
}

/**
 * `drop policy if exists` then `create policy` (`drop-before-create`), for
 * `authenticated` only (`policy-roles`), with the clauses PostgreSQL accepts
 * for the command (`policy-clauses`).
 * @param {object} policy
 * @param {string} policy.name
 * @param {string} policy.table schema-qualified SQL text
 * @param {"select" | "insert" | "update" | "delete"} policy.command
 * @param {string} policy.condition
 * @returns {string}
 */
export function policy({ name, table, command, condition }) {
    const clauses = [];
    if (command !== "insert") {
        clauses.push(`    using (${condition})`);
    }
    if (command === "insert" || command === "update") {
        clauses.push(`    with check (${condition})`);
    }
    return [
        `drop policy if exists ${ident(name)} on ${table};`,
        `create policy ${ident(name)} on ${table}`,
        `    for ${command}`,
        "    to authenticated",
        `${clauses.join("\n")};`,
    ].join("\n");
}
