/**
 * @file `supalint init`: sets a project up in one command. Finds the
 * migrations folder, the exposed schemas (`supabase/config.toml`), the
 * storage bucket registry and the newest migration (`frozenBefore`: it and the
 * older ones already ran, so `--fix` leaves them alone), writes
 * `supalint.config.json` with them, and adds
 * `"lint:migrations": "supalint"` to `package.json` (an edit in place: its
 * indentation, key order and line endings stay). Running it again changes
 * nothing; an existing configuration is only replaced with `--force`.
 * Exit codes: 0 done, 2 usage or configuration error.
 */

/** @import { CommandIo } from "./command-io.js" */
/** @import { SupalintConfig } from "../../api.js" */

import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseCommandArgs } from "../parse-args.js";
import { globSync } from "tinyglobby";
import { CONFIG_FILE_NAMES } from "../../config/find-config-file.js";
import { findMigrationsDir } from "../../config/load-config.js";
import { readExposedSchemas } from "../../config/supabase-toml.js";
import { listMigrations } from "../../db/migration-files.js";
import { migrationVersion } from "../../files/migration-version.js";
import { messageOf, reportFailure } from "./command-io.js";
import { SupalintError } from "../../errors.js";

/** The text of `supalint init --help`. */
const INIT_HELP = `Usage: supalint init [--force] [--migrations-dir <path>]

Sets supalint up in the current folder:
- writes supalint.config.json with the migrations folder it finds
  (supabase/migrations, then apps/*/supabase/migrations), the exposed schemas
  of supabase/config.toml ([api] schemas), and the TypeScript file that
  declares the StorageBuckets constant, if there is one, and frozenBefore:
  the newest migration's version (that one and older ones have run
  somewhere, so --fix leaves them alone);
- adds "lint:migrations": "supalint" to the scripts of package.json, keeping
  its indentation and key order.
Running it again changes nothing. An existing configuration is kept.

Options:
      --force                 Replace an existing configuration
      --migrations-dir <path> The migrations folder, when it is somewhere else
  -h, --help                  Show this help

Exit codes: 0 done, 2 usage or configuration error.
`;

/** The configuration file `init` writes. */
const CONFIG_FILE = "supalint.config.json";

/** The script `init` adds to `package.json`. */
const SCRIPT_NAME = "lint:migrations";
const SCRIPT_COMMAND = "supalint";

/** Folders never searched for the bucket registry. */
const SKIPPED_FOLDERS = ["node_modules", ".git", "dist", "build", "out", "coverage", ".next", ".turbo", ".vercel", ".svelte-kit", ".nuxt"];

/** A TypeScript file that declares the bucket registry. */
const BUCKET_REGISTRY = /\b(?:const|enum)\s+StorageBuckets\b/u;

/** Larger TypeScript files are generated code, not a registry. */
const MAX_SOURCE_BYTES = 512 * 1024;

/**
 * @typedef {object} InitArgs
 * @property {boolean} help
 * @property {boolean} force
 * @property {string | undefined} migrationsDir
 */

/**
 * Runs `supalint init`.
 * @param {string[]} argv the arguments after `init`
 * @param {CommandIo} io
 * @returns {Promise<0 | 2>} the exit code
 */
export async function runInit(argv, io) {
    let args;
    try {
        args = parseInitArgs(argv);
    } catch (error) {
        return reportFailure(error, io, { command: "init", usageHint: true });
    }
    if (args.help) {
        io.stdout.write(INIT_HELP);
        return 0;
    }
    try {
        init(args, io);
        return 0;
    } catch (error) {
        return reportFailure(error, io, { command: "init" });
    }
}

/**
 * @param {string[]} argv
 * @returns {InitArgs}
 */
function parseInitArgs(argv) {
    const { values, positionals } = parseCommandArgs({
        args: argv,
        allowPositionals: true,
        strict: true,
        options: {
            force: { type: "boolean" },
            "migrations-dir": { type: "string" },
            help: { type: "boolean", short: "h" },
        },
    });
    if (positionals.length > 0) {
        throw new SupalintError("usage", `takes no paths (got "${positionals[0]}"); run it in the project's folder.`);
    }
    return { help: Boolean(values.help), force: Boolean(values.force), migrationsDir: values["migrations-dir"] };
}

/**
 * @param {InitArgs} args
 * @param {CommandIo} io
 * @returns {void}
 */
