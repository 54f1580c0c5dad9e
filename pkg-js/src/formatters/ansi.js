/**
 * @file ANSI styles for the human formatters, switched off as a whole when
 * colour is off (pipes, `--no-color`, `NO_COLOR`).
 */

/**
 * @typedef {(text: string) => string} Paint
 * @typedef {{ red: Paint, yellow: Paint, green: Paint, dim: Paint, bold: Paint, underline: Paint, reset: Paint }} Style
 */

/**
 * @param {number} open
 * @param {number} close
 * @returns {Paint}
 */
function paint(open, close) {
    return (text) => `\u001B[${open}m${text}\u001B[${close}m`;
}

const COLOURED = Object.freeze({
    red: paint(31, 39),
    yellow: paint(33, 39),
    green: paint(32, 39),
    dim: paint(2, 22),
    bold: paint(1, 22),
    underline: paint(4, 24),
    reset: paint(0, 0),
});

/** @type {Paint} */
const plain = (text) => text;

const PLAIN = Object.freeze({ red: plain, yellow: plain, green: plain, dim: plain, bold: plain, underline: plain, reset: plain });

/**
 * The styles to use.
 * @param {boolean} enabled
 * @returns {Style}
 */
export function createStyle(enabled) {
    return enabled ? COLOURED : PLAIN;
}

/** Characters a terminal acts on rather than shows: C0 and C1 controls, line and paragraph separators, bidirectional overrides. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/gu;

/** How `escapeControl` writes the common ones. */
const NAMED_ESCAPES = new Map([
    ["\n", "\\n"],
    ["\r", "\\r"],
    ["\t", "\\t"],
]);

/**
 * Text from outside supalint (a database, a file name) made safe for a
 * terminal: every control character, escape sequence introducer, line break
 * and bidirectional override is written as an escape (`\n`, `\u001b`), so it
 * can neither style nor move the output, nor start a line of its own.
 * @param {string} text
 * @returns {string}
 */
export function escapeControl(text) {
    return text.replace(CONTROL, (char) => NAMED_ESCAPES.get(char) ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * Removes ANSI escape sequences (for measuring and for tests).
 * @param {string} text
 * @returns {string}
 */
export function stripAnsi(text) {
    // eslint-disable-next-line no-control-regex -- matching the escape character is the point
    return text.replace(/\u001B\[[0-9;]*m/gu, "");
}
