/**
 * @file `compact`: one line per problem, as ESLint's former `compact`
 * formatter: `file: line L, col C, Error - message (rule-id)`, then the count,
 * and after a fix run the migrations it left alone because they already ran.
 */

/** @import { LintResult } from "../api.js" */

import { plural } from "./summary.js";
import { withheldSummary } from "../withheld-fixes.js";

/**
 * @param {LintResult[]} results
 * @returns {string}
 */
export function formatCompact(results) {
    let output = "";
    let total = 0;
    for (const result of results) {
        total += result.messages.length;
        for (const message of result.messages) {
            const type = message.severity === 2 ? "Error" : "Warning";
            const rule = message.ruleId ? ` (${message.ruleId})` : "";
            output += `${result.filePath}: line ${message.line || 0}, col ${message.column || 0}, ${type} - ${message.message}${rule}\n`;
        }
    }
    if (total > 0) {
        output += `\n${plural(total, "problem")}`;
    }
    const withheld = withheldSummary(results, (filePath) => filePath);
    if (withheld !== null) {
        output += `${total > 0 ? "\n" : ""}${withheld}`;
    }
    return output;
}
