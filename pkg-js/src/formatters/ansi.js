/**
 * @file ANSI styles for the human formatters, switched off as a whole when
 * colour is off (pipes, `--no-color`, `NO_COLOR`), and OSC 8 hyperlinks,
 * used only with colour on a terminal known to show them.
 */

/**
 * @typedef {(text: string) => string} Paint
 * @typedef {(url: string, text: string) => string} Link
 * @typedef {{ red: Paint, yellow: Paint, green: Paint, dim: Paint, bold: Paint, underline: Paint, reset: Paint, link: Link }} Style
 */

/**
 * @param {number} open
 * @param {number} close
 * @returns {Paint}
 */
function paint(open, close) {
    return (text) => `\u001B[${open}m${text}\u001B[${close}m`;
}

/**
 * `text` as an OSC 8 hyperlink to `url`; the URL's control characters are
 * dropped so it cannot end the sequence early.
 * @type {Link}
 */
function hyperlink(url, text) {
    return `\u001B]8;;${url.replace(CONTROL, "")}\u001B\\${text}\u001B]8;;\u001B\\`;
}

/** @type {Link} */
const unlinked = (_url, text) => text;

const COLOURED = Object.freeze({
    red: paint(31, 39),
    yellow: paint(33, 39),
    green: paint(32, 39),
    dim: paint(2, 22),
    bold: paint(1, 22),
    underline: paint(4, 24),
    reset: paint(0, 0),
    link: unlinked,
});

const LINKED = Object.freeze({ ...COLOURED, link: hyperlink });

/** @type {Paint} */
const plain = (text) => text;

const PLAIN = Object.freeze({ red: plain, yellow: plain, green: plain, dim: plain, bold: plain, underline: plain, reset: plain, link: unlinked });

/**
 * The styles to use: links only together with colour (a terminal that shows
 * neither would print the escape sequences).
 * @param {boolean} enabled
 * @param {boolean} [hyperlinks]
 * @returns {Style}
 */
export function createStyle(enabled, hyperlinks = false) {
    if (!enabled) {
        return PLAIN;
    }
    return hyperlinks ? LINKED : COLOURED;
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
 * Source text made safe for a terminal without moving anything: each control
 * character other than a tab becomes U+FFFD, one UTF-16 unit for one, so
 * columns counted in the original still point at the same characters.
 * @param {string} line one line of source, without its line break
 * @returns {string}
 */
export function blankControl(line) {
    return line.replace(CONTROL, (char) => (char === "\t" ? char : "\uFFFD"));
}

/**
 * Removes ANSI styles and OSC 8 hyperlinks, keeping the linked text (for
 * measuring and for tests).
 * @param {string} text
 * @returns {string}
 */
export function stripAnsi(text) {
    // eslint-disable-next-line no-control-regex -- matching the escape character is the point
    return text.replace(/\u001B\[[0-9;]*m|\u001B\]8;;[^\u001B]*\u001B\\/gu, "");
}
