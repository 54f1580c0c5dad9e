/**
 * @file Checks for the configuration keys that only the JavaScript side reads.
 * Every other key is validated by the engine (`configErrors` in its response).
 */

/** @import { ConfigProblem } from "./config-error.js" */

/**
 * Whether a value is a plain object (not null, not an array).
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
export function isPlainObject(value) {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Problems with the keys the JavaScript side resolves itself
 * (`migrationsDir`, `storageBucketsFile`).
 * @param {unknown} config the configuration as written by the user
 * @returns {ConfigProblem[]}
 */
export function checkJsKeys(config) {
    if (!isPlainObject(config)) {
        return [{ key: "", message: `the configuration must be an object, not ${describe(config)}.` }];
    }
    /** @type {ConfigProblem[]} */
    const problems = [];
    for (const key of ["migrationsDir", "storageBucketsFile"]) {
        if (key in config && typeof config[key] !== "string") {
            problems.push({ key, message: `must be a string (a path relative to the project root), not ${describe(config[key])}.` });
        }
    }
    return problems;
}

/**
 * @param {unknown} value
 * @returns {string}
 */
function describe(value) {
    if (value === null) {
        return "null";
    }
    if (Array.isArray(value)) {
        return "an array";
    }
    return typeof value === "object" ? "an object" : `${typeof value} ${JSON.stringify(value)}`;
}
