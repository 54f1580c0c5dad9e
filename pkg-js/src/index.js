/**
 * @file The Node entry of `supalint` (SPEC §8): synchronous once imported.
 * Reads configuration and files from disk, then lints through the engine.
 */

/** @import { AccessMatrix, LintMessage, LintReport, ResolvedConfig, Source, SupalintConfig } from "./api.js" */

import path from "node:path";
import { accessMatrixOf, lintSources } from "./api.js";
import { checkConfigSource, checkOptions, checkPatterns, checkText } from "./arguments.js";
import { ConfigError } from "./config/config-error.js";
import { loadConfig as loadConfigFrom, resolveConfig } from "./config/load-config.js";
import { engine } from "./engine/node.js";
import { collectSqlFiles, expandPatterns, NoFilesFoundError, withUnreadableFolders } from "./files/collect.js";
import { readSource } from "./files/read-source.js";

export { ConfigError };


/**
 * The engine (crate) version.
 * @type {string}
 */
export const version = engine.version();

/**
 * Already settled in Node: the engine loads when the module is imported. It
 * exists so that code written for the browser (`await ready`) runs here too.
 * @type {Promise<void>}
 */
export const ready = Promise.resolve();

/**
 * Does nothing in Node (the engine is loaded); see `ready`.
 * @returns {Promise<void>}
 */
export function init() {
    return ready;
}

/**
 * @typedef {object} NodeLintOptions
 * @property {string} [cwd] where paths and the configuration lookup start (default: the working directory)
 * @property {string} [configFile] a configuration file to use instead of the lookup
 * @property {SupalintConfig} [config] a configuration object to use instead of any file (project root: `cwd`)
 * @property {ResolvedConfig} [resolvedConfig] a configuration `loadConfig` already resolved, used
 *   as it is (no file is read or run again)
 * @property {SupalintConfig} [overrideConfig] merged over the configuration (`rules` merged rule by rule)
 * @property {boolean} [fix] apply fixes in memory: results carry `output` when a file changed
 * @property {string | Date} [now] the time for time-based rules
 * @property {boolean} [inlineConfig] honour `supalint-*` directives (default true)
 * @property {boolean} [reportUnusedDisableDirectives]
 * @property {boolean} [validate] check each statement with sqlparser (default true); false skips it, and `stats.parsed` and `stats.fallback` are null
 * @property {string[]} [reportPaths] with in-memory sources: which ones to report (default: all)
 * @property {(progress: { phase: "read" | "lint", done: number, total: number }) => void} [onProgress]
 */

/**
 * Finds and resolves the configuration.
 * @param {string | SupalintConfig} [from] a configuration file, a folder to search upwards from, or a configuration object (resolved against the working directory)
 * @returns {ResolvedConfig}
 * @throws {ConfigError}
 * @throws {TypeError} naming the argument when it has the wrong type
 */
export function loadConfig(from) {
    checkConfigSource("loadConfig", from);
    if (typeof from === "object" && from !== null) {
        return resolveConfig(from, process.cwd(), null);
    }
    return loadConfigFrom(from);
}

/**
 * The metadata of every rule.
 * @returns {import("./api.js").RuleMeta[]}
 */
export function rules() {
    return engine.rules();
}

/**
 * Lints files on disk, or in-memory sources. Every migration of the
 * configured folder is part of the history the rules see; only the requested
 * files are reported. With no patterns, the whole migrations folder is.
 * @param {string | string[] | Source[]} [patterns] files, folders, glob patterns; or `{ path, text }` sources (paths relative to the project root)
 * @param {NodeLintOptions} [options]
 * @returns {LintReport}
 * @throws {ConfigError | NoFilesFoundError}
 * @throws {TypeError} naming the argument when one has the wrong type
 */
export function lintFiles(patterns = [], options = {}) {
    checkPatterns("lintFiles", patterns);
    checkOptions("lintFiles", options, "lint");
    const list = Array.isArray(patterns) ? patterns : [patterns];
    const { cwd, resolved } = resolveOptions(options);
    const filePathOf = (/** @type {string} */ file) => path.resolve(resolved.root, file);
    if (list.some((entry) => typeof entry === "object")) {
        const sources = /** @type {Source[]} */ (list);
        return lintSources(engine, sources, { ...runOptions(options, resolved), reportPaths: options.reportPaths, filePathOf });
    }
    const collected = collectSqlFiles(resolved.migrationsPath);
    const history = collected.files;
    let targets = history;
    let unreadable = collected.unreadable;
    if (list.length > 0) {
        const { files, unmatched, unreadable: unreadableHere } = expandPatterns(/** @type {string[]} */ (list), cwd);
        if (unmatched.length > 0) {
            throw new NoFilesFoundError(unmatched);
        }
        targets = files;
        unreadable = unreadableHere;
    }
    const all = [...new Set([...history, ...targets])];
    /** @type {Source[]} */
    const sources = [];
    for (const file of all) {
        sources.push(readSource(file, relativePath(resolved.root, file)));
        options.onProgress?.({ phase: "read", done: sources.length, total: all.length });
    }
    options.onProgress?.({ phase: "lint", done: 0, total: all.length });
    const reportPaths = targets.map((file) => relativePath(resolved.root, file));
    const report = lintSources(engine, sources, { ...runOptions(options, resolved), reportPaths, filePathOf });
    return withUnreadableFolders(report, unreadable, resolved.root);
}

