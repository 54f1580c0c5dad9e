/**
 * @file Writes a file atomically: a temporary file in the same folder, with
 * the original's mode, renamed over it. A crash never leaves half a migration.
 * A symbolic link is written through: its target gets the new text and the
 * link stays a link, as an editor saving the file would leave it.
 */

import { accessSync, chmodSync, constants, realpathSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Replaces the content of an existing file (of a link's target), keeping its permissions.
 * @param {string} file absolute path of an existing file or a link to one
 * @param {string} text the new content
 * @returns {void}
 */
export function writeFileAtomic(file, text) {
    const target = realpathSync(file);
    const mode = statSync(target).mode & 0o7777;
    const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
    try {
        writeFileSync(temporary, text, { mode, flag: "wx" });
        chmodSync(temporary, mode);
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
