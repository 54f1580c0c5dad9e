/**
 * @file The rules panel, built from the engine's own metadata: every rule
 * with its summary and severity under the current configuration, and on
 * opening, its docs (what it does, why, examples) with examples to try.
 */

import { effectiveSeverity } from "../config.js";
import { renderInline, renderMarkdown } from "../markdown.js";
import { DOC_EXAMPLE_FILE } from "../paths.js";
import { tryTarget } from "../rule-examples.js";
import { h } from "./dom.js";
import { highlightSql } from "./highlight.js";

/** @import { RuleMeta } from "supalint" */
/** @import { PlaygroundConfig } from "../config.js" */
/** @import { DocExample, TryTarget } from "../rule-examples.js" */

/**
 * @typedef {(target: Extract<TryTarget, { openable: true }>, ruleId: string) => void} OnTry
 * loads an example into the editor: its text, file name and registered buckets
 */


/**
 * @typedef {object} RulesPanel
 * @property {() => void} update shows the severities of the current configuration
 * @property {(id: string) => void} open expands a rule's docs and scrolls to it
 */

/**
 * @param {HTMLElement} container
 * @param {object} options
 * @param {RuleMeta[]} options.rules
 * @param {() => PlaygroundConfig} options.config
 * @param {OnTry} options.onTry loads an example into the editor
 * @returns {RulesPanel}
 */
export function createRulesPanel(container, { rules, config, onTry }) {
    const filter = h("input", {
        type: "search",
        class: "input",
        placeholder: "Filter by id or summary",
        "aria-label": "Filter rules",
        spellcheck: "false",
    });
    const fixableOnly = h("input", { type: "checkbox", id: "rules-fixable-only" });
    const enabledOnly = h("input", { type: "checkbox", id: "rules-enabled-only" });
    const noMatch = h("p", { class: "empty", hidden: true, text: "No rule matches." });
    const groups = h("div", { class: "rule-groups" });
    /** @type {Map<string, { element: HTMLElement, badge: HTMLElement, rule: RuleMeta }>} */
    const entries = new Map();

    const byCategory = [...rules].sort((a, b) => a.categoryRank - b.categoryRank || a.id.localeCompare(b.id));
    for (const category of new Set(byCategory.map((rule) => rule.category))) {
        const inCategory = byCategory.filter((rule) => rule.category === category);
        const title = inCategory[0].categoryTitle;
        const group = h("section", { class: "rule-group", "data-category": category }, h("h3", { class: "rule-group-title" }, title));
        for (const rule of inCategory) {
            const badge = h("span", { class: "severity-pill" });
            const element = h(
                "details",
                { class: "rule", id: `rule-${rule.id}`, "data-rule": rule.id },
                h(
                    "summary",
                    {},
                    h(
                        "span",
                        { class: "rule-head" },
                        h("span", { class: "rule-id", text: rule.id }),
                        badge,
                        rule.fixable === "fix" ? h("span", { class: "pill pill-fix", title: "`--fix` repairs it", text: "autofix" }) : null,
                        rule.fixable === "suggestion" ? h("span", { class: "pill pill-suggestion", title: "The editor offers a change to review", text: "suggestion" }) : null,
                    ),
                    h("span", { class: "rule-summary" }, ...renderInline(rule.summary)),
                ),
            );
            // Docs are built on first opening: most visitors open a few rules.
            element.addEventListener("toggle", () => {
                if (element.open && element.querySelector(".rule-docs") === null) {
                    element.append(ruleDocs(rule, onTry));
                }
            });
            entries.set(rule.id, { element, badge, rule });
            group.append(element);
        }
        groups.append(group);
    }

    const applyFilter = () => {
        const words = /** @type {HTMLInputElement} */ (filter).value.toLowerCase().split(/\s+/u).filter(Boolean);
        let shown = 0;
        for (const { element, rule } of entries.values()) {
            const haystack = `${rule.id} ${rule.summary}`.toLowerCase();
            const visible =
                words.every((word) => haystack.includes(word)) &&
                (!(/** @type {HTMLInputElement} */ (fixableOnly).checked) || rule.fixable !== null) &&
                (!(/** @type {HTMLInputElement} */ (enabledOnly).checked) || effectiveSeverity(config(), rule) !== "off");
            element.hidden = !visible;
            shown += visible ? 1 : 0;
        }
        for (const group of groups.children) {
            /** @type {HTMLElement} */ (group).hidden = group.querySelector(".rule:not([hidden])") === null;
        }
        noMatch.hidden = shown > 0;
    };
    filter.addEventListener("input", applyFilter);
    fixableOnly.addEventListener("change", applyFilter);
    enabledOnly.addEventListener("change", applyFilter);

    container.replaceChildren(
        h(
            "div",
            { class: "panel-toolbar" },
            filter,
            h("label", { class: "check" }, fixableOnly, " fixable"),
            h("label", { class: "check" }, enabledOnly, " enabled"),
        ),
        h("p", { class: "panel-note" }, `${rules.length} rules, straight from the engine's metadata. Open one for its docs and examples.`),
        groups,
        noMatch,
    );

    const update = () => {
        for (const { badge, rule } of entries.values()) {
            const severity = effectiveSeverity(config(), rule);
            badge.className = `severity-pill severity-pill-${severity}`;
            badge.textContent = severity;
            badge.title = `Severity under the current configuration (recommended: ${rule.severity})`;
        }
        applyFilter();
    };
    update();

    return {
        update,
        open(id) {
            const entry = entries.get(id);
            if (entry === undefined) {
                return;
            }
            /** @type {HTMLInputElement} */ (filter).value = "";
            /** @type {HTMLInputElement} */ (fixableOnly).checked = false;
            /** @type {HTMLInputElement} */ (enabledOnly).checked = false;
            applyFilter();
            entry.element.open = true;
            if (entry.element.querySelector(".rule-docs") === null) {
                entry.element.append(ruleDocs(entry.rule, onTry));
            }
            entry.element.scrollIntoView({ block: "start" });
            entry.element.classList.remove("rule-flash");
            // Restart the highlight animation on every opening.
            void entry.element.offsetWidth;
            entry.element.classList.add("rule-flash");
        },
    };
}

