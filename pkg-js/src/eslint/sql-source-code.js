/**
 * @file The `SourceCode` of `supalint/sql`: the text, its comments, and the
 * engine's findings for the file. ESLint reads the comments for its own
 * directives (`-- eslint-disable-next-line supalint/<rule>`,
 * `/* eslint-disable supalint/<rule> *\/`, `/* eslint supalint/<rule>: off *\/`)
 * and reports the unused ones itself; the rules read the findings, which
 * the engine has already filtered through the `supalint-disable…` ones.
 *
 * A configuration written for JavaScript and given without `files` (an
 * unscoped `js.configs.recommended`) also runs ESLint's core rules on SQL
 * files. Their listeners wait for JavaScript nodes and never run here, but
 * some read the source code when they start (`no-irregular-whitespace`
 * calls `getAllComments()`), so the comment and text methods they read are
 * offered with their JavaScript meaning.
 */

/** @import { Diagnostic } from "../api.js" */
/** @import { SqlComment, SqlDocument } from "./sql-language.js" */

import { ConfigCommentParser, Directive, TextSourceCodeBase, VisitNodeStep } from "@eslint/plugin-kit";

const commentParser = new ConfigCommentParser();

/**
 * A comment that is an ESLint directive or inline configuration, or a
 * supalint directive (which ESLint then flags as having no effect under
 * `noInlineConfig`, as it flags its own).
 */
const INLINE_CONFIG = /^\s*(?:eslint(?:-enable|-disable(?:(?:-next)?-line)?)?|supalint-(?:enable|disable(?:-next-line|-line|-file)?))(?:\s|$)/u;

/** The line breaks the engine counts: `\r\n`, `\n`, and a lone `\r` (as ESLint does). */
export const LINE_ENDING = /\r\n|[\r\n]/u;

/** A `supalint-disable…`/`supalint-enable` comment, which the engine applies. */
const SUPALINT_DIRECTIVE = /^\s*supalint-(?:disable|enable)/u;

/**
 * Lints the file again with only the given engine rules, so the engine
 * judges `supalint-disable…` directives against the rules ESLint runs, or
 * without those directives, when ESLint allows no inline configuration.
 * @callback LintWithRules
 * @param {string[]} ruleIds
 * @param {boolean} inlineConfig
 * @returns {Diagnostic[]}
 */

/**
 * The source code of one migration.
 * @extends {TextSourceCodeBase<any>}
 */
export class SqlSourceCode extends TextSourceCodeBase {
    /**
     * The root node.
     * @type {SqlDocument}
     */
    ast;

    /**
     * The comments, in order.
     * @type {SqlComment[]}
     */
    comments;

    /** @type {SqlComment[] | undefined} */
    #inlineConfigNodes;

    /** @type {Map<string, Diagnostic[]> | undefined} */
    #findingsByRule;

    /** @type {LintWithRules | undefined} */
    #lintWithRules;

    /**
     * The engine ids of the plugin rules ESLint runs on this file.
     * @type {Set<string>}
     */
    #enabledRules = new Set();

    /**
     * Whether ESLint allows inline configuration here: it reads the disable
     * directives, before the rules run, only then (not under `noInlineConfig`
     * or `--no-inline-config`).
     */
    #inlineConfigAllowed = false;

    /** @type {VisitNodeStep[] | undefined} */
    #steps;

    /**
     * @param {object} options
     * @param {string} options.text
     * @param {SqlDocument} options.ast
     * @param {LintWithRules} [options.lintWithRules] how to lint the file again with fewer rules
     */
    constructor({ text, ast, lintWithRules }) {
        super({ text, ast, lineEndingPattern: LINE_ENDING });
        this.ast = ast;
        this.comments = ast.comments;
        this.#lintWithRules = lintWithRules;
    }

    /**
     * Every comment, in order, as JavaScript's `SourceCode` gives them.
     * @returns {SqlComment[]}
     */
    getAllComments() {
        return this.comments;
    }

    /**
     * Notes that ESLint runs the plugin rule for an engine rule on this file
     * (each rule says so when it starts, before any finding is read).
     * @param {string} ruleId the engine's id, without `supalint/`
     * @returns {void}
     */
    enableRule(ruleId) {
        this.#enabledRules.add(ruleId);
    }

