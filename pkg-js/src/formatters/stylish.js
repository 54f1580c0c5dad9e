/**
 * @file `stylish`, ESLint's default look: each file's path underlined, then
 * `line:column  severity  message  rule-id` aligned, then a summary with the
 * fixable counts. Each problem's help follows on a line of its own, under the
 * message (dimmed with colour); the rule id links to its docs on terminals
 * that show links. On a terminal too narrow for a row, messages wrap at
 * spaces inside their column, so the rule id keeps its place on the first
 * line. For results without help and without a width to fit, it prints
 * exactly what ESLint's stylish prints, plus, after `--fix` (or
 * `--fix-dry-run`), a first summary line with the number of problems fixed,
 * and one naming the migrations left alone because they already ran.
 */

/** @import { FormatterContext } from "./index.js" */
/** @import { LintResult } from "../api.js" */

/** @import { LintMessage } from "../api.js" */
/** @import { Style } from "./ansi.js" */

import path from "node:path";
import { createStyle } from "./ansi.js";
import { wrapWords } from "./wrap.js";
import { withheldSummary } from "../withheld-fixes.js";

/** The narrowest a message column gets on a narrow terminal: past that, the row overflows instead. */
const MIN_MESSAGE_WIDTH = 40;

/** What starts a help line. */
const HELP_PREFIX = "help: ";

/**
 * @param {LintResult[]} results
 * @param {FormatterContext} context
 * @returns {string}
 */
export function formatStylish(results, context) {
    const style = createStyle(context.color, context.hyperlinks);
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

        if (result.messages.some((message) => message.severity === 2)) {
            summaryPaint = style.red;
        }
        output += `${style.underline(result.filePath)}\n${problemRows(result.messages, style, context.columns)}\n\n`;
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
 * A file's problems as aligned rows, laid out as the `text-table` module that
 * ESLint's stylish uses (columns two spaces apart, line numbers padded on the
 * left, `line:column` joined), each followed by its help.
 * @param {LintMessage[]} messages
 * @param {Style} style
 * @param {number | undefined} columns the terminal's width, if any
 * @returns {string}
 */
function problemRows(messages, style, columns) {
    const rows = messages.map((message) => ({
        line: String(message.line || 0),
        column: String(message.column || 0),
        type: message.severity === 2 ? "error" : "warning",
        text: message.message.replace(/([^ ])\.$/u, "$1"),
        ruleId: message.ruleId || "",
        docsUrl: message.docsUrl,
        help: message.help,
    }));
    const widest = (/** @type {(row: typeof rows[number]) => string} */ cell) => Math.max(...rows.map((row) => cell(row).length));
    const lineWidth = widest((row) => row.line);
    const columnWidth = widest((row) => row.column);
    const typeWidth = widest((row) => row.type);
    const ruleWidth = widest((row) => row.ruleId);
    const indent = 2 + lineWidth + 1 + columnWidth + 2 + typeWidth + 2;
    const textWidth =
        columns === undefined
            ? Infinity
            : Math.max(columns - indent - (ruleWidth > 0 ? 2 + ruleWidth : 0), MIN_MESSAGE_WIDTH);
    const wrapped = rows.map((row) => wrapWords(row.text, textWidth));
    const messageWidth = Math.max(...wrapped.flat().map((line) => line.length));
    const margin = " ".repeat(indent);
    return rows
        .flatMap((row, index) => {
            const [first, ...rest] = wrapped[index];
            const ruleText = row.ruleId === "" ? "" : style.dim(row.docsUrl ? style.link(row.docsUrl, row.ruleId) : row.ruleId);
            const head = [
                `  ${" ".repeat(lineWidth - row.line.length)}${style.dim(`${row.line}:${row.column}`)}${" ".repeat(columnWidth - row.column.length)}`,
                (row.type === "error" ? style.red : style.yellow)(row.type) + " ".repeat(typeWidth - row.type.length),
                first + " ".repeat(messageWidth - first.length),
                ruleText,
            ]
                .join("  ")
                .trimEnd();
            const help = row.help ? wrapWords(row.help, columns === undefined ? Infinity : columns - indent - HELP_PREFIX.length) : [];
            return [
                head,
                ...rest.map((line) => `${margin}${line}`),
                ...help.map((line, at) => `${margin}${style.dim(`${at === 0 ? HELP_PREFIX : " ".repeat(HELP_PREFIX.length)}${line}`)}`),
            ];
        })
        .join("\n");
}
