/**
 * @file The public API (SPEC §8), written once for both entries: `createApi`
 * checks the arguments, builds the sources and lints them through the trap
 * isolation of `api.js`. Each entry supplies only what differs: how the
 * engine is reached, how options name a configuration, and (Node only) how
 * paths and patterns become files.
 */

/** @import { AccessMatrix, ConfigKey, Engine, LintMessage, LintReport, ResolvedConfig, RuleMeta, RunOptions, Source, SupalintConfig } from "./api.js" */

import { accessMatrixOf, lintSources } from "./api.js";
import { checkConfigSource, checkOptions, checkPatterns, checkText } from "./arguments.js";

/** The path `lintText` gives its text when the caller names no file. */
const UNNAMED_TEXT = "<text>";

/**
 * The options of the lint functions. The browser has no file system: it
 * reads only `config` of the configuration options.
 * @typedef {object} LintOptions
 * @property {string} [cwd] where paths and the configuration lookup start (default: the working directory)
 * @property {string} [configFile] a configuration file to use instead of the lookup
 * @property {SupalintConfig} [config] a configuration object to use instead of any file (project root: `cwd`)
 * @property {ResolvedConfig} [resolvedConfig] a configuration `loadConfig` already resolved, used
 *   as it is (no file is read or run again)
 * @property {SupalintConfig} [overrideConfig] merged over the configuration (`rules` merged rule by rule)
 * @property {boolean} [fix] apply fixes in memory: results carry `output` when a file changed
 * @property {boolean} [fixApplied] with `fix`: rewrite migrations at or before `frozenBefore` too
 * @property {string | Date} [now] the time for time-based rules
 * @property {boolean} [inlineConfig] honour `supalint-*` directives (default true)
 * @property {boolean} [reportUnusedDisableDirectives]
 * @property {boolean} [validate] check each statement with sqlparser (default true); false skips it, and `stats.parsed` and `stats.fallback` are null
 * @property {string[]} [reportPaths] with in-memory sources: which ones to report (default: all)
 * @property {(progress: { phase: "read" | "lint", done: number, total: number }) => void} [onProgress]
 */

/**
 * @typedef {LintOptions & { filePath?: string, history?: Source[] }} LintTextOptions
 */

/**
 * The configuration one call runs with, and how it names files.
 * @typedef {object} Project
 * @property {string} cwd where paths given by the caller start
 * @property {ResolvedConfig} resolved
 * @property {(filePath: string) => string} textPath the engine path of the file `lintText` names
 * @property {(path: string) => string} filePathOf the `filePath` a result shows for an engine path
 */

/**
 * How an entry turns paths and patterns into sources.
 * @typedef {object} FileReader
 * @property {(patterns: string[], project: Project, onProgress: LintOptions["onProgress"]) => { sources: Source[], reportPaths: string[], complete: (report: LintReport) => LintReport }} forLint
 *   the history and the files to report (every migration when `patterns` is empty); `complete` adds what reading found to the report
 * @property {(patterns: string[], project: Project) => Source[]} forAccess exactly the files the patterns name (the migrations folder when empty)
 */

/**
 * What an entry supplies.
 * @typedef {object} ApiHost
 * @property {() => Engine} engine the loaded engine; throws when it is not loaded yet
 * @property {(from: string | SupalintConfig | undefined) => ResolvedConfig} loadConfig `loadConfig` once its argument is checked
 * @property {(options: LintOptions) => Project} project the configuration the options name
 * @property {FileReader} [files] absent where there is no file system: the API then takes `{ path, text }` sources only
 */

/**
 * The API over a host; the entries export its functions.
 * @param {ApiHost} host
 */
