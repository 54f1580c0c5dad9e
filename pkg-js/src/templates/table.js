/**
 * @file `supalint new <description> --template table`: a table that belongs
 * to its users, with everything a table in an exposed schema needs.
 */

/** @import { TemplateSettings } from "./sql.js" */

import { tableName } from "./names.js";
import { adminNote, header, ident, literal, isOwner, orAdmin, policy, qualified, revokedRoles } from "./sql.js";

/**
 * @param {string} description the migration's description (snake_case)
 * @param {TemplateSettings} settings
 * @returns {string}
 */
export function tableTemplate(description, settings) {
    const name = tableName(description);
    const table = qualified(settings.schema, name);
    const shown = `${settings.schema}.${name}`;
    const condition = orAdmin(isOwner("user_id"), settings);
    const policies = /** @type {const} */ (["select", "insert", "update", "delete"]).map((command) =>
        policy({ name: `${name}_${command}`, table, command, condition }),
    );
    return `${header(`create ${shown}`, [
        `Describe what a row of ${shown} holds and why the table is needed.`,
        `Each row belongs to one user: its owner reads and changes it${settings.adminFunction === null ? "" : ", and so do super admins"}.`,
        "Nobody else sees it.",
    ])}

create table if not exists ${table} (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    created_at timestamptz not null default now()
);

comment on table ${table} is ${literal(`Describe a row of ${shown}.`)};

create index if not exists ${ident(`${name}_user_id_idx`)} on ${table} (user_id);

-- Without row-level security the Data API serves every row to every client.
alter table ${table} enable row level security;

-- Supabase grants every new table to all API roles: start from nothing, then
-- grant what each role needs.
revoke all on ${table} from ${revokedRoles(settings)};
grant select, insert, update, delete on ${table} to authenticated;
grant select, insert, update, delete on ${table} to service_role;

${adminNote(settings)}${policies.join("\n\n")}
`;
}
