/**
 * @file Where each statement of a migration starts and ends, for pointing
 * at the statement PostgreSQL failed on when its error carries no position.
 * A tolerant lexical split on `;` outside quotes ('…', E'…', "…",
 * $tag$…$tag$), comments (`--`, nested `/* *\/`) and `BEGIN ATOMIC … END`
 * bodies. Only error locations depend on it: migrations are always sent to
 * PostgreSQL whole, and a location found with it is used only when
 * PostgreSQL fails the same way on the statement alone.
 */

/**
 * One statement.
 * @typedef {object} StatementSpan
 * @property {number} start UTF-16 offset just after the previous statement's `;` (comments and blanks included)
 * @property {number} tokenStart UTF-16 offset of its first token
 * @property {number} end UTF-16 offset after its `;` (or the end of the text)
 */

const DOLLAR_TAG = /\$(?:[A-Za-z_\u0080-\uFFFF][\w\u0080-\uFFFF]*)?\$/uy;
const WORD = /[A-Za-z_\u0080-\uFFFF][\w$\u0080-\uFFFF]*/uy;

/**
 * Splits SQL text into statements. Blank or comment-only stretches are not
 * statements.
 * @param {string} text
 * @returns {StatementSpan[]}
 */
export function splitStatements(text) {
    /** @type {StatementSpan[]} */
    const spans = [];
    let start = 0;
    let tokenStart = -1;
    let previousWord = "";
    let atomicDepth = 0;
    let i = 0;
    const n = text.length;
    const markToken = (/** @type {number} */ at) => {
        if (tokenStart === -1) {
            tokenStart = at;
        }
    };
    while (i < n) {
        const c = text[i];
        if (c === "-" && text[i + 1] === "-") {
            // PostgreSQL ends a `--` comment at `\r` as well as at `\n`.
            while (i < n && text[i] !== "\n" && text[i] !== "\r") {
                i += 1;
            }
            continue;
        }
        if (c === "/" && text[i + 1] === "*") {
            i = skipBlockComment(text, i);
            continue;
        }
        if (/\s/u.test(c)) {
            i += 1;
            continue;
        }
        markToken(i);
        if (c === "'") {
            const escapes = i > 0 && /[eE]/u.test(text[i - 1]) && (i < 2 || !/[\w$]/u.test(text[i - 2]));
            i = skipQuoted(text, i, "'", escapes);
            previousWord = "";
            continue;
        }
        if (c === '"') {
            i = skipQuoted(text, i, '"', false);
            previousWord = "";
            continue;
        }
        if (c === "$" && (i === 0 || !/[\w$]/u.test(text[i - 1]))) {
            DOLLAR_TAG.lastIndex = i;
            const tag = DOLLAR_TAG.exec(text);
            if (tag !== null) {
                const close = text.indexOf(tag[0], i + tag[0].length);
                i = close === -1 ? n : close + tag[0].length;
                previousWord = "";
                continue;
            }
        }
        if (c === "\\" && isLineStart(text, i)) {
            // A psql meta-command runs to the end of its line.
            const eol = text.indexOf("\n", i);
            i = eol === -1 ? n : eol + 1;
            continue;
        }
        WORD.lastIndex = i;
        const word = WORD.exec(text);
        if (word !== null) {
            const lower = word[0].toLowerCase();
            if (atomicDepth > 0) {
                if (lower === "case" || (lower === "atomic" && previousWord === "begin")) {
                    atomicDepth += 1;
                } else if (lower === "end") {
                    atomicDepth -= 1;
                }
            } else if (lower === "atomic" && previousWord === "begin") {
                atomicDepth = 1;
            }
            previousWord = lower;
            i += word[0].length;
            continue;
        }
        previousWord = "";
        if (c === ";" && atomicDepth === 0) {
            spans.push({ start, tokenStart, end: i + 1 });
            start = i + 1;
            tokenStart = -1;
        }
        i += 1;
    }
    if (tokenStart !== -1) {
        spans.push({ start, tokenStart, end: n });
    }
    return spans.filter((span) => text.slice(span.tokenStart, span.end).trim() !== ";");
}

/**
 * @param {string} text
 * @param {number} i at `/*`
 * @returns {number} after the matching `*\/`
 */
function skipBlockComment(text, i) {
    let depth = 0;
    let j = i;
    while (j < text.length) {
        if (text[j] === "/" && text[j + 1] === "*") {
            depth += 1;
            j += 2;
        } else if (text[j] === "*" && text[j + 1] === "/") {
            depth -= 1;
            j += 2;
            if (depth === 0) {
                return j;
            }
        } else {
            j += 1;
        }
    }
    return text.length;
}

/**
 * @param {string} text
 * @param {number} i at the opening quote
 * @param {string} quote
 * @param {boolean} backslashEscapes an E'…' string
 * @returns {number} after the closing quote
 */
function skipQuoted(text, i, quote, backslashEscapes) {
    let j = i + 1;
    while (j < text.length) {
        const c = text[j];
        if (backslashEscapes && c === "\\") {
            j += 2;
        } else if (c === quote) {
            if (text[j + 1] === quote) {
                j += 2;
            } else {
                return j + 1;
            }
        } else {
            j += 1;
        }
    }
    return text.length;
}

/**
 * @param {string} text
 * @param {number} i
 * @returns {boolean}
 */
function isLineStart(text, i) {
    for (let j = i - 1; j >= 0; j -= 1) {
        if (text[j] === "\n") {
            return true;
        }
        if (text[j] !== " " && text[j] !== "\t") {
            return false;
        }
    }
    return true;
}
