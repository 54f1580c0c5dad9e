/**
 * @file Reads a migration file for the engine. The engine takes text, so a
 * file that is not UTF-8 text (binary, another encoding, unreadable), not a
 * regular file (a FIFO, a device) or larger than the engine analyses becomes a
 * `problem` instead, reported as one diagnostic while the other files are
 * still linted.
 */

/** @import { Source } from "../api.js" */

import { isUtf8 } from "node:buffer";
import { isSupalintError } from "../errors.js";
import { readRegularFile } from "./regular-file.js";
import { firstInvalidUtf8Offset } from "./utf8.js";

/**
 * The most the engine analyses of one file, in bytes of text (its `lint::MAX_FILE_BYTES`; a
 * test checks they agree). A larger file is not read: the engine would not lint it anyway.
 */
export const MAX_SOURCE_BYTES = 16 * 1024 * 1024;

/** A byte-order mark is not text the engine counts. */
const BOM_BYTES = 3;

const decoder = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });

/**
 * Reads one file.
 * @param {string} file absolute path
 * @param {string} relativePath the path the engine sees (relative to the project root, `/` separators)
 * @returns {Source}
 */
export function readSource(file, relativePath) {
    let bytes;
    try {
        bytes = readRegularFile(file, MAX_SOURCE_BYTES + BOM_BYTES);
    } catch (error) {
        if (isSupalintError(error, "files") && error.fileKind === "tooLarge") {
            // The engine's `parse-error` `tooLarge` message and help, word for word.
            return problem(relativePath, "tooLarge", {
                message: `File \`${relativePath}\` is ${error.size} bytes, over the ${MAX_SOURCE_BYTES} supalint analyses, so it is not linted.`,
                help: "Split it into smaller migrations.",
            });
        }
        if (isSupalintError(error, "files") && error.fileKind === "notRegular") {
            return problem(relativePath, "notRegular", {
                message: `File \`${relativePath}\` is not linted: ${error.message}.`,
                help: "Move it out of the migrations folder, or replace it with a regular file.",
            });
        }
        const reason = error instanceof Error ? error.message : String(error);
        return problem(relativePath, "unreadable", {
            message: `File \`${relativePath}\` cannot be read: ${reason}.`,
            help: "Make it readable, or move it out of the migrations folder.",
        });
    }
    return sourceFromBytes(bytes, relativePath);
}

/**
 * Turns bytes into a source. UTF-8 text goes to the engine as it is (BOM
 * kept, so offsets match the file; the engine itself reports text with NUL
 * bytes as binary). Bytes that are not UTF-8 cannot become engine text: they
 * get a problem, worded as the engine words binary data when they contain NUL
 * bytes, and placed at the first invalid byte otherwise.
 * @param {Uint8Array} bytes
 * @param {string} relativePath
 * @returns {Source}
 */
export function sourceFromBytes(bytes, relativePath) {
    // Node's native check first: the byte-by-byte scan, which finds the position, only runs
    // for a file that is not UTF-8 (it cost 50 ms on 20 MB of migrations).
    const invalid = isUtf8(bytes) ? -1 : firstInvalidUtf8Offset(bytes);
    if (invalid === -1) {
        return { path: relativePath, text: decoder.decode(bytes) };
    }
    if (bytes.includes(0)) {
        return problem(relativePath, "binary", {
            message: `File \`${relativePath}\` contains binary data (NUL bytes), not SQL text.`,
            help: "Remove it from the migrations folder.",
        });
    }
    const { line, column } = position(bytes, invalid);
    const byte = bytes[invalid].toString(16).toUpperCase().padStart(2, "0");
    return problem(
        relativePath,
        "notUtf8",
        { message: `File \`${relativePath}\` is not UTF-8 text: byte 0x${byte} cannot start or continue a character here.`, help: "Save it as UTF-8." },
        line,
        column,
    );
}

/**
 * 1-based line and UTF-16 column of a byte offset whose line prefix is valid UTF-8.
 * @param {Uint8Array} bytes
 * @param {number} offset
 * @returns {{ line: number, column: number }}
 */
function position(bytes, offset) {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < offset; i += 1) {
        if (bytes[i] === 0x0a) {
            line += 1;
            lineStart = i + 1;
        }
    }
    return { line, column: decoder.decode(bytes.subarray(lineStart, offset)).length + 1 };
}

/**
 * @param {string} path
 * @param {string} messageId
 * @param {{ message: string, help: string }} words what is wrong, and how to fix it
 * @param {number} [line]
 * @param {number} [column]
 * @returns {Source}
 */
function problem(path, messageId, { message, help }, line = 1, column = 1) {
    return { path, problem: { messageId, message, help, line, column } };
}
