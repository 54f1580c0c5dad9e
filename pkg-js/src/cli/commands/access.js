/**
 * @file `supalint access [--since <ref>]`: who can do what in the database
 * the migrations leave (the engine's access matrix), with the findings of
 * the access and storage rules; with `--since`, what the branch changes in
 * it (docs/access.md). Exit codes: 0 the report was written, whatever it
 * says; 2 usage, configuration, git or internal error, or a migration the
 * matrix had to leave out.
 */

/** @import { CommandIo } from "./command-io.js" */
/** @import { Source } from "../../api.js" */

import path from "node:path";
import { parseCommandArgs } from "../parse-args.js";
import { diffAccess } from "../../access/diff.js";
import { formatDiffJson, formatDiffMarkdown, formatDiffTable } from "../../access/diff-report.js";
import { accessFindings, displayPath, newFindings } from "../../access/findings.js";
import { ACCESS_FORMATS, formatMatrixJson, formatMatrixMarkdown, formatMatrixTable } from "../../access/matrix-report.js";
import { listSqlFiles } from "../../files/collect.js";
import { readSource } from "../../files/read-source.js";
import { chooseFormat, colorOption, rejectPaths, reportFailure, REPORT_OPTIONS, terminalColumns, useColor, writeReport } from "./command-io.js";

/** The text of `supalint access --help`. */
const ACCESS_HELP = `Usage: supalint access [--since <git-ref>] [options]

Shows who can do what in the database the migrations leave: for each table of
an exposed schema and each storage bucket, whether row-level security is on,
and for anon and authenticated and each command (SELECT, INSERT, UPDATE,
DELETE) whether they reach no rows, all rows, or the rows a condition admits,
with the columns they may write. Then the findings of the access and storage
rules. The configuration and the migrations folder are found as for a lint.

With --since, shows only what the branch changes: the migrations at the merge
base of the ref and HEAD against the working tree, one sentence per change,
and the access and storage findings that are new.

Options:
      --since <git-ref>       Compare with the migrations at the ref (its merge base with HEAD)
  -c, --config <path>         Use this configuration file instead of looking one up
  -f, --format <name>         table (default), markdown (a pull-request comment) or json
  -o, --output-file <path>    Write the report to a file instead of standard output
      --color, --no-color     Force colour on or off (default: on for a terminal)
  -h, --help                  Show this help

Exit codes: 0 the report was written (whatever it says), 2 usage, configuration,
git or internal error, or a migration that could not be read.
`;

/** The width of a report that goes to a file or a pipe. */
const DEFAULT_WIDTH = 120;

/**
 * @typedef {object} AccessArgs
 * @property {boolean} help
 * @property {string | undefined} since
 * @property {string | undefined} config
 * @property {string} format
 * @property {string | undefined} outputFile
 * @property {boolean | undefined} color
 */

/**
 * Runs `supalint access`.
 * @param {string[]} argv the arguments after `access`
 * @param {CommandIo} io
 * @returns {Promise<0 | 2>} the exit code
 */
export async function runAccess(argv, io) {
    let options;
    try {
        options = parseAccessArgs(argv);
    } catch (error) {
        return reportFailure(error, io, { command: "access", usageHint: true });
    }
    if (options.help) {
        io.stdout.write(ACCESS_HELP);
        return 0;
    }
    try {
        return await access(options, io);
    } catch (error) {
        return reportFailure(error, io, { command: "access" });
    }
}

/**
 * @param {string[]} argv
 * @returns {AccessArgs}
 */
function parseAccessArgs(argv) {
    const { values, positionals } = parseCommandArgs({
        args: argv,
        allowPositionals: true,
        strict: true,
        options: { since: { type: "string" }, ...REPORT_OPTIONS },
    });
    if (values.help) {
        return { help: true, since: undefined, config: undefined, format: ACCESS_FORMATS[0], outputFile: undefined, color: undefined };
    }
    rejectPaths(positionals, "it reads");
    return {
        help: false,
        since: values.since,
        config: values.config,
        format: chooseFormat(values.format, ACCESS_FORMATS),
        outputFile: values["output-file"],
        color: colorOption(values),
    };
}

/**
 * @param {AccessArgs} options
 * @param {CommandIo} io
 * @returns {Promise<0 | 2>}
 */
