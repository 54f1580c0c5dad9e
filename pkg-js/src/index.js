/**
 * @file The Node entry of `supalint` (SPEC §8): synchronous once imported.
 * Reads configuration and files from disk, then lints through the engine
 * (the API itself is `create-api.js`, shared with the browser entry).
 */

/** @import { FileReader, LintOptions, Project } from "./create-api.js" */

import path from "node:path";
import { createApi } from "./create-api.js";
import { loadConfig as loadConfigFrom, resolveConfig } from "./config/load-config.js";
import { withOverride } from "./config/override-config.js";
import { engine } from "./engine/node.js";
import { withUnreadableFolders } from "./files/collect.js";
import { enginePath, lintTargets, readSources } from "./files/project-sources.js";

export { SupalintError } from "./errors.js";

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
        const { history, targets, unreadable } = lintTargets(patterns, cwd, resolved.migrationsPath);
        const all = [...new Set([...history, ...targets])];
        const sources = readSources(all, resolved.root, onProgress);
        onProgress?.({ phase: "lint", done: 0, total: all.length });
        return {
            sources,
            reportPaths: targets.map((file) => enginePath(resolved.root, file)),
            complete: (report) => withUnreadableFolders(report, unreadable, resolved.root),
        };
    },
    forAccess(patterns, { cwd, resolved }) {
        return readSources(lintTargets(patterns, cwd, resolved.migrationsPath).targets, resolved.root);
    },
};

export const { loadConfig, rules, configSchema, lintFiles, lintText, fixText, accessMatrix } = createApi({
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
    const resolved = { ...found, config: withOverride(found.config, options.overrideConfig) };
    return {
        cwd,
        resolved,
        textPath: (filePath) => enginePath(resolved.root, path.resolve(cwd, filePath)),
        filePathOf: (file) => path.resolve(resolved.root, file),
    };
}
