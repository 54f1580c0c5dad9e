/**
 * @file What `verify` changes on a server it was given, beyond the database it
 * works in: roles (created, dropped, renamed, their attributes and
 * passwords), role memberships, and role and database settings
 * (`ALTER ROLE … SET`, `ALTER DATABASE … SET`). These outlive a dropped
 * database, so they are read before the run and put back after it; what
 * cannot be put back is named.
 */

/** @import { Client } from "pg" */

/** Role attributes `ALTER ROLE` sets, by `pg_roles` column. */
const ROLE_FLAGS = Object.freeze({
    rolsuper: ["SUPERUSER", "NOSUPERUSER"],
    rolinherit: ["INHERIT", "NOINHERIT"],
    rolcreaterole: ["CREATEROLE", "NOCREATEROLE"],
    rolcreatedb: ["CREATEDB", "NOCREATEDB"],
    rolcanlogin: ["LOGIN", "NOLOGIN"],
    rolreplication: ["REPLICATION", "NOREPLICATION"],
    rolbypassrls: ["BYPASSRLS", "NOBYPASSRLS"],
});

/**
 * Settings whose stored value is a list of identifiers, quoted where needed
 * (`"$user", public`): they are set again as written, not as one string.
 */
const LIST_SETTINGS = new Set(["search_path", "temp_tablespaces", "session_preload_libraries", "local_preload_libraries"]);

/** An identifier list as PostgreSQL stores one: quoted or plain names, separated by commas. */
const IDENTIFIER_LIST = /^\s*(?:"(?:[^"]|"")*"|[^",\s]+)(?:\s*,\s*(?:"(?:[^"]|"")*"|[^",\s]+))*\s*$/u;

/**
 * One role.
 * @typedef {object} RoleState
 * @property {string} oid
 * @property {string} name
 * @property {Record<string, boolean>} flags by `pg_roles` column
 * @property {number} connectionLimit
 * @property {string | null} validUntil
 * @property {string | null | undefined} password the stored hash; undefined when it cannot be read
 */

/**
 * The server-wide state `verify` could change.
 * @typedef {object} ServerState
 * @property {Map<string, RoleState>} roles by oid
 * @property {Set<string>} memberships `role oid/member oid/admin`
 * @property {Map<string, string[]>} settings `database oid/role oid` → `name=value` entries
 * @property {Map<string, string>} databases oid → name
 * @property {boolean} passwordsRead whether `pg_authid` could be read
 */

/**
 * Reads the state.
 * @param {Client} client connected to any database of the server
 * @returns {Promise<ServerState>}
 */
export async function readServerState(client) {
    const { rows: roleRows } = await client.query(
        `select oid::text as oid, rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin,
                rolreplication, rolbypassrls, rolconnlimit, rolvaliduntil::text as rolvaliduntil
           from pg_catalog.pg_roles
          where rolname !~ '^pg_'`,
    );
    /** @type {Map<string, string | null>} */
    let passwords = new Map();
    let passwordsRead = false;
    try {
        const { rows } = await client.query("select oid::text as oid, rolpassword from pg_catalog.pg_authid");
        passwords = new Map(rows.map((row) => [row.oid, row.rolpassword]));
        passwordsRead = true;
    } catch {
        // Only a superuser reads pg_authid: passwords are then neither compared nor restored.
    }
    /** @type {Map<string, RoleState>} */
    const roles = new Map();
    for (const row of roleRows) {
        roles.set(row.oid, {
            oid: row.oid,
            name: row.rolname,
            flags: Object.fromEntries(Object.keys(ROLE_FLAGS).map((column) => [column, row[column] === true])),
            connectionLimit: row.rolconnlimit,
            validUntil: row.rolvaliduntil ?? null,
            password: passwordsRead ? (passwords.get(row.oid) ?? null) : undefined,
        });
    }
    const { rows: memberRows } = await client.query(
        "select roleid::text as role, member::text as member, admin_option from pg_catalog.pg_auth_members",
    );
    const memberships = new Set(memberRows.map((row) => `${row.role}/${row.member}/${row.admin_option ? "admin" : ""}`));
    const { rows: settingRows } = await client.query(
        "select setdatabase::text as database, setrole::text as role, setconfig from pg_catalog.pg_db_role_setting",
    );
    const settings = new Map(settingRows.map((row) => [`${row.database}/${row.role}`, [...(row.setconfig ?? [])].sort()]));
    const { rows: databaseRows } = await client.query("select oid::text as oid, datname from pg_catalog.pg_database");
    const databases = new Map(databaseRows.map((row) => [row.oid, row.datname]));
    return { roles, memberships, settings, databases, passwordsRead };
}

/**
 * What putting the state back did.
 * @typedef {object} RestoreReport
 * @property {string[]} restored one line per change undone
 * @property {string[]} remaining one line per change left on the server, with the reason
 */

