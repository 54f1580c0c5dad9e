/**
 * @file Lints one migration as ESLint hands it over, with its history.
 *
 * ESLint gives a language one file at a time, but cross-file rules need the
 * whole ordered set of migrations (SPEC §2). So each file is linted together
 * with the `.sql` files of its migrations folder, read from disk, while only
 * the file itself is reported. The folder is read once per process and read
 * again only when a file's size or modification time changes.
 *
 * Linting a file analyses its whole history, so a folder of N migrations
 * would cost N² file analyses. Once a second file of the same unchanged
 * folder is linted, the folder is therefore linted in one engine call with
 * every file reported, and the other files take their findings from that.
 * A file whose text differs from the disk (an editor buffer, a `--fix` pass,
 * standard input) is always linted on its own, its text standing in for the
 * disk's in the history.
 */

/** @import { Diagnostic, EngineConfig, LintRequest } from "../api.js" */

import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { callIsolatingTraps } from "../engine/isolate-traps.js";
import { engine } from "../engine/node.js";
import { MAX_SOURCE_BYTES, sourceFromBytes } from "../files/read-source.js";
import { readRegularFile } from "../files/regular-file.js";
import { withFixesAsSuggestions } from "../withheld-fixes.js";

/**
 * Where a migration sits, as the engine sees it.
 * @typedef {object} MigrationLocation
 * @property {string} root the engine's project root (absolute)
 * @property {string} migrationsDir the migrations folder relative to `root`, `/` separators
 * @property {string} enginePath the file relative to `root`, `/` separators
 * @property {string} historyDir the folder whose `.sql` files are the history (absolute)
 */

/**
 * @typedef {object} CachedFile
 * @property {number} mtimeMs
 * @property {number} size
 * @property {string | null} text null when the file is not UTF-8 text (it stays out of the history)
 */

/**
 * A migrations folder as last read.
 * @typedef {object} FolderSnapshot
 * @property {string} signature every `.sql` file's path, mtime and size
 * @property {Map<string, CachedFile>} files by absolute path
 * @property {Map<string, FolderBatch>} batches by project root and engine configuration
 */

/**
 * @typedef {object} FolderBatch
 * @property {Set<string>} linted engine paths linted one by one so far
 * @property {Map<string, Diagnostic[] | Error> | null} results every file's findings (or why it has none), once the folder was linted whole
 */

/**
 * What the engine found in one file.
 * @typedef {object} MigrationLint
 * @property {string} enginePath the path the engine saw
 * @property {string[]} history the engine paths of every file in the run, this one included
 * @property {Diagnostic[]} diagnostics
 */

/** @type {Map<string, FolderSnapshot>} */
const snapshots = new Map();

/**
 * @param {string} file
 * @returns {string}
 */
function toPosix(file) {
    return file.split(path.sep).join("/");
}

/**
 * @param {string} text
 * @returns {string}
 */
