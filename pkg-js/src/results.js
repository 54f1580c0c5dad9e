/**
 * @file Turns engine output into ESLint's result shape (SPEC §7), so that
 * ESLint formatters and tools read it unchanged.
 */

/** @import { Diagnostic, LintMessage, LintResult, SourceProblem } from "./api.js" */

/**
 * An ESLint-shaped message from an engine diagnostic, with its help and docs
 * link as extra keys (the engine's byte and UTF-16 ranges and template data
 * stay behind).
 * @param {Diagnostic} diagnostic
 * @returns {LintMessage}
 */
export function toMessage(diagnostic) {
    /** @type {LintMessage} */
    const message = {
        ruleId: diagnostic.ruleId,
        severity: diagnostic.severity,
        message: diagnostic.message,
        messageId: diagnostic.messageId,
        line: diagnostic.line,
        column: diagnostic.column,
        endLine: diagnostic.endLine,
        endColumn: diagnostic.endColumn,
    };
    if (diagnostic.fix) {
        message.fix = diagnostic.fix;
    }
    if (diagnostic.suggestions && diagnostic.suggestions.length > 0) {
        message.suggestions = diagnostic.suggestions;
    }
    if (diagnostic.help) {
        message.help = diagnostic.help;
    }
    if (diagnostic.docsUrl) {
        message.docsUrl = diagnostic.docsUrl;
    }
    return message;
}

/** What to do about a file the engine crashed on. */
export const ENGINE_CRASH_HELP = "Please report it: the other files are linted.";

/**
 * The one message for a file the engine never saw (binary, not UTF-8, unreadable).
 * @param {SourceProblem} problem
 * @returns {LintMessage}
 */
export function problemMessage(problem) {
    return {
        ruleId: "parse-error",
        severity: 2,
        message: problem.message,
        messageId: problem.messageId,
        line: problem.line,
        column: problem.column,
        endLine: problem.line,
        endColumn: problem.column,
        ...(problem.help ? { help: problem.help } : {}),
    };
}

/**
 * The result for a folder that could not be read: one error saying so (the
 * migrations in it, if any, are not linted; the other files are).
 * @param {string} folder absolute, the result's `filePath`
 * @param {string} shown the folder as messages name paths (relative to the project root when inside it)
 * @param {string} reason as a clause ("permission denied")
 * @returns {LintResult}
 */
export function unreadableFolderResult(folder, shown, reason) {
    const message = `Folder \`${shown}\` cannot be read (${reason}), so the migrations in it are not linted.`;
    const help = "Make it readable, or leave it out of the paths to lint.";
    return createResult({ filePath: folder, messages: [problemMessage({ messageId: "unreadableFolder", message, help, line: 1, column: 1 })] });
}

/**
 * Builds one result with its counts.
 * @param {object} parts
 * @param {string} parts.filePath the path to show (absolute in Node, as ESLint)
 * @param {LintMessage[]} parts.messages
 * @param {string} [parts.source] the linted text: kept when there are messages and no output
 * @param {string} [parts.output] the fixed text, when fixing changed the file
 * @returns {LintResult}
 */
export function createResult({ filePath, messages, source, output }) {
    /** @type {LintResult} */
    const result = { filePath, messages, ...countMessages(messages) };
    if (output !== undefined) {
        result.output = output;
    } else if (source !== undefined && messages.length > 0) {
        result.source = source;
    }
    return result;
}

/**
 * Error, warning and fixable counts of a list of messages.
 * @param {LintMessage[]} messages
 * @returns {{ errorCount: number, warningCount: number, fixableErrorCount: number, fixableWarningCount: number }}
 */
function countMessages(messages) {
    const counts = { errorCount: 0, warningCount: 0, fixableErrorCount: 0, fixableWarningCount: 0 };
    for (const message of messages) {
        if (message.severity === 2) {
            counts.errorCount += 1;
            counts.fixableErrorCount += message.fix ? 1 : 0;
        } else {
            counts.warningCount += 1;
            counts.fixableWarningCount += message.fix ? 1 : 0;
        }
    }
    return counts;
}

/**
 * Keeps errors only (`--quiet`), with counts recomputed.
 * @param {LintResult[]} results
 * @returns {LintResult[]}
 */
export function keepErrorsOnly(results) {
    return results.map((result) => {
        const messages = result.messages.filter((message) => message.severity === 2);
        return { ...result, messages, ...countMessages(messages) };
    });
}

/**
 * Totals over several results.
 * @param {LintResult[]} results
 * @returns {{ errorCount: number, warningCount: number, fixableErrorCount: number, fixableWarningCount: number }}
 */
export function sumCounts(results) {
    const total = { errorCount: 0, warningCount: 0, fixableErrorCount: 0, fixableWarningCount: 0 };
    for (const result of results) {
        total.errorCount += result.errorCount;
        total.warningCount += result.warningCount;
        total.fixableErrorCount += result.fixableErrorCount;
        total.fixableWarningCount += result.fixableWarningCount;
    }
    return total;
}
