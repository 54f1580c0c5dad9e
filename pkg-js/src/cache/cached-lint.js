/**
 * @file The lint run of `supalint --cache` and `supalint --since <ref>`.
 * It gathers what every lint run sees (the whole migrations folder as
 * history, plus the files named on the command line), narrows the reported
 * files to those changed since the ref, passes the engine the versions that
 * existed at the ref (`sinceVersions`, for `migration-order`) and the
 * migrations that existed at the merge base as applied (`--fix` leaves them
 * alone; `no-applied-migration-edit` gets the text of those changed since),
 * and reuses the results of an identical earlier run when caching.
 */

/** @import { AppliedFile, LintReport, LintRequest } from "../api.js" */
/** @import { SinceSelection } from "../git/since.js" */

import { readFileSync } from "node:fs";
import path from "node:path";
import { lintSources } from "../api.js";
import { withOverride } from "../config/override-config.js";
import { withUnreadableFolders } from "../files/collect.js";
import { migrationVersion } from "../files/migration-version.js";
import { enginePath, lintTargets, readSources } from "../files/project-sources.js";
import { migrationsAt } from "../git/migrations-at.js";
import { changesSince, realPath } from "../git/since.js";
import { cacheKey, LintCache, sha256 } from "./lint-cache.js";

/**
 * @typedef {object} CachedLintOptions
 * @property {string} cwd where paths start
 * @property {import("../api.js").ResolvedConfig} resolvedConfig the configuration of the run, resolved once by the CLI
 * @property {{ rules?: Record<string, unknown> }} [overrideConfig] `--rule` settings
 * @property {boolean} [fix]
 * @property {boolean} [fixApplied] with `fix`: rewrite migrations that already ran too
 * @property {boolean} [inlineConfig]
 * @property {boolean} [reportUnusedDisableDirectives]
 * @property {string} [since] report only files added or changed since this git revision
 * @property {string[]} [appliedInDatabase] absolute paths of the migrations a database has applied (`--db-url`)
 * @property {string} [cacheFile] absolute: reuse and store results here
 * @property {(message: string) => void} [warn] told when the cache cannot be written
 * @property {(progress: { phase: "read" | "lint", done: number, total: number }) => void} [onProgress]
 */

/**
 * Lints as `lintFiles` does, with `--since` and `--cache`.
 * @param {string[]} patterns files, folders, globs; none: the migrations folder
 * @param {CachedLintOptions} options
 * @returns {Promise<LintReport>}
 * @throws {import("../errors.js").SupalintError} (`config`, `files` or `git`)
 */
export async function lintProject(patterns, options) {
    const { engine } = await import("../engine/node.js");
    const { cwd, resolvedConfig: resolved } = options;
    const config = withOverride(resolved.config, options.overrideConfig);
    const relativeOf = (/** @type {string} */ file) => enginePath(resolved.root, file);

    const found = lintTargets(patterns, cwd, resolved.migrationsPath);
    const { unreadable } = found;
    let targets = found.targets;
    const inView = [...new Set([...found.history, ...targets])];

    /** @type {SinceSelection | undefined} */
    let since;
    if (options.since !== undefined) {
        since = changesSince(options.since, { cwd, migrationsPath: resolved.migrationsPath });
        const changed = since.changed;
        targets = targets.filter((file) => changed.has(realPath(file)));
    }

    const sources = readSources(inView, resolved.root, options.onProgress);
    const appliedAtRef =
        since === undefined
            ? []
            : appliedAtBase(options.since ?? "", {
                  cwd,
                  projectRoot: resolved.root,
                  migrationsPath: resolved.migrationsPath,
                  inView: new Map(inView.map((file) => [relativeOf(file), since.changed.has(realPath(file))])),
              });
    const atRef = new Set(appliedAtRef.map((file) => file.path));
    /** @type {AppliedFile[]} */
    const appliedInDatabase = (options.appliedInDatabase ?? []).map((file) => ({ path: relativeOf(file) })).filter((file) => !atRef.has(file.path));
    const applied = since === undefined && options.appliedInDatabase === undefined ? undefined : [...appliedAtRef, ...appliedInDatabase];
    const reportPaths = targets.map(relativeOf);
    const runOptions = {
        config,
        configPath: resolved.configPath,
        reportPaths,
        fix: options.fix,
        fixApplied: options.fixApplied,
        applied,
        inlineConfig: options.inlineConfig,
        reportUnusedDisableDirectives: options.reportUnusedDisableDirectives,
        filePathOf: (/** @type {string} */ file) => path.resolve(resolved.root, file),
    };
    const sinceVersions = since?.sinceVersions;
    const lint = () => {
        options.onProgress?.({ phase: "lint", done: 0, total: inView.length });
        return lintSources(sinceVersions === undefined ? engine : withSinceVersions(engine, sinceVersions), sources, runOptions);
    };
    // A fix run's results carry the text to write: one from the cache would be written into a
    // migration as it is, and the cache is a file anyone with the folder can forge.
    if (options.cacheFile === undefined || options.fix) {
        return withUnreadableFolders(lint(), unreadable, resolved.root);
    }

    const key = cacheKey({
        engine: { version: engine.version(), wasm: wasmHash() },
        package: packageVersion(),
        config,
        options: {
            fix: Boolean(options.fix),
            inlineConfig: options.inlineConfig ?? true,
            reportUnusedDisableDirectives: Boolean(options.reportUnusedDisableDirectives),
            reportPaths,
            sinceVersions: sinceVersions ?? null,
            applied: applied?.map(({ path: file, baseText }) => [file, baseText === undefined ? null : sha256(baseText)]) ?? null,
        },
        files: sources.map((source) => [source.path, sha256(source.problem === undefined ? `text:${source.text}` : `problem:${JSON.stringify(source.problem)}`)]),
    });
    const versions = sources.map((source) => migrationVersion(path.posix.basename(source.path))).filter((v) => v !== undefined);
    const cache = LintCache.open(options.cacheFile);
    const now = new Date();
    const stored = cache.get(key, /** @type {string[]} */ (versions), now);
    const restored = stored === null ? null : restoreReport(stored, reportPaths, resolved.root);
    if (restored !== null) {
        return withUnreadableFolders(restored, unreadable, resolved.root);
    }
    const report = lint();
    const portable = { ...report, results: report.results.map((result) => ({ ...result, filePath: relativeOf(result.filePath) })) };
    const failure = cache.store(key, portable, now);
    if (failure !== null) {
        options.warn?.(`cannot write the cache ${options.cacheFile}: ${failure}`);
    }
    return withUnreadableFolders(report, unreadable, resolved.root);
}

