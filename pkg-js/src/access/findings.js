/**
 * @file The findings `supalint access` lists under the matrix: those of the
 * rules in the `access` and `storage` categories, from a lint of the same
 * migrations; and how each format shows them.
 */

/** @import { LintResult, RuleMeta } from "../api.js" */
/** @import { Style } from "../formatters/ansi.js" */

import path from "node:path";

/** The rule categories whose findings the access report lists. */
export const ACCESS_CATEGORIES = Object.freeze(["access", "storage"]);

/**
 * A finding of an access or storage rule.
 * @typedef {object} AccessFinding
 * @property {string} filePath absolute
 * @property {string} ruleId
 * @property {1 | 2} severity
 * @property {string} message
 * @property {string} messageId
 * @property {number} line
 * @property {number} column
 * @property {number} endLine
 * @property {number} endColumn
 */

/**
 * The findings of the access and storage rules in lint results, by file and position.
 * @param {LintResult[]} results
 * @param {RuleMeta[]} rules
 * @returns {AccessFinding[]}
 */
export function accessFindings(results, rules) {
    const ids = new Set(rules.filter((rule) => ACCESS_CATEGORIES.includes(rule.category)).map((rule) => rule.id));
    return results
        .flatMap((result) =>
            result.messages
                .filter((message) => ids.has(message.ruleId))
                .map(({ ruleId, severity, message, messageId, line, column, endLine, endColumn }) => ({
                    filePath: result.filePath,
                    ruleId,
                    severity,
                    message,
                    messageId,
                    line,
                    column,
                    endLine,
                    endColumn,
                })),
        )
        .sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : a.line - b.line || a.column - b.column));
}

/**
 * The findings of `after` that `before` does not have (same rule, same
 * message), whatever file or line they moved to.
 * @param {AccessFinding[]} before
 * @param {AccessFinding[]} after
 * @returns {AccessFinding[]}
 */
export function newFindings(before, after) {
    const key = (/** @type {AccessFinding} */ finding) => `${finding.ruleId}\u0000${finding.message}`;
    const known = new Set(before.map(key));
    return after.filter((finding) => !known.has(key(finding)));
}

/**
 * The findings as terminal lines: `file:line:column  error  message  rule`.
 * @param {AccessFinding[]} findings
 * @param {{ cwd: string, style: Style }} context
 * @returns {string[]}
 */
export function findingLines(findings, { cwd, style }) {
    const rows = findings.map((finding) => [
        `${displayPath(finding.filePath, cwd)}:${finding.line}:${finding.column}`,
        finding.severity === 2 ? "error" : "warning",
        finding.message,
        finding.ruleId,
    ]);
    const widths = [0, 1].map((column) => Math.max(0, ...rows.map((row) => row[column].length)));
    return rows.map(([where, severity, message, ruleId]) => {
        const paintSeverity = severity === "error" ? style.red : style.yellow;
        return `  ${style.dim(where.padEnd(widths[0]))}  ${paintSeverity(severity.padEnd(widths[1]))}  ${message}  ${style.dim(ruleId)}`;
    });
}

/**
 * The findings as a Markdown list.
 * @param {AccessFinding[]} findings
 * @param {string} cwd
 * @returns {string[]}
 */
export function findingItems(findings, cwd) {
    return findings.map(
        (finding) =>
            `- **${finding.severity === 2 ? "error" : "warning"}** \`${finding.ruleId}\` in ` +
            `\`${displayPath(finding.filePath, cwd)}:${finding.line}\`: ${finding.message}`,
    );
}

/**
 * A path relative to the working folder, with `/` separators.
 * @param {string} file
 * @param {string} cwd
 * @returns {string}
 */
export function displayPath(file, cwd) {
    return (path.relative(cwd, file) || ".").split(path.sep).join("/");
}
