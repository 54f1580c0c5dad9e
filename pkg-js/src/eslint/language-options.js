/**
 * @file The `languageOptions` of `supalint/sql`: the engine's project options
 * (SPEC §5), checked by the engine itself so ESLint reports the same errors
 * as the `supalint` command, and turned into the configuration each
 * `parse()` hands the engine.
 */

/** @import { EngineConfig } from "../api.js" */

import { statSync } from "node:fs";
import path from "node:path";
import { checkConfigData } from "../config/config-keys.js";
import { resolveRegisteredBuckets } from "../config/registered-buckets.js";
import { readExposedSchemas } from "../config/supabase-toml.js";
import { engine } from "../engine/node.js";

/**
 * The options `supalint/sql` reads from `languageOptions`.
 * @typedef {object} SqlLanguageOptions
 * @property {string} [migrationsDir] the migrations folder, relative to ESLint's working directory or absolute; default: the nearest `supabase/migrations` folder above each file, else the file's own folder
 * @property {string[]} [exposedSchemas] schemas the Data API exposes (default: `[api] schemas` of the `config.toml` beside the migrations folder, else `["public"]`)
 * @property {string | null} [adminFunction] the super-admin check policies should call (default `"public.is_super_admin"`)
 * @property {string[]} [authorizationFunctions] functions that count as an authorization check in `SECURITY DEFINER` bodies
 * @property {string[]} [revokeRoles] roles a new table's privileges must be revoked from
 * @property {string[]} [seedTables] tables whose `INSERT`s need `ON CONFLICT`
 * @property {string[] | null} [registeredBuckets] storage bucket ids the application registers
 * @property {string} [storageBucketsFile] the TypeScript file whose `StorageBuckets` constant lists them (relative to ESLint's working directory or absolute); `registeredBuckets` wins
 * @property {string[]} [versionSuffixWords] words a migration description must not end with
 * @property {string | null} [frozenBefore] a 14-digit migration version: that migration and older ones already ran, so their fixes become suggestions
 */

/** The project options of the engine's configuration schema: the keys `supalint/sql` reads. */
const PROJECT_OPTIONS = engine.configSchema().filter((entry) => entry.group === "project");

/** The keys the engine validates and receives as they are. */
const ENGINE_KEYS = PROJECT_OPTIONS.filter((entry) => entry.type !== "path").map((entry) => entry.key);

/** The paths, which are resolved here (against ESLint's working directory) before the engine sees them. */
const PATH_KEYS = PROJECT_OPTIONS.filter((entry) => entry.type === "path").map((entry) => entry.key);

/** Every key `supalint/sql` reads. */
const LANGUAGE_OPTION_KEYS = [...ENGINE_KEYS, ...PATH_KEYS];

/**
 * Keys of ESLint's JavaScript language. A flat config object without `files`
 * merges its `languageOptions` into every file, ours included, so these are
 * ignored rather than rejected.
 */
const JAVASCRIPT_KEYS = new Set(["ecmaVersion", "sourceType", "globals", "parser", "parserOptions"]);

/**
 * Throws on an unknown key or a value the engine rejects.
 * @param {Record<string, unknown>} languageOptions
 * @returns {void}
 * @throws {Error} naming the key
 */
export function validateLanguageOptions(languageOptions) {
    /** @type {string[]} */
    const problems = [];
    for (const key of Object.keys(languageOptions)) {
        if (!LANGUAGE_OPTION_KEYS.includes(key) && !JAVASCRIPT_KEYS.has(key)) {
            problems.push(`unknown key \`${key}\`; supalint/sql reads ${LANGUAGE_OPTION_KEYS.map((known) => `\`${known}\``).join(", ")}`);
        }
    }
    for (const key of PATH_KEYS) {
        if (key in languageOptions && typeof languageOptions[key] !== "string") {
            problems.push(`\`${key}\` must be a string (a path)`);
        }
    }
    /** @type {Record<string, unknown>} */
    const config = {};
    for (const key of ENGINE_KEYS) {
        if (key in languageOptions) {
            config[key] = languageOptions[key];
        }
    }
    // Plain JSON data first: a cycle or a deep nesting would overflow the engine's stack.
    const dataProblems = checkConfigData(config);
    problems.push(...dataProblems.map((problem) => `\`${problem.key}\` ${problem.message.replace(/\.$/u, "")}`));
    if (dataProblems.length === 0) {
        const { configErrors } = engine.lint({ files: [], config });
        problems.push(...configErrors.map((error) => error.message));
    }
    if (problems.length > 0) {
        throw new Error(`Invalid languageOptions for supalint/sql: ${problems.join("; ")}.`);
    }
}

/** `config.toml` files read, by path, with the modification time they were read at. */
const tomlCache = new Map();

/**
 * The `[api] schemas` of a Supabase `config.toml`, read again only when it changes.
 * @param {string} file absolute
 * @returns {string[] | null}
 * @throws {Error} when the file is not valid TOML
 */
function exposedSchemasFrom(file) {
    let mtimeMs;
    try {
        mtimeMs = statSync(file).mtimeMs;
    } catch {
        return null;
    }
    const cached = tomlCache.get(file);
    if (cached?.mtimeMs === mtimeMs) {
        return cached.schemas;
    }
    const schemas = readExposedSchemas(file);
    tomlCache.set(file, { mtimeMs, schemas });
    return schemas;
}

/**
 * The engine configuration for one file: every rule on (ESLint's own
 * configuration decides which findings it reports, and how severely), the
 * project options, and the migrations folder as the engine sees it. As with
 * the `supalint` command, `exposedSchemas` defaults to `[api] schemas` of the
 * `config.toml` beside the migrations folder.
 * @param {Record<string, unknown>} languageOptions already validated
 * @param {object} where
 * @param {string} where.migrationsDir the migrations folder relative to the engine's project root, `/` separators
 * @param {string | null} where.migrationsPath the migrations folder on disk (absolute), or null for a file that is not on disk
 * @param {string} where.cwd where relative option paths start
 * @returns {EngineConfig}
 * @throws {Error} when the `config.toml` is not valid TOML
 */
export function engineConfig(languageOptions, { migrationsDir, migrationsPath, cwd }) {
    /** @type {Record<string, unknown>} */
    const config = { extends: "all", migrationsDir };
    for (const key of ENGINE_KEYS) {
        if (key in languageOptions) {
            config[key] = languageOptions[key];
        }
    }
    if (!("exposedSchemas" in config) && migrationsPath !== null) {
        const schemas = exposedSchemasFrom(path.join(path.dirname(migrationsPath), "config.toml"));
        if (schemas) {
            config.exposedSchemas = schemas;
        }
    }
    const bucketsFile = languageOptions.storageBucketsFile;
    if (!("registeredBuckets" in config) && typeof bucketsFile === "string") {
        config.registeredBuckets = resolveRegisteredBuckets(bucketsFile, cwd);
    }
    return /** @type {EngineConfig} */ (config);
}
