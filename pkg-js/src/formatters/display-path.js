/**
 * @file How the formatters that name files by a relative path (github,
 * codeframe) show one.
 */

import path from "node:path";

/**
 * The path relative to the working directory, `/` separators (`../` for one
 * outside it, as GitHub resolves paths against the workspace).
 * @param {string} filePath
 * @param {string} cwd
 * @returns {string}
 */
export function displayPath(filePath, cwd) {
    if (!path.isAbsolute(filePath)) {
        return filePath;
    }
    return path.relative(cwd, filePath).split(path.sep).join("/");
}
