/**
 * @file `json`: the results as ESLint's `json` formatter writes them
 * (SPEC §7), so ESLint tooling reads them unchanged. A fix run's results
 * carry `fixWithheld` for migrations it left alone because they already ran.
 */

/** @import { LintResult } from "../api.js" */

/**
 * @param {LintResult[]} results
 * @returns {string}
 */
export function formatJson(results) {
    return JSON.stringify(results);
}