/**
 * Puts the server back as `before` found it, as far as it can: drops roles
 * created since, recreates dropped ones, renames renamed ones back, resets
 * attributes, passwords, memberships and settings.
 * @param {Client} client connected to a database of the server other than any that was dropped
 * @param {ServerState} before
 * @param {{ dropOwned?: boolean }} [options] `dropOwned`: revoke what roles created by the run
 *   were granted on shared objects (databases, tablespaces) first; only for a connection to a
 *   database the run did not work in, where such a role owns nothing
 * @returns {Promise<RestoreReport>}
 */
export async function restoreServerState(client, before, options = {}) {
    const after = await readServerState(client);
    /** @type {RestoreReport} */
    const report = { restored: [], remaining: [] };
    const run = async (/** @type {string} */ sql, /** @type {string} */ done, /** @type {string} */ left) => {
        try {
            await client.query(sql);
            report.restored.push(done);
            return true;
        } catch (error) {
            report.remaining.push(`${left}: ${oneLine(error)}`);
            return false;
        }
    };
    const nameOf = (/** @type {string} */ oid) => before.roles.get(oid)?.name ?? after.roles.get(oid)?.name ?? oid;

    // Roles the run created: dropped (their memberships and settings go with them).
    for (const role of after.roles.values()) {
        if (!before.roles.has(role.oid)) {
            const dropOwned = options.dropOwned ? `drop owned by ${ident(role.name)}; ` : "";
            await run(`${dropOwned}drop role ${ident(role.name)}`, `dropped role "${role.name}"`, `role "${role.name}" created by the run remains`);
        }
    }
    // Roles the run dropped: recreated (a role can only be dropped once nothing depends on it,
    // so its attributes, password, memberships and settings are all it had).
    /** @type {Map<string, string>} old oid → new oid of recreated roles */
    const recreated = new Map();
    for (const role of before.roles.values()) {
        if (after.roles.has(role.oid)) {
            continue;
        }
        const created = await run(
            `create role ${ident(role.name)} ${createOptions(role)}`,
            `recreated role "${role.name}", dropped by the run`,
            `role "${role.name}" dropped by the run is not recreated`,
        );
        if (created) {
            const { rows } = await client.query("select oid::text as oid from pg_catalog.pg_roles where rolname = $1", [role.name]);
            recreated.set(role.oid, rows[0].oid);
        }
    }
    // Roles the run changed.
    for (const role of before.roles.values()) {
        const now = after.roles.get(role.oid);
        if (now === undefined) {
            continue;
        }
        if (now.name !== role.name) {
            await run(
                `alter role ${ident(now.name)} rename to ${ident(role.name)}`,
                `renamed role "${now.name}" back to "${role.name}"`,
                `role "${role.name}" stays renamed to "${now.name}"`,
            );
        }
        const options = alterOptions(role, now);
        if (options !== "") {
            await run(
                `alter role ${ident(role.name)} ${options}`,
                `reset the attributes of role "${role.name}"`,
                `role "${role.name}" keeps the attributes the run gave it`,
            );
        }
    }
    // Memberships, with recreated roles under their new oids.
    const current = await readServerState(client);
    const remap = (/** @type {string} */ oid) => recreated.get(oid) ?? oid;
    const wanted = new Set(
        [...before.memberships].map((key) => {
            const [role, member, admin] = key.split("/");
            return `${remap(role)}/${remap(member)}/${admin}`;
        }),
    );
    const roleName = (/** @type {string} */ oid) => current.roles.get(oid)?.name ?? nameOf(oid);
    for (const key of current.memberships) {
        if (!wanted.has(key)) {
            const [role, member] = key.split("/");
            await run(
                `revoke ${ident(roleName(role))} from ${ident(roleName(member))}`,
                `revoked "${roleName(role)}" from "${roleName(member)}"`,
                `"${roleName(member)}" stays a member of "${roleName(role)}"`,
            );
        }
    }
    for (const key of wanted) {
        if (!current.memberships.has(key)) {
            const [role, member, admin] = key.split("/");
            await run(
                `grant ${ident(roleName(role))} to ${ident(roleName(member))}${admin === "admin" ? " with admin option" : ""}`,
                `granted "${roleName(role)}" to "${roleName(member)}" again`,
                `"${roleName(member)}" is no longer a member of "${roleName(role)}"`,
            );
        }
    }
    // Settings of roles and databases that still exist.
    const keys = new Set([...before.settings.keys(), ...current.settings.keys()]);
    for (const key of keys) {
        const [database, role] = key.split("/");
        const target = remap(role);
        const was = before.settings.get(key) ?? [];
        const is = current.settings.get(`${database}/${target}`) ?? [];
        if (was.join("\n") === is.join("\n")) {
            continue;
        }
        const databaseName = current.databases.get(database);
        if (database !== "0" && databaseName === undefined) {
            continue;
        }
        if (role !== "0" && !current.roles.has(target)) {
            continue;
        }
        const scope = settingScope(role === "0" ? null : roleName(target), database === "0" ? null : /** @type {string} */ (databaseName));
        const where = describeScope(role === "0" ? null : roleName(target), database === "0" ? null : /** @type {string} */ (databaseName));
        const statements = [`${scope} reset all`, ...was.map((entry) => setStatement(scope, entry))];
        if (statements.includes(null)) {
            report.remaining.push(`the settings of ${where} stay as the run left them: a stored value cannot be written back`);
            continue;
        }
        await run(statements.join(";\n"), `reset the settings of ${where}`, `the settings of ${where} stay as the run left them`);
    }
    return report;
}

