/**
 * @file `codeframe`: each problem with the source lines around it, the
 * problem's span underlined with `^`, and its help below, in the layout of
 * ESLint's former `codeframe` formatter (`eslint-formatter-codeframe`):
 * `error: message (rule-id) at path:line:column:`, the frame, then a summary
 * line with the counts (and, after a fix run, the migrations it left alone
 * because they already ran). Paths are relative to the working directory.
 */

/** @import { FormatterContext } from "./index.js" */
/** @import { LintMessage, LintResult } from "../api.js" */
/** @import { Style } from "./ansi.js" */

import { sumCounts } from "../results.js";
import { blankControl, createStyle } from "./ansi.js";
import { displayPath } from "./display-path.js";
import { plural } from "./summary.js";
import { withheldSummary } from "../withheld-fixes.js";

/** Source lines shown before and after the problem's own. */
const CONTEXT_LINES = 1;

/** The most lines of a long span that are shown (a whole statement, say); the rest is elided. */
const MAX_SPAN_LINES = 5;

/**
 * @param {LintResult[]} results
 * @param {FormatterContext} context
 * @returns {string}
 */
export function formatCodeframe(results, context) {
    const style = createStyle(context.color, context.hyperlinks);
    const blocks = [];
    for (const result of results) {
        const text = result.output ?? result.source;
        const lines = text === undefined ? undefined : text.split(/\r\n|\r|\n/u);
        const shownPath = displayPath(result.filePath, context.cwd);
        for (const message of result.messages) {
            blocks.push(problemBlock(message, shownPath, lines, style));
        }
    }
    const { errorCount, warningCount, fixableErrorCount, fixableWarningCount } = sumCounts(results);
    const withheld = withheldSummary(results, (filePath) => displayPath(filePath, context.cwd));
    if (errorCount + warningCount === 0) {
        return withheld === null ? "" : `${withheld}\n`;
    }
    const paint = errorCount > 0 ? style.red : style.yellow;
    const found = [errorCount > 0 ? plural(errorCount, "error") : "", warningCount > 0 ? plural(warningCount, "warning") : ""].filter(Boolean);
    let summary = paint(style.bold(`${found.join(" and ")} found.`));
    if (fixableErrorCount + fixableWarningCount > 0) {
        const fixable = [
            fixableErrorCount > 0 ? plural(fixableErrorCount, "error") : "",
            fixableWarningCount > 0 ? plural(fixableWarningCount, "warning") : "",
        ].filter(Boolean);
        summary += `\n${paint(style.bold(`${fixable.join(" and ")} potentially fixable with the \`--fix\` option.`))}`;
    }
    if (withheld !== null) {
        summary += `\n${style.yellow(withheld)}`;
    }
    return `${blocks.map((block) => `${block}\n\n`).join("\n")}\n${summary}\n`;
}

/**
 * One problem: its header line, the frame when the source is known, its help.
 * @param {LintMessage} message
 * @param {string} shownPath
 * @param {string[] | undefined} lines the file's lines, when its text is in the result
 * @param {Style} style
 * @returns {string}
 */
function problemBlock(message, shownPath, lines, style) {
    const type = message.severity === 2 ? style.red("error") : style.yellow("warning");
    const rule = message.ruleId ? style.dim(`(${message.docsUrl ? style.link(message.docsUrl, message.ruleId) : message.ruleId})`) : "";
    const at = `at ${shownPath}:${message.line}:${message.column}${lines === undefined ? "" : ":"}`;
    const header = [`${type}:`, style.bold(message.message.replace(/([^ ])\.$/u, "$1")), rule, at].filter(Boolean).join(" ");
    const parts = [header];
    if (lines !== undefined) {
        parts.push(frame(lines, message, style));
    }
    if (message.help) {
        parts.push(style.dim(`help: ${message.help}`));
    }
    return parts.join("\n");
}

/**
 * The lines around a problem, numbered, the problem's lines marked `>` and
 * its span underlined (columns count UTF-16 units, as JavaScript strings do).
 * @param {string[]} lines
 * @param {LintMessage} message
 * @param {Style} style
 * @returns {string}
 */
function frame(lines, message, style) {
    const startLine = Math.min(Math.max(message.line, 1), lines.length);
    const endLine = Math.min(Math.max(message.endLine ?? message.line, startLine), lines.length);
    const lastMarked = Math.min(endLine, startLine + MAX_SPAN_LINES - 1);
    const first = Math.max(startLine - CONTEXT_LINES, 1);
    const last = lastMarked < endLine ? lastMarked : Math.min(endLine + CONTEXT_LINES, lines.length);
    const numberWidth = String(last).length;
    const gutter = (/** @type {string} */ label) => style.dim(`${label.padStart(numberWidth)} |`);
    const out = [];
    for (let number = first; number <= last; number += 1) {
        const line = blankControl(lines[number - 1]);
        const marked = number >= startLine && number <= lastMarked;
        out.push(`${marked ? style.bold(">") : " "} ${gutter(String(number))}${line === "" ? "" : ` ${line}`}`);
        if (marked) {
            const from = number === startLine ? message.column - 1 : line.length - line.trimStart().length;
            const to = number === endLine ? (message.endColumn ?? message.column) - 1 : line.length;
            const start = Math.min(Math.max(from, 0), line.length);
            const width = Math.max(Math.min(to, line.length) - start, 1);
            // Tabs stay tabs in the padding, so the carets line up however wide the terminal draws them.
            const padding = line.slice(0, start).replace(/[^\t]/gu, " ");
            const paint = message.severity === 2 ? style.red : style.yellow;
            out.push(`  ${gutter("")} ${padding}${paint("^".repeat(width))}`);
        }
    }
    if (lastMarked < endLine) {
        out.push(`  ${gutter("")} ${style.dim(`… ${plural(endLine - lastMarked, "more line")}`)}`);
    }
    return out.join("\n");
}