    /**
     * The engine's findings for this file. With a `supalint-disable…`
     * comment, the file is linted again with only the rules ESLint runs: a
     * directive naming a rule ESLint has turned off suppresses nothing, and
     * is unused, as with the `supalint` command; and where ESLint allows no
     * inline configuration, those comments are not applied either.
     * @returns {Diagnostic[]}
     */
    #findings() {
        const hasSupalintDirective = this.comments.some((comment) => SUPALINT_DIRECTIVE.test(comment.value));
        if (!hasSupalintDirective || !this.#lintWithRules) {
            return this.ast.diagnostics;
        }
        return this.#lintWithRules([...this.#enabledRules], this.#inlineConfigAllowed);
    }

    /**
     * The engine's findings of one rule in this file, in position order.
     * @param {string} ruleId the engine's id, without `supalint/`
     * @returns {Diagnostic[]}
     */
    getFindings(ruleId) {
        if (!this.#findingsByRule) {
            this.#findingsByRule = new Map();
            for (const diagnostic of this.#findings()) {
                const list = this.#findingsByRule.get(diagnostic.ruleId) ?? [];
                list.push(diagnostic);
                this.#findingsByRule.set(diagnostic.ruleId, list);
            }
        }
        return this.#findingsByRule.get(ruleId) ?? [];
    }

    /**
     * The comments that are ESLint directives or inline configuration.
     * @returns {SqlComment[]}
     */
    getInlineConfigNodes() {
        this.#inlineConfigNodes ??= this.comments.filter((comment) => INLINE_CONFIG.test(comment.value));
        return this.#inlineConfigNodes;
    }

    /**
     * The `eslint-disable`/`eslint-enable` directives, and the problems found
     * reading them.
     * @returns {{ problems: { ruleId: null, message: string, loc: SqlComment["loc"] }[], directives: Directive[] }}
     */
    getDisableDirectives() {
        this.#inlineConfigAllowed = true;
        /** @type {{ ruleId: null, message: string, loc: SqlComment["loc"] }[]} */
        const problems = [];
        /** @type {Directive[]} */
        const directives = [];
        for (const comment of this.getInlineConfigNodes()) {
            const parsed = commentParser.parseDirective(comment.value);
            if (!parsed) {
                continue;
            }
            const { label, value, justification } = parsed;
            if (label === "eslint-disable-line" && comment.loc.start.line !== comment.loc.end.line) {
                problems.push({ ruleId: null, message: `${label} comment should not span multiple lines.`, loc: comment.loc });
                continue;
            }
            if (label === "eslint-disable" || label === "eslint-enable" || label === "eslint-disable-next-line" || label === "eslint-disable-line") {
                const type = /** @type {"disable" | "enable" | "disable-next-line" | "disable-line"} */ (label.slice("eslint-".length));
                directives.push(new Directive({ type, node: comment, value, justification }));
            }
        }
        return { problems, directives };
    }

    /**
     * The rule settings of `/* eslint supalint/<rule>: off *\/` comments, and the
     * problems found reading them.
     * @returns {{ configs: { config: { rules: Record<string, unknown> }, loc: SqlComment["loc"] }[], problems: { ruleId: null, message: string, loc: SqlComment["loc"] }[] }}
     */
    applyInlineConfig() {
        /** @type {{ config: { rules: Record<string, unknown> }, loc: SqlComment["loc"] }[]} */
        const configs = [];
        /** @type {{ ruleId: null, message: string, loc: SqlComment["loc"] }[]} */
        const problems = [];
        for (const comment of this.getInlineConfigNodes()) {
            const parsed = commentParser.parseDirective(comment.value);
            if (parsed?.label !== "eslint") {
                continue;
            }
            const result = commentParser.parseJSONLikeConfig(parsed.value);
            if (result.ok) {
                configs.push({ config: { rules: result.config }, loc: comment.loc });
            } else {
                problems.push({ ruleId: null, message: result.error.message, loc: comment.loc });
            }
        }
        return { configs, problems };
    }

    /**
     * The parent of a node: the document for nothing, as the document is the
     * only node that is visited.
     * @param {unknown} node
     * @returns {undefined}
     */
    // eslint-disable-next-line no-unused-vars -- the signature is ESLint's
    getParent(node) {
        return undefined;
    }

    /**
     * The traversal ESLint runs rules on: entering and leaving the document.
     * @returns {Iterable<VisitNodeStep>}
     */
    traverse() {
        this.#steps ??= [
            new VisitNodeStep({ target: this.ast, phase: 1, args: [this.ast, undefined] }),
            new VisitNodeStep({ target: this.ast, phase: 2, args: [this.ast, undefined] }),
        ];
        return this.#steps;
    }
}
