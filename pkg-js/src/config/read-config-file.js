/**
 * @file Reads one configuration file: JSON, a JavaScript module, or the
 * `"supalint"` key of a `package.json`.
 */

import path from "node:path";
import { CONFIG_FILE_LIMIT, checkRegularFile, readRegularFile } from "../files/regular-file.js";
import { importDefaultSync } from "./import-sync.js";
import { configError } from "../errors.js";

/**
 * The configuration object a file holds, as the user wrote it.
 * @param {string} file absolute path
 * @returns {unknown}
 * @throws {SupalintError} when the file cannot be read or parsed, or is not a regular file
 *   (a FIFO or a device would block or never end)
 */
export function readConfigFile(file) {
    const extension = path.extname(file);
    if (extension === ".js" || extension === ".mjs" || extension === ".cjs") {
        try {
            checkRegularFile(file, CONFIG_FILE_LIMIT);
        } catch (error) {
            throw fileError(file, `cannot load it: ${reason(error)}.`);
        }
        try {
            return importDefaultSync(file);
        } catch (error) {
            throw fileError(file, `cannot load it: ${reason(error)}`);
        }
    }
    let text;
    try {
        text = readRegularFile(file, CONFIG_FILE_LIMIT).toString("utf8");
    } catch (error) {
        throw fileError(file, `cannot read it: ${reason(error)}.`);
    }
    let json;
    try {
        json = JSON.parse(text.replace(/^\uFEFF/u, ""));
    } catch (error) {
        throw fileError(file, `it is not valid JSON: ${reason(error)}`);
    }
    if (path.basename(file) === "package.json") {
        return json?.supalint;
    }
    return json;
}

/**
 * @param {string} file
 * @param {string} message
 * @returns {SupalintError}
 */
function fileError(file, message) {
    return configError([{ key: "", message }], file);
}

/**
 * @param {unknown} error
 * @returns {string}
 */
function reason(error) {
    return error instanceof Error ? error.message : String(error);
}
