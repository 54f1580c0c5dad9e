/**
 * @file Our inline directives (SPEC §4) as an editor meets them: the rule id
 * under the cursor in a `supalint-*` comment (for hover), and the text that
 * disables a rule for one line (for the "disable" quick fix).
 *
 * A `--` comment inside a string or a `$$…$$` body is part of the literal, so
 * the engine sees no directive there (it reads directives from comment
 * tokens). A finding inside a function body is therefore disabled by a
 * `supalint-disable` before the literal and a `supalint-enable` after it.
 */

import { engine } from "../engine/node.js";

const DIRECTIVE = /^(?:--|\/\*)\s*supalint-(?:disable-next-line|disable-line|disable-file|disable|enable)(?=\s|\*\/|$)/u;
const RULE_ID = /[A-Za-z0-9_-]+/gu;

/**
 * The rule id written at `offset` in a directive comment, if any.
 * @param {string} text
 * @param {number} offset UTF-16 offset
 * @returns {{ ruleId: string, range: [number, number] } | null}
 */
export function directiveRuleAt(text, offset) {
    const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
    const lineEnd = text.indexOf("\n", offset);
    if (!text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd).includes("supalint-")) {
        return null;
    }
    const comment = engine.lexicalRanges(text).comments.find(({ range: [start, end] }) => start <= offset && offset <= end);
    if (comment === undefined) {
        return null;
    }
    const [start, end] = comment.range;
    const body = text.slice(start, end);
    const directive = DIRECTIVE.exec(body);
    if (directive === null) {
        return null;
    }
    // The list ends at a ` -- reason` (or at the closing `*/`).
    const reason = body.slice(directive[0].length).search(/\s--|\*\//u);
    const listEnd = reason === -1 ? body.length : directive[0].length + reason;
    const list = body.slice(directive[0].length, listEnd);
    for (const match of list.matchAll(RULE_ID)) {
        const from = start + directive[0].length + (match.index ?? 0);
        const to = from + match[0].length;
        if (from <= offset && offset <= to) {
            return { ruleId: match[0], range: [from, to] };
        }
    }
    return null;
}

/**
 * @typedef {object} Insertion
 * @property {number} offset UTF-16 offset in the text
 * @property {string} text
 */

/**
 * The insertions that disable `ruleId` for the line at `offset`: a
 * `supalint-disable-next-line` comment above it (or the rule added to the one
 * already there), or, when the line lies inside a literal, a
 * `supalint-disable` / `supalint-enable` pair around that literal.
 * @param {string} text
 * @param {number} offset where the finding starts
 * @param {string} ruleId
 * @returns {Insertion[]}
 */
export function disableRuleEdits(text, offset, ruleId) {
    const { quoted, comments } = engine.lexicalRanges(text);
    const containers = [...quoted, ...comments.filter((comment) => comment.type === "BlockComment").map((comment) => comment.range)];
    /** @param {number} at @returns {[number, number] | undefined} */
    const containerAround = (at) => containers.find(([start, end]) => start < at && at < end);

    const lineStart = startOfLine(text, offset);
    if (containerAround(lineStart) === undefined) {
        return [nextLineDirective(text, lineStart, ruleId)];
    }

    // Widen to whole lines that start and end outside every literal.
    let from = lineStart;
    for (let literal = containerAround(from); literal !== undefined; literal = containerAround(from)) {
        from = startOfLine(text, literal[0]);
    }
    let to = endOfLine(text, offset);
    for (let literal = containerAround(to); literal !== undefined; literal = containerAround(to)) {
        to = endOfLine(text, literal[1]);
    }
    const indent = indentAt(text, from);
    const lineBreak = lineBreakOf(text);
    return [
        { offset: from, text: `${indent}-- supalint-disable ${ruleId}${lineBreak}` },
        { offset: to, text: `${lineBreak}${indent}-- supalint-enable ${ruleId}` },
    ];
}

/**
 * A `supalint-disable-next-line` for the line starting at `lineStart`, or the
 * rule added to the list of the one on the line above.
 * @param {string} text
 * @param {number} lineStart
 * @param {string} ruleId
 * @returns {Insertion}
 */
function nextLineDirective(text, lineStart, ruleId) {
    if (lineStart > 0) {
        const previousStart = startOfLine(text, lineStart - 1);
        const previous = text.slice(previousStart, lineStart - 1).replace(/\r$/u, "");
        const existing = /^(\s*--\s*supalint-disable-next-line[ \t]+[A-Za-z0-9_-]+(?:[ \t]*,[ \t]*[A-Za-z0-9_-]+)*)/u.exec(previous);
        if (existing !== null) {
            return { offset: previousStart + existing[1].length, text: `, ${ruleId}` };
        }
    }
    return { offset: lineStart, text: `${indentAt(text, lineStart)}-- supalint-disable-next-line ${ruleId}${lineBreakOf(text)}` };
}

/**
 * @param {string} text
 * @param {number} offset
 * @returns {number}
 */
function startOfLine(text, offset) {
    return text.lastIndexOf("\n", offset - 1) + 1;
}

/**
 * The offset of the line break that ends the line at `offset` (before a `\r`), or the end of the text.
 * @param {string} text
 * @param {number} offset
 * @returns {number}
 */
function endOfLine(text, offset) {
    const end = text.indexOf("\n", offset);
    if (end === -1) {
        return text.length;
    }
    return text[end - 1] === "\r" ? end - 1 : end;
}

/**
 * The whitespace that starts the line at `lineStart`.
 * @param {string} text
 * @param {number} lineStart
 * @returns {string}
 */
function indentAt(text, lineStart) {
    return /^[ \t]*/u.exec(text.slice(lineStart, lineStart + 200))?.[0] ?? "";
}

/**
 * The text's own line break, so an inserted line matches the others.
 * @param {string} text
 * @returns {string}
 */
function lineBreakOf(text) {
    const end = text.indexOf("\n");
    return end > 0 && text[end - 1] === "\r" ? "\r\n" : "\n";
}
