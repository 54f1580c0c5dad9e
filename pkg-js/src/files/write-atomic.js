/**
 * @file Writes a file atomically: a temporary file in the same folder, with
 * the original's mode, renamed over it. A crash never leaves half a migration.
 * A symbolic link is written through: its target gets the new text and the
 * link stays a link, as an editor saving the file would leave it. Given the
 * text the new one was made from, it writes nothing when the file no longer
 * holds it (another process changed it meanwhile): the check runs after the
 * temporary file is written, right before the rename.
 */

import { accessSync, chmodSync, constants, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

/** The file no longer holds the text a fix was made from. */
export class ChangedOnDiskError extends Error {
    /**
     * @param {string} file
     */
    constructor(file) {
        super(`${file} changed on disk after it was read`);
        this.name = "ChangedOnDiskError";
        /** @type {string} */
        this.file = file;
    }
}

/**
 * Replaces the content of an existing file (of a link's target), keeping its permissions.
 * @param {string} file absolute path of an existing file or a link to one
 * @param {string} text the new content
 * @param {string} [expected] the text the file must still hold (UTF-8), or nothing is written
 * @returns {void}
 * @throws {ChangedOnDiskError} when the file no longer holds `expected`
 */
export function writeFileAtomic(file, text, expected) {
    const target = realpathSync(file);
    const mode = statSync(target).mode & 0o7777;
    const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
    try {
        writeFileSync(temporary, text, { mode, flag: "wx" });
        chmodSync(temporary, mode);
        if (expected !== undefined && !readFileSync(target).equals(Buffer.from(expected, "utf8"))) {
            throw new ChangedOnDiskError(file);
        }
        renameSync(temporary, target);
    } catch (error) {
        rmSync(temporary, { force: true });
        throw error;
    }
}

/**
 * Whether a file (a link's target) is read-only: no write permission bit is
 * set, or this process may not write it. The first test also holds for root,
 * who may write anything: a file made read-only was meant to stay as it is.
 * @param {string} file
 * @returns {boolean}
 */
export function isReadOnly(file) {
    const target = realpathSync(file);
    if ((statSync(target).mode & 0o222) === 0) {
        return true;
    }
    try {
        accessSync(target, constants.W_OK);
        return false;
    } catch {
        return true;
    }
}
