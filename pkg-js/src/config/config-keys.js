/**
 * @file Checks for the configuration keys that the JavaScript side resolves
 * itself (the paths of the engine's `configSchema`), and that a
 * configuration is plain JSON data the engine can take: no cycle, no nesting
 * deeper than any setting needs, no functions. Every other key is validated
 * by the engine (`configErrors` in its response).
 */

/** @import { ConfigKey } from "../api.js" */
/** @import { ConfigProblem } from "../errors.js" */

/**
 * Whether a value is a plain object (not null, not an array).
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
function isPlainObject(value) {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * How deep a configuration may nest. The deepest setting is a rule's options,
 * `rules.<id>[1].<option>` (4 levels); past this, the value is a mistake, and
 * one of 100,000 levels overflowed the stack of the engine that read it.
 */
const MAX_CONFIG_DEPTH = 16;

/**
 * Problems with the keys the JavaScript side resolves itself (the paths:
 * `migrationsDir`, `storageBucketsFile`), and with values that are not JSON
 * data (`checkConfigData`).
 * @param {unknown} config the configuration as written by the user
 * @param {ConfigKey[]} schema the engine's `configSchema()`
 * @returns {ConfigProblem[]}
 */
export function checkJsKeys(config, schema) {
    if (!isPlainObject(config)) {
        return [{ key: "", message: `the configuration must be an object, not ${describe(config)}.` }];
    }
    /** @type {ConfigProblem[]} */
    const problems = checkConfigData(config);
    if (problems.length > 0) {
        return problems;
    }
    for (const { key } of schema.filter((entry) => entry.type === "path")) {
        if (key in config && typeof config[key] !== "string") {
            problems.push({ key, message: `must be a string (a path relative to the project root), not ${describe(config[key])}.` });
        }
    }
    return problems;
}

/**
 * Problems that make a configuration something other than JSON data, one per
 * top-level key at most: a cycle, nesting deeper than `MAX_CONFIG_DEPTH`, or
 * a value JSON has no form for (a function, a symbol, a bigint, `undefined`,
 * a number that is not finite, an object that is not plain). Each names the
 * key where it occurs.
 * @param {Record<string, unknown>} config
 * @returns {ConfigProblem[]}
 */
export function checkConfigData(config) {
    /** @type {ConfigProblem[]} */
    const problems = [];
    for (const [key, value] of Object.entries(config)) {
        const problem = dataProblem(value, key, [config], 1);
        if (problem !== null) {
            problems.push(problem);
        }
    }
    return problems;
}

/**
 * The first problem in `value`, at `key` (a dotted path), or null.
 * @param {unknown} value
 * @param {string} key
 * @param {object[]} ancestors the objects and arrays that hold it, outermost first
 * @param {number} depth
 * @returns {ConfigProblem | null}
 */
function dataProblem(value, key, ancestors, depth) {
    if (value === null || typeof value === "string" || typeof value === "boolean") {
        return null;
    }
    if (typeof value === "number") {
        return Number.isFinite(value) ? null : { key, message: `is ${value}, which JSON cannot hold; use a finite number.` };
    }
    if (typeof value !== "object") {
        return { key, message: `is ${typeof value === "undefined" ? "undefined" : `a ${typeof value}`}, not JSON data (a string, number, boolean, null, array or object).` };
    }
    if (ancestors.includes(value)) {
        return { key, message: "refers back to an object that holds it (a cycle); a configuration must be plain JSON data." };
    }
    if (!Array.isArray(value) && Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) {
        return { key, message: `is ${describeObject(value)}, not JSON data (a string, number, boolean, null, array or object).` };
    }
    if (depth >= MAX_CONFIG_DEPTH) {
        return { key, message: `nests deeper than ${MAX_CONFIG_DEPTH} levels, more than any setting takes.` };
    }
    const inner = [...ancestors, value];
    const entries = Array.isArray(value) ? value.map((item, index) => [`${key}[${index}]`, item]) : Object.entries(value).map(([name, item]) => [`${key}.${name}`, item]);
    for (const [path, item] of entries) {
        const problem = dataProblem(item, path, inner, depth + 1);
        if (problem !== null) {
            return problem;
        }
    }
    return null;
}

/**
 * @param {object} value
 * @returns {string}
 */
function describeObject(value) {
    const name = value.constructor?.name;
    return typeof name === "string" && name !== "" ? `a ${name}` : "an object that is not plain";
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
