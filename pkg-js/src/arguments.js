/**
 * @file Checks the arguments of the public API (Node and browser) before any
 * work, so that a wrong type is a `TypeError` naming the function and the
 * argument ("supalint.lintText: `options.cwd` must be a string, not number
 * 3"), not one thrown from deep inside with no hint of which value was wrong.
 * Configuration objects are checked as configuration (a `config` `SupalintError`), not
 * here.
 */

/**
 * What an option may be.
 * @typedef {"string" | "boolean" | "object" | "function" | "date" | "strings" | "sources"} OptionKind
 */

/** The options every lint function takes, and their kinds. */
const LINT_OPTIONS = Object.freeze({
    cwd: "string",
    configFile: "string",
    config: "object",
    resolvedConfig: "object",
    overrideConfig: "object",
    fix: "boolean",
    fixApplied: "boolean",
    now: "date",
    inlineConfig: "boolean",
    reportUnusedDisableDirectives: "boolean",
    validate: "boolean",
    reportPaths: "strings",
    onProgress: "function",
});

/** The options of `lintText` and `fixText`: the lint options, a file path and a history. */
const TEXT_OPTIONS = Object.freeze({ ...LINT_OPTIONS, filePath: "string", history: "sources" });

/**
 * Throws unless `text` is a string.
 * @param {string} fn the API function, for the message
 * @param {unknown} text
 * @returns {void}
 * @throws {TypeError}
 */
export function checkText(fn, text) {
    if (typeof text !== "string") {
        throw argumentError(fn, "text", "a string", text);
    }
}

/**
 * Throws unless `patterns` is a path, a list of paths, or a list of `{ path, text }` sources.
 * @param {string} fn
 * @param {unknown} patterns
 * @param {{ pathsAllowed?: boolean }} [accepts] false in the browser, which has no file system
 * @returns {void}
 * @throws {TypeError}
 */
export function checkPatterns(fn, patterns, accepts = {}) {
    const pathsAllowed = accepts.pathsAllowed ?? true;
    if (pathsAllowed && typeof patterns === "string") {
        return;
    }
    const wanted = pathsAllowed ? "a path, an array of paths or an array of { path, text } sources" : "an array of { path, text } sources";
    if (!Array.isArray(patterns)) {
        throw argumentError(fn, pathsAllowed ? "patterns" : "sources", wanted, patterns);
    }
    const name = pathsAllowed ? "patterns" : "sources";
    for (const [index, item] of patterns.entries()) {
        if (pathsAllowed && typeof item === "string") {
            continue;
        }
        checkSource(fn, `${name}[${index}]`, item, wanted);
    }
}

/**
 * Throws unless `options` is undefined or an object whose known keys have
 * the right kinds (unknown keys are left alone, as ESLint's API does).
 * @param {string} fn
 * @param {unknown} options
 * @param {"lint" | "text"} kind which options the function takes
 * @returns {void}
 * @throws {TypeError}
 */
export function checkOptions(fn, options, kind) {
    if (options === undefined) {
        return;
    }
    if (!isObject(options)) {
        throw argumentError(fn, "options", "an object", options);
    }
    const spec = /** @type {Record<string, OptionKind>} */ (kind === "text" ? TEXT_OPTIONS : LINT_OPTIONS);
    for (const [key, optionKind] of Object.entries(spec)) {
        const value = /** @type {Record<string, unknown>} */ (options)[key];
        if (value !== undefined) {
            checkOption(fn, `options.${key}`, value, optionKind);
        }
    }
}

/**
 * Throws unless `from` is undefined, a path or a configuration object.
 * @param {string} fn
 * @param {unknown} from
 * @returns {void}
 * @throws {TypeError}
 */
export function checkConfigSource(fn, from) {
    if (from !== undefined && typeof from !== "string" && !isObject(from)) {
        throw argumentError(fn, "from", "a path or a configuration object", from);
    }
}

/**
 * @param {string} fn
 * @param {string} name
 * @param {unknown} value
 * @param {OptionKind} kind
 * @returns {void}
 */
function checkOption(fn, name, value, kind) {
    switch (kind) {
        case "string":
        case "boolean":
        case "function":
            if (typeof value !== kind) {
                throw argumentError(fn, name, `a ${kind}`, value);
            }
            return;
        case "object":
            if (!isObject(value)) {
                throw argumentError(fn, name, "an object", value);
            }
            return;
        case "date":
            if (!(typeof value === "string" || value instanceof Date) || Number.isNaN(new Date(/** @type {string | Date} */ (value)).getTime())) {
                throw argumentError(fn, name, "a Date or an ISO 8601 date string", value);
            }
            return;
        case "strings":
            if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
                throw argumentError(fn, name, "an array of strings", value);
            }
            return;
        default:
            if (!Array.isArray(value)) {
                throw argumentError(fn, name, "an array of { path, text } sources", value);
            }
            for (const [index, item] of value.entries()) {
                checkSource(fn, `${name}[${index}]`, item, "a { path, text } source");
            }
    }
}

/**
 * @param {string} fn
 * @param {string} name
 * @param {unknown} item
 * @param {string} wanted
 * @returns {void}
 */
function checkSource(fn, name, item, wanted) {
    if (!isObject(item)) {
        throw argumentError(fn, name, wanted, item);
    }
    const source = /** @type {Record<string, unknown>} */ (item);
    if (typeof source.path !== "string") {
        throw argumentError(fn, `${name}.path`, "a string", source.path);
    }
    if (typeof source.text !== "string" && source.problem === undefined) {
        throw argumentError(fn, `${name}.text`, "a string", source.text);
    }
}

/**
 * @param {unknown} value
 * @returns {boolean}
 */
function isObject(value) {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * @param {string} fn
 * @param {string} name
 * @param {string} wanted
 * @param {unknown} value
 * @returns {TypeError}
 */
function argumentError(fn, name, wanted, value) {
    return new TypeError(`supalint.${fn}: \`${name}\` must be ${wanted}, not ${describe(value)}.`);
}

/**
 * @param {unknown} value
 * @returns {string}
 */
function describe(value) {
    if (value === null) {
        return "null";
    }
    if (value === undefined) {
        return "undefined";
    }
    if (Array.isArray(value)) {
        return "an array";
    }
    if (typeof value === "string") {
        return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
    }
    if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") {
        return `${typeof value} ${String(value)}`;
    }
    return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
