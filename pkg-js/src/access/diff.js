/**
 * @file `supalint access --since`: what changes between two access matrices,
 * as a list of changes, each of which reads as one sentence ("`anon` can now
 * SELECT all rows of `public.notes`"). Relations are matched by name (and
 * bucket); a renamed table is one gone and one new.
 */

/** @import { AccessCell, AccessCommand, AccessMatrix, AccessRelation, ApiRole } from "../api.js" */
/** @import { RelationName } from "./wording.js" */

import { columnsText, COMMANDS, hasNoAccess, keyword, relationInSentence, relationKey, ROLES, shorten } from "./wording.js";

/**
 * One difference between the matrix before and after.
 * @typedef {object} AccessChange
 * @property {"relation-added" | "relation-removed" | "rls-enabled" | "rls-disabled" | "access-granted" | "access-revoked" | "access-widened" | "access-narrowed" | "condition-changed" | "columns-added" | "columns-removed"} kind
 * @property {string} relation schema-qualified
 * @property {string | null} bucket for `storage.objects`: the bucket
 * @property {ApiRole} [role] for the access and column changes
 * @property {AccessCommand} [command] likewise
 * @property {AccessCell} [before] the cell before (access and column changes)
 * @property {AccessCell} [after] the cell after (access and column changes)
 * @property {string[]} [columns] for `columns-added` and `columns-removed`: the columns
 * @property {AccessRelation} [added] for `relation-added`: the new relation
 */

/**
 * The changes from `before` to `after`, relation by relation (in the order
 * of `after`, then the relations that are gone), RLS first, then role by
 * role and command by command.
 * @param {AccessMatrix} before
 * @param {AccessMatrix} after
 * @returns {AccessChange[]}
 */
export function diffAccess(before, after) {
    const old = new Map(before.relations.map((relation) => [relationKey(relation), relation]));
    const seen = new Set();
    /** @type {AccessChange[]} */
    const changes = [];
    for (const relation of after.relations) {
        const key = relationKey(relation);
        seen.add(key);
        const previous = old.get(key);
        if (previous === undefined) {
            changes.push({ kind: "relation-added", relation: relation.name, bucket: relation.bucket, added: relation });
            continue;
        }
        changes.push(...relationChanges(previous, relation));
    }
    for (const relation of before.relations) {
        if (!seen.has(relationKey(relation))) {
            changes.push({ kind: "relation-removed", relation: relation.name, bucket: relation.bucket });
        }
    }
    return changes;
}

/**
 * @param {AccessRelation} before
 * @param {AccessRelation} after
 * @returns {AccessChange[]}
 */
function relationChanges(before, after) {
    const where = { relation: after.name, bucket: after.bucket };
    /** @type {AccessChange[]} */
    const changes = [];
    if (before.rls !== after.rls) {
        changes.push({ kind: after.rls ? "rls-enabled" : "rls-disabled", ...where });
    }
    for (const role of ROLES) {
        for (const command of COMMANDS) {
            const was = before.access[role][command];
            const is = after.access[role][command];
            const cell = { ...where, role, command, before: was, after: is };
            const kind = rowsChange(was, is);
            if (kind !== null) {
                changes.push({ kind, ...cell });
            }
            if (was.rows === "none" || is.rows === "none") {
                continue;
            }
            const wasWritable = new Set(was.writableColumns ?? []);
            const isWritable = new Set(is.writableColumns ?? []);
            const added = [...isWritable].filter((column) => !wasWritable.has(column));
            const removed = [...wasWritable].filter((column) => !isWritable.has(column));
            if (added.length > 0) {
                changes.push({ kind: "columns-added", ...cell, columns: added });
            }
            if (removed.length > 0) {
                changes.push({ kind: "columns-removed", ...cell, columns: removed });
            }
        }
    }
    return changes;
}

/**
 * @param {AccessCell} was
 * @param {AccessCell} is
 * @returns {AccessChange["kind"] | null}
 */