/**
 * The migrations in view that existed at the merge base of the `--since` ref
 * and HEAD: they ran wherever that branch was deployed. Those the branch
 * changed carry their text there, for `no-applied-migration-edit`; the
 * others are unchanged, so their text is the one on disk.
 * @param {string} ref
 * @param {{ cwd: string, projectRoot: string, migrationsPath: string, inView: Map<string, boolean> }} where
 *   `inView`: whether each file in view (by engine path) changed since the ref
 * @returns {AppliedFile[]}
 * @throws {import("../errors.js").SupalintError}
 */
function appliedAtBase(ref, { cwd, projectRoot, migrationsPath, inView }) {
    // Only the changed ones are read from git: the others' text is the one on disk.
    const atBase = migrationsAt(ref, { cwd, projectRoot, migrationsPath, isWanted: (file) => inView.get(file) === true });
    const baseTexts = new Map(atBase.sources.map((source) => [source.path, source.text]));
    return atBase.paths
        .filter((file) => inView.has(file))
        .map((file) => {
            const baseText = baseTexts.get(file);
            return baseText === undefined ? { path: file } : { path: file, baseText };
        });
}

/**
 * A stored report as this run's, or null when it is not one well-formed lint result (no fix
 * output) for each path this run reports: the cache names files only by this run's list.
 * @param {LintReport} stored
 * @param {string[]} reportPaths relative to `root`
 * @param {string} root
 * @returns {LintReport | null}
 */
function restoreReport(stored, reportPaths, root) {
    const wanted = new Set(reportPaths);
    const seen = new Set();
    for (const result of stored.results) {
        const isLintResult =
            typeof result === "object" &&
            result !== null &&
            typeof result.filePath === "string" &&
            Array.isArray(result.messages) &&
            result.output === undefined &&
            result.fixRefused === undefined;
        if (!isLintResult || !wanted.has(result.filePath) || seen.has(result.filePath)) {
            return null;
        }
        seen.add(result.filePath);
    }
    if (seen.size !== wanted.size) {
        return null;
    }
    return { ...stored, results: stored.results.map((result) => ({ ...result, filePath: path.resolve(root, result.filePath) })) };
}

/**
 * The engine, with every request carrying the versions that existed at the `--since` ref.
 * @param {import("../api.js").Engine} engine
 * @param {string[]} sinceVersions
 * @returns {import("../api.js").Engine}
 */
function withSinceVersions(engine, sinceVersions) {
    return {
        ...engine,
        lint: (/** @type {LintRequest} */ request) => engine.lint({ ...request, sinceVersions }),
        fix: (/** @type {LintRequest} */ request) => engine.fix({ ...request, sinceVersions }),
    };
}

/** @type {string | undefined} */
let wasmDigest;

/**
 * A hash of the engine's WebAssembly: rules change between builds of one
 * crate version, and a stale cache must not hide a new rule's findings.
 * @returns {string}
 */
function wasmHash() {
    wasmDigest ??= sha256(readFileSync(new URL("../../wasm/supalint_bg.wasm", import.meta.url)));
    return wasmDigest;
}

/**
 * @returns {string}
 */
function packageVersion() {
    return JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")).version;
}
