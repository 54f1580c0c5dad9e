/**
 * @file Finds the configuration file: from a folder upwards, the first of
 * `supalint.config.json`, `supalint.config.js`, `supalint.config.mjs`, or a
 * `package.json` with a `"supalint"` key. The search stops at the project
 * root, the first folder with a `package.json` or a `.git`: a configuration
 * above the project (a `supalint.config.js` in a parent folder, which would
 * run) is never used, as ESLint's flat configuration lookup stays in the
 * project.
 */

import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { CONFIG_FILE_LIMIT, readRegularFile } from "../files/regular-file.js";

/** File names tried in each folder, in order, before `package.json`. */
export const CONFIG_FILE_NAMES = Object.freeze(["supalint.config.json", "supalint.config.js", "supalint.config.mjs"]);

/** What marks a project's root folder. */
const PROJECT_ROOT_MARKERS = Object.freeze(["package.json", ".git"]);

/**
 * The nearest configuration file at or above `startDir` and no higher than
 * the project root, or `null`.
 * @param {string} startDir absolute folder to start from
 * @returns {string | null} absolute path of the file
 */
export function findConfigFile(startDir) {
    let dir = path.resolve(startDir);
    for (;;) {
        for (const name of CONFIG_FILE_NAMES) {
            const candidate = path.join(dir, name);
            // Anything but a folder: a FIFO or a device by that name is refused when it is read,
            // with a message, rather than passed over.
            if (isEntry(candidate)) {
                return candidate;
            }
        }
        const packageJson = path.join(dir, "package.json");
        if (isFile(packageJson) && hasSupalintKey(packageJson)) {
            return packageJson;
        }
        if (PROJECT_ROOT_MARKERS.some((marker) => existsSync(path.join(dir, marker)))) {
            return null;
        }
        const parent = path.dirname(dir);
        if (parent === dir) {
            return null;
        }
        dir = parent;
    }
}

/**
 * @param {string} file
 * @returns {boolean}
 */
function isFile(file) {
    return existsSync(file) && statSync(file).isFile();
}

/**
 * @param {string} file
 * @returns {boolean}
 */
function isEntry(file) {
    return existsSync(file) && !statSync(file).isDirectory();
}

/**
 * Whether a `package.json` has a `"supalint"` key. An unreadable
 * `package.json` is not ours to complain about: it counts as not having one.
 * @param {string} file
 * @returns {boolean}
 */
function hasSupalintKey(file) {
    try {
        const json = JSON.parse(readRegularFile(file, CONFIG_FILE_LIMIT).toString("utf8"));
        return typeof json === "object" && json !== null && "supalint" in json;
    } catch {
        return false;
    }
}
