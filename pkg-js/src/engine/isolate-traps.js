/**
 * @file Survives a trapped WebAssembly instance. A panic in the engine is a
 * trap (`RuntimeError: unreachable`), and the instance is unusable after it.
 * When a call traps and the engine can re-create its instance, the files are
 * tried one by one to find those that trap, and the call is made again
 * without them: the other files get their results, history included (SPEC §2:
 * a file the engine cannot handle gets one diagnostic; the others are still
 * linted). The access matrix (`accessMatrix`) and the catalog (`catalog`) are
 * each one answer for the whole history, so a trap that needs the history is found by growing the history
 * one file at a time instead.
 */

/** @import { Engine, LintRequest } from "../api.js" */

/**
 * @typedef {object} EngineCall
 * @property {any} response what `engine[method]` returned for the files that did not trap
 * @property {Map<string, string>} crashed the paths that trapped, with the error message
 */

/**
 * Whether an error is a WebAssembly trap (a panic, an out-of-bounds access, a
 * stack overflow), rather than an error the engine returned.
 * @param {unknown} error
 * @returns {boolean}
 */
export function isTrap(error) {
    return error instanceof WebAssembly.RuntimeError || (error instanceof RangeError && /call stack/i.test(error.message));
}

/**
 * Calls `engine[method](request)`, isolating files that make the instance
 * trap when the engine can re-create it (`engine.recreate()`).
 * @param {Engine & { recreate?: () => boolean }} engine
 * @param {"lint" | "fix" | "accessMatrix" | "catalog"} method
 * @param {LintRequest} request
 * @returns {EngineCall}
 * @throws the original error when it is no trap, or no fresh instance is left
 */
export function callIsolatingTraps(engine, method, request) {
    /** @type {Map<string, string>} */
    const crashed = new Map();
    const call = (/** @type {LintRequest} */ part) => engine[method](part);
    try {
        return { response: call(request), crashed };
    } catch (error) {
        recover(engine, error);
    }

    // A trap while a file is analysed shows when the file is linted alone.
    for (const file of request.files) {
        try {
            call({ ...request, files: [file], reportPaths: [file.path] });
        } catch (error) {
            recover(engine, error);
            crashed.set(file.path, errorMessage(error));
        }
    }
    const files = request.files.filter((file) => !crashed.has(file.path));
    const reportPaths = (request.reportPaths ?? request.files.map((file) => file.path)).filter((path) => !crashed.has(path));
    try {
        return { response: call({ ...request, files, reportPaths }), crashed };
    } catch (error) {
        recover(engine, error);
    }

    if (method === "accessMatrix" || method === "catalog") {
        return { response: growHistory(engine, call, { ...request, files }, crashed), crashed };
    }

    // A trap that needs the history: each reported file in a call of its own.
    const parts = [];
    for (const path of reportPaths) {
        try {
            parts.push({ path, response: call({ ...request, files, reportPaths: [path] }) });
        } catch (error) {
            recover(engine, error);
            crashed.set(path, errorMessage(error));
        }
    }
    return { response: merge(parts), crashed };
}

/**
 * The answer for a history that traps as a whole though no file traps
 * alone: the files are added in order, and one whose addition traps is left
 * out (and reported in `crashed`), so the answer covers every other file.
 * @param {Engine & { recreate?: () => boolean }} engine
 * @param {(request: LintRequest) => any} call
 * @param {LintRequest} request
 * @param {Map<string, string>} crashed
 * @returns {any} the answer for the last history that did not trap
 */
function growHistory(engine, call, request, crashed) {
    /** @type {LintRequest["files"]} */
    const kept = [];
    let response = call({ ...request, files: [] });
    for (const file of request.files) {
        try {
            response = call({ ...request, files: [...kept, file] });
            kept.push(file);
        } catch (error) {
            recover(engine, error);
            crashed.set(file.path, errorMessage(error));
        }
    }
    return response;
}

/**
 * Re-creates the instance after a trap; rethrows anything else, or when no
 * fresh instance is left.
 * @param {Engine & { recreate?: () => boolean }} engine
 * @param {unknown} error
 */
function recover(engine, error) {
    if (!isTrap(error) || typeof engine.recreate !== "function" || !engine.recreate()) {
        throw error;
    }
}

/**
 * One response from per-file calls: each file's result from the call that reported it.
 * @param {{ path: string, response: any }[]} parts
 * @returns {any}
 */
function merge(parts) {
    if (parts.length === 0) {
        return { results: [], stats: { files: 0, statements: 0, parsed: 0, fallback: 0 }, configErrors: [] };
    }
    const first = parts[0].response;
    const list = (/** @type {any} */ response) => (Array.isArray(response) ? response : (response.results ?? response.files ?? []));
    const results = parts.flatMap(({ path, response }) => list(response).filter((/** @type {{ path: string }} */ file) => file.path === path));
    return Array.isArray(first) ? results : { ...first, results };
}

/**
 * @param {unknown} error
 * @returns {string}
 */
function errorMessage(error) {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
