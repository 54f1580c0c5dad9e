/**
 * @file The fix preview's diff: what `--fix` would change in the editor's
 * text, line by line (jsdiff's Myers diff), grouped into hunks with context.
 */

import { diffArrays } from "diff";

/**
 * @typedef {object} DiffLine
 * @property {"same" | "del" | "add"} kind
 * @property {string} text
 * @property {number | null} oldLine 1-based, null for added lines
 * @property {number | null} newLine 1-based, null for removed lines
 */

/**
 * @typedef {object} Hunk
 * @property {number} oldStart
 * @property {number} oldLines
 * @property {number} newStart
 * @property {number} newLines
 * @property {DiffLine[]} lines
 */

/**
 * The shortest edit script between two line arrays, as one entry per line,
 * numbered on both sides.
 * @param {string[]} before
 * @param {string[]} after
 * @returns {DiffLine[]}
 */
export function diffLines(before, after) {
    /** @type {DiffLine[]} */
    const lines = [];
    let oldLine = 1;
    let newLine = 1;
    for (const change of diffArrays(before, after)) {
        for (const text of change.value) {
            if (change.added) {
                lines.push({ kind: "add", text, oldLine: null, newLine: newLine++ });
            } else if (change.removed) {
                lines.push({ kind: "del", text, oldLine: oldLine++, newLine: null });
            } else {
                lines.push({ kind: "same", text, oldLine: oldLine++, newLine: newLine++ });
            }
        }
    }
    return lines;
}

/**
 * Groups a diff into hunks with `context` unchanged lines around each change.
 * @param {DiffLine[]} lines
 * @param {number} [context]
 * @returns {Hunk[]}
 */
export function toHunks(lines, context = 3) {
    /** @type {[number, number][]} */
    const ranges = [];
    lines.forEach((line, index) => {
        if (line.kind === "same") {
            return;
        }
        const from = Math.max(0, index - context);
        const to = Math.min(lines.length - 1, index + context);
        const last = ranges[ranges.length - 1];
        if (last !== undefined && from <= last[1] + 1) {
            last[1] = to;
        } else {
            ranges.push([from, to]);
        }
    });
    return ranges.map(([from, to]) => {
        const hunkLines = lines.slice(from, to + 1);
        const old = hunkLines.filter((line) => line.oldLine !== null);
        const added = hunkLines.filter((line) => line.newLine !== null);
        return {
            oldStart: old[0]?.oldLine ?? 0,
            oldLines: old.length,
            newStart: added[0]?.newLine ?? 0,
            newLines: added.length,
            lines: hunkLines,
        };
    });
}

/**
 * The part of two similar lines that differs, as `[prefixLength, suffixLength]`:
 * what to emphasise inside a changed line.
 * @param {string} before
 * @param {string} after
 * @returns {[number, number]}
 */
export function changedSpan(before, after) {
    let prefix = 0;
    while (prefix < before.length && prefix < after.length && before[prefix] === after[prefix]) {
        prefix++;
    }
    let suffix = 0;
    while (
        suffix < before.length - prefix &&
        suffix < after.length - prefix &&
        before[before.length - 1 - suffix] === after[after.length - 1 - suffix]
    ) {
        suffix++;
    }
    return [prefix, suffix];
}