function init(args, io) {
    const root = io.cwd;
    const existing = existingConfig(root);
    if (existing !== null && !args.force) {
        io.stdout.write(`${existing} already configures supalint: left as it is (--force replaces it).\n`);
    } else {
        const { config, notes } = detectConfig(root, args.migrationsDir);
        const text = `${JSON.stringify(config, null, 2)}\n`;
        const file = path.join(root, CONFIG_FILE);
        const unchanged = existsSync(file) && readFileSync(file, "utf8") === text;
        if (!unchanged) {
            writeFileSync(file, text);
        }
        io.stdout.write(`${unchanged ? "Kept" : existing === null ? "Created" : "Replaced"} ${CONFIG_FILE}:\n${notes.map((note) => `  ${note}\n`).join("")}`);
        if (existing !== null && existing !== CONFIG_FILE) {
            io.stdout.write(`  ${CONFIG_FILE} now takes precedence over ${existing}.\n`);
        }
    }
    io.stdout.write(`${addLintScript(root)}\n`);
}

/**
 * The configuration already in the folder: a configuration file, or a
 * `package.json` with a `"supalint"` key.
 * @param {string} root
 * @returns {string | null} its name
 */
function existingConfig(root) {
    const name = CONFIG_FILE_NAMES.find((candidate) => isFile(path.join(root, candidate)));
    if (name !== undefined) {
        return name;
    }
    const manifest = readPackageJson(root);
    return manifest !== null && isObject(manifest.json) && "supalint" in manifest.json ? "the \"supalint\" key of package.json" : null;
}

/**
 * What the project looks like, as a configuration, with a line about each finding.
 * @param {string} root
 * @param {string | undefined} migrationsDirArg
 * @returns {{ config: SupalintConfig, notes: string[] }}
 */
function detectConfig(root, migrationsDirArg) {
    const notes = [];
    let migrationsDir =
        migrationsDirArg === undefined
            ? (findMigrationsDir(root) ?? findSupabaseFolder(root))
            : toPosix(path.relative(root, path.resolve(root, migrationsDirArg))) || ".";
    if (migrationsDir === null) {
        migrationsDir = "supabase/migrations";
        notes.push(`migrations folder  ${migrationsDir} (none found: the Supabase CLI's default; --migrations-dir sets another)`);
    } else {
        notes.push(`migrations folder  ${migrationsDir}`);
    }
    /** @type {SupalintConfig} */
    const config = { extends: "recommended", migrationsDir };

    const tomlFile = path.join(root, path.dirname(migrationsDir), "config.toml");
    const schemas = readExposedSchemas(tomlFile);
    if (schemas !== null) {
        config.exposedSchemas = schemas;
        notes.push(`exposed schemas    ${schemas.join(", ")} (from ${toPosix(path.relative(root, tomlFile))})`);
    } else {
        notes.push("exposed schemas    public (the default: no [api] schemas in a supabase/config.toml)");
    }

    const registry = findBucketRegistry(root);
    if (registry !== null) {
        config.storageBucketsFile = registry;
        notes.push(`bucket registry    ${registry}`);
    }

    const newest = listMigrations(path.resolve(root, migrationsDir))
        .map((migration) => migrationVersion(migration.fileName))
        .filter((version) => version !== undefined)
        .at(-1);
    if (newest !== undefined) {
        config.frozenBefore = newest;
        notes.push(`frozen before      ${newest} (the newest migration: --fix leaves it and older ones alone)`);
    }
    return { config, notes };
}

/**
 * A Supabase project folder without migrations yet (`supabase init` makes
 * `config.toml`; the first `supabase migration new` makes the folder).
 * @param {string} root
 * @returns {string | null} its `migrations` folder, relative
 */
function findSupabaseFolder(root) {
    if (isFile(path.join(root, "supabase", "config.toml"))) {
        return "supabase/migrations";
    }
    const apps = path.join(root, "apps");
    if (!isDirectory(apps)) {
        return null;
    }
    const app = readdirSync(apps)
        .sort()
        .find((name) => isFile(path.join(apps, name, "supabase", "config.toml")));
    return app === undefined ? null : `apps/${app}/supabase/migrations`;
}

/**
 * The TypeScript file that declares `StorageBuckets`, the list of bucket ids
 * the application uses (`storage-bucket-registered`).
 * @param {string} root
 * @returns {string | null} relative, `/`-separated
 */
