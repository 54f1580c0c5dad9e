/**
 * @file `verify`'s results in the lint command's shapes: one ESLint-style
 * result per migration (its `messages` say what PostgreSQL rejected, where),
 * plus a `status` per file and a summary line.
 */

/** @import { LintResult, LintMessage } from "../api.js" */
/** @import { VerifyFileResult } from "./verify.js" */
/** @import { PostgresError } from "./apply.js" */
/** @import { FileLocation } from "./error-location.js" */

import { plural } from "../formatters/summary.js";

/** The rule-like ids `verify` reports under. */
const VERIFY_IDS = Object.freeze({
    failed: "verify/apply",
    notIdempotent: "verify/idempotent",
    unreadable: "verify/apply",
});

/**
 * @typedef {LintResult & { status: VerifyFileResult["status"] }} VerifyLintResult
 */

/**
 * One ESLint-style result per migration.
 * @param {VerifyFileResult[]} results
 * @param {(path: string) => string} filePathOf the `filePath` shown for a migration's path
 * @returns {VerifyLintResult[]}
 */
export function toLintResults(results, filePathOf) {
    return results.map((result) => {
        /** @type {LintMessage[]} */
        const messages = [];
        if (result.status === "failed" && result.first !== undefined && !result.first.ok) {
            messages.push(message(VERIFY_IDS.failed, "failedFirst", "Fails on a fresh database", result.first.error, result.first.location));
        } else if (result.status === "not-idempotent" && result.second !== undefined && !result.second.ok) {
            messages.push(
                message(VERIFY_IDS.notIdempotent, "failedSecond", "Not idempotent: applying it a second time fails", result.second.error, result.second.location),
            );
        } else if (result.status === "unreadable") {
            messages.push({
                ruleId: VERIFY_IDS.unreadable,
                severity: 2,
                message: `Not applied: ${result.problem ?? "the file cannot be read"}`,
                messageId: "unreadable",
                line: 1,
                column: 1,
                endLine: 1,
                endColumn: 1,
            });
        }
        return {
            filePath: filePathOf(result.path),
            messages,
            errorCount: messages.length,
            warningCount: 0,
            fixableErrorCount: 0,
            fixableWarningCount: 0,
            status: result.status,
        };
    });
}

/**
 * @param {string} ruleId
 * @param {string} messageId
 * @param {string} lead what went wrong, before PostgreSQL's words
 * @param {PostgresError} error
 * @param {FileLocation | null} location
 * @returns {LintMessage & { data: Record<string, string> }}
 */
function message(ruleId, messageId, lead, error, location) {
    const extra = [error.detail, error.hint].filter((part) => part !== undefined).join(" ");
    return {
        ruleId,
        severity: 2,
        message: `${lead}: ${error.message} (SQLSTATE ${error.code}).${extra === "" ? "" : ` ${extra}`}`,
        messageId,
        data: { sqlstate: error.code, postgresMessage: error.message },
        line: location?.line ?? 1,
        column: location?.column ?? 1,
        endLine: location?.endLine ?? 1,
        endColumn: location?.endColumn ?? 1,
    };
}

/**
 * The closing line of the stylish report.
 * @param {VerifyFileResult[]} results
 * @param {string} where the database, as the report names it
 * @param {boolean} standin whether the Supabase stand-in was installed
 * @returns {string}
 */
export function verifySummary(results, where, standin) {
    const count = (/** @type {VerifyFileResult["status"]} */ status) => results.filter((result) => result.status === status).length;
    const base = standin ? "with the Supabase stand-in" : "on its own Supabase schema";
    const head = `Verified ${plural(results.length, "migration")} in ${where} ${base}, applying each twice`;
    const failed = count("failed");
    const notIdempotent = count("not-idempotent");
    const unreadable = count("unreadable");
    if (failed + notIdempotent + unreadable === 0) {
        return `${head}: every one applied both times.\n`;
    }
    const parts = [`${count("applied")} applied both times`];
    if (failed > 0) {
        parts.push(`${failed} failed on first application`);
    }
    if (notIdempotent > 0) {
        parts.push(`${notIdempotent} not idempotent`);
    }
    if (unreadable > 0) {
        parts.push(`${unreadable} unreadable`);
    }
    return `${head}: ${parts.join(", ")}.\n`;
}
