/**
 * @file The browser entry of `supalint` (SPEC §8): the same API as Node over
 * in-memory sources (`create-api.js`). `await ready` (or `await init(source)`)
 * before calling it.
 */

/** @import { Engine, ResolvedConfig, SupalintConfig } from "./api.js" */

import { createApi } from "./create-api.js";
import { checkJsKeys } from "./config/config-keys.js";
import { loadEngine, loadedEngine } from "./engine/browser.js";
import { configError } from "./errors.js";

export { SupalintError } from "./errors.js";

/**
 * The engine (crate) version; empty until the engine has loaded (a live
 * binding: importers see it once `ready` settles).
 * @type {string}
 */
export let version = "";

/**
 * Loads the engine. Call it before `ready` starts the default load (that is,
 * synchronously in the importing module) to load the `.wasm` from elsewhere;
 * later calls return the first load.
 * @param {string | URL | Request | Response | BufferSource | WebAssembly.Module} [source] the `.wasm` (default: `supalint_bg.wasm` next to the glue)
 * @returns {Promise<void>}
 */
export function init(source) {
    return loadEngine(source).then((engine) => {
        version = engine.version();
    });
}

/**
 * Settles when the engine has loaded; starts the default load if `init` was
 * not called first.
 * @type {Promise<void>}
 */
export const ready = Promise.resolve().then(() => init());
// The rejection stays visible to whoever awaits `ready`; this only keeps an
// unobserved failure from being reported as unhandled.
ready.catch(() => {});

// No file system: configuration comes as an object, and paths are shown as given.
export const { loadConfig, rules, configSchema, lintFiles, lintText, fixText, accessMatrix } = createApi({
    engine: loadedOrThrow,
    loadConfig: (from = {}) => {
        if (typeof from === "string") {
            throw new TypeError("supalint: loadConfig cannot read files in the browser; pass the configuration object instead.");
        }
        return resolvedObject(from);
    },
    project: (options) => ({ cwd: "", resolved: resolvedObject(options.config ?? {}), textPath: (filePath) => filePath, filePathOf: (path) => path }),
});

/**
 * A configuration object resolved without a file system: nothing is looked up.
 * @param {SupalintConfig} from
 * @returns {ResolvedConfig}
 * @throws {SupalintError} naming the keys JavaScript reads that have the wrong type
 */
function resolvedObject(from) {
    const problems = checkJsKeys(from, loadedOrThrow().configSchema());
    if (problems.length > 0) {
        throw configError(problems);
    }
    const migrationsDir = typeof from.migrationsDir === "string" ? from.migrationsDir : "supabase/migrations";
    return { root: "", configPath: null, migrationsPath: migrationsDir, config: from };
}

/**
 * @returns {Engine}
 */
function loadedOrThrow() {
    const engine = loadedEngine();
    if (engine === null) {
        throw new Error("supalint: the engine is not loaded yet; `await ready` (or `await init()`) first.");
    }
    return engine;
}
