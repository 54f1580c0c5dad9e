/**
 * @file Turns command-line paths into files: plain files as given, folders
 * searched recursively for `*.sql`, glob patterns expanded (their `*.sql`
 * matches). Also lists a migrations folder, the history every run sees. A
 * folder that cannot be read is named (one error result for it) and the rest
 * is still listed.
 */

import { existsSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { unreadableFolderResult } from "../results.js";

// tinyglobby (with fdir and picomatch) costs a CLI start about 15 ms; it is
// loaded, as its CommonJS build, only for a glob pattern.
const require = createRequire(import.meta.url);

const GLOB_CHARACTERS = /[*?[\]{}]/u;

/**
 * A folder that could not be read, and why.
 * @typedef {object} UnreadableFolder
 * @property {string} path absolute
 * @property {string} reason as a clause ("permission denied")
 */

/**
 * Every `*.sql` file under a folder, recursively (hidden folders and
 * `node_modules` skipped), sorted. A missing folder has none.
 * @param {string} dir absolute folder
 * @returns {string[]} absolute paths
 */
export function listSqlFiles(dir) {
    return collectSqlFiles(dir).files;
}

/**
 * `listSqlFiles`, with the folders it could not read: a folder that cannot be
 * read (no permission, a `/proc` entry) is named and the rest is still listed.
 * @param {string} dir absolute folder
 * @returns {{ files: string[], unreadable: UnreadableFolder[] }}
 */
export function collectSqlFiles(dir) {
    /** @type {string[]} */
    const files = [];
    /** @type {UnreadableFolder[]} */
    const unreadable = [];
    let isFolder = false;
    try {
        isFolder = statSync(dir).isDirectory();
    } catch (error) {
        if (/** @type {NodeJS.ErrnoException} */ (error).code !== "ENOENT") {
            unreadable.push({ path: dir, reason: reasonOf(error) });
        }
    }
    if (isFolder) {
        walk(dir, files, unreadable);
    }
    return { files: files.sort(), unreadable };
}

/**
 * @param {string} dir
 * @param {string[]} files
 * @param {UnreadableFolder[]} unreadable
 * @returns {void}
 */
function walk(dir, files, unreadable) {
    let entries;
    try {
        entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
        // Gone since its parent was listed (a process in /proc that ended): nothing to lint there.
        if (/** @type {NodeJS.ErrnoException} */ (error).code !== "ENOENT") {
            unreadable.push({ path: dir, reason: reasonOf(error) });
        }
        return;
    }
    for (const entry of entries) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            if (!entry.name.startsWith(".") && entry.name !== "node_modules") {
                walk(full, files, unreadable);
            }
        } else if (entry.name.endsWith(".sql") && (entry.isFile() || isFileLink(full))) {
            files.push(full);
        }
    }
}

/**
 * A file-system error as a clause.
 * @param {unknown} error
 * @returns {string}
 */
function reasonOf(error) {
    const code = /** @type {NodeJS.ErrnoException} */ (error)?.code;
    if (code === "EACCES" || code === "EPERM") {
        return "permission denied";
    }
    return error instanceof Error ? error.message : String(error);
}

/**
 * Expands the paths given on the command line.
 * @param {string[]} patterns files, folders or glob patterns
 * @param {string} cwd the folder they are relative to
 * @returns {{ files: string[], unmatched: string[], unreadable: UnreadableFolder[] }} absolute files
 *   (deduplicated, in order), the patterns that matched nothing, and the folders that could not be read
 */
export function expandPatterns(patterns, cwd) {
    /** @type {Set<string>} */
    const files = new Set();
    /** @type {string[]} */
    const unmatched = [];
    /** @type {UnreadableFolder[]} */
    const unreadable = [];
    for (const pattern of patterns) {
        const full = path.resolve(cwd, pattern);
        /** @type {string[]} */
        let matches = [];
        if (existsSync(full)) {
            if (statSync(full).isDirectory()) {
                const collected = collectSqlFiles(full);
                matches = collected.files;
                unreadable.push(...collected.unreadable);
                if (collected.unreadable.length > 0 && matches.length === 0) {
                    // Matched, though nothing in it could be read: the folder's diagnostic says so.
                    continue;
                }
            } else {
                matches = [full];
            }
        } else if (GLOB_CHARACTERS.test(pattern)) {
            /** @type {typeof import("tinyglobby")} */
            const { globSync } = require("tinyglobby");
            matches = globSync(pattern, { cwd, absolute: true, onlyFiles: true, expandDirectories: false, ignore: ["**/node_modules/**"] })
                .filter((file) => file.endsWith(".sql"))
                .map((file) => path.resolve(file))
                .sort();
        }
        if (matches.length === 0) {
            unmatched.push(pattern);
        }
        for (const match of matches) {
            files.add(match);
        }
    }
    return { files: [...files], unmatched, unreadable };
}

/**
 * The report with one result for each folder that could not be read.
 * @param {import("../api.js").LintReport} report
 * @param {UnreadableFolder[]} unreadable
 * @param {string} root the project root, which messages name paths from
 * @returns {import("../api.js").LintReport}
 */
export function withUnreadableFolders(report, unreadable, root) {
    if (unreadable.length === 0) {
        return report;
    }
    const folders = unreadable.map(({ path: folder, reason }) => {
        const relative = path.relative(root, folder).split(path.sep).join("/");
        const shown = relative.startsWith("..") || path.isAbsolute(relative) ? folder : relative || ".";
        return unreadableFolderResult(folder, shown, reason);
    });
    return { ...report, results: [...report.results, ...folders] };
}

/**
 * @param {string} file
 * @returns {boolean}
 */
function isFileLink(file) {
    try {
        return statSync(file).isFile();
    } catch {
        return false;
    }
}
