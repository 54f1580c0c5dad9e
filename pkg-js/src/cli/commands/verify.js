/**
 * @file `supalint verify`: applies the migrations twice to a real
 * PostgreSQL (a scratch cluster unless `--db-url`) on top of the Supabase
 * stand-in, and reports, per file, whether it applied, failed on first
 * application, or failed on the second (not idempotent). Exit codes: 0 every
 * migration applied twice, 1 any failed, 2 usage, configuration or database
 * error.
 */

import path from "node:path";
import { loadConfig } from "../../config/load-config.js";
import { cleanUpOnInterrupt } from "../../db/cleanup.js";
import { checkDatabaseUrl } from "../../db/connect.js";
import { listMigrations } from "../../db/migration-files.js";
import { openVerifyDatabase, prepareDatabase } from "../../db/verify-database.js";
import { toLintResults, verifySummary } from "../../db/verify-report.js";
import { REAPPLY_MODES, verifyMigrations } from "../../db/verify.js";
import { readSource } from "../../files/read-source.js";
import { readRegularFile } from "../../files/regular-file.js";
import { formatStylish } from "../../formatters/stylish.js";
import { chooseFormat, colorOption, messageOf, rejectPaths, useColor, writeReport } from "./command-io.js";
import { parseDatabaseCommandArgs, runDatabaseCommand } from "./database-command.js";
import { SupalintError } from "../../errors.js";

/** @import { CommandIo } from "./command-io.js" */

/** The output formats of `supalint verify`. */
const VERIFY_FORMATS = Object.freeze(["stylish", "json"]);

/** The text of `supalint verify --help`. */
const VERIFY_HELP = `Usage: supalint verify [options]

Applies every migration of the migrations folder to a real PostgreSQL, in
version order, each in its own transaction, then applies each again, and
reports the files that fail: on first application (PostgreSQL's error at the
file:line:column it points at), or on the second one (not idempotent).

With no --db-url, a scratch cluster is started from the local PostgreSQL
server programs (PATH, then /usr/lib/postgresql/*/bin) on a Unix socket in a
temporary folder, and removed afterwards. The Supabase stand-in (roles, auth,
storage, extensions, the supabase_realtime publication) is installed first,
unless the database already has Supabase's auth schema.

The scratch cluster leaves nothing behind. On a server given with --db-url,
roles, role memberships and role or database settings outlive the database:
verify reads them before the run, puts them back after it, and names on
standard error whatever it cannot put back.

Options:
      --db-url <url>          Verify in this database instead of a scratch cluster
      --create-db             With --db-url: verify in a new database on that server, dropped afterwards
      --force                 With --db-url: use the database even though it is not empty
                              (user tables, rows in any table, user functions, applied migrations)
      --base <file>           SQL to install after the stand-in, before the migrations (repeatable)
      --reapply <when>        immediate (default): apply each file again right away;
                              after-all: apply them all again once every one was applied
  -c, --config <path>         Use this configuration file instead of looking one up
  -f, --format <name>         stylish (default) or json
  -o, --output-file <path>    Write the report to a file instead of standard output
      --color, --no-color     Force colour on or off
  -h, --help                  Show this help

Exit codes: 0 every migration applied twice, 1 a migration failed, 2 usage,
configuration or database error.
`;

/** The most a `--base` file may hold. */
const BASE_FILE_LIMIT = 64 * 1024 * 1024;

/**
 * Runs `supalint verify`.
 * @param {string[]} argv the arguments after `verify`
 * @param {CommandIo} given
 * @returns {Promise<0 | 1 | 2>} the exit code
 */
export function runVerify(argv, given) {
    return runDatabaseCommand(argv, given, { name: "verify", help: VERIFY_HELP, parseArgs: parseVerifyArgs, run: verify });
}

/**
 * @typedef {object} VerifyArgs
 * @property {boolean} help
 * @property {string | undefined} dbUrl
 * @property {boolean} createDb
 * @property {boolean} force
 * @property {string[]} base
 * @property {import("../../db/verify.js").ReapplyMode} reapply
 * @property {string | undefined} config
 * @property {string} format
 * @property {string | undefined} outputFile
 * @property {boolean | undefined} color
 */

/**
 * @param {string[]} argv
 * @returns {VerifyArgs}
 */
function parseVerifyArgs(argv) {
    const { values, positionals } = parseDatabaseCommandArgs(argv, {
        "create-db": { type: "boolean" },
        force: { type: "boolean" },
        base: { type: "string", multiple: true },
        reapply: { type: "string" },
    });
    rejectPaths(positionals, "it verifies");
    const format = chooseFormat(values.format, VERIFY_FORMATS);
    const reapply = values.reapply ?? "immediate";
    if (!REAPPLY_MODES.includes(reapply)) {
        throw new SupalintError("usage", `--reapply must be one of ${REAPPLY_MODES.join(", ")} (got "${reapply}").`);
    }
    const dbUrl = values["db-url"];
    if (dbUrl === undefined && (values["create-db"] || values.force)) {
        throw new SupalintError("usage", `--${values["create-db"] ? "create-db" : "force"} only applies with --db-url.`);
    }
    if (values["create-db"] && values.force) {
        throw new SupalintError("usage", "--create-db and --force cannot be combined: a new database holds no tables.");
    }
    const color = colorOption(values);
    return {
        help: Boolean(values.help),
        dbUrl,
        createDb: Boolean(values["create-db"]),
        force: Boolean(values.force),
        base: values.base ?? [],
        reapply: /** @type {import("../../db/verify.js").ReapplyMode} */ (reapply),
        config: values.config,
        format,
        outputFile: values["output-file"],
        color,
    };
}