/**
 * @typedef {NodeLintOptions & { filePath?: string, history?: Source[] }} NodeLintTextOptions
 */

/**
 * Lints one text. `filePath` (relative to `cwd`, or absolute) gives it the
 * name the file-naming rules check; `history` adds other migrations
 * (`{ path, text }`, paths relative to the project root) for cross-file rules.
 * @param {string} text
 * @param {NodeLintTextOptions} [options]
 * @returns {LintReport}
 * @throws {ConfigError}
 * @throws {TypeError} naming the argument when one has the wrong type
 */
export function lintText(text, options = {}) {
    checkText("lintText", text);
    checkOptions("lintText", options, "text");
    const { cwd, resolved } = resolveOptions(options);
    const file = options.filePath === undefined ? "<text>" : relativePath(resolved.root, path.resolve(cwd, options.filePath));
    const sources = [{ path: file, text }, ...(options.history ?? []).filter((source) => source.path !== file)];
    const filePathOf = (/** @type {string} */ name) => (name === "<text>" ? name : path.resolve(resolved.root, name));
    return lintSources(engine, sources, { ...runOptions(options, resolved), reportPaths: [file], filePathOf });
}

/**
 * Applies every safe fix to one text (in passes, re-linting between them).
 * @param {string} text
 * @param {NodeLintTextOptions} [options]
 * @returns {{ output: string, fixed: boolean, messages: LintMessage[], refused?: string }}
 *   the fixed text and the problems that remain
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
    };
}

/**
 * @typedef {Pick<NodeLintOptions, "cwd" | "configFile" | "config" | "overrideConfig">} NodeAccessOptions
 */

/**
 * Who can do what in the database the migrations leave: per table of an
 * exposed schema and per storage bucket, for `anon` and `authenticated`.
 * With no patterns, of the migrations folder; with patterns, of exactly the
 * files they name; or of in-memory sources.
 * @param {string | string[] | Source[]} [patterns] files, folders, glob patterns; or `{ path, text }` sources (paths relative to the project root)
 * @param {NodeAccessOptions} [options]
 * @returns {AccessMatrix}
 * @throws {ConfigError | NoFilesFoundError}
 */
export function accessMatrix(patterns = [], options = {}) {
    checkPatterns("accessMatrix", patterns);
    checkOptions("accessMatrix", options, "lint");
    const list = Array.isArray(patterns) ? patterns : [patterns];
    const { cwd, resolved } = resolveOptions(options);
    const filePathOf = (/** @type {string} */ file) => path.resolve(resolved.root, file);
    /** @type {Source[]} */
    let sources;
    if (list.some((entry) => typeof entry === "object")) {
        sources = /** @type {Source[]} */ (list);
    } else {
        let files = collectSqlFiles(resolved.migrationsPath).files;
        if (list.length > 0) {
            const { files: matched, unmatched } = expandPatterns(/** @type {string[]} */ (list), cwd);
            if (unmatched.length > 0) {
                throw new NoFilesFoundError(unmatched);
            }
            files = matched;
        }
        sources = files.map((file) => readSource(file, relativePath(resolved.root, file)));
    }
    return accessMatrixOf(engine, sources, { config: resolved.config, configPath: resolved.configPath, filePathOf });
}

/**
 * @param {NodeLintOptions} options
 * @returns {{ cwd: string, resolved: ResolvedConfig }}
 */
function resolveOptions(options) {
    const cwd = path.resolve(options.cwd ?? process.cwd());
    const resolved =
        options.resolvedConfig ??
        (options.config === undefined
            ? loadConfigFrom(options.configFile === undefined ? cwd : path.resolve(cwd, options.configFile))
            : resolveConfig(options.config, cwd, null));
    const override = options.overrideConfig;
    if (override === undefined) {
        return { cwd, resolved };
    }
    const rulesOverride = override.rules === undefined ? {} : { rules: { ...resolved.config.rules, ...override.rules } };
    return { cwd, resolved: { ...resolved, config: { ...resolved.config, ...override, ...rulesOverride } } };
}

/**
 * @param {NodeLintOptions} options
 * @param {ResolvedConfig} resolved
 * @returns {import("./api.js").RunOptions}
 */
function runOptions(options, resolved) {
    return {
        config: resolved.config,
        configPath: resolved.configPath,
        fix: options.fix,
        now: options.now,
        inlineConfig: options.inlineConfig,
        reportUnusedDisableDirectives: options.reportUnusedDisableDirectives,
        validate: options.validate,
    };
}

/**
 * A path relative to the project root with `/` separators, as the engine wants it.
 * @param {string} root
 * @param {string} file
 * @returns {string}
 */
function relativePath(root, file) {
    return path.relative(root, file).split(path.sep).join("/");
}
