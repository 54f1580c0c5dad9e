/**
 * @file The Node entry of `supalint` (SPEC §8): synchronous once imported.
 * Reads configuration and files from disk, then lints through the engine
 * (the API itself is `create-api.js`, shared with the browser entry).
 */

/** @import { ResolvedConfig, Source } from "./api.js" */
/** @import { FileReader, LintOptions, Project } from "./create-api.js" */

import path from "node:path";
import { createApi } from "./create-api.js";
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

/** @type {FileReader} */
const files = {
    forLint(patterns, { cwd, resolved }, onProgress) {
        const collected = collectSqlFiles(resolved.migrationsPath);
        const history = collected.files;
        let targets = history;
        let unreadable = collected.unreadable;
        if (patterns.length > 0) {
            const { files: matched, unmatched, unreadable: unreadableHere } = expandPatterns(patterns, cwd);
            if (unmatched.length > 0) {
                throw new NoFilesFoundError(unmatched);
            }
            targets = matched;
            unreadable = unreadableHere;
        }
        const all = [...new Set([...history, ...targets])];
        /** @type {Source[]} */
        const sources = [];
        for (const file of all) {
            sources.push(readSource(file, relativePath(resolved.root, file)));
            onProgress?.({ phase: "read", done: sources.length, total: all.length });
        }
        onProgress?.({ phase: "lint", done: 0, total: all.length });
        return {
            sources,
            reportPaths: targets.map((file) => relativePath(resolved.root, file)),
            complete: (report) => withUnreadableFolders(report, unreadable, resolved.root),
        };
    },
    forAccess(patterns, { cwd, resolved }) {
        let found = collectSqlFiles(resolved.migrationsPath).files;
        if (patterns.length > 0) {
            const { files: matched, unmatched } = expandPatterns(patterns, cwd);
            if (unmatched.length > 0) {
                throw new NoFilesFoundError(unmatched);
            }
            found = matched;
        }
        return found.map((file) => readSource(file, relativePath(resolved.root, file)));
    },
};

export const { loadConfig, rules, lintFiles, lintText, fixText, accessMatrix } = createApi({
    engine: () => engine,
    loadConfig: (from) => (typeof from === "object" && from !== null ? resolveConfig(from, process.cwd(), null) : loadConfigFrom(from)),
    project,
    files,
});

/**
 * The configuration the options name (a resolved one, an object, a file or
 * the lookup from `cwd`), with `overrideConfig` merged over it.
 * @param {LintOptions} options
 * @returns {Project}
 */
function project(options) {
    const cwd = path.resolve(options.cwd ?? process.cwd());
    const found =
        options.resolvedConfig ??
        (options.config === undefined
            ? loadConfigFrom(options.configFile === undefined ? cwd : path.resolve(cwd, options.configFile))
            : resolveConfig(options.config, cwd, null));
    const resolved = withOverride(found, options.overrideConfig);
    return {
        cwd,
        resolved,
        textPath: (filePath) => relativePath(resolved.root, path.resolve(cwd, filePath)),
        filePathOf: (file) => path.resolve(resolved.root, file),
    };
}

/**
 * @param {ResolvedConfig} resolved
 * @param {LintOptions["overrideConfig"]} override
 * @returns {ResolvedConfig}
 */
function withOverride(resolved, override) {
    if (override === undefined) {
        return resolved;
    }
    const rulesOverride = override.rules === undefined ? {} : { rules: { ...resolved.config.rules, ...override.rules } };
    return { ...resolved, config: { ...resolved.config, ...override, ...rulesOverride } };
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
