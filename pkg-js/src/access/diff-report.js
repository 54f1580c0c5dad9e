/**
 * @file `supalint access --since <ref>` output: what the branch changes in
 * who can do what, one sentence per change, and the findings of the access
 * and storage rules that are new, as terminal text, Markdown (a
 * pull-request comment) or JSON (docs/access.md).
 */

/** @import { AccessChange } from "./diff.js" */
/** @import { AccessFinding } from "./findings.js" */
/** @import { TerminalContext } from "./matrix-report.js" */

import { createStyle } from "../formatters/ansi.js";
import { describeChange } from "./diff.js";
import { findingItems, findingLines } from "./findings.js";
import { MARKDOWN_MARKER } from "./matrix-report.js";

/** What the diff says when nothing changed. */
const NO_CHANGE = "No change in who can do what.";

/** How long a condition or column list may be in a sentence, outside JSON. */
const SENTENCE_WIDTH = 100;

/**
 * @typedef {object} DiffReport
 * @property {string} migrationsDir the migrations folder, relative to the working folder
 * @property {{ ref: string, commit: string, base: string }} since the ref as given, the commit
 *   it names, and the merge base with HEAD the matrix before is read at
 * @property {AccessChange[]} changes
 * @property {AccessFinding[]} findings the findings of the access and storage rules that are new
 * @property {{ filePath: string, message: string }[]} skippedFiles files the matrices or the findings miss
 */

/**
 * The diff as JSON: each change with its sentence (`message`, conditions whole).
 * @param {DiffReport} report
 * @returns {string}
 */
export function formatDiffJson(report) {
    const changes = report.changes.map((change) => ({ kind: change.kind, message: describeChange(change), ...change }));
    return `${JSON.stringify({ ...report, changes }, null, 2)}\n`;
}

/**
 * The diff for a terminal: a line per change, then the new findings.
 * @param {DiffReport} report
 * @param {TerminalContext} context
 * @returns {string}
 */
export function formatDiffTable(report, context) {
    const style = createStyle(context.color);
    const out = [`Access changes in ${report.migrationsDir} since ${report.since.ref} (merge base ${report.since.base.slice(0, 7)}):`, ""];
    if (report.changes.length === 0) {
        out.push(NO_CHANGE);
    }
    for (const change of report.changes) {
        const sentence = describeChange(change, { width: SENTENCE_WIDTH });
        // Colour replaces the backticks; without it they stay, as in the other reports.
        out.push(`  - ${context.color ? sentence.replace(/`([^`]+)`/gu, (_, name) => style.bold(name)) : sentence}`);
    }
    if (report.findings.length > 0) {
        out.push("", `New findings of the access and storage rules (${report.findings.length}):`, ...findingLines(report.findings, { cwd: context.cwd, style }));
    }
    return `${out.join("\n")}\n`;
}

/**
 * The diff as Markdown for a pull-request comment.
 * @param {DiffReport} report
 * @param {{ cwd: string }} context
 * @returns {string}
 */
export function formatDiffMarkdown(report, context) {
    const out = [MARKDOWN_MARKER, "### Access changes", ""];
    out.push(`Compared with \`${report.since.ref}\` (merge base \`${report.since.base.slice(0, 7)}\`), in \`${report.migrationsDir}\`:`, "");
    if (report.changes.length === 0) {
        out.push(NO_CHANGE);
    }
    for (const change of report.changes) {
        out.push(`- ${describeChange(change, { width: SENTENCE_WIDTH })}`);
    }
    if (report.findings.length > 0) {
        out.push("", "#### New findings of the access and storage rules", "", ...findingItems(report.findings, context.cwd));
    }
    return `${out.join("\n")}\n`;
}