function rowsChange(was, is) {
    if (was.rows === is.rows) {
        return was.rows === "some" && was.condition !== is.condition ? "condition-changed" : null;
    }
    if (was.rows === "none") {
        return "access-granted";
    }
    if (is.rows === "none") {
        return "access-revoked";
    }
    return is.rows === "all" ? "access-widened" : "access-narrowed";
}

/**
 * @typedef {object} SentenceOptions
 * @property {number} [width] conditions and column lists are shortened to this many characters (default: whole)
 */

/**
 * The change as one sentence, names and conditions in backticks.
 * @param {AccessChange} change
 * @param {SentenceOptions} [options]
 * @returns {string}
 */
export function describeChange(change, options = {}) {
    const width = options.width ?? Infinity;
    const target = { name: change.relation, bucket: change.bucket };
    const subject = relationInSentence(target);
    switch (change.kind) {
        case "relation-added":
            return describeAdded(/** @type {AccessRelation} */ (change.added), width);
        case "relation-removed":
            return change.bucket === null
                ? `${subject} is gone: dropped, renamed, or no longer in an exposed schema`
                : `${subject} is gone`;
        case "rls-enabled":
            return `${subject} now has row-level security`;
        case "rls-disabled":
            return `${subject} no longer has row-level security`;
        default:
            return describeCell(change, target, width);
    }
}

/**
 * @param {AccessChange} change an access or column change
 * @param {RelationName} target
 * @param {number} width
 * @returns {string}
 */
function describeCell(change, target, width) {
    const role = `\`${change.role}\``;
    const command = /** @type {AccessCommand} */ (change.command);
    const before = /** @type {AccessCell} */ (change.before);
    const after = /** @type {AccessCell} */ (change.after);
    const words = phrasing(target, command);
    const KW = keyword(command);
    switch (change.kind) {
        case "access-granted":
            return `${role} can now ${reach(words, KW, after, width)}${columnsNote(after, width)}`;
        case "access-revoked":
            return `${role} can no longer ${KW} ${words.noun} ${words.preposition} ${words.subject}`;
        case "access-widened":
            return `${role} can now ${KW} ${words.all} ${words.preposition} ${words.subject} (before: only where ${code(before.condition, width)})`;
        case "access-narrowed":
            return `${role} can now ${KW} only the ${words.noun} ${words.preposition} ${words.subject} where ${code(after.condition, width)} (before: all ${words.noun})`;
        case "condition-changed":
            return `${KW} on ${words.subject} for ${role} now requires ${code(after.condition, width)} (before: ${code(before.condition, width)})`;
        case "columns-added": {
            const columns = qualified(target, change.columns ?? []);
            if (command === "update") {
                const rows = after.rows === "all" ? `every ${words.one}` : `${words.noun} where ${code(after.condition, width)}`;
                return `${role} can now UPDATE ${columns} on ${rows}`;
            }
            const rows = after.rows === "all" ? `any ${words.one}` : `${words.noun} where ${code(after.condition, width)}`;
            return `${role} can now set ${columns} when inserting ${rows}`;
        }
        default: {
            const columns = qualified(target, change.columns ?? []);
            return command === "update" ? `${role} can no longer UPDATE ${columns}` : `${role} can no longer set ${columns} when inserting`;
        }
    }
}

/**
 * How a command's reach reads on a relation: rows of a table, objects in a bucket.
 * @typedef {object} Phrasing
 * @property {string} subject
 * @property {string} noun plural: "rows", "objects"
 * @property {string} one singular: "row", "object"
 * @property {string} all "all rows", "any row" (INSERT)
 * @property {string} preposition "of", "into", "in"
 */

/**
 * @param {RelationName} target
 * @param {AccessCommand} command
 * @returns {Phrasing}
 */
function phrasing(target, command) {
    const isBucket = target.bucket !== null;
    const noun = isBucket ? "objects" : "rows";
    const one = isBucket ? "object" : "row";
    return {
        subject: relationInSentence(target),
        noun,
        one,
        all: command === "insert" ? `any ${one}` : `all ${noun}`,
        preposition: isBucket ? "in" : command === "insert" ? "into" : "of",
    };
}

