/**
 * @file The browser entry of `supalint` (SPEC §8): the same API as Node over
 * in-memory sources. `await ready` (or `await init(source)`) before calling it.
 */

/** @import { AccessMatrix, Engine, LintMessage, LintReport, ResolvedConfig, RuleMeta, Source, SupalintConfig } from "./api.js" */

import { accessMatrixOf, lintSources } from "./api.js";
import { checkConfigSource, checkOptions, checkPatterns, checkText } from "./arguments.js";
import { ConfigError } from "./config/config-error.js";
import { checkJsKeys } from "./config/config-keys.js";
import { loadEngine, loadedEngine } from "./engine/browser.js";

export { ConfigError };

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

/**
 * @typedef {object} BrowserLintOptions
 * @property {SupalintConfig} [config] the configuration (no file lookup in the browser)
 * @property {boolean} [fix]
 * @property {boolean} [fixApplied] with `fix`: rewrite migrations at or before `frozenBefore` too
 * @property {string | Date} [now]
 * @property {boolean} [inlineConfig]
 * @property {boolean} [reportUnusedDisableDirectives]
 * @property {string[]} [reportPaths]
 */

/**
 * Resolves a configuration object (no file system: nothing is looked up).
 * @param {string | SupalintConfig} [from] a configuration object
 * @returns {ResolvedConfig}
 * @throws {ConfigError | TypeError}
 */
export function loadConfig(from = {}) {
    checkConfigSource("loadConfig", from);
    if (typeof from === "string") {
        throw new TypeError("supalint: loadConfig cannot read files in the browser; pass the configuration object instead.");
    }
    const config = checkedConfig(from);
    const migrationsDir = typeof config.migrationsDir === "string" ? config.migrationsDir : "supabase/migrations";
    return { root: "", configPath: null, migrationsPath: migrationsDir, config };
}

/**
 * The metadata of every rule.
 * @returns {RuleMeta[]}
 */
export function rules() {
    return loadedOrThrow().rules();
}

/**
 * Lints in-memory sources as one migration history.
 * @param {Source[]} sources `{ path, text }`, paths relative to the project root
 * @param {BrowserLintOptions} [options]
 * @returns {LintReport}
 * @throws {ConfigError}
 * @throws {TypeError} naming the argument when one has the wrong type
 */
export function lintFiles(sources, options = {}) {
    checkPatterns("lintFiles", sources, { pathsAllowed: false });
    checkOptions("lintFiles", options, "lint");
    return lintSources(loadedOrThrow(), sources, { ...options, config: checkedConfig(options.config ?? {}) });
}

/**
 * Lints one text; `history` adds other migrations for cross-file rules.
 * @param {string} text
 * @param {BrowserLintOptions & { filePath?: string, history?: Source[] }} [options]
 * @returns {LintReport}
 * @throws {ConfigError}
 * @throws {TypeError} naming the argument when one has the wrong type
 */
export function lintText(text, options = {}) {
    checkText("lintText", text);
    checkOptions("lintText", options, "text");
    const file = options.filePath ?? "<text>";
    const sources = [{ path: file, text }, ...(options.history ?? []).filter((source) => source.path !== file)];
    return lintFiles(sources, { ...options, reportPaths: [file] });
}

/**
 * Applies every safe fix to one text.
 * @param {string} text
 * @param {BrowserLintOptions & { filePath?: string, history?: Source[] }} [options]
 * @returns {{ output: string, fixed: boolean, messages: LintMessage[], refused?: string, withheld?: import("./api.js").FrozenReason }}
 * @throws {ConfigError}
 * @throws {TypeError} naming the argument when one has the wrong type
 */
export function fixText(text, options = {}) {
    checkText("fixText", text);
    checkOptions("fixText", options, "text");
    const [result] = lintText(text, { ...options, fix: true }).results;
    return {
        output: result.output ?? text,
        fixed: result.output !== undefined && result.output !== text,
        messages: result.messages,
        ...(result.fixRefused === undefined ? {} : { refused: result.fixRefused }),
        ...(result.fixWithheld === undefined ? {} : { withheld: result.fixWithheld }),
    };
}

/**
 * Who can do what in the database the sources leave: per table of an
 * exposed schema and per storage bucket, for `anon` and `authenticated`.
 * @param {Source[]} sources `{ path, text }`, paths relative to the project root
 * @param {{ config?: SupalintConfig }} [options]
 * @returns {AccessMatrix}
 * @throws {ConfigError}
 */
export function accessMatrix(sources, options = {}) {
    checkPatterns("accessMatrix", sources, { pathsAllowed: false });
    checkOptions("accessMatrix", options, "lint");
    return accessMatrixOf(loadedOrThrow(), sources, { config: checkedConfig(options.config ?? {}) });
}

/**
 * @param {unknown} config
 * @returns {SupalintConfig}
 */
function checkedConfig(config) {
    const problems = checkJsKeys(config);
    if (problems.length > 0) {
        throw new ConfigError(problems);
    }
    return /** @type {SupalintConfig} */ (config);
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
