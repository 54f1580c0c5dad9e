/**
 * @file The `--cache` file: the results of recent runs, each under a key
 * that hashes everything a result depends on (see `cacheKey`). A run whose
 * key is stored gets the stored results, byte for byte what linting would
 * give; any other run lints and stores its results.
 *
 * Cross-file rules make every file depend on all the others, so the key
 * covers the content of every file in view (the whole history), not just
 * the reported ones: editing, adding, removing or renaming any migration
 * re-lints. The engine is fast; reading and hashing the files is the whole
 * cost of a warm run.
 *
 * A file that cannot be read or parsed, or has another format, is ignored
 * and rewritten.
 */

/** @import { LintReport } from "../api.js" */

import { createHash } from "node:crypto";
import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { readRegularFile } from "../files/regular-file.js";

/** The default `--cache-location`. */
const DEFAULT_CACHE_LOCATION = ".supalintcache";

/** The format of the cache file; another number is a cache from another format. */
const FORMAT = 1;

/**
 * Runs remembered, the most recent first: a few option sets or `--since`
 * refs. Every run reads the whole file, so few stay cheap to parse.
 */
const MAX_ENTRIES = 4;

/** A cache file larger than this (or not a regular file: a FIFO would block) is not read. */
const MAX_CACHE_BYTES = 256 * 1024 * 1024;

/**
 * Time-based rules compare migration versions with the clock: the only one,
 * `no-future-timestamp`, flags a version later than now plus a day. A
 * stored run is stale once some version has crossed that line since it was
 * linted; `TIME_SLACK_MS` widens the window on both sides.
 */
const FUTURE_MARGIN_MS = 24 * 60 * 60 * 1000;
const TIME_SLACK_MS = 60 * 60 * 1000;

/**
 * A stored run.
 * @typedef {object} CacheEntry
 * @property {string} key
 * @property {string} createdAt ISO-8601 UTC: when it was linted
 * @property {LintReport} report with `filePath`s relative to the project root
 */

/**
 * The cache file for a `--cache-location`: the path itself, or a
 * `.supalintcache` file inside it when it is a folder (or ends with a
 * separator), as ESLint reads its `--cache-location`.
 * @param {string | undefined} location
 * @param {string} cwd
 * @returns {string} absolute
 */
export function cacheFilePath(location, cwd) {
    const given = location ?? DEFAULT_CACHE_LOCATION;
    const full = path.resolve(cwd, given);
    const isFolder = /[\\/]$/u.test(given) || (existsSync(full) && statSync(full).isDirectory());
    return isFolder ? path.join(full, DEFAULT_CACHE_LOCATION) : full;
}

/**
 * The key of a run: a SHA-256 of everything its results depend on, in a
 * canonical JSON form (object keys sorted).
 * @param {unknown} parts
 * @returns {string}
 */
export function cacheKey(parts) {
    return sha256(canonicalJson(parts));
}

/**
 * @param {string | Uint8Array} data
 * @returns {string} hex
 */
export function sha256(data) {
    return createHash("sha256").update(data).digest("hex");
}

/**
 * JSON with object keys in sorted order, so equal values give equal text.
 * @param {unknown} value
 * @returns {string}
 */
function canonicalJson(value) {
    if (Array.isArray(value)) {
        return `[${value.map(canonicalJson).join(",")}]`;
    }
    if (typeof value === "object" && value !== null) {
        const entries = Object.entries(value)
            .filter(([, v]) => v !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
    }
    return JSON.stringify(value) ?? "null";
}

/** The runs stored in one cache file. */
export class LintCache {
    /**
     * @param {string} file absolute path of the cache file
     * @param {CacheEntry[]} entries
     */
    constructor(file, entries) {
        /** @type {string} */
        this.file = file;
        /** @type {CacheEntry[]} */
        this.entries = entries;
    }

    /**
     * Reads a cache file; a missing, unreadable or corrupt one is an empty cache.
     * @param {string} file absolute
     * @returns {LintCache}
     */
    static open(file) {
        let entries = [];
        try {
            const data = JSON.parse(readRegularFile(file, MAX_CACHE_BYTES).toString("utf8"));
            if (data?.format === FORMAT && Array.isArray(data.entries) && data.entries.every(isEntry)) {
                entries = data.entries;
            }
        } catch {
            // No cache yet, or one that cannot be used: start afresh.
        }
        return new LintCache(file, entries);
    }

    /**
     * The stored report of a run, unless time-based rules could judge it
     * differently now: some migration version crossed "now plus a day"
     * between when it was linted and now.
     * @param {string} key
     * @param {string[]} versions the 14-digit versions of the files in view
     * @param {Date} now
     * @returns {LintReport | null}
     */
    get(key, versions, now) {
        const entry = this.entries.find((candidate) => candidate.key === key);
        if (entry === undefined) {
            return null;
        }
        const linted = new Date(entry.createdAt);
        if (!(linted.getTime() <= now.getTime())) {
            return null;
        }
        const from = toVersion(new Date(linted.getTime() + FUTURE_MARGIN_MS - TIME_SLACK_MS));
        const to = toVersion(new Date(now.getTime() + FUTURE_MARGIN_MS + TIME_SLACK_MS));
        return versions.some((version) => version > from && version <= to) ? null : entry.report;
    }

    /**
     * Stores a run's report (replacing an older one under the same key) and
     * writes the file. A cache that cannot be written only costs speed: the
     * reason is returned, not thrown.
     * @param {string} key
     * @param {LintReport} report
     * @param {Date} now when it was linted
     * @returns {string | null} why the file could not be written, or null
     */
    store(key, report, now) {
        this.entries = [{ key, createdAt: now.toISOString(), report }, ...this.entries.filter((entry) => entry.key !== key)].slice(0, MAX_ENTRIES);
        const temporary = `${this.file}.${process.pid}.tmp`;
        try {
            mkdirSync(path.dirname(this.file), { recursive: true });
            writeFileSync(temporary, JSON.stringify({ format: FORMAT, entries: this.entries }));
            renameSync(temporary, this.file);
            return null;
        } catch (error) {
            try {
                rmSync(temporary, { force: true });
            } catch {
                // Its folder could not be made either: there is nothing to remove.
            }
            return error instanceof Error ? error.message : String(error);
        }
    }
}

/**
 * @param {unknown} value
 * @returns {value is CacheEntry}
 */
function isEntry(value) {
    const entry = /** @type {Partial<CacheEntry>} */ (value);
    return (
        typeof entry === "object" &&
        entry !== null &&
        typeof entry.key === "string" &&
        typeof entry.createdAt === "string" &&
        typeof entry.report === "object" &&
        entry.report !== null &&
        Array.isArray(entry.report.results)
    );
}

/**
 * `YYYYMMDDHHMMSS` in UTC, comparable with migration versions as text.
 * @param {Date} date
 * @returns {string}
 */
function toVersion(date) {
    return date.toISOString().slice(0, 19).replace(/\D/gu, "");
}