/**
 * @param {VerifyArgs} options
 * @param {CommandIo} io
 * @returns {Promise<0 | 1>}
 */
async function verify(options, io) {
    if (options.dbUrl !== undefined) {
        checkDatabaseUrl(options.dbUrl);
    }
    const resolved = loadConfig(options.config === undefined ? io.cwd : path.resolve(io.cwd, options.config));
    const migrations = listMigrations(resolved.migrationsPath);
    if (migrations.length === 0) {
        throw new SupalintError(
            "project",
            `no migrations to verify in ${path.relative(io.cwd, resolved.migrationsPath) || "."}: set \`migrationsDir\` in supalint.config.json.`,
        );
    }
    const baseFiles = options.base.map((file) => readBaseFile(path.resolve(io.cwd, file), file));
    const inputs = migrations.map(({ file }) => {
        const relative = toPosix(path.relative(resolved.root, file));
        const source = readSource(file, relative);
        return source.problem === undefined ? { path: relative, text: source.text } : { path: relative, problem: source.problem.message };
    });

    const progress = createProgress(io.stderr);
    /** @type {import("../../db/verify-database.js").VerifyDatabase | null} */
    let database = null;
    /** @type {Promise<import("../../db/verify-database.js").VerifyDatabase | null>} */
    let opening = Promise.resolve(null);
    // Registered before the cluster starts, so that Ctrl-C at any point removes it.
    const guard = cleanUpOnInterrupt(
        async () => {
            const opened = await opening.catch(() => null);
            await opened?.dispose();
        },
        () => database?.disposeNow(),
        (message) => {
            progress.done();
            io.stderr.write(`supalint verify: ${message}\n`);
        },
    );
    let description = "";
    let results;
    let standin;
    /** @type {import("../../db/server-state.js").RestoreReport | null | undefined} */
    let restored = null;
    try {
        progress.say(options.dbUrl === undefined ? "starting PostgreSQL" : "connecting");
        const opened = openVerifyDatabase({
            dbUrl: options.dbUrl,
            createDb: options.createDb,
            force: options.force,
            env: io.env,
            tmpRoot: io.env.TMPDIR,
            signal: guard.signal,
        });
        opening = opened;
        const open = await opened;
        database = open;
        description = open.description;
        progress.say("installing the Supabase stand-in");
        const prepared = await prepareDatabase(open.target, baseFiles);
        standin = prepared.standin;
        try {
            results = await verifyMigrations(prepared.client, inputs, {
                reapply: options.reapply,
                onProgress: (done, total) => progress.say(`applying migrations: ${done} of ${total} applications`),
            });
        } finally {
            await prepared.client.end().catch(() => {});
        }
    } catch (error) {
        if (guard.interrupted()) {
            // The teardown stopped the database under us; it ends the process.
            return guard.exiting();
        }
        throw error;
    } finally {
        progress.done();
        if (!guard.interrupted()) {
            restored = await database?.dispose();
            guard.release();
        }
    }

    const lintResults = toLintResults(results, (relative) => path.resolve(resolved.root, relative));
    let text;
    if (options.format === "json") {
        text = `${JSON.stringify(lintResults)}\n`;
    } else {
        const color = useColor(options, io);
        text = formatStylish(lintResults, { cwd: io.cwd, rulesMeta: {}, color, version: "" });
        text += verifySummary(results, description, standin);
        if (restored && restored.restored.length > 0) {
            text += `Put back ${restored.restored.length} server-wide ${restored.restored.length === 1 ? "change" : "changes"} the run made (roles, memberships, settings).\n`;
        }
    }
    writeReport(text, options.outputFile, io);
    for (const line of restored?.remaining ?? []) {
        io.stderr.write(`supalint verify: left on the server: ${line}\n`);
    }
    return lintResults.some((result) => result.errorCount > 0) ? 1 : 0;
}

/**
 * @param {string} file absolute
 * @param {string} shown as the user wrote it
 * @returns {{ path: string, text: string }}
 */
function readBaseFile(file, shown) {
    try {
        return { path: shown, text: readRegularFile(file, BASE_FILE_LIMIT).toString("utf8") };
    } catch (error) {
        throw new SupalintError("files", `cannot read --base file ${shown}: ${messageOf(error)}`);
    }
}

/**
 * One status line on a terminal's standard error, rewritten in place.
 * @param {NodeJS.WritableStream & { isTTY?: boolean }} stream
 * @returns {{ say: (text: string) => void, done: () => void }}
 */
function createProgress(stream) {
    let drawn = false;
    return {
        say(text) {
            if (stream.isTTY) {
                stream.write(`\r\u001B[Ksupalint verify: ${text}…`);
                drawn = true;
            }
        },
        done() {
            if (drawn) {
                stream.write("\r\u001B[K");
                drawn = false;
            }
        },
    };
}


/**
 * @param {string} value
 * @returns {string}
 */
function toPosix(value) {
    return value.split(path.sep).join("/");
}

