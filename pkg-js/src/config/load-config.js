/**
 * @file Resolves the configuration the engine receives: finds and reads the
 * file, sets the project root, and fills the defaults that depend on the file
 * system (`migrationsDir`, `exposedSchemas`, `registeredBuckets`).
 */

/** @import { EngineConfig, ResolvedConfig, SupalintConfig } from "../api.js" */

import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { engine } from "../engine/node.js";
import { checkJsKeys } from "./config-keys.js";
import { findConfigFile } from "./find-config-file.js";
import { readConfigFile } from "./read-config-file.js";
import { resolveRegisteredBuckets } from "./registered-buckets.js";
import { readExposedSchemas } from "./supabase-toml.js";
import { configError, isSupalintError } from "../errors.js";

/**
 * Finds, reads and resolves the configuration.
 * @param {string} [from] a configuration file, or a folder to search upwards from (default: the working directory)
 * @returns {ResolvedConfig}
 * @throws {SupalintError} when the configuration is unusable
 */
export function loadConfig(from = process.cwd()) {
    const target = path.resolve(from);
    let configPath;
    if (existsSync(target) && statSync(target).isDirectory()) {
        configPath = findConfigFile(target);
    } else if (existsSync(target)) {
        configPath = target;
    } else {
        throw configError([{ key: "", message: "the configuration file does not exist." }], target);
    }
    if (configPath === null) {
        return resolveConfig({}, target, null);
    }
    return resolveConfig(readConfigFile(configPath), path.dirname(configPath), configPath);
}

/**
 * Resolves a configuration object against a project root.
 * @param {unknown} userConfig the configuration as the user wrote it
 * @param {string} root absolute project root: the configuration file's folder
 * @param {string | null} configPath where it came from
 * @returns {ResolvedConfig}
 * @throws {SupalintError} when a key that JavaScript reads has the wrong type
 */
export function resolveConfig(userConfig, root, configPath) {
    const problems = checkJsKeys(userConfig, engine.configSchema());
    if (problems.length > 0) {
        throw configError(problems, configPath);
    }
    const written = /** @type {SupalintConfig} */ (userConfig);
    const migrationsDir = toPosix(written.migrationsDir ?? findMigrationsDir(root) ?? "supabase/migrations");
    const migrationsPath = path.resolve(root, migrationsDir);
    /** @type {EngineConfig} */
    const config = { ...written, migrationsDir };
    if (written.exposedSchemas === undefined) {
        try {
            config.exposedSchemas = readExposedSchemas(path.join(path.dirname(migrationsPath), "config.toml")) ?? ["public"];
        } catch (error) {
            throw isSupalintError(error, "config") ? configError(error.problems, configPath) : error;
        }
    }
    if (written.registeredBuckets === undefined) {
        try {
            config.registeredBuckets = resolveRegisteredBuckets(written.storageBucketsFile, root);
        } catch (error) {
            throw isSupalintError(error, "config") ? configError(error.problems, configPath) : error;
        }
    }
    return { root, configPath, migrationsPath, config };
}

/**
 * The default migrations folder: `supabase/migrations`, else the first
 * `apps/<name>/supabase/migrations` by name, relative to `root`.
 * @param {string} root
 * @returns {string | null}
 */
export function findMigrationsDir(root) {
    if (isDirectory(path.join(root, "supabase", "migrations"))) {
        return "supabase/migrations";
    }
    const apps = path.join(root, "apps");
    if (!isDirectory(apps)) {
        return null;
    }
    for (const name of readdirSync(apps).sort()) {
        if (isDirectory(path.join(apps, name, "supabase", "migrations"))) {
            return `apps/${name}/supabase/migrations`;
        }
    }
    return null;
}

/**
 * @param {string} dir
 * @returns {boolean}
 */
function isDirectory(dir) {
    return existsSync(dir) && statSync(dir).isDirectory();
}

/**
 * A relative path with `/` separators and no trailing slash.
 * @param {string} value
 * @returns {string}
 */
function toPosix(value) {
    return value.split(path.sep).join("/").replace(/\/+$/u, "") || ".";
}