function stripBom(text) {
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Finds the engine's project root and migrations folder for a file: the
 * configured folder (relative to `cwd`; the root is `cwd` when the folder is
 * inside it, else the folder's parent), else the nearest `supabase/migrations`
 * folder above the file (the root is the folder holding `supabase`), else the
 * file's own folder (the root is its parent).
 * @param {string} file absolute path
 * @param {string | undefined} migrationsDirOption
 * @param {string} cwd
 * @returns {MigrationLocation}
 */
export function locateMigration(file, migrationsDirOption, cwd) {
    let root;
    let migrationsPath;
    if (migrationsDirOption !== undefined) {
        migrationsPath = path.resolve(cwd, migrationsDirOption);
        root = isInside(cwd, migrationsPath) ? cwd : path.dirname(migrationsPath);
    } else {
        migrationsPath = path.dirname(file);
        for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
            if (path.basename(dir) === "migrations" && path.basename(path.dirname(dir)) === "supabase") {
                migrationsPath = dir;
                break;
            }
        }
        root = migrationsPath.endsWith(`${path.sep}supabase${path.sep}migrations`)
            ? path.dirname(path.dirname(migrationsPath))
            : path.dirname(migrationsPath);
    }
    return {
        root,
        migrationsDir: toPosix(path.relative(root, migrationsPath)) || ".",
        enginePath: toPosix(path.relative(root, file)),
        historyDir: isInside(migrationsPath, file) ? migrationsPath : path.dirname(file),
    };
}

/**
 * Whether `target` is `dir` or lies below it.
 * @param {string} dir
 * @param {string} target
 * @returns {boolean}
 */
function isInside(dir, target) {
    const relative = path.relative(dir, target);
    return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

/**
 * The `.sql` files directly in a folder, read again only where one changed.
 * @param {string} dir absolute
 * @returns {FolderSnapshot}
 */
function readFolder(dir) {
    /** @type {[string, import("node:fs").Stats][]} */
    const stats = [];
    let entries;
    try {
        entries = readdirSync(dir, { withFileTypes: true });
    } catch {
        entries = [];
    }
    for (const entry of entries) {
        if (!entry.name.endsWith(".sql")) {
            continue;
        }
        const file = path.join(dir, entry.name);
        try {
            const stat = statSync(file);
            if (stat.isFile()) {
                stats.push([file, stat]);
            }
        } catch {
            // Removed since the listing, or a broken link: not part of the history.
        }
    }
    stats.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const signature = stats.map(([file, stat]) => `${file}\0${stat.mtimeMs}\0${stat.size}`).join("\n");
    const previous = snapshots.get(dir);
    if (previous?.signature === signature) {
        return previous;
    }
    /** @type {Map<string, CachedFile>} */
    const files = new Map();
    for (const [file, stat] of stats) {
        const known = previous?.files.get(file);
        if (known && known.mtimeMs === stat.mtimeMs && known.size === stat.size) {
            files.set(file, known);
            continue;
        }
        let text = null;
        try {
            const source = sourceFromBytes(readRegularFile(file, MAX_SOURCE_BYTES), file);
            text = source.text === undefined ? null : stripBom(source.text);
        } catch {
            text = null;
        }
        files.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, text });
    }
    /** @type {FolderSnapshot} */
    const snapshot = { signature, files, batches: new Map() };
    snapshots.set(dir, snapshot);
    return snapshot;
}

/**
 * Files that made the engine trap, by engine path, with the text that did.
 * @type {Map<string, { text: string, reason: string }>}
 */
const crashedTexts = new Map();

/**
 * Runs the engine, with `supalint-disable…` directives on unless told
 * otherwise; `eslint-disable…` ones are ESLint's to apply. A file that makes
 * the engine trap is left out (and its history linted without it), as the
 * CLI does, so one such file neither loses the others' findings nor leaves a
 * trapped engine for the rest of the ESLint process. Such a file is
 * remembered with its text and left out of later calls up front: each trap
 * uses up one of the engine's few spare instances.
 * @param {{ path: string, text: string }[]} files
 * @param {EngineConfig} config
 * @param {string[] | undefined} reportPaths
 * @param {boolean} inlineConfig
 * @returns {Map<string, Diagnostic[] | Error>} by engine path: the findings, or why there are none
 * @throws {Error} when the engine rejects the configuration
 */
