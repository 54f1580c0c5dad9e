/**
 * @file Turns command-line paths into files: plain files as given, folders
 * searched recursively for `*.sql`, glob patterns expanded (their `*.sql`
 * matches). Also lists a migrations folder, the history every run sees.
 */

import { existsSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

// tinyglobby (with fdir and picomatch) costs a CLI start about 15 ms; it is
// loaded, as its CommonJS build, only for a glob pattern.
const require = createRequire(import.meta.url);

const GLOB_CHARACTERS = /[*?[\]{}]/u;

/**
 * Every `*.sql` file under a folder, recursively (hidden folders and
 * `node_modules` skipped), sorted. A missing folder has none.
 * @param {string} dir absolute folder
 * @returns {string[]} absolute paths
 */
export function listSqlFiles(dir) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
        return [];
    }
    /** @type {string[]} */
    const found = [];
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            if (!entry.name.startsWith(".") && entry.name !== "node_modules") {
                found.push(...listSqlFiles(full));
            }
        } else if (entry.name.endsWith(".sql") && (entry.isFile() || isFileLink(full))) {
            found.push(full);
        }
    }
    return found.sort();
}

/**
 * Expands the paths given on the command line.
 * @param {string[]} patterns files, folders or glob patterns
 * @param {string} cwd the folder they are relative to
 * @returns {{ files: string[], unmatched: string[] }} absolute files (deduplicated, in order) and the patterns that matched nothing
 */
export function expandPatterns(patterns, cwd) {
    /** @type {Set<string>} */
    const files = new Set();
    /** @type {string[]} */
    const unmatched = [];
    for (const pattern of patterns) {
        const full = path.resolve(cwd, pattern);
        /** @type {string[]} */
        let matches = [];
        if (existsSync(full)) {
            matches = statSync(full).isDirectory() ? listSqlFiles(full) : [full];
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
    return { files: [...files], unmatched };
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

/** Thrown when a command-line path or pattern matches no file. */
export class NoFilesFoundError extends Error {
    /**
     * @param {string[]} patterns the patterns that matched nothing
     */
    constructor(patterns) {
        const list = patterns.map((pattern) => `"${pattern}"`).join(", ");
        super(`No files matching ${patterns.length === 1 ? "the pattern" : "the patterns"} ${list} were found.`);
        this.name = "NoFilesFoundError";
        /** @type {string[]} */
        this.patterns = patterns;
    }
}