export function createApi(host) {
    const files = host.files;
    const pathsAllowed = files !== undefined;
    // Node lints the migrations folder when given no patterns; the browser has no folder to lint.
    const noPatterns = pathsAllowed ? [] : undefined;

    /**
     * Finds and resolves the configuration.
     * @param {string | SupalintConfig} [from] a configuration file, a folder to search upwards from, or a configuration object
     * @returns {ResolvedConfig}
     * @throws {import("./errors.js").SupalintError} (`config`)
     * @throws {TypeError} naming the argument when it has the wrong type
     */
    function loadConfig(from) {
        checkConfigSource("loadConfig", from);
        return host.loadConfig(from);
    }

    /**
     * The metadata of every rule.
     * @returns {RuleMeta[]}
     */
    function rules() {
        return host.engine().rules();
    }

    /**
     * Every key a configuration may hold, with its type, default and description.
     * @returns {ConfigKey[]}
     */
    function configSchema() {
        return host.engine().configSchema();
    }

    /**
     * Lints files on disk, or in-memory sources. Every migration of the
     * configured folder is part of the history the rules see; only the
     * requested files are reported. With no patterns, the whole migrations
     * folder is.
     * @param {string | string[] | Source[]} [patterns] files, folders, glob patterns; or `{ path, text }` sources (paths relative to the project root)
     * @param {LintOptions} [options]
     * @returns {LintReport}
     */
    function lintFiles(patterns = noPatterns, options = {}) {
        checkPatterns("lintFiles", patterns, { pathsAllowed });
        checkOptions("lintFiles", options, "lint");
        const engine = host.engine();
        const project = host.project(options);
        const list = /** @type {string[] | Source[]} */ (Array.isArray(patterns) ? patterns : [patterns]);
        const run = { ...runOptions(options, project.resolved), filePathOf: project.filePathOf };
        if (files === undefined || list.some((entry) => typeof entry === "object")) {
            return lintSources(engine, /** @type {Source[]} */ (list), { ...run, reportPaths: options.reportPaths });
        }
        const { sources, reportPaths, complete } = files.forLint(/** @type {string[]} */ (list), project, options.onProgress);
        return complete(lintSources(engine, sources, { ...run, reportPaths }));
    }

    /**
     * Lints one text. `filePath` gives it the name the file-naming rules
     * check; `history` adds other migrations (`{ path, text }`, paths
     * relative to the project root) for cross-file rules.
     * @param {string} text
     * @param {LintTextOptions} [options]
     * @returns {LintReport}
     */
    function lintText(text, options = {}) {
        checkText("lintText", text);
        checkOptions("lintText", options, "text");
        const engine = host.engine();
        const project = host.project(options);
        const file = options.filePath === undefined ? UNNAMED_TEXT : project.textPath(options.filePath);
        const sources = [{ path: file, text }, ...(options.history ?? []).filter((source) => source.path !== file)];
        const filePathOf = (/** @type {string} */ name) => (name === UNNAMED_TEXT ? name : project.filePathOf(name));
        return lintSources(engine, sources, { ...runOptions(options, project.resolved), reportPaths: [file], filePathOf });
    }

    /**
     * Applies every safe fix to one text (in passes, re-linting between them).
     * @param {string} text
     * @param {LintTextOptions} [options]
     * @returns {{ output: string, fixed: boolean, messages: LintMessage[], refused?: string, withheld?: import("./api.js").FrozenReason }}
     *   the fixed text and the problems that remain
     */
    function fixText(text, options = {}) {
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
     * Who can do what in the database the migrations leave: per table of an
     * exposed schema and per storage bucket, for `anon` and `authenticated`.
     * With no patterns, of the migrations folder; with patterns, of exactly
     * the files they name; or of in-memory sources.
     * @param {string | string[] | Source[]} [patterns]
     * @param {Pick<LintOptions, "cwd" | "configFile" | "config" | "resolvedConfig" | "overrideConfig">} [options]
     * @returns {AccessMatrix}
     */
    function accessMatrix(patterns = noPatterns, options = {}) {
        checkPatterns("accessMatrix", patterns, { pathsAllowed });
        checkOptions("accessMatrix", options, "lint");
        const engine = host.engine();
        const project = host.project(options);
        const list = /** @type {string[] | Source[]} */ (Array.isArray(patterns) ? patterns : [patterns]);
        const sources =
            files === undefined || list.some((entry) => typeof entry === "object")
                ? /** @type {Source[]} */ (list)
                : files.forAccess(/** @type {string[]} */ (list), project);
        const { config, configPath } = project.resolved;
        return accessMatrixOf(engine, sources, { config, configPath, filePathOf: project.filePathOf });
    }

    return { loadConfig, rules, configSchema, lintFiles, lintText, fixText, accessMatrix };
}

/**
 * @param {LintOptions} options
 * @param {ResolvedConfig} resolved
 * @returns {RunOptions}
 */
function runOptions(options, resolved) {
    return {
        config: resolved.config,
        configPath: resolved.configPath,
        fix: options.fix,
        fixApplied: options.fixApplied,
        now: options.now,
        inlineConfig: options.inlineConfig,
        reportUnusedDisableDirectives: options.reportUnusedDisableDirectives,
        validate: options.validate,
    };
}
