/**
 * @file `supalint new <description> --template column`: a column added to
 * an existing table.
 */

/** @import { TemplateSettings } from "./sql.js" */

import { columnNames, PLACEHOLDER_TABLE } from "./names.js";
import { header, ident, literal, qualified } from "./sql.js";

/**
 * @param {string} description the migration's description (snake_case), as `add_<column>_to_<table>`
 * @param {TemplateSettings} settings
 * @returns {string}
 */
export function columnTemplate(description, settings) {
    const { table: name, column } = columnNames(description);
    const table = qualified(settings.schema, name);
    const shown = `${settings.schema}.${name}.${column}`;
    const lines = [
        `Describe what ${shown} holds and why it is needed.`,
        "The column may be null: a NOT NULL column needs a constant DEFAULT, or",
        "adding it fails on a table that has rows.",
    ];
    if (name === PLACEHOLDER_TABLE) {
        lines.push(`Replace ${settings.schema}.${PLACEHOLDER_TABLE} with the table to change.`);
    }
    return `${header(`add ${shown}`, lines)}

alter table ${table} add column if not exists ${ident(column)} text;

comment on column ${table}.${ident(column)} is ${literal(`Describe ${shown}.`)};
`;
}
