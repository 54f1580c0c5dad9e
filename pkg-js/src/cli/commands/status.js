/**
 * @file `supalint status --db-url URL`: the local migrations against the
 * ones a database has applied (`supabase_migrations.schema_migrations`):
 * applied, pending, out of order, missing locally (drift), name mismatches,
 * and the applied ones `frozenBefore` does not cover (a plain `--fix` could
 * rewrite them).
 * Exit codes: 0 (with `--strict`: and no drift or out-of-order file), 1 drift
 * or out-of-order files with `--strict`, 2 usage, configuration or database
 * error.
 */

/** @import { CommandIo } from "./command-io.js" */

import path from "node:path";
import { loadConfig } from "../../config/load-config.js";
import { checkDatabaseUrl, connect } from "../../db/connect.js";
import { listMigrations } from "../../db/migration-files.js";
import { redactUrl } from "../../db/redact.js";
import { formatStatusJson, formatStatusTable, STATUS_FORMATS } from "../../db/status-report.js";
import { appliedNotFrozen, compareStatus, hasDriftOrDisorder, readAppliedMigrations } from "../../db/status.js";
import { chooseFormat, colorOption, rejectPaths, useColor, writeReport } from "./command-io.js";
import { parseDatabaseCommandArgs, runDatabaseCommand } from "./database-command.js";
import { SupalintError } from "../../errors.js";

/** The text of `supalint status --help`. */
const STATUS_HELP = `Usage: supalint status --db-url <url> [options]

Compares the local migrations with the ones the database has applied
(supabase_migrations.schema_migrations, as the Supabase CLI records them):
applied, pending, out of order (older than the newest applied version),
missing locally (applied with no local file: drift), and name mismatches.

Options:
      --db-url <url>          The database (postgresql://user:password@host:port/database)
      --strict                Exit 1 on drift or out-of-order migrations
  -c, --config <path>         Use this configuration file instead of looking one up
  -f, --format <name>         table (default) or json
  -o, --output-file <path>    Write the report to a file instead of standard output
      --color, --no-color     Force colour on or off
  -h, --help                  Show this help

Exit codes: 0 done (with --strict: no drift, nothing out of order), 1 drift or
out-of-order migrations with --strict, 2 usage, configuration or database error.
`;

/**
 * Runs `supalint status`.
 * @param {string[]} argv the arguments after `status`
 * @param {CommandIo} given
 * @returns {Promise<0 | 1 | 2>} the exit code
 */
export function runStatus(argv, given) {
    return runDatabaseCommand(argv, given, { name: "status", help: STATUS_HELP, parseArgs: parseStatusArgs, run: status });
}

/**
 * @typedef {object} StatusArgs
 * @property {boolean} help
 * @property {string} dbUrl
 * @property {boolean} strict
 * @property {string | undefined} config
 * @property {string} format
 * @property {string | undefined} outputFile
 * @property {boolean | undefined} color
 */

/**
 * @param {string[]} argv
 * @returns {StatusArgs}
 */
function parseStatusArgs(argv) {
    const { values, positionals } = parseDatabaseCommandArgs(argv, {
        strict: { type: "boolean" },
    });
    if (values.help) {
        return { help: true, dbUrl: "", strict: false, config: undefined, format: "table", outputFile: undefined, color: undefined };
    }
    rejectPaths(positionals, "it reads");
    if (values["db-url"] === undefined) {
        throw new SupalintError("usage", "needs --db-url <url>: the database whose applied migrations to compare.");
    }
    const format = chooseFormat(values.format, STATUS_FORMATS);
    const color = colorOption(values);
    return {
        help: false,
        dbUrl: values["db-url"],
        strict: Boolean(values.strict),
        config: values.config,
        format,
        outputFile: values["output-file"],
        color,
    };
}

/**
 * @param {StatusArgs} options
 * @param {CommandIo} io
 * @returns {Promise<0 | 1>}
 */
async function status(options, io) {
    checkDatabaseUrl(options.dbUrl);
    const resolved = loadConfig(options.config === undefined ? io.cwd : path.resolve(io.cwd, options.config));
    const local = listMigrations(resolved.migrationsPath);
    const client = await connect(options.dbUrl);
    let applied;
    try {
        applied = await readAppliedMigrations(client);
    } finally {
        await client.end().catch(() => {});
    }
    const report = compareStatus(local, applied);
    const notFrozen = appliedNotFrozen(report, resolved.config.frozenBefore);
    const migrationsDir = path.relative(io.cwd, resolved.migrationsPath).split(path.sep).join("/") || ".";
    const text =
        options.format === "json"
            ? formatStatusJson(report, migrationsDir, notFrozen)
            : formatStatusTable(report, { migrationsDir, database: redactUrl(options.dbUrl), color: useColor(options, io), notFrozen });
    writeReport(text, options.outputFile, io);
    return options.strict && hasDriftOrDisorder(report) ? 1 : 0;
}


