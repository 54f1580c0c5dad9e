/**
 * @file Writes a file atomically: a temporary file in the same folder, with
 * the original's mode, renamed over it. A crash never leaves half a migration.
 */

import { chmodSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Replaces the content of an existing file, keeping its permissions.
 * @param {string} file absolute path of an existing file
 * @param {string} text the new content
 * @returns {void}
 */
export function writeFileAtomic(file, text) {
    const mode = statSync(file).mode & 0o7777;
    const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
    try {
        writeFileSync(temporary, text, { mode, flag: "wx" });
        chmodSync(temporary, mode);
        renameSync(temporary, file);
    } catch (error) {
        rmSync(temporary, { force: true });
        throw error;
    }
}
