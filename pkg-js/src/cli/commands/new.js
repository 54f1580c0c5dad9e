/**
 * @file `supalint new <description> [--template name]`: creates
 * `<UTC now>_<description>.sql` in the migrations folder from a template in
 * the house style, and prints its path. The description must pass the
 * linter's own file-naming rules; the file never replaces another, and a
 * version another migration already has moves to the next free second.
 * Exit codes: 0 created, 2 usage, configuration or naming error.
 */

/** @import { CommandIo } from "./command-io.js" */
/** @import { LintMessage } from "../../api.js" */
/** @import { TemplateName } from "../../templates/index.js" */

import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { catalogOf } from "../../api.js";
import { loadConfig } from "../../config/load-config.js";
import { listSqlFiles } from "../../files/collect.js";
import { migrationVersion } from "../../files/migration-version.js";
import { readSource } from "../../files/read-source.js";
import { renderMigration, TEMPLATE_NAMES, templateSettings } from "../../templates/index.js";
import { parseCommandArgs } from "../parse-args.js";
import { messageOf, reportFailure } from "./command-io.js";
import { SupalintError } from "../../errors.js";

/** The text of `supalint new --help`. */
const NEW_HELP = `Usage: supalint new <description> [--template ${TEMPLATE_NAMES.join("|")}]

Creates <UTC now>_<description>.sql in the migrations folder and prints its
path. The description is lower snake_case and passes the linter's file-naming
rules. A version that another migration already has moves to the next free
second; no file is ever replaced.

Templates (each passes every rule of the recommended preset and can be applied
twice):
  table      create_<table>: a table owned by users, with row-level security,
             revoked default privileges, explicit grants and owner policies
  column     add_<column>_to_<table>: a column added if it does not exist
  policy     add_<table>_policies: owner policies on an existing table
  bucket     create_<bucket>_bucket: a private storage bucket with limits and
             per-user folder policies
  function   create_<function>_function: a SECURITY DEFINER function with an
             empty search_path, a permission check, and execute revoked from
             public and anon
Policies call the configured adminFunction only when the migrations create
it; otherwise a comment above them says how to add it later.
Without --template the file holds just the header block.

Options:
  -t, --template <name>       One of ${TEMPLATE_NAMES.join(", ")}
  -c, --config <path>         Use this configuration file instead of looking one up
  -h, --help                  Show this help

Exit codes: 0 created, 2 usage, configuration or naming error.
`;

/** A description in the form the file-naming rules require. */
const SNAKE_CASE = /^[a-z0-9]+(?:_[a-z0-9]+)*$/u;

/** How many later seconds to try before giving up on a free version. */
const MAX_VERSION_TRIES = 3600;

/**
 * @typedef {object} NewArgs
 * @property {boolean} help
 * @property {string} description
 * @property {TemplateName | undefined} template
 * @property {string | undefined} config
 */

/**
 * Runs `supalint new`.
 * @param {string[]} argv the arguments after `new`
 * @param {CommandIo} io
 * @returns {Promise<0 | 2>} the exit code
 */
export async function runNew(argv, io) {
    let args;
    try {
        args = parseNewArgs(argv);
    } catch (error) {
        return reportFailure(error, io, { command: "new", usageHint: true });
    }
    if (args.help) {
        io.stdout.write(NEW_HELP);
        return 0;
    }
    try {
        return await createMigration(args, io);
    } catch (error) {
        return reportFailure(error, io, { command: "new" });
    }
}

/**
 * @param {string[]} argv
 * @returns {NewArgs}
 */
function parseNewArgs(argv) {
    const { values, positionals } = parseCommandArgs({
        args: argv,
        allowPositionals: true,
        strict: true,
        options: {
            template: { type: "string", short: "t" },
            config: { type: "string", short: "c" },
            help: { type: "boolean", short: "h" },
        },
    });
    if (values.help) {
        return { help: true, description: "", template: undefined, config: undefined };
    }
    if (positionals.length !== 1) {
        throw new SupalintError(
            "usage",
            positionals.length === 0
                ? "needs a description: `supalint new create_projects --template table`."
                : `takes one description (got ${positionals.length}); join the words with _: \`${suggestDescription(positionals.join(" "))}\`.`,
        );
    }
    const template = values.template;
    if (template !== undefined && !(/** @type {string[]} */ (TEMPLATE_NAMES).includes(template))) {
        throw new SupalintError("usage", `unknown template "${template}"; use one of ${TEMPLATE_NAMES.join(", ")}.`);
    }
    return { help: false, description: positionals[0], template: /** @type {TemplateName | undefined} */ (template), config: values.config };
}

/**
 * @param {NewArgs} args
 * @param {CommandIo} io
 * @returns {Promise<0>}
 */