/**
 * "SELECT all rows of `public.x`", "UPDATE rows of `public.x` where `c`".
 * @param {Phrasing} words
 * @param {string} KW
 * @param {AccessCell} cell
 * @param {number} width
 * @returns {string}
 */
function reach(words, KW, cell, width) {
    if (cell.rows === "all") {
        return `${KW} ${words.all} ${words.preposition} ${words.subject}`;
    }
    return `${KW} ${words.noun} ${words.preposition} ${words.subject} where ${code(cell.condition, width)}`;
}

/**
 * " (columns: a, b)" for a cell with writable columns.
 * @param {AccessCell} cell
 * @param {number} width
 * @returns {string}
 */
function columnsNote(cell, width) {
    const columns = cell.writableColumns ?? [];
    return columns.length === 0 ? "" : ` (writable columns: ${columnsText(columns, width)})`;
}

/**
 * "new table `public.x` (RLS on): `anon` has no access; `authenticated` can
 * SELECT and DELETE all rows, UPDATE rows where `c` (writable columns: a, b)".
 * @param {AccessRelation} relation
 * @param {number} width
 * @returns {string}
 */
function describeAdded(relation, width) {
    const head =
        relation.bucket === null
            ? `new table \`${relation.name}\` ${relation.rls ? "(RLS on)" : "without row-level security"}`
            : `new bucket \`${relation.bucket}\``;
    const roles = ROLES.map((role) => {
        if (hasNoAccess(relation, role)) {
            return `\`${role}\` has no access`;
        }
        /** @type {Map<string, string[]>} */
        const groups = new Map();
        for (const command of COMMANDS) {
            const cell = relation.access[role][command];
            if (cell.rows === "none") {
                continue;
            }
            const words = phrasing(relation, command);
            const reached = cell.rows === "all" ? words.all : `${words.noun} where ${code(cell.condition, width)}`;
            groups.set(reached, [...(groups.get(reached) ?? []), keyword(command)]);
        }
        const parts = [...groups].map(([text, keywords]) => `${joinAnd(keywords)} ${text}`);
        return `\`${role}\` can ${parts.join(", ")}${writesNote(relation.access[role].insert, relation.access[role].update, width)}`;
    });
    return `${head}: ${roles.join("; ")}`;
}

/**
 * " (writable columns: a, b)" when INSERT and UPDATE write the same columns,
 * " (INSERT writes a, b; UPDATE writes b)" when they do not.
 * @param {AccessCell} insert
 * @param {AccessCell} update
 * @param {number} width
 * @returns {string}
 */
function writesNote(insert, update, width) {
    const written = (/** @type {AccessCell} */ cell) => (cell.rows === "none" ? [] : (cell.writableColumns ?? []));
    const [inserted, updated] = [written(insert), written(update)];
    if (inserted.length === 0 && updated.length === 0) {
        return "";
    }
    if (inserted.join(",") === updated.join(",")) {
        return ` (writable columns: ${columnsText(inserted, width)})`;
    }
    const parts = [
        ...(inserted.length > 0 ? [`INSERT writes ${columnsText(inserted, width)}`] : []),
        ...(updated.length > 0 ? [`UPDATE writes ${columnsText(updated, width)}`] : []),
    ];
    return ` (${parts.join("; ")})`;
}

/**
 * Columns as `schema.table.column`, in backticks, joined with "and".
 * @param {RelationName} target
 * @param {string[]} columns
 * @returns {string}
 */
function qualified(target, columns) {
    return joinAnd(columns.map((column) => `\`${target.name}.${column}\``));
}

/**
 * "a", "a and b", "a, b and c".
 * @param {string[]} items
 * @returns {string}
 */
function joinAnd(items) {
    return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/**
 * A condition in backticks, shortened.
 * @param {string | undefined} text
 * @param {number} width
 * @returns {string}
 */
function code(text, width) {
    const shown = shorten(text ?? "…", width);
    return shown.includes("`") ? `\`\` ${shown} \`\`` : `\`${shown}\``;
}
