/**
 * @file `github`: GitHub Actions workflow commands, one annotation per
 * problem (`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`),
 * escaped as `@actions/core` escapes them, then a summary line (and a notice
 * naming the migrations a fix run left alone because they already ran). The
 * message's help follows it on a second line of the annotation.
 */

/** @import { FormatterContext } from "./index.js" */
/** @import { LintResult } from "../api.js" */

import { sumCounts } from "../results.js";
import { displayPath } from "./display-path.js";
import { plural } from "./summary.js";
import { withheldSummary } from "../withheld-fixes.js";

/**
 * @param {LintResult[]} results
 * @param {FormatterContext} context
 * @returns {string}
 */
export function formatGithub(results, context) {
    const lines = [];
    for (const result of results) {
        const file = displayPath(result.filePath, context.cwd);
        for (const message of result.messages) {
            const properties = [
                ["file", file],
                ["line", String(message.line)],
                ["col", String(message.column)],
                ["endLine", String(message.endLine ?? message.line)],
                ["endColumn", String(message.endColumn ?? message.column)],
                ["title", message.ruleId ? `supalint/${message.ruleId}` : "supalint"],
            ]
                .map(([key, value]) => `${key}=${escapeProperty(value)}`)
                .join(",");
            const text = message.help ? `${message.message}\n${message.help}` : message.message;
            lines.push(`::${message.severity === 2 ? "error" : "warning"} ${properties}::${escapeData(text)}`);
        }
    }
    const { errorCount, warningCount } = sumCounts(results);
    const withheld = withheldSummary(results, (filePath) => displayPath(filePath, context.cwd));
    if (withheld !== null) {
        lines.push(`::notice title=supalint::${escapeData(withheld)}`);
    }
    lines.push(`supalint: ${plural(errorCount + warningCount, "problem")} (${plural(errorCount, "error")}, ${plural(warningCount, "warning")})`);
    return `${lines.join("\n")}\n`;
}

/**
 * Escapes a command's message, as `escapeData` in `@actions/core`.
 * @param {string} value
 * @returns {string}
 */
export function escapeData(value) {
    return value.replace(/%/gu, "%25").replace(/\r/gu, "%0D").replace(/\n/gu, "%0A");
}

/**
 * Escapes a command property's value, as `escapeProperty` in `@actions/core`.
 * @param {string} value
 * @returns {string}
 */
export function escapeProperty(value) {
    return escapeData(value).replace(/:/gu, "%3A").replace(/,/gu, "%2C");
}
