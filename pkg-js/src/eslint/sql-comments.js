/**
 * @file Finds the comments of a SQL file, for ESLint's directive comments,
 * and its quoted tokens, where the language server must not put a directive.
 * The engine does not hand its tokens to JavaScript, so this scanner skips
 * exactly what the engine's lexer (`src/source/lexer.rs`) skips: strings
 * (`'…'`, `E'…'` with backslash escapes, `B'…'`, `X'…'`, `N'…'`, `U&'…'`),
 * quoted identifiers, `$tag$…$tag$` bodies, words (so `a$b$` is no dollar
 * quote), numbers, operators (which end before `--` and `/*`) and psql
 * meta-commands; a `--` comment ends at any line break (`\n`, `\r`), as in
 * PostgreSQL. It is no second parser: it only tells comments from everything
 * else, and a lexical error is the engine's to report.
 */

/**
 * A comment as the scanner finds it: `range` in UTF-16 offsets, ends exclusive.
 * @typedef {object} CommentSpan
 * @property {"LineComment" | "BlockComment"} type
 * @property {[number, number]} range
 */

const SPACE = new Set([" ", "\t", "\n", "\r", "\f"]);
const OPERATOR = new Set([..."+-*/<>=~!@#%^&|`?"]);

/**
 * @param {string} char
 * @returns {boolean}
 */
function isWordStart(char) {
    return /[A-Za-z_]/u.test(char) || char.charCodeAt(0) >= 0x80;
}

/**
 * @param {string} char
 * @returns {boolean}
 */
function isWordContinue(char) {
    return /[A-Za-z0-9_$]/u.test(char) || char.charCodeAt(0) >= 0x80;
}

/**
 * @param {string} char
 * @returns {boolean}
 */
function isTagChar(char) {
    return /[A-Za-z0-9_]/u.test(char) || char.charCodeAt(0) >= 0x80;
}

/**
 * @param {string} char
 * @returns {boolean}
 */
function isDigit(char) {
    return char >= "0" && char <= "9";
}

/**
 * The comments of a SQL text, in order.
 * @param {string} text
 * @returns {CommentSpan[]}
 */
export function findComments(text) {
    return scanSql(text).comments;
}

/**
 * The comments and the quoted tokens (strings, quoted identifiers,
 * `$tag$…$tag$` bodies) of a SQL text, each in order: a line break inside a
 * quoted token or a block comment is no place for a `--` comment.
 * @param {string} text
 * @returns {{ comments: CommentSpan[], quoted: [number, number][] }}
 */
export function scanSql(text) {
    /** @type {CommentSpan[]} */
    const comments = [];
    /** @type {[number, number][]} */
    const quoted = [];
    const length = text.length;
    let pos = 0;

    /**
     * The end of a quoted token whose opening quote is at `start`.
     * @param {number} start
     * @param {string} quote
     * @param {boolean} backslashEscapes
     * @returns {number}
     */
    const quotedEnd = (start, quote, backslashEscapes) => {
        let at = start + 1;
        while (at < length) {
            const char = text[at];
            if (backslashEscapes && char === "\\") {
                at += 2;
            } else if (char === quote) {
                if (text[at + 1] !== quote) {
                    return at + 1;
                }
                at += 2;
            } else {
                at += 1;
            }
        }
        return length;
    };

    while (pos < length) {
        const start = pos;
        const char = text[pos];
        const next = text[pos + 1] ?? "";

        if (SPACE.has(char)) {
            while (pos < length && SPACE.has(text[pos])) {
                pos += 1;
            }
        } else if (char === "-" && next === "-") {
            pos = lineCommentEnd(text, pos);
            comments.push({ type: "LineComment", range: [start, pos] });
        } else if (char === "/" && next === "*") {
            pos = blockCommentEnd(text, pos);
            comments.push({ type: "BlockComment", range: [start, pos] });
        } else if (char === "\\" && (next === ";" || next === ":")) {
            pos += 1;
        } else if (char === "\\") {
            pos = metaCommandEnd(text, pos);
        } else if (char === "'" || char === '"') {
            pos = quotedEnd(pos, char, false);
            quoted.push([start, pos]);
        } else if ((char === "e" || char === "E") && next === "'") {
            pos = quotedEnd(pos + 1, "'", true);
            quoted.push([start, pos]);
        } else if ("bBxXnN".includes(char) && next === "'") {
            pos = quotedEnd(pos + 1, "'", false);
            quoted.push([start, pos]);
        } else if ((char === "u" || char === "U") && next === "&" && (text[pos + 2] === "'" || text[pos + 2] === '"')) {
            pos = quotedEnd(pos + 2, text[pos + 2], false);
            quoted.push([start, pos]);
        } else if (char === "$") {
            pos = dollarEnd(text, pos);
            if (pos - start > 1 && !isDigit(next)) {
                quoted.push([start, pos]);
            }
        } else if (isDigit(char) || (char === "." && isDigit(next))) {
            pos = numberEnd(text, pos);
        } else if (char === ":" && next !== ":" && isWordStart(next)) {
            pos += 1;
            while (pos < length && isWordContinue(text[pos])) {
                pos += 1;
            }
        } else if (char === ":" && next === ":") {
            pos += 2;
        } else if (OPERATOR.has(char)) {
            pos += 1;
            while (pos < length && OPERATOR.has(text[pos])) {
                const startsComment = (text[pos] === "-" && text[pos + 1] === "-") || (text[pos] === "/" && text[pos + 1] === "*");
                if (startsComment) {
                    break;
                }
                pos += 1;
            }
        } else if (isWordStart(char)) {
            pos += 1;
            while (pos < length && isWordContinue(text[pos])) {
                pos += 1;
            }
        } else {
            pos += 1;
        }
    }
    return { comments, quoted };
}

