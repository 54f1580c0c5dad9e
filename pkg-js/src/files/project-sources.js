/**
 * @file What a lint of a project reads: every migration of the migrations
 * folder (the history the rules see) and the files the command line names
 * (the ones reported), each read as a source under its engine path. The
 * API's `lintFiles` and the CLI's `--since`/`--cache` run share it.
 */

/** @import { Source } from "../api.js" */
/** @import { UnreadableFolder } from "./collect.js" */

import path from "node:path";
import { SupalintError } from "../errors.js";
import { collectSqlFiles, expandPatterns } from "./collect.js";
import { readSource } from "./read-source.js";

/**
 * The path the engine knows a file by: relative to the project root, with `/` separators.
 * @param {string} root absolute project root
 * @param {string} file absolute
 * @returns {string}
 */
export function enginePath(root, file) {
    return path.relative(root, file).split(path.sep).join("/");
}

/**
 * The migrations (the history) and the files to report: those the patterns
 * name, or every migration when there are none.
 * @param {string[]} patterns files, folders, glob patterns, relative to `cwd`
 * @param {string} cwd
 * @param {string} migrationsPath absolute migrations folder
 * @returns {{ history: string[], targets: string[], unreadable: UnreadableFolder[] }} absolute paths, and the folders
 *   that could not be read on the way to the targets
 * @throws {SupalintError} (`files`, with `patterns`) when a pattern matches no file
 */
export function lintTargets(patterns, cwd, migrationsPath) {
    const collected = collectSqlFiles(migrationsPath);
    if (patterns.length === 0) {
        return { history: collected.files, targets: collected.files, unreadable: collected.unreadable };
    }
    const { files, unmatched, unreadable } = expandPatterns(patterns, cwd);
    if (unmatched.length > 0) {
        const list = unmatched.map((pattern) => `"${pattern}"`).join(", ");
        throw new SupalintError("files", `No files matching ${unmatched.length === 1 ? "the pattern" : "the patterns"} ${list} were found.`, {
            patterns: unmatched,
        });
    }
    return { history: collected.files, targets: files, unreadable };
}

/**
 * Reads files as sources, in order, telling `onProgress` after each.
 * @param {string[]} files absolute
 * @param {string} root absolute project root
 * @param {(progress: { phase: "read" | "lint", done: number, total: number }) => void} [onProgress]
 * @returns {Source[]}
 */
export function readSources(files, root, onProgress) {
    /** @type {Source[]} */
    const sources = [];
    for (const file of files) {
        sources.push(readSource(file, enginePath(root, file)));
        onProgress?.({ phase: "read", done: sources.length, total: files.length });
    }
    return sources;
}
