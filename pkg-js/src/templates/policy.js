/**
 * @file `supalint new <description> --template policy`: row-level security
 * policies on an existing table whose rows belong to users.
 */

/** @import { TemplateSettings } from "./sql.js" */

import { PLACEHOLDER_TABLE, policyTable } from "./names.js";
import { adminNote, header, isOwner, orAdmin, policy, qualified } from "./sql.js";

/**
 * @param {string} description the migration's description (snake_case), as `add_<table>_policies`
 * @param {TemplateSettings} settings
 * @returns {string}
 */
export function policyTemplate(description, settings) {
    const name = policyTable(description);
    const table = qualified(settings.schema, name);
    const shown = `${settings.schema}.${name}`;
    const condition = orAdmin(isOwner("user_id"), settings);
    // The table template's names: on one of its tables these replace its policies (each is
    // dropped first) instead of adding a second permissive policy for the same command.
    const lines = [
        `Describe who may read and change the rows of ${shown}, and why.`,
        settings.adminFunction === null
            ? "Each user reads and updates the rows whose user_id is theirs."
            : "Each user reads and updates the rows whose user_id is theirs; super admins every row.",
    ];
    if (name === PLACEHOLDER_TABLE) {
        lines.push(`Replace ${shown} with the table the policies protect.`);
    }
    return `${header(`policies on ${shown}`, lines)}

-- Policies do nothing until row-level security is on.
alter table ${table} enable row level security;

${adminNote(settings)}${policy({ name: `${name}_select`, table, command: "select", condition })}

${policy({ name: `${name}_update`, table, command: "update", condition })}
`;
}
