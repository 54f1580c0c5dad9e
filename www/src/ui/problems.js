/**
 * @file The problems panel: one row per diagnostic with its severity,
 * position, message, rule (opening the rule's docs) and quick fixes.
 */

import { h, plural, renderMessage } from "./dom.js";
import { renderNoAnswer } from "./no-answer.js";

/** @import { LintMessage } from "supalint" */

/**
 * @typedef {object} ProblemsView
 * @property {LintMessage[]} messages
 * @property {{ key: string, message: string }[]} configErrors
 * @property {string | null} error the engine failed
 * @property {boolean} loading no answer yet
 * @property {(ruleId: string) => string | undefined} docsUrlOf
 * @property {(message: LintMessage) => void} onSelect
 * @property {(message: LintMessage, fix: { range: [number, number], text: string }) => void} onFix
 * @property {(ruleId: string) => void} onOpenRule
 */

/**
 * @param {HTMLElement} container
 * @param {ProblemsView} view
 */
export function renderProblems(container, view) {
    container.replaceChildren();
    if (renderNoAnswer(container, view, "nothing was linted")) {
        return;
    }
    if (view.loading) {
        container.append(h("p", { class: "empty" }, "Linting…"));
        return;
    }
    if (view.messages.length === 0) {
        container.append(
            h(
                "div",
                { class: "empty empty-clean" },
                h("span", { class: "empty-mark", "aria-hidden": "true", text: "✓" }),
                h("p", {}, h("strong", { text: "No problems." }), " This migration passes every enabled rule."),
            ),
            h("p", { class: "hint" }, "Type or paste a migration on the left: problems appear here as you type. The examples show what each group of rules catches."),
        );
        return;
    }
    const list = h("ol", { class: "problems", "aria-label": plural(view.messages.length, "problem") });
    for (const message of view.messages) {
        list.append(problemRow(message, view));
    }
    container.append(
        list,
        h("p", { class: "hint" }, "Click a message to find it in the editor, a rule id for its docs, ", h("strong", { text: "Fix" }), " to apply the engine's fix. Hover an underline for the same."),
    );
}

/**
 * @param {LintMessage} message
 * @param {ProblemsView} view
 * @returns {HTMLElement}
 */
function problemRow(message, view) {
    const severity = message.severity === 2 ? "error" : "warning";
    const docsUrl = view.docsUrlOf(message.ruleId);
    const actions = [];
    if (message.fix) {
        const fix = message.fix;
        actions.push(h("button", { class: "button button-small button-fix", type: "button", onclick: () => view.onFix(message, fix) }, "Fix"));
    }
    for (const suggestion of message.suggestions ?? []) {
        actions.push(
            h(
                "button",
                { class: "button button-small button-suggestion", type: "button", title: "Suggestion: review the change after applying it", onclick: () => view.onFix(message, suggestion.fix) },
                ...renderMessage(suggestion.desc),
            ),
        );
    }
    return h(
        "li",
        { class: `problem problem-${severity}`, "data-rule": message.ruleId },
        h("span", { class: `severity severity-${severity}`, title: severity, text: severity === "error" ? "Error" : "Warning" }),
        h(
            "div",
            { class: "problem-body" },
            h(
                "button",
                { class: "problem-message", type: "button", title: "Show in the editor", onclick: () => view.onSelect(message) },
                ...renderMessage(message.message),
            ),
            message.help ? h("p", { class: "problem-help" }, ...renderMessage(message.help)) : null,
            h(
                "div",
                { class: "problem-meta" },
                h("span", { class: "position", text: `${message.line}:${message.column}` }),
                h("button", { class: "rule-link", type: "button", title: "Open this rule's docs", onclick: () => view.onOpenRule(message.ruleId) }, message.ruleId),
                docsUrl ? h("a", { class: "docs-link", href: docsUrl, target: "_blank", rel: "noopener noreferrer" }, "docs ↗") : null,
                actions.length > 0 ? h("span", { class: "problem-actions" }, actions) : null,
            ),
        ),
    );
}