/** psql's commands that take the rest of their line whole (`OT_WHOLE_LINE`). */
const WHOLE_LINE_COMMANDS = new Set(["!", "copy", "ef", "ev", "h", "help", "sf", "sf+", "sv", "sv+"]);

/**
 * The end of a psql meta-command whose backslash is at `start`: the next
 * `\n` (psql reads a line at a time, so a lone `\r` does not end it), or,
 * outside quoted arguments, the next backslash; a `\\` there is included
 * and SQL follows it. Commands that read their line whole run to the `\n`.
 * @param {string} text
 * @param {number} start
 * @returns {number}
 */
function metaCommandEnd(text, start) {
    let pos = start + 1;
    while (pos < text.length && !/[ \t\n\r\f\\]/u.test(text[pos])) {
        pos += 1;
    }
    const readsWholeLine = WHOLE_LINE_COMMANDS.has(text.slice(start + 1, pos));
    while (pos < text.length) {
        const char = text[pos];
        if (char === "\n") {
            return pos;
        }
        if (char === "\\" && !readsWholeLine) {
            return text[pos + 1] === "\\" ? pos + 2 : pos;
        }
        if ((char === "'" || char === '"' || char === "`") && !readsWholeLine) {
            pos += 1;
            while (pos < text.length && text[pos] !== "\n") {
                const inner = text[pos];
                if (char === "'" && inner === "\\" && text[pos + 1] !== "\n") {
                    pos = Math.min(pos + 2, text.length);
                    continue;
                }
                pos += 1;
                if (inner === char) {
                    break;
                }
            }
        } else {
            pos += 1;
        }
    }
    return pos;
}

/**
 * The end of a `--` comment: the next `\n` or `\r`, as in PostgreSQL's lexer
 * and the engine's.
 * @param {string} text
 * @param {number} start
 * @returns {number}
 */
function lineCommentEnd(text, start) {
    let pos = start;
    while (pos < text.length && text[pos] !== "\n" && text[pos] !== "\r") {
        pos += 1;
    }
    return pos;
}

/**
 * The end of a (nestable) block comment opened at `start`; the end of the
 * text when it is never closed.
 * @param {string} text
 * @param {number} start
 * @returns {number}
 */
function blockCommentEnd(text, start) {
    let pos = start + 2;
    let depth = 1;
    while (pos < text.length) {
        if (text[pos] === "*" && text[pos + 1] === "/") {
            pos += 2;
            depth -= 1;
            if (depth === 0) {
                return pos;
            }
        } else if (text[pos] === "/" && text[pos + 1] === "*") {
            pos += 2;
            depth += 1;
        } else {
            pos += 1;
        }
    }
    return text.length;
}

/**
 * The end of what starts with `$` at `start`: a `$1` parameter, a
 * `$tag$…$tag$` body (to the end of the text when never closed), or the `$`
 * alone.
 * @param {string} text
 * @param {number} start
 * @returns {number}
 */
function dollarEnd(text, start) {
    let pos = start + 1;
    if (isDigit(text[pos] ?? "")) {
        while (pos < text.length && isDigit(text[pos])) {
            pos += 1;
        }
        return pos;
    }
    while (pos < text.length && isTagChar(text[pos])) {
        pos += 1;
    }
    if (text[pos] !== "$") {
        return start + 1;
    }
    const tag = text.slice(start, pos + 1);
    const close = text.indexOf(tag, pos + 1);
    return close === -1 ? text.length : close + tag.length;
}

/**
 * The end of a number starting at `start` (`1.5`, `1e-3`, `0x1F`, `1_000`);
 * a second dot ends it.
 * @param {string} text
 * @param {number} start
 * @returns {number}
 */
function numberEnd(text, start) {
    let pos = start;
    while (pos < text.length && /[A-Za-z0-9_.]/u.test(text[pos])) {
        if (text[pos] === "." && text[pos + 1] === ".") {
            break;
        }
        const isExponentSign = /[eE]/u.test(text[pos]) && /[+-]/u.test(text[pos + 1] ?? "") && isDigit(text[pos + 2] ?? "");
        pos += isExponentSign ? 2 : 1;
    }
    return pos;
}