/**
 * @param {RuleMeta} rule
 * @param {OnTry} onTry
 * @returns {HTMLElement}
 */
function ruleDocs(rule, onTry) {
    // The engine's examples are the docs' `sql` blocks, in order (`src/rules/catalog.rs`).
    let shown = 0;
    const docs = renderMarkdown(rule.docs, (block) => {
        const example = block.lang?.startsWith("sql") ? rule.examples[shown] : undefined;
        if (example === undefined) {
            return h("pre", {}, h("code", { text: block.text }));
        }
        shown++;
        return exampleFigure(rule, example, onTry);
    });
    const extra = rule.examples.slice(shown);
    return h(
        "div",
        { class: "rule-docs" },
        h(
            "p",
            { class: "rule-facts" },
            h("span", {}, "Recommended: ", h("strong", { text: rule.severity })),
            rule.options.length > 0 ? h("span", {}, "Options: ", rule.options.map((option, index) => [index > 0 ? ", " : "", h("code", { text: option })]).flat()) : null,
            rule.sources.length > 0 ? h("span", {}, "Mirrors: ", rule.sources.join(", ")) : null,
            h("a", { href: rule.docsUrl, target: "_blank", rel: "noopener noreferrer" }, "Full docs ↗"),
        ),
        docs,
        extra.length > 0 ? h("h4", { text: "More examples" }) : null,
        extra.map((example) => exampleFigure(rule, example, onTry)),
    );
}

/**
 * One example of the docs: flagged or passing, the file it is linted as and
 * the options it needs, and a button that opens it in the editor with them.
 * An example of several migrations (or one that needs `--since`) is shown
 * read-only, with a note: the playground lints one file at a time.
 * @param {RuleMeta} rule
 * @param {DocExample} example
 * @param {OnTry} onTry
 * @returns {HTMLElement}
 */
function exampleFigure(rule, example, onTry) {
    const { files } = example;
    const target = tryTarget(example);
    const strip = (/** @type {string} */ text) => text.replace(/\n$/u, "");
    return h(
        "figure",
        { class: `example ${example.valid ? "example-valid" : "example-invalid"}`, "data-openable": String(target.openable) },
        h(
            "figcaption",
            {},
            h("span", { class: "example-label", text: example.valid ? "✓ Passes" : "✗ Flagged" }),
            files.length === 1 && files[0].name !== undefined ? h("span", { class: "example-file", title: "The file the example is linted as", text: files[0].name }) : null,
            example.registeredBuckets !== undefined
                ? h("span", { class: "example-option", title: "The bucket ids the application registers (the registeredBuckets option)", text: `registeredBuckets: ${example.registeredBuckets.join(", ")}` })
                : null,
            example.since !== undefined ? h("span", { class: "example-option", title: "The migrations that existed at the --since ref", text: `--since: ${example.since.join(", ")}` }) : null,
            target.openable
                ? h(
                      "button",
                      {
                          class: "button button-small",
                          type: "button",
                          title: target.registeredBuckets ? "Loads the example, its file name and its registered buckets" : "Loads the example and its file name",
                          onclick: () => onTry(target, rule.id),
                      },
                      "Open in editor",
                  )
                : null,
        ),
        files.length === 1
            ? h("pre", {}, highlightSql(strip(files[0].text)))
            : files.map((file) => [h("div", { class: "example-part", text: file.name ?? DOC_EXAMPLE_FILE }), h("pre", {}, highlightSql(strip(file.text)))]).flat(),
        target.openable ? null : h("p", { class: "example-note" }, ...renderInline(target.reason)),
    );
}