function findBucketRegistry(root) {
    const files = globSync(["**/*.{ts,tsx,mts,cts}"], {
        cwd: root,
        onlyFiles: true,
        ignore: [...SKIPPED_FOLDERS.map((folder) => `**/${folder}/**`), "**/*.d.ts"],
    }).sort();
    for (const file of files) {
        const full = path.join(root, file);
        try {
            if (statSync(full).size <= MAX_SOURCE_BYTES && BUCKET_REGISTRY.test(readFileSync(full, "utf8"))) {
                return toPosix(file);
            }
        } catch {
            // A file that vanished or cannot be read is not the registry.
        }
    }
    return null;
}

/**
 * Adds the `lint:migrations` script to `package.json`, unless it has one.
 * @param {string} root
 * @returns {string} what happened, for the user
 */
function addLintScript(root) {
    const manifest = readPackageJson(root);
    if (manifest === null) {
        return `No package.json here: run \`npx ${SCRIPT_COMMAND}\`, or add "${SCRIPT_NAME}": "${SCRIPT_COMMAND}" to your scripts.`;
    }
    if (!isObject(manifest.json)) {
        throw new SupalintError("project", "package.json does not hold a JSON object.");
    }
    const scripts = manifest.json.scripts;
    if (isObject(scripts) && SCRIPT_NAME in scripts) {
        return scripts[SCRIPT_NAME] === SCRIPT_COMMAND
            ? `package.json already has the "${SCRIPT_NAME}" script.`
            : `package.json already has a "${SCRIPT_NAME}" script (${JSON.stringify(scripts[SCRIPT_NAME])}): left as it is.`;
    }
    if (scripts !== undefined && !isObject(scripts)) {
        throw new SupalintError("project", `the "scripts" of package.json is not an object; add "${SCRIPT_NAME}": "${SCRIPT_COMMAND}" yourself.`);
    }
    writeFileSync(manifest.file, insertScript(manifest.text, SCRIPT_NAME, SCRIPT_COMMAND));
    return `Added "${SCRIPT_NAME}": "${SCRIPT_COMMAND}" to package.json: run \`${runCommand(root)}\`.`;
}

/**
 * @param {string} root
 * @returns {{ file: string, text: string, json: unknown } | null} null when there is none
 * @throws {SupalintError} when it is not JSON
 */
function readPackageJson(root) {
    const file = path.join(root, "package.json");
    if (!isFile(file)) {
        return null;
    }
    const text = readFileSync(file, "utf8");
    try {
        return { file, text, json: JSON.parse(text.replace(/^\uFEFF/u, "")) };
    } catch (error) {
        throw new SupalintError("project", `package.json is not valid JSON (${messageOf(error)}).`);
    }
}

/**
 * How this project runs a script, by its lock file.
 * @param {string} root
 * @returns {string}
 */
function runCommand(root) {
    if (isFile(path.join(root, "pnpm-lock.yaml"))) {
        return `pnpm ${SCRIPT_NAME}`;
    }
    if (isFile(path.join(root, "yarn.lock"))) {
        return `yarn ${SCRIPT_NAME}`;
    }
    if (isFile(path.join(root, "bun.lockb")) || isFile(path.join(root, "bun.lock"))) {
        return `bun run ${SCRIPT_NAME}`;
    }
    return `npm run ${SCRIPT_NAME}`;
}

/**
 * A member of a JSON object, as offsets into the text.
 * @typedef {object} JsonMember
 * @property {string} key
 * @property {number} keyStart
 * @property {number} valueStart
 * @property {number} valueEnd
 */

/**
 * Inserts `"name": "command"` as the last script of a `package.json` text,
 * creating `"scripts"` as its last key when it has none. Everything else
 * stays byte for byte: the new lines use the file's indentation and line
 * ending, and a one-line file stays on one line.
 * @param {string} text a JSON object
 * @param {string} name
 * @param {string} command
 * @returns {string}
 */