async function createMigration(args, io) {
    const { description } = args;
    if (!SNAKE_CASE.test(description)) {
        throw new SupalintError(
            "usage",
            `the description "${description}" is not lower snake_case (migration file names are ` +
                `YYYYMMDDHHMMSS_snake_case_description.sql); use \`${suggestDescription(description)}\`.`,
        );
    }
    const resolved = loadConfig(args.config === undefined ? io.cwd : path.resolve(io.cwd, args.config));
    const history = listSqlFiles(resolved.migrationsPath);
    const taken = new Set(history.map((file) => migrationVersion(path.basename(file))).filter((version) => version !== undefined));
    const relativeOf = (/** @type {string} */ file) => toPosix(path.relative(resolved.root, file));
    const historySources = history.map((file) => readSource(file, relativeOf(file)));

    const [api, { engine }] = await Promise.all([import("../../index.js"), import("../../engine/node.js")]);
    // The templates call only what the existing migrations create.
    const text = renderMigration(args.template, description, templateSettings(resolved.config, catalogOf(engine, historySources)));
    let version = nextFreeVersion(Date.now(), taken);
    const fileOf = (/** @type {string} */ v) => path.join(resolved.migrationsPath, `${v}_${description}.sql`);

    // The linter judges the name (and reports what the configuration finds in
    // the text) before anything is written.
    const relative = relativeOf(fileOf(version));
    const report = api.lintFiles([{ path: relative, text }, ...historySources], { cwd: io.cwd, resolvedConfig: resolved, reportPaths: [relative] });
    const messages = report.results[0].messages;
    const namingIds = new Set(api.rules().filter((rule) => rule.category === "naming" && rule.id !== "unique-migration-version").map((rule) => rule.id));
    const naming = messages.filter((message) => namingIds.has(message.ruleId));
    if (naming.length > 0) {
        throw new SupalintError(
            "usage",
            `the description "${description}" breaks the file-naming rules: ${naming.map((message) => `${message.message} (${message.ruleId})`).join(" ")}`,
        );
    }

    mkdirSync(resolved.migrationsPath, { recursive: true });
    for (;;) {
        const file = fileOf(version);
        try {
            writeFileSync(file, text, { flag: "wx" });
        } catch (error) {
            if (/** @type {NodeJS.ErrnoException} */ (error).code !== "EEXIST") {
                throw new SupalintError("files", `cannot create ${relativeOf(file)}: ${messageOf(error)}`);
            }
            // Another process created it meanwhile: the next free second.
            taken.add(version);
            version = nextFreeVersion(Date.now(), taken);
            continue;
        }
        io.stdout.write(`${path.relative(io.cwd, file) || file}\n`);
        reportProblems(messages, relativeOf(file), io);
        return 0;
    }
}

/**
 * The first version at or after a time that no migration has.
 * @param {number} time milliseconds since the epoch
 * @param {Set<string>} taken
 * @returns {string}
 * @throws {SupalintError} when an hour of versions is taken
 */
function nextFreeVersion(time, taken) {
    for (let tries = 0; tries < MAX_VERSION_TRIES; tries += 1) {
        const version = formatVersion(new Date(time + tries * 1000));
        if (!taken.has(version)) {
            return version;
        }
    }
    throw new SupalintError("usage", `no free version in the ${MAX_VERSION_TRIES} seconds from now: the migrations folder has a migration for each of them.`);
}

/**
 * Says on standard error what the configuration finds in the new file (a
 * template passes the recommended preset; a stricter configuration may ask
 * for more).
 * @param {LintMessage[]} messages
 * @param {string} relative
 * @param {CommandIo} io
 * @returns {void}
 */
function reportProblems(messages, relative, io) {
    if (messages.length === 0) {
        return;
    }
    io.stderr.write(`supalint new: your configuration finds ${messages.length === 1 ? "1 problem" : `${messages.length} problems`} in the new file:\n`);
    for (const message of messages) {
        const type = message.severity === 2 ? "error" : "warning";
        io.stderr.write(`  ${relative}:${message.line}:${message.column} ${type} ${message.message} (${message.ruleId})\n`);
    }
}

/**
 * `YYYYMMDDHHMMSS` in UTC.
 * @param {Date} date
 * @returns {string}
 */
export function formatVersion(date) {
    return date.toISOString().slice(0, 19).replace(/\D/gu, "");
}

/**
 * The snake_case form of a description: `Add NotesTable` → `add_notes_table`.
 * @param {string} text
 * @returns {string}
 */
function suggestDescription(text) {
    const snake = text
        .replace(/\.sql$/iu, "")
        .replace(/([a-z0-9])([A-Z])/gu, "$1_$2")
        .toLowerCase()
        .replace(/[^a-z0-9]+/gu, "_")
        .replace(/^_+|_+$/gu, "");
    return snake === "" ? "describe_the_change" : snake;
}

/**
 * @param {string} value
 * @returns {string}
 */
function toPosix(value) {
    return value.split(path.sep).join("/");
}
