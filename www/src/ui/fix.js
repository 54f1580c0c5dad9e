/**
 * @file The fix preview: what `supalint --fix` would write, as a unified diff
 * against the editor's text, with a button that applies it.
 */

import { changedSpan, diffLines, toHunks } from "../diff.js";
import { h, plural, renderMessage } from "./dom.js";

/** @import { DiffLine } from "../diff.js" */
/** @import { FixAnswer } from "../engine/client.js" */

/**
 * @typedef {object} FixView
 * @property {string} before the text that was fixed
 * @property {FixAnswer | null} fix null while the engine works
 * @property {number} fixable diagnostics with a fix in the current lint
 * @property {() => void} onApply
 */

/**
 * @param {HTMLElement} container
 * @param {FixView} view
 */
export function renderFix(container, view) {
    container.replaceChildren();
    if (view.fix === null) {
        container.append(h("p", { class: "empty" }, "Computing the fixes…"));
        return;
    }
    const { fix } = view;
    if (fix.configErrors.length > 0) {
        container.append(h("div", { class: "callout callout-error" }, "Fix the configuration first (see the Config panel)."));
        return;
    }
    if (fix.refused) {
        container.append(h("div", { class: "callout callout-warn" }, h("strong", { text: "The engine did not fix this file. " }), ...renderMessage(fix.refused)));
    }
    if (!fix.fixed) {
        container.append(
            h(
                "div",
                { class: "empty" },
                h("p", {}, h("strong", { text: fix.messages.length === 0 ? "Nothing to fix: no problems." : "Nothing to fix automatically." })),
                fix.messages.length > 0
                    ? h("p", {}, `${fix.messages.length === 1 ? "The problem needs" : `The ${fix.messages.length} problems need`} a change only you can make; the Problems panel says what to do.`)
                    : null,
            ),
        );
        return;
    }

    const lines = diffLines(view.before.split("\n"), fix.output.split("\n"));
    const hunks = toHunks(lines);
    const added = lines.filter((line) => line.kind === "add").length;
    const removed = lines.filter((line) => line.kind === "del").length;
    container.append(
        h(
            "div",
            { class: "fix-summary" },
            h(
                "div",
                {},
                h("p", { class: "fix-title" }, h("strong", { text: `${plural(view.fixable, "fix", "es")} available` })),
                h(
                    "p",
                    { class: "fix-detail" },
                    h("span", { class: "diffstat-add", text: `+${added}` }),
                    " ",
                    h("span", { class: "diffstat-del", text: `−${removed}` }),
                    ` · ${fix.messages.length === 0 ? "no problems left after fixing" : `${plural(fix.messages.length, "problem")} left after fixing`}`,
                ),
            ),
            h("button", { id: "fix-apply", class: "button button-primary", type: "button", onclick: view.onApply }, "Apply all fixes"),
        ),
    );
    const diff = h("div", { class: "diff", "aria-label": "Changes the fixes make" });
    for (const hunk of hunks) {
        diff.append(h("div", { class: "diff-hunk", text: `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@` }));
        hunk.lines.forEach((line, index) => diff.append(diffRow(line, pairOf(hunk.lines, index))));
    }
    container.append(diff);
}

/**
 * The line a changed line replaces (or is replaced by), to emphasise what
 * changed within it: the n-th added line of a block pairs with its n-th
 * removed line.
 * @param {DiffLine[]} lines
 * @param {number} index
 * @returns {DiffLine | null}
 */
function pairOf(lines, index) {
    const line = lines[index];
    if (line.kind === "same") {
        return null;
    }
    let start = index;
    while (start > 0 && lines[start - 1].kind !== "same") {
        start--;
    }
    let end = index;
    while (end < lines.length - 1 && lines[end + 1].kind !== "same") {
        end++;
    }
    const block = lines.slice(start, end + 1);
    const removed = block.filter((entry) => entry.kind === "del");
    const added = block.filter((entry) => entry.kind === "add");
    const position = (line.kind === "del" ? removed : added).indexOf(line);
    return (line.kind === "del" ? added : removed)[position] ?? null;
}

/**
 * @param {DiffLine} line
 * @param {DiffLine | null} pair
 * @returns {HTMLElement}
 */
function diffRow(line, pair) {
    const sign = line.kind === "add" ? "+" : line.kind === "del" ? "−" : " ";
    const text = h("span", { class: "diff-text" });
    if (pair !== null && pair.text !== line.text) {
        const [before, after] = line.kind === "del" ? [line.text, pair.text] : [pair.text, line.text];
        const [prefix, suffix] = changedSpan(before, after);
        const end = line.text.length - suffix;
        text.append(line.text.slice(0, prefix), h("mark", { text: line.text.slice(prefix, end) }), line.text.slice(end));
    } else {
        text.textContent = line.text;
    }
    return h(
        "div",
        { class: `diff-line diff-${line.kind}` },
        h("span", { class: "diff-num", text: line.oldLine ?? "" }),
        h("span", { class: "diff-num", text: line.newLine ?? "" }),
        h("span", { class: "diff-sign", "aria-hidden": "true", text: sign }),
        text,
    );
}

