/**
 * @file `stylish`, ESLint's default look: each file's path underlined, then
 * `line:column  severity  message  rule-id` aligned, then a summary with the
 * fixable counts. Without colour it prints exactly what ESLint's stylish
 * prints for the same results, plus, after `--fix` (or `--fix-dry-run`), a
 * first summary line with the number of problems fixed, and one naming the
 * migrations left alone because they already ran.
 */

/** @import { FormatterContext } from "./index.js" */
/** @import { LintResult } from "../api.js" */

import path from "node:path";
import { createStyle, stripAnsi } from "./ansi.js";
import { withheldSummary } from "../withheld-fixes.js";

/**
 * @param {LintResult[]} results
 * @param {FormatterContext} context
 * @returns {string}
 */
export function formatStylish(results, context) {
    const style = createStyle(context.color);
    let output = "\n";
    let errorCount = 0;
    let warningCount = 0;
    let fixableErrorCount = 0;
    let fixableWarningCount = 0;
    let fixedCount = 0;
    let summaryPaint = style.yellow;

    for (const result of results) {
        fixedCount += result.fixedCount ?? 0;
        if (result.messages.length === 0) {
            continue;
        }
        errorCount += result.errorCount;
        warningCount += result.warningCount;
        fixableErrorCount += result.fixableErrorCount;
        fixableWarningCount += result.fixableWarningCount;

        const rows = result.messages.map((message) => {
            let type;
            if (message.severity === 2) {
                type = style.red("error");
                summaryPaint = style.red;
            } else {
                type = style.yellow("warning");
            }
            return [
                "",
                String(message.line || 0),
                String(message.column || 0),
                type,
                message.message.replace(/([^ ])\.$/u, "$1"),
                style.dim(message.ruleId || ""),
            ];
        });
        const table = alignRows(rows, ["", "r", "l"])
            .split("\n")
            .map((line) => line.replace(/(\d+)\s+(\d+)/u, (_, row, column) => style.dim(`${row}:${column}`)))
            .join("\n");
        output += `${style.underline(result.filePath)}\n${table}\n\n`;
    }

    const total = errorCount + warningCount;
    if (fixedCount > 0) {
        const verb = context.fixDryRun ? "would be fixed (--fix-dry-run writes nothing)" : "fixed";
        const rest = total === 0 ? "; none remain" : "";
        output += style.bold(style.green(`\u2714 ${fixedCount} ${word("problem", fixedCount)} ${verb}${rest}\n`));
    }
    const withheld = withheldSummary(results, (filePath) => path.relative(context.cwd, filePath) || filePath);
    if (withheld !== null) {
        output += style.bold(style.yellow(`\u26a0 ${withheld}\n`));
    }
    if (total === 0) {
        return fixedCount > 0 ? style.reset(output) : "";
    }
    output += style.bold(
        summaryPaint(`\u2716 ${total} ${word("problem", total)} (${errorCount} ${word("error", errorCount)}, ${warningCount} ${word("warning", warningCount)})\n`),
    );
    if (fixableErrorCount > 0 || fixableWarningCount > 0) {
        output += style.bold(
            summaryPaint(
                `  ${fixableErrorCount} ${word("error", fixableErrorCount)} and ${fixableWarningCount} ${word("warning", fixableWarningCount)} potentially fixable with the \`--fix\` option.\n`,
            ),
        );
    }
    return style.reset(output);
}

/**
 * @param {string} singular
 * @param {number} count
 * @returns {string}
 */
function word(singular, count) {
    return count === 1 ? singular : `${singular}s`;
}

/**
 * Lays rows out in columns two spaces apart, as the `text-table` module that
 * ESLint's stylish uses: `r` columns padded on the left, others on the right,
 * trailing spaces trimmed.
 * @param {string[][]} rows
 * @param {string[]} align
 * @returns {string}
 */
function alignRows(rows, align) {
    /** @type {number[]} */
    const widths = [];
    for (const row of rows) {
        row.forEach((cell, index) => {
            widths[index] = Math.max(widths[index] ?? 0, stripAnsi(cell).length);
        });
    }
    return rows
        .map((row) =>
            row
                .map((cell, index) => {
                    const padding = " ".repeat(Math.max(widths[index] - stripAnsi(cell).length, 0));
                    return align[index] === "r" ? padding + cell : cell + padding;
                })
                .join("  ")
                .trimEnd(),
        )
        .join("\n");
}
