/**
 * @file The words for migrations whose fixes are held back because they
 * already ran (`frozenBefore`, `--since`): which files, why, and how to
 * rewrite them anyway, as every CLI format, the ESLint plugin and the
 * language server say it. Their fixes stay on their messages.
 */

/** @import { Diagnostic, FrozenReason, LintResult, Suggestion } from "./api.js" */

/** Why a migration already ran, as a clause. */
const REASONS = Object.freeze({
    applied: "already applied",
    frozenBefore: "at or before `frozenBefore`",
});

/**
 * Why one migration's fixes were held back, as a sentence.
 * @param {FrozenReason} reason
 * @returns {string}
 */
export function withheldReason(reason) {
    return `This migration already ran (${REASONS[reason]}), so its fixes are not applied unless asked with --fix-applied.`;
}

/** The `messageId` of a suggestion that is a held-back fix. */
const WITHHELD_FIX = "applyWithheldFix";

/**
 * The diagnostics of a migration that already ran, each fix turned into a
 * suggestion: a "fix all" (`eslint --fix`, the editor's) must not rewrite
 * it, and an editor still offers each fix as an explicit action.
 * @param {Diagnostic[]} diagnostics
 * @param {FrozenReason} reason
 * @returns {Diagnostic[]}
 */
export function withFixesAsSuggestions(diagnostics, reason) {
    const desc = `Apply this fix, although the migration already ran (${REASONS[reason]})`;
    return diagnostics.map(({ fix, ...diagnostic }) =>
        fix === undefined ? diagnostic : { ...diagnostic, suggestions: [{ desc, messageId: WITHHELD_FIX, fix }, ...(diagnostic.suggestions ?? [])] },
    );
}

/**
 * Whether a suggestion is a fix held back because its migration already ran.
 * @param {Suggestion} suggestion
 * @returns {boolean}
 */
export function isWithheldFix(suggestion) {
    return suggestion.messageId === WITHHELD_FIX;
}

/**
 * The results a fix run left alone because they already ran.
 * @param {LintResult[]} results
 * @returns {(LintResult & { fixWithheld: FrozenReason })[]}
 */
export function withheldResults(results) {
    return /** @type {(LintResult & { fixWithheld: FrozenReason })[]} */ (results.filter((result) => result.fixWithheld !== undefined));
}

/**
 * One sentence naming the migrations a fix run left alone and why, or null
 * when it left none.
 * @param {LintResult[]} results
 * @param {(filePath: string) => string} show how a format shows a path
 * @returns {string | null}
 */
export function withheldSummary(results, show) {
    const withheld = withheldResults(results);
    if (withheld.length === 0) {
        return null;
    }
    const files = withheld.map((result) => `${show(result.filePath)} (${REASONS[result.fixWithheld]})`);
    const [count, pronoun] = withheld.length === 1 ? ["1 migration that already ran", "it"] : [`${withheld.length} migrations that already ran`, "them"];
    return `Fixes left ${count} alone: ${files.join(", ")}; --fix-applied rewrites ${pronoun}.`;
}