export function insertScript(text, name, command) {
    const eol = text.includes("\r\n") ? "\r\n" : "\n";
    const top = scanObject(text, text.indexOf("{"));
    const multiline = text.slice(top.open, top.close).includes("\n");
    const unit = multiline ? indentUnit(text, top) : "";
    const entry = `${JSON.stringify(name)}: ${JSON.stringify(command)}`;
    const scripts = top.members.find((member) => member.key === "scripts");
    if (scripts !== undefined) {
        const inner = scanObject(text, scripts.valueStart);
        const outerIndent = lineIndent(text, scripts.keyStart);
        if (inner.members.length === 0) {
            const body = multiline ? `{${eol}${outerIndent}${unit}${entry}${eol}${outerIndent}}` : `{ ${entry} }`;
            return text.slice(0, scripts.valueStart) + body + text.slice(scripts.valueEnd);
        }
        const last = inner.members[inner.members.length - 1];
        const separator = text.slice(inner.open, inner.close).includes("\n") ? `,${eol}${lineIndent(text, last.keyStart)}` : ", ";
        return text.slice(0, last.valueEnd) + separator + entry + text.slice(last.valueEnd);
    }
    const member = multiline
        ? `"scripts": {${eol}${unit}${unit}${entry}${eol}${unit}}`
        : `"scripts": { ${entry} }`;
    if (top.members.length === 0) {
        const body = multiline ? `{${eol}${unit}${member}${eol}}` : `{ ${member} }`;
        return text.slice(0, top.open) + body + text.slice(top.close + 1);
    }
    const last = top.members[top.members.length - 1];
    const separator = multiline ? `,${eol}${unit}` : ", ";
    return text.slice(0, last.valueEnd) + separator + member + text.slice(last.valueEnd);
}

/**
 * The members of the JSON object that opens at `open`.
 * @param {string} text valid JSON
 * @param {number} open the offset of `{`
 * @returns {{ open: number, close: number, members: JsonMember[] }} `close` is the offset of the matching `}`
 */
function scanObject(text, open) {
    /** @type {JsonMember[]} */
    const members = [];
    let i = skipSpace(text, open + 1);
    while (text[i] !== "}") {
        const keyStart = i;
        const keyEnd = skipValue(text, i);
        const key = JSON.parse(text.slice(keyStart, keyEnd));
        const valueStart = skipSpace(text, skipSpace(text, keyEnd) + 1);
        const valueEnd = skipValue(text, valueStart);
        members.push({ key, keyStart, valueStart, valueEnd });
        i = skipSpace(text, valueEnd);
        if (text[i] === ",") {
            i = skipSpace(text, i + 1);
        }
    }
    return { open, close: i, members };
}

/**
 * The offset just past the JSON value at `i`.
 * @param {string} text
 * @param {number} i
 * @returns {number}
 */
function skipValue(text, i) {
    if (text[i] === '"') {
        let j = i + 1;
        while (text[j] !== '"') {
            j += text[j] === "\\" ? 2 : 1;
        }
        return j + 1;
    }
    if (text[i] === "{" || text[i] === "[") {
        let depth = 0;
        let j = i;
        do {
            if (text[j] === '"') {
                j = skipValue(text, j);
                continue;
            }
            if (text[j] === "{" || text[j] === "[") {
                depth += 1;
            } else if (text[j] === "}" || text[j] === "]") {
                depth -= 1;
            }
            j += 1;
        } while (depth > 0);
        return j;
    }
    let j = i;
    while (j < text.length && !/[\s,}\]]/u.test(text[j])) {
        j += 1;
    }
    return j;
}

/**
 * @param {string} text
 * @param {number} i
 * @returns {number} the first offset at or after `i` that is not JSON whitespace
 */
function skipSpace(text, i) {
    let j = i;
    while (j < text.length && /[ \t\r\n\uFEFF]/u.test(text[j])) {
        j += 1;
    }
    return j;
}

/**
 * The whitespace that opens the line of offset `i`.
 * @param {string} text
 * @param {number} i
 * @returns {string}
 */
function lineIndent(text, i) {
    const lineStart = text.lastIndexOf("\n", i - 1) + 1;
    return /^[ \t]*/u.exec(text.slice(lineStart, i))?.[0] ?? "";
}

/**
 * One level of the file's indentation: that of its first key (two spaces
 * when it has none).
 * @param {string} text
 * @param {{ members: JsonMember[] }} top
 * @returns {string}
 */
function indentUnit(text, top) {
    const first = top.members[0];
    const indent = first === undefined ? "" : lineIndent(text, first.keyStart);
    return indent === "" ? "  " : indent;
}

/**
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
function isObject(value) {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * @param {string} file
 * @returns {boolean}
 */
function isFile(file) {
    return existsSync(file) && statSync(file).isFile();
}

/**
 * @param {string} dir
 * @returns {boolean}
 */
function isDirectory(dir) {
    return existsSync(dir) && statSync(dir).isDirectory();
}

/**
 * @param {string} value
 * @returns {string}
 */
function toPosix(value) {
    return value.split(path.sep).join("/");
}
