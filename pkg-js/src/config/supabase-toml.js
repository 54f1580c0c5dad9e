/**
 * @file Reads the exposed schemas from a Supabase project's `config.toml`
 * (`[api] schemas`), the default for `exposedSchemas`.
 */

import { createRequire } from "node:module";
import { CONFIG_FILE_LIMIT, readRegularFile } from "../files/regular-file.js";
import { configError, isSupalintError } from "../errors.js";

// smol-toml's one-file CommonJS build, loaded when a config.toml exists: its ESM
// build is nine modules, which cost every CLI start about 10 ms.
const require = createRequire(import.meta.url);

/**
 * The `[api] schemas` list of a Supabase `config.toml`, or `null` when the
 * file does not exist or does not set it.
 * @param {string} file absolute path of `supabase/config.toml`
 * @returns {string[] | null}
 * @throws {SupalintError} when the file exists but is not valid TOML, or not a regular file
 */
export function readExposedSchemas(file) {
    let text;
    try {
        text = readRegularFile(file, CONFIG_FILE_LIMIT).toString("utf8");
    } catch (error) {
        if (isSupalintError(error, "files") && error.fileKind !== "unreadable") {
            throw configError([{ key: "exposedSchemas", message: `cannot read its default from ${file}: ${error.message}.` }]);
        }
        return null;
    }
    let toml;
    try {
        toml = /** @type {typeof import("smol-toml")} */ (require("smol-toml")).parse(text);
    } catch (error) {
        const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
        throw configError([{ key: "exposedSchemas", message: `cannot read its default from ${file}: ${reason}` }]);
    }
    const api = toml.api;
    const schemas = typeof api === "object" && api !== null && !Array.isArray(api) ? api.schemas : undefined;
    if (Array.isArray(schemas) && schemas.every((schema) => typeof schema === "string")) {
        return /** @type {string[]} */ (schemas);
    }
    return null;
}