function runEngine(files, config, reportPaths, inlineConfig) {
    const known = files.filter((file) => crashedTexts.get(file.path)?.text === file.text);
    /** @type {LintRequest} */
    const request = {
        files: files.filter((file) => !known.includes(file)),
        config,
        inlineConfig,
        eslintDirectives: false,
        now: new Date().toISOString(),
    };
    if (reportPaths) {
        request.reportPaths = reportPaths.filter((reported) => !known.some((file) => file.path === reported));
    }
    const { response, crashed } = callIsolatingTraps(engine, "lint", request);
    for (const [path, reason] of crashed) {
        const text = files.find((file) => file.path === path)?.text ?? "";
        crashedTexts.set(path, { text, reason });
    }
    if (response.configErrors.length > 0) {
        throw new Error(response.configErrors.map((error) => error.message).join("; "));
    }
    /** @type {Map<string, Diagnostic[] | Error>} */
    const byPath = new Map(
        response.results.map((result) => [result.path, result.frozen === undefined ? result.diagnostics : withFixesAsSuggestions(result.diagnostics, result.frozen)]),
    );
    for (const file of files) {
        const crash = crashedTexts.get(file.path);
        if (crash?.text === file.text) {
            byPath.set(file.path, new Error(`supalint's engine crashed on this file (${crash.reason})`));
        }
    }
    return byPath;
}

/**
 * The findings of `enginePath` in `results`.
 * @param {Map<string, Diagnostic[] | Error>} results
 * @param {string} enginePath
 * @returns {Diagnostic[]}
 * @throws {Error} when the engine crashed on the file
 */
function findingsOf(results, enginePath) {
    const found = results.get(enginePath) ?? [];
    if (found instanceof Error) {
        throw found;
    }
    return found;
}

/**
 * Lints one migration with its history.
 * @param {object} input
 * @param {string} input.filePath as ESLint names the file: absolute for files on disk; anything else (`<input>`, a relative name) is linted alone
 * @param {string} input.text the text ESLint lints (BOM removed)
 * @param {(location: MigrationLocation | null) => EngineConfig} input.configFor the engine configuration for a file's location (null: not on disk)
 * @param {string | undefined} input.migrationsDirOption
 * @param {string} input.cwd
 * @param {boolean} input.inlineConfig whether `supalint-disable…` comments apply
 * @returns {MigrationLint}
 * @throws {Error} when the engine rejects the configuration or fails
 */
export function lintMigration({ filePath, text, configFor, migrationsDirOption, cwd, inlineConfig }) {
    if (!path.isAbsolute(filePath)) {
        const enginePath = toPosix(filePath);
        const results = runEngine([{ path: enginePath, text }], configFor(null), undefined, inlineConfig);
        return { enginePath, history: [enginePath], diagnostics: findingsOf(results, enginePath) };
    }

    const location = locateMigration(filePath, migrationsDirOption, cwd);
    const snapshot = readFolder(location.historyDir);
    const config = configFor(location);
    const toEnginePath = (/** @type {string} */ file) => toPosix(path.relative(location.root, file));

    /** @type {{ path: string, text: string }[]} */
    const files = [];
    for (const [file, cached] of snapshot.files) {
        if (file === filePath) {
            files.push({ path: location.enginePath, text });
        } else if (cached.text !== null) {
            files.push({ path: toEnginePath(file), text: cached.text });
        }
    }
    if (!snapshot.files.has(filePath)) {
        files.push({ path: location.enginePath, text });
    }
    const history = files.map((file) => file.path);

    if (snapshot.files.get(filePath)?.text !== text) {
        const results = runEngine(files, config, [location.enginePath], inlineConfig);
        return { enginePath: location.enginePath, history, diagnostics: findingsOf(results, location.enginePath) };
    }

    const key = `${location.root}\0${inlineConfig}\0${JSON.stringify(config)}`;
    let batch = snapshot.batches.get(key);
    if (!batch) {
        batch = { linted: new Set(), results: null };
        snapshot.batches.set(key, batch);
    }
    if (!batch.results && batch.linted.size > 0 && !batch.linted.has(location.enginePath)) {
        batch.results = runEngine(files, config, undefined, inlineConfig);
    }
    if (batch.results) {
        return { enginePath: location.enginePath, history, diagnostics: findingsOf(batch.results, location.enginePath) };
    }
    batch.linted.add(location.enginePath);
    const results = runEngine(files, config, [location.enginePath], inlineConfig);
    return { enginePath: location.enginePath, history, diagnostics: findingsOf(results, location.enginePath) };
}
