/**
 * @file The plugin's rules, generated from the engine's rule metadata: one
 * ESLint rule `supalint/<id>` per engine rule. A rule holds no logic of its
 * own; it reports the engine's findings for its id, which `parse()` already
 * keeps on the document, with their exact location, fix and suggestions.
 *
 * `parse-error` has no ESLint rule: ESLint reports a parsing error from
 * `parse()`. `unused-disable-directive` and `unknown-rule` report only
 * `supalint-disable…` comments, which the engine applies; ESLint judges its
 * own `eslint-disable…` ones (`linterOptions.reportUnusedDisableDirectives`,
 * and an error for a directive naming an unknown rule).
 */

/** @import { Diagnostic, RuleMeta } from "../api.js" */
/** @import { SqlSourceCode } from "./sql-source-code.js" */

/** Engine rules whose job ESLint does itself. */
export const RULES_ESLINT_HANDLES = Object.freeze(["parse-error"]);

/**
 * The parts of ESLint's rule context a generated rule uses.
 * @typedef {object} RuleContext
 * @property {SqlSourceCode} sourceCode
 * @property {(descriptor: Record<string, unknown>) => void} report
 */

/**
 * The parts of ESLint's fixer a generated rule uses.
 * @typedef {{ replaceTextRange: (range: [number, number], text: string) => unknown }} RuleFixer
 */

/**
 * An ESLint rule, as ESLint's custom-language API defines it.
 * @typedef {object} SqlRule
 * @property {{ type: "problem" | "suggestion", docs: { description: string, url: string, recommended: boolean }, fixable?: "code", hasSuggestions?: true, schema: [], messages: Record<string, string> }} meta
 * @property {(context: RuleContext) => { Document: () => void }} create
 */

/**
 * An engine message template (`{name}`) as ESLint writes it (`{{name}}`).
 * @param {string} template
 * @returns {string}
 */
export function toEslintTemplate(template) {
    return template.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/gu, "{{$1}}");
}

/**
 * One ESLint rule for one engine rule.
 * @param {RuleMeta} rule
 * @returns {SqlRule}
 */
function createRule(rule) {
    const isFixable = rule.fixable === "fix";
    // A fixable rule offers its fix as a suggestion in a migration that already ran
    // (`frozenBefore`): `eslint --fix` leaves that file alone, an editor still offers the fix.
    const hasSuggestions = rule.fixable !== null && rule.fixable !== undefined;
    const messages = Object.fromEntries(Object.entries(rule.messages).map(([id, template]) => [id, toEslintTemplate(template)]));

    /** @type {SqlRule["meta"]} */
    const meta = {
        type: rule.category === "style" ? "suggestion" : "problem",
        docs: { description: rule.summary, url: rule.docsUrl, recommended: rule.severity !== "off" },
        schema: [],
        messages,
    };
    if (isFixable) {
        meta.fixable = "code";
    }
    if (hasSuggestions) {
        meta.hasSuggestions = true;
    }

    /**
     * What ESLint reports for one finding. A fix or suggestion the rule's
     * metadata does not announce is left out: ESLint would stop the run.
     * @param {Diagnostic} finding
     * @returns {Record<string, unknown>}
     */
    const describe = (finding) => {
        /** @type {Record<string, unknown>} */
        const descriptor = {
            loc: {
                start: { line: finding.line, column: finding.column },
                end: { line: finding.endLine, column: finding.endColumn },
            },
        };
        if (Object.hasOwn(messages, finding.messageId)) {
            descriptor.messageId = finding.messageId;
            descriptor.data = finding.data;
        } else {
            descriptor.message = finding.message;
        }
        const { fix, suggestions } = finding;
        if (isFixable && fix) {
            descriptor.fix = (/** @type {RuleFixer} */ fixer) => fixer.replaceTextRange(fix.range, fix.text);
        }
        if (hasSuggestions && suggestions && suggestions.length > 0) {
            descriptor.suggest = suggestions.map((suggestion) => ({
                desc: suggestion.desc,
                fix: (/** @type {RuleFixer} */ fixer) => fixer.replaceTextRange(suggestion.fix.range, suggestion.fix.text),
            }));
        }
        return descriptor;
    };

    return {
        meta,
        create(context) {
            context.sourceCode.enableRule(rule.id);
            return {
                Document() {
                    for (const finding of context.sourceCode.getFindings(rule.id)) {
                        context.report(describe(finding));
                    }
                },
            };
        },
    };
}

/**
 * Every plugin rule, by engine id.
 * @param {RuleMeta[]} catalog the engine's `rules()`
 * @returns {Record<string, SqlRule>}
 */
export function createRules(catalog) {
    return Object.fromEntries(catalog.filter((rule) => !RULES_ESLINT_HANDLES.includes(rule.id)).map((rule) => [rule.id, createRule(rule)]));
}

/**
 * The severities of the `recommended` preset, as ESLint rule settings.
 * @param {RuleMeta[]} catalog
 * @returns {Record<string, "error" | "warn">}
 */
export function recommendedRules(catalog) {
    /** @type {Record<string, "error" | "warn">} */
    const rules = {};
    for (const rule of catalog) {
        if (!RULES_ESLINT_HANDLES.includes(rule.id) && rule.severity !== "off") {
            rules[`supalint/${rule.id}`] = rule.severity;
        }
    }
    return rules;
}
