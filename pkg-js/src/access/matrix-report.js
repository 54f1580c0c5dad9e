/**
 * @file `supalint access` output: the access matrix as a terminal table, as
 * Markdown for a pull-request comment, or as JSON (docs/access.md), with
 * the findings of the access and storage rules under it.
 */

/** @import { AccessCell, AccessMatrix, AccessRelation } from "../api.js" */
/** @import { AccessFinding } from "./findings.js" */

import { isDeepStrictEqual } from "node:util";
import { createStyle } from "../formatters/ansi.js";
import { plural } from "../formatters/summary.js";
import { findingItems, findingLines } from "./findings.js";
import { columnsText, COMMANDS, hasNoAccess, keyword, relationLabel, rowsText, ROLES, shorten } from "./wording.js";

/** The output formats of `supalint access`. */
export const ACCESS_FORMATS = Object.freeze(["table", "markdown", "json"]);

/**
 * A comment the Markdown reports start with, so that a CI step can find the
 * comment it posted before.
 */
export const MARKDOWN_MARKER = "<!-- supalint-access -->";

/** How wide a condition or column list may be in a Markdown cell. */
const MARKDOWN_CELL_WIDTH = 60;

/**
 * @typedef {object} MatrixReport
 * @property {string} migrationsDir the migrations folder, relative to the working folder
 * @property {AccessMatrix} matrix
 * @property {AccessFinding[]} findings of the access and storage rules
 * @property {{ filePath: string, message: string }[]} skippedFiles files the matrix or the findings miss
 */

/**
 * @typedef {object} TerminalContext
 * @property {string} cwd
 * @property {boolean} color
 * @property {number} width the terminal's columns
 */

/**
 * The matrix as JSON: the engine's matrix, the findings, and the folder.
 * @param {MatrixReport} report
 * @returns {string}
 */
export function formatMatrixJson(report) {
    const { migrationsDir, matrix, findings, skippedFiles } = report;
    return `${JSON.stringify({ migrationsDir, relations: matrix.relations, findings, skippedFiles }, null, 2)}\n`;
}

/**
 * The matrix as a terminal table: a block per relation, a line per role and
 * command (one line for a role with no access), then the findings.
 * @param {MatrixReport} report
 * @param {TerminalContext} context
 * @returns {string}
 */
export function formatMatrixTable(report, context) {
    const style = createStyle(context.color);
    const { relations } = report.matrix;
    const out = [`Access matrix of ${report.migrationsDir}: ${countRelations(relations)}.`];
    const roleWidth = Math.max(...ROLES.map((role) => role.length));
    const indent = " ".repeat(2 + roleWidth + 2);
    const rowsWidth = Math.max(20, context.width - indent.length - "DELETE".length - 2);
    for (const relation of relations) {
        out.push("", `${style.bold(relationLabel(relation))}  ${relation.rls ? style.green("RLS on") : style.red("RLS off")}`);
        for (const [index, role] of ROLES.entries()) {
            const head = `  ${role.padEnd(roleWidth)}  `;
            if (hasNoAccess(relation, role)) {
                out.push(`${head}${style.dim("no access")}`);
                continue;
            }
            const same = ROLES.slice(0, index).find((other) => isDeepStrictEqual(relation.access[other], relation.access[role]));
            if (same !== undefined) {
                out.push(`${head}${style.dim(`same as ${same}`)}`);
                continue;
            }
            COMMANDS.forEach((command, position) => {
                const cell = relation.access[role][command];
                const rows = rowsText(cell, rowsWidth);
                const painted = cell.rows === "none" ? style.dim(rows) : cell.rows === "all" ? style.yellow(rows) : rows;
                out.push(`${position === 0 ? head : indent}${keyword(command).padEnd(6)}  ${painted}`);
                const columns = cell.rows === "none" ? [] : (cell.writableColumns ?? []);
                if (columns.length > 0) {
                    out.push(`${indent}${" ".repeat(8)}${style.dim(`writable: ${columnsText(columns, rowsWidth - "writable: ".length)}`)}`);
                }
            });
        }
    }
    out.push("");
    if (report.findings.length === 0) {
        out.push("Findings of the access and storage rules: none.");
    } else {
        out.push(`Findings of the access and storage rules (${report.findings.length}):`, ...findingLines(report.findings, { cwd: context.cwd, style }));
    }
    return `${out.join("\n")}\n`;
}

/**
 * The matrix as Markdown for a pull-request comment: one table with a row
 * per relation and role, then the findings.
 * @param {MatrixReport} report
 * @param {{ cwd: string }} context
 * @returns {string}
 */
export function formatMatrixMarkdown(report, context) {
    const { relations } = report.matrix;
    const out = [MARKDOWN_MARKER, "### Access matrix", "", `${countRelations(relations)} in \`${report.migrationsDir}\`.`];
    if (relations.length > 0) {
        out.push("", `| relation | RLS | role | ${COMMANDS.map(keyword).join(" | ")} |`, `|---|---|---|${COMMANDS.map(() => "---").join("|")}|`);
        for (const relation of relations) {
            ROLES.forEach((role, index) => {
                const name = index === 0 ? `\`${relationLabel(relation)}\`` : "";
                const rls = index === 0 ? (relation.rls ? "on" : "**off**") : "";
                const cells = COMMANDS.map((command) => markdownCell(relation.access[role][command]));
                out.push(`| ${name} | ${rls} | \`${role}\` | ${cells.join(" | ")} |`);
            });
        }
    }
    out.push("", "#### Findings of the access and storage rules", "");
    out.push(...(report.findings.length === 0 ? ["None."] : findingItems(report.findings, context.cwd)));
    return `${out.join("\n")}\n`;
}

/**
 * @param {AccessCell} cell
 * @returns {string}
 */
function markdownCell(cell) {
    if (cell.rows === "none") {
        return "—";
    }
    const rows = cell.rows === "all" ? "all rows" : `where ${inlineCode(shorten(cell.condition ?? "…", MARKDOWN_CELL_WIDTH))}`;
    const columns = cell.writableColumns ?? [];
    const written = columns.length === 0 ? "" : `<br>columns: ${escapeCell(columnsText(columns, MARKDOWN_CELL_WIDTH))}`;
    return `${rows}${written}`;
}

/**
 * Text as a code span inside a table cell (pipes escaped, as GitHub wants even in code).
 * @param {string} text
 * @returns {string}
 */
function inlineCode(text) {
    const escaped = escapeCell(text);
    return escaped.includes("`") ? `\`\` ${escaped} \`\`` : `\`${escaped}\``;
}

/**
 * @param {string} text
 * @returns {string}
 */
function escapeCell(text) {
    return text.replace(/\|/gu, "\\|");
}

/**
 * "3 tables and 1 bucket", "no tables in an exposed schema and no buckets".
 * @param {AccessRelation[]} relations
 * @returns {string}
 */
function countRelations(relations) {
    const buckets = relations.filter((relation) => relation.bucket !== null).length;
    const tables = relations.length - buckets;
    return `${tables === 0 ? "no tables in an exposed schema" : plural(tables, "table")} and ${buckets === 0 ? "no storage buckets" : plural(buckets, "storage bucket")}`;
}
