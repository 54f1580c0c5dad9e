/**
 * @file How `supalint access` words the matrix: relation labels, what a role
 * reaches with a command, shortened conditions and column lists. Shared by
 * the matrix report and the diff (docs/access.md).
 */

/** @import { AccessCell, AccessCommand, AccessRelation, ApiRole } from "../api.js" */

/**
 * What names a relation: a table, or `storage.objects` and a bucket.
 * @typedef {Pick<AccessRelation, "name" | "bucket">} RelationName
 */

/** The roles the matrix has, in the order it shows them. */
export const ROLES = /** @type {const} */ (["anon", "authenticated"]);

/** The commands the matrix has, in the order it shows them. */
export const COMMANDS = /** @type {const} */ (["select", "insert", "update", "delete"]);

/**
 * A text cut to `width` characters, ending in `…` when it was cut.
 * @param {string} text
 * @param {number} width at least 1; Infinity keeps the text whole
 * @returns {string}
 */
export function shorten(text, width) {
    const chars = [...text];
    if (chars.length <= width) {
        return text;
    }
    return `${chars.slice(0, Math.max(0, width - 1)).join("").trimEnd()}…`;
}

/**
 * The key that identifies a relation across two matrices.
 * @param {RelationName} relation
 * @returns {string}
 */
export function relationKey(relation) {
    return relation.bucket === null ? relation.name : `${relation.name}\u0000${relation.bucket}`;
}

/**
 * A relation's name as a heading: `public.notes`, or
 * `storage.objects (bucket avatars)`.
 * @param {RelationName} relation
 * @returns {string}
 */
export function relationLabel(relation) {
    return relation.bucket === null ? relation.name : `${relation.name} (bucket ${relation.bucket})`;
}

/**
 * The relation in a sentence, in backticks: "`public.notes`" or "bucket `avatars`".
 * @param {RelationName} relation
 * @returns {string}
 */
export function relationInSentence(relation) {
    return relation.bucket === null ? `\`${relation.name}\`` : `bucket \`${relation.bucket}\``;
}

/**
 * What one cell says, for a table cell: `none`, `all rows`, or
 * `rows where <condition>` shortened to `width`.
 * @param {AccessCell} cell
 * @param {number} [width] of the whole text
 * @returns {string}
 */
export function rowsText(cell, width = Infinity) {
    if (cell.rows === "none") {
        return "none";
    }
    if (cell.rows === "all") {
        return "all rows";
    }
    return shorten(`rows where ${cell.condition ?? "…"}`, width);
}

/**
 * A list of column names, shortened to `width` with how many were left out.
 * @param {string[]} columns
 * @param {number} [width]
 * @returns {string}
 */
export function columnsText(columns, width = Infinity) {
    const all = columns.join(", ");
    if ([...all].length <= width) {
        return all;
    }
    const shown = [];
    for (const column of columns) {
        const rest = columns.length - shown.length - 1;
        const next = [...shown, column].join(", ");
        if ([...`${next}, … (+${rest})`].length > width) {
            break;
        }
        shown.push(column);
    }
    return `${shown.join(", ")}${shown.length > 0 ? ", " : ""}… (+${columns.length - shown.length})`;
}

/**
 * Whether a role reaches nothing with any command.
 * @param {AccessRelation} relation
 * @param {ApiRole} role
 * @returns {boolean}
 */
export function hasNoAccess(relation, role) {
    return COMMANDS.every((command) => relation.access[role][command].rows === "none");
}

/**
 * A command as SQL writes it.
 * @param {AccessCommand} command
 * @returns {string}
 */
export function keyword(command) {
    return command.toUpperCase();
}
