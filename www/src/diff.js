/**
 * @file A line diff (Myers' O(ND) algorithm) grouped into hunks with context,
 * for the fix preview: what `--fix` would change in the editor's text.
 */

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
 * The shortest edit script between two line arrays, as one entry per line.
 * @param {string[]} before
 * @param {string[]} after
 * @returns {DiffLine[]}
 */
export function diffLines(before, after) {
    // Common head and tail are cheap to strip and keep the search small.
    let head = 0;
    while (head < before.length && head < after.length && before[head] === after[head]) {
        head++;
    }
    let tail = 0;
    while (
        tail < before.length - head &&
        tail < after.length - head &&
        before[before.length - 1 - tail] === after[after.length - 1 - tail]
    ) {
        tail++;
    }
    const a = before.slice(head, before.length - tail);
    const b = after.slice(head, after.length - tail);
    const middle = myers(a, b);

    /** @type {DiffLine[]} */
    const lines = [];
    let oldLine = 1;
    let newLine = 1;
    const push = (/** @type {DiffLine["kind"]} */ kind, /** @type {string} */ text) => {
        lines.push({ kind, text, oldLine: kind === "add" ? null : oldLine, newLine: kind === "del" ? null : newLine });
        if (kind !== "add") {
            oldLine++;
        }
        if (kind !== "del") {
            newLine++;
        }
    };
    for (let index = 0; index < head; index++) {
        push("same", before[index]);
    }
    for (const [kind, text] of middle) {
        push(kind, text);
    }
    for (let index = before.length - tail; index < before.length; index++) {
        push("same", before[index]);
    }
    return lines;
}

/**
 * @param {string[]} a
 * @param {string[]} b
 * @returns {[DiffLine["kind"], string][]}
 */
function myers(a, b) {
    const n = a.length;
    const m = b.length;
    const max = n + m;
    const offset = max + 1;
    const v = new Int32Array(2 * max + 3);
    /** @type {Int32Array[]} */
    const trace = [];
    let found = false;
    for (let d = 0; d <= max && !found; d++) {
        trace.push(v.slice());
        for (let k = -d; k <= d; k += 2) {
            let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
            let y = x - k;
            while (x < n && y < m && a[x] === b[y]) {
                x++;
                y++;
            }
            v[offset + k] = x;
            if (x >= n && y >= m) {
                found = true;
                break;
            }
        }
    }
    trace.push(v.slice());

    /** @type {[DiffLine["kind"], string][]} */
    const script = [];
    let x = n;
    let y = m;
    for (let d = trace.length - 2; d >= 0 && (x > 0 || y > 0); d--) {
        const row = trace[d];
        const k = x - y;
        const down = k === -d || (k !== d && row[offset + k - 1] < row[offset + k + 1]);
        const previousK = down ? k + 1 : k - 1;
        const previousX = row[offset + previousK];
        const previousY = previousX - previousK;
        while (x > previousX && y > previousY) {
            script.push(["same", a[--x]]);
            y--;
        }
        if (d === 0) {
            break;
        }
        if (down) {
            script.push(["add", b[--y]]);
        } else {
            script.push(["del", a[--x]]);
        }
    }
    while (x > 0 && y > 0) {
        script.push(["same", a[--x]]);
        y--;
    }
    return script.reverse();
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
