/**
 * @file Turns where PostgreSQL says an error is into a file position: its
 * `position` (1-based, counted in characters of the query text) becomes a
 * UTF-16 offset, a line and a column (1-based, UTF-16 code units, as
 * ESLint counts them).
 */

/**
 * A place in a file.
 * @typedef {object} FileLocation
 * @property {number} line
 * @property {number} column
 * @property {number} endLine
 * @property {number} endColumn
 * @property {number} offset UTF-16 offset of the start
 */

/**
 * The UTF-16 offset of a 1-based character position (characters being code
 * points, as PostgreSQL counts them in a UTF-8 database).
 * @param {string} text
 * @param {number} position
 * @returns {number}
 */
export function positionToOffset(text, position) {
    let offset = 0;
    for (let counted = 1; counted < position && offset < text.length; counted += 1) {
        const code = text.charCodeAt(offset);
        offset += code >= 0xd800 && code <= 0xdbff && offset + 1 < text.length ? 2 : 1;
    }
    return offset;
}

/**
 * The 1-based line and UTF-16 column of an offset.
 * @param {string} text
 * @param {number} offset
 * @returns {{ line: number, column: number }}
 */
export function lineAndColumn(text, offset) {
    let line = 1;
    let lineStart = 0;
    const end = Math.min(offset, text.length);
    for (let i = 0; i < end; i += 1) {
        if (text.charCodeAt(i) === 10) {
            line += 1;
            lineStart = i + 1;
        }
    }
    return { line, column: end - lineStart + 1 };
}

/**
 * A location spanning from `start` to `end` (UTF-16 offsets).
 * @param {string} text
 * @param {number} start
 * @param {number} end
 * @returns {FileLocation}
 */
export function spanLocation(text, start, end) {
    const from = lineAndColumn(text, start);
    const to = lineAndColumn(text, Math.max(end, start));
    return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column, offset: start };
}

/**
 * A location covering the token that starts at `offset` (a word, a quoted
 * name or string, or one character), as PostgreSQL's cursor points at one.
 * @param {string} text
 * @param {number} offset
 * @returns {FileLocation}
 */
export function tokenLocation(text, offset) {
    const token = /"(?:[^"]|"")*"|'(?:[^']|'')*'|[\w$]+(?:\.[\w$]+)*/uy;
    token.lastIndex = offset;
    const match = token.exec(text);
    const length = match === null ? Math.min(1, text.length - offset) : match[0].length;
    return spanLocation(text, offset, offset + length);
}

/**
 * The location of the first non-blank character of a 1-based line, to the
 * end of that line.
 * @param {string} text
 * @param {number} line
 * @returns {FileLocation | null} null when the text has fewer lines
 */
export function lineLocation(text, line) {
    let start = 0;
    for (let current = 1; current < line; current += 1) {
        const eol = text.indexOf("\n", start);
        if (eol === -1) {
            return null;
        }
        start = eol + 1;
    }
    let end = text.indexOf("\n", start);
    if (end === -1) {
        end = text.length;
    }
    const content = text.slice(start, end);
    const indent = content.length - content.trimStart().length;
    return spanLocation(text, start + indent, start + content.trimEnd().length);
}
