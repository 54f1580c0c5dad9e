/**
 * @file One project as the language server sees it: its resolved
 * configuration (SPEC §5, looked up from a workspace folder or from a file's
 * folder) and the migrations on disk, read once and then kept up to date
 * file by file from the editor's change notifications.
 */

/** @import { ResolvedConfig, Source } from "../api.js" */

import { statSync } from "node:fs";
import path from "node:path";
import { loadConfig } from "../config/load-config.js";
import { listSqlFiles } from "../files/collect.js";
import { readSource } from "../files/read-source.js";
import { isSupalintError } from "../errors.js";

/**
 * Whether `target` is `dir` or lies below it.
 * @param {string} dir
 * @param {string} target
 * @returns {boolean}
 */
export function isInside(dir, target) {
    const relative = path.relative(dir, target);
    return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

export class Project {
    /**
     * @param {string} dir the folder the configuration lookup starts from (absolute)
     */
    constructor(dir) {
        /** The folder the configuration lookup starts from. */
        this.dir = dir;
        /** @type {ResolvedConfig | null} null while the configuration is unusable */
        this.resolved = null;
        /** @type {SupalintError | null} why the configuration is unusable */
        this.configError = null;
        /**
         * The migrations on disk, by absolute path, as the engine receives them.
         * @type {Map<string, Source>}
         */
        this.disk = new Map();
        /**
         * Texts the engine trapped on, by engine path, with the trap's message.
         * @type {Map<string, { text: string, reason: string }>}
         */
        this.crashes = new Map();
        /** The configuration file's modification time when it was read (for editors that do not report file changes). */
        this.configStamp = 0;
    }

    /**
     * (Re-)reads the configuration and the migrations folder.
     * @returns {void}
     * @throws {Error} anything but a configuration error
     */
    load() {
        this.disk = new Map();
        try {
            this.resolved = loadConfig(this.dir);
            this.configError = null;
            this.configStamp = stampOf(this.resolved.configPath);
        } catch (error) {
            if (!isSupalintError(error, "config")) {
                throw error;
            }
            this.resolved = null;
            this.configError = error;
            this.configStamp = stampOf(error.configPath);
            return;
        }
        for (const file of listSqlFiles(this.resolved.migrationsPath)) {
            this.disk.set(file, readSource(file, this.enginePath(file)));
        }
    }

    /**
     * Whether the configuration file changed since it was read.
     * @returns {boolean}
     */
    isConfigStale() {
        const configPath = this.resolved?.configPath ?? this.configError?.configPath ?? null;
        return configPath !== null && stampOf(configPath) !== this.configStamp;
    }

    /**
     * Marks the configuration unusable (the engine rejected it).
     * @param {SupalintError} error
     * @returns {void}
     */
    reject(error) {
        this.configError = error;
    }

    /**
     * Whether a file lies in the migrations folder (where the history applies).
     * @param {string} file absolute
     * @returns {boolean}
     */
    isMigration(file) {
        return this.resolved !== null && file.endsWith(".sql") && isInside(this.resolved.migrationsPath, file);
    }

    /**
     * Whether a file belongs to the project: its migrations, or anything under its root.
     * @param {string} file absolute
     * @returns {boolean}
     */
    contains(file) {
        return this.isMigration(file) || isInside(this.resolved?.root ?? this.dir, file);
    }

    /**
     * The path the engine sees: relative to the project root, `/` separators.
     * @param {string} file absolute
     * @returns {string}
     */
    enginePath(file) {
        const root = this.resolved?.root ?? this.dir;
        return path.relative(root, file).split(path.sep).join("/");
    }

    /**
     * Reads one migration again after it changed on disk (or drops it when it is gone).
     * @param {string} file absolute
     * @returns {boolean} whether it is one of this project's migrations
     */
    refreshFile(file) {
        if (!this.isMigration(file)) {
            return false;
        }
        const source = readSource(file, this.enginePath(file));
        if (source.problem?.messageId === "unreadable") {
            this.disk.delete(file);
        } else {
            this.disk.set(file, source);
        }
        return true;
    }

    /**
     * Whether a change to this file changes the configuration: a
     * configuration file, `package.json`, `supabase/config.toml`, or the
     * `storageBucketsFile`.
     * @param {string} file absolute
     * @returns {boolean}
     */
    isConfigInput(file) {
        const name = path.basename(file);
        if (/^supalint\.config\.(?:json|js|mjs)$/u.test(name) || name === "package.json" || name === "config.toml") {
            return true;
        }
        const buckets = this.resolved?.config.storageBucketsFile;
        return buckets !== undefined && this.resolved !== null && path.resolve(this.resolved.root, buckets) === file;
    }
}

/**
 * A file's modification time, 0 when there is none.
 * @param {string | null} file
 * @returns {number}
 */
function stampOf(file) {
    if (file === null) {
        return 0;
    }
    try {
        return statSync(file).mtimeMs;
    } catch {
        return 0;
    }
}