/**
 * `CREATE ROLE` options that give a role its attributes and password.
 * @param {RoleState} role
 * @returns {string}
 */
function createOptions(role) {
    const parts = Object.entries(ROLE_FLAGS).map(([column, [on, off]]) => (role.flags[column] ? on : off));
    parts.push(`CONNECTION LIMIT ${Number(role.connectionLimit)}`);
    if (role.validUntil !== null) {
        parts.push(`VALID UNTIL ${literal(role.validUntil)}`);
    }
    if (role.password !== undefined && role.password !== null) {
        parts.push(`PASSWORD ${literal(role.password)}`);
    }
    return parts.join(" ");
}

/**
 * `ALTER ROLE` options that take a role from `now` back to `was`: only what
 * differs (a non-superuser may not even name some attributes), or "" when
 * nothing does.
 * @param {RoleState} was
 * @param {RoleState} now
 * @returns {string}
 */
function alterOptions(was, now) {
    const parts = Object.entries(ROLE_FLAGS)
        .filter(([column]) => was.flags[column] !== now.flags[column])
        .map(([column, [on, off]]) => (was.flags[column] ? on : off));
    if (was.connectionLimit !== now.connectionLimit) {
        parts.push(`CONNECTION LIMIT ${Number(was.connectionLimit)}`);
    }
    if ((was.validUntil ?? "infinity") !== (now.validUntil ?? "infinity")) {
        parts.push(`VALID UNTIL ${literal(was.validUntil ?? "infinity")}`);
    }
    if (was.password !== undefined && now.password !== undefined && was.password !== now.password) {
        parts.push(was.password === null ? "PASSWORD NULL" : `PASSWORD ${literal(was.password)}`);
    }
    return parts.join(" ");
}

/**
 * The `ALTER …` prefix for a role's or database's settings.
 * @param {string | null} role null: every role
 * @param {string | null} database null: every database
 * @returns {string}
 */
function settingScope(role, database) {
    if (role === null) {
        return database === null ? "alter role all" : `alter database ${ident(database)}`;
    }
    return `alter role ${ident(role)}${database === null ? "" : ` in database ${ident(database)}`}`;
}

/**
 * @param {string | null} role
 * @param {string | null} database
 * @returns {string}
 */
function describeScope(role, database) {
    if (role === null) {
        return database === null ? "every role" : `database "${database}"`;
    }
    return database === null ? `role "${role}"` : `role "${role}" in database "${database}"`;
}

/**
 * `… SET name TO value` for a stored `name=value` entry, or null when the
 * value cannot be written back safely.
 * @param {string} scope
 * @param {string} entry
 * @returns {string | null}
 */
function setStatement(scope, entry) {
    const equals = entry.indexOf("=");
    const name = entry.slice(0, equals);
    const value = entry.slice(equals + 1);
    if (equals <= 0 || !/^[A-Za-z_][\w.]*$/u.test(name)) {
        return null;
    }
    if (LIST_SETTINGS.has(name.toLowerCase())) {
        return IDENTIFIER_LIST.test(value) ? `${scope} set ${name} to ${value}` : null;
    }
    return `${scope} set ${name} to ${literal(value)}`;
}

/**
 * @param {string} name
 * @returns {string}
 */
function ident(name) {
    return `"${name.replaceAll('"', '""')}"`;
}

/**
 * @param {string} value
 * @returns {string}
 */
function literal(value) {
    return `'${value.replaceAll("'", "''")}'`;
}

/**
 * An error as one line: the message, then every line of its detail (what depends on a role).
 * @param {unknown} error
 * @returns {string}
 */
function oneLine(error) {
    const message = error instanceof Error ? error.message : String(error);
    const detail = /** @type {{ detail?: string }} */ (error)?.detail;
    return `${message.split("\n")[0]}${detail ? ` (${detail.split("\n").join("; ")})` : ""}`;
}