async function access(options, io) {
    const api = await import("../../index.js");
    const resolved = api.loadConfig(options.config === undefined ? io.cwd : path.resolve(io.cwd, options.config));
    // Resolved once for the run: each analysis below would otherwise read the configuration again.
    const apiOptions = { cwd: io.cwd, resolvedConfig: resolved };
    const migrationsDir = displayPath(resolved.migrationsPath, io.cwd);
    const rules = api.rules();

    // The texts the engine crashed on: the other analyses leave them out instead of trapping
    // again (a process has a few fresh engine instances, engine/node.js).
    /** @type {Map<string, string>} */
    const crashedTexts = new Map();

    /**
     * The matrix and the access findings of a set of migrations, and the
     * files either of them had to leave out.
     * @param {Source[]} sources
     * @param {string} [at] where the sources come from, for the problems: " (at <ref>)"
     */
    const analyse = (sources, at = "") => {
        const crashedOf = (/** @type {Source} */ source) => (source.text === undefined ? undefined : crashedTexts.get(source.text));
        const known = sources.filter((source) => crashedOf(source) !== undefined);
        const { relations, skippedFiles = [] } = api.accessMatrix(
            sources.filter((source) => !known.includes(source)),
            apiOptions,
        );
        const skipped = new Map(skippedFiles.map((file) => [file.filePath, file.message]));
        for (const source of sources) {
            const message = skipped.get(path.resolve(resolved.root, source.path));
            if (source.text !== undefined && message !== undefined) {
                crashedTexts.set(source.text, message);
            }
        }
        // Without the files the matrix just crashed on, too.
        const lint = api.lintFiles(
            sources.filter((source) => crashedOf(source) === undefined),
            apiOptions,
        );
        const problems = [
            ...skippedFiles,
            ...known.map((source) => ({ filePath: path.resolve(resolved.root, source.path), message: /** @type {string} */ (crashedOf(source)) })),
        ].map((file) => ({ filePath: `${file.filePath}${at}`, message: `left out of the matrix and the findings: ${file.message}` }));
        for (const crash of lint.engineCrashes ?? []) {
            problems.push({
                filePath: `${crash.filePath}${at}`,
                message: `not linted, so its findings are missing: supalint's engine crashed on it (${crash.message}); please report it.`,
            });
        }
        return { matrix: { relations }, findings: accessFindings(lint.results, rules), problems };
    };

    // Git first: a bad ref fails before any analysis.
    const before =
        options.since === undefined
            ? undefined
            : (await import("../../git/migrations-at.js")).migrationsAt(options.since, {
                  cwd: io.cwd,
                  projectRoot: resolved.root,
                  migrationsPath: resolved.migrationsPath,
              });
    const current = analyse(
        listSqlFiles(resolved.migrationsPath).map((file) => readSource(file, path.relative(resolved.root, file).split(path.sep).join("/"))),
    );
    const context = { cwd: io.cwd, color: useColor(options, io), width: terminalWidth(options, io) };
    let problems = current.problems;
    let text;
    if (before === undefined) {
        const report = { migrationsDir, matrix: current.matrix, findings: current.findings, skippedFiles: problems };
        text =
            options.format === "json"
                ? formatMatrixJson(report)
                : options.format === "markdown"
                  ? formatMatrixMarkdown(report, context)
                  : formatMatrixTable(report, context);
    } else {
        const previous = analyse(before.sources, ` (at ${before.ref})`);
        problems = [...problems, ...previous.problems];
        const report = {
            migrationsDir,
            since: { ref: before.ref, commit: before.commit, base: before.base },
            changes: diffAccess(previous.matrix, current.matrix),
            findings: newFindings(previous.findings, current.findings),
            skippedFiles: problems,
        };
        text =
            options.format === "json"
                ? formatDiffJson(report)
                : options.format === "markdown"
                  ? formatDiffMarkdown(report, context)
                  : formatDiffTable(report, context);
    }
    writeReport(text, options.outputFile, io);

    for (const problem of problems) {
        io.stderr.write(`supalint access: ${displayPath(problem.filePath, io.cwd)}: ${problem.message}\n`);
    }
    return problems.length > 0 ? 2 : 0;
}

/**
 * The width the terminal report wraps its conditions at.
 * @param {AccessArgs} options
 * @param {CommandIo} io
 * @returns {number}
 */
function terminalWidth(options, io) {
    const columns = terminalColumns(options, io);
    return columns === undefined ? DEFAULT_WIDTH : Math.max(60, columns);
}
