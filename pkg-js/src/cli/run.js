/**
 * @file What `supalint` does with a parsed command line: lint (or fix),
 * format, write, and choose the exit code (SPEC §6: 0 clean or warnings within
 * `--max-warnings`, 1 lint errors or too many warnings, 2 usage, configuration
 * or internal error).
 */

/** @import { LintCommand, RulesCommand } from "./options.js" */
/** @import { LintReport, RuleMeta } from "../api.js" */

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { textFixed } from "../api.js";
import { collectSqlFiles, listSqlFiles } from "../files/collect.js";
import { enginePath } from "../files/project-sources.js";
import { readSource, sourceFromBytes } from "../files/read-source.js";
import { ChangedOnDiskError, isReadOnly, writeFileAtomic } from "../files/write-atomic.js";
import { loadFormatter } from "../formatters/index.js";
import { keepErrorsOnly, sumCounts } from "../results.js";
import { createRedactor } from "../db/redact.js";
import { LINT_HELP, RULES_HELP, parseCommandLine } from "./options.js";
import { dbUrlOf, messageOf, reportFailure, terminalColumns, useColor, useHyperlinks, withRedaction } from "./commands/command-io.js";
import { closestMatch } from "./parse-args.js";
import { createProgress } from "./progress.js";
import { isSupalintError, SupalintError } from "../errors.js";

/**
 * Where the command line reads and writes.
 * @typedef {object} CliIo
 * @property {NodeJS.WritableStream & { isTTY?: boolean, columns?: number }} stdout
 * @property {NodeJS.WritableStream & { isTTY?: boolean }} stderr
 * @property {() => Promise<Uint8Array>} readStdin
 * @property {string} cwd
 * @property {Record<string, string | undefined>} env
 */

/**
 * @typedef {typeof import("../index.js")} NodeApi
 */

/**
 * The subcommands other than lint and rules, each loaded when it runs.
 * @type {Map<string | undefined, () => Promise<(argv: string[], io: CliIo) => Promise<0 | 1 | 2>>>}
 */
const subcommands = new Map([
    ["access", async () => (await import("./commands/access.js")).runAccess],
    ["init", async () => (await import("./commands/init.js")).runInit],
    ["lsp", async () => (await import("./commands/lsp.js")).runLsp],
    ["new", async () => (await import("./commands/new.js")).runNew],
    ["status", async () => (await import("./commands/status.js")).runStatus],
    ["verify", async () => (await import("./commands/verify.js")).runVerify],
]);

/**
 * Runs `supalint` with the given arguments.
 * @param {string[]} argv the arguments after the program name
 * @param {CliIo} given
 * @returns {Promise<0 | 1 | 2>} the exit code
 */
export async function run(argv, given) {
    // Each subcommand's modules (the database client, the templates) load only when it runs:
    // a plain lint starts faster without them.
    const subcommand = subcommands.get(argv[0]);
    if (subcommand !== undefined) {
        return (await subcommand())(argv.slice(1), given);
    }
    // With `--fix --db-url`, everything printed passes through one redaction: the URL's password never shows.
    const dbUrl = dbUrlOf(argv);
    const io = dbUrl === undefined ? given : { ...given, ...withRedaction(given, createRedactor(dbUrl)) };
    try {
        const command = parseCommandLine(argv);
        if (command.command === "help") {
            io.stdout.write(command.topic === "rules" ? RULES_HELP : LINT_HELP);
            return 0;
        }
        if (command.command === "version") {
            io.stdout.write(`v${packageVersion()}\n`);
            return 0;
        }
        const api = await loadApi();
        if (command.command === "rules") {
            return await listRules(command, io, api);
        }
        return await lint(command, io, api);
    } catch (error) {
        // Every usage error of the lint command, whether found parsing or running, points to the help.
        return reportFailure(error, io, { usageHint: true });
    }
}

/**
 * @param {RulesCommand} command
 * @param {CliIo} io
 * @param {NodeApi} api
 * @returns {Promise<0>}
 */
async function listRules(command, io, api) {
    const { formatRuleDocs, formatRules } = await import("./rules-output.js");
    const catalog = api.rules();
    /** @type {RuleMeta[]} */
    const chosen = [];
    for (const id of command.ids) {
        const rule = catalog.find((entry) => entry.id === id);
        if (rule === undefined) {
            const suggestion = closestMatch(id, catalog.map((entry) => entry.id));
            throw new SupalintError("usage", `no rule \`${id}\`${suggestion ? `; did you mean \`${suggestion}\`?` : "; `supalint rules` lists them."}`);
        }
        chosen.push(rule);
    }
    const text = chosen.length > 0 ? formatRuleDocs(chosen, command.format) : formatRules(catalog, command.format);
    if (command.outputFile === undefined) {
        io.stdout.write(text);
    } else {
        writeReport(path.resolve(io.cwd, command.outputFile), text);
    }
    return 0;
}

/**
 * @param {LintCommand} command
 * @param {CliIo} io
 * @param {NodeApi} api
 * @returns {Promise<0 | 1 | 2>}
 */
async function lint(command, io, api) {
    const configTarget = command.config === undefined ? io.cwd : path.resolve(io.cwd, command.config);
    // Loaded once for the run: a JavaScript configuration is a program, and it runs once.
    const resolved = api.loadConfig(configTarget);
    const options = {
        cwd: io.cwd,
        resolvedConfig: resolved,
        overrideConfig: Object.keys(command.rules).length > 0 ? { rules: command.rules } : undefined,
        fix: command.fix || command.fixDryRun,
        fixApplied: command.fixApplied,
        inlineConfig: command.inlineConfig,
        reportUnusedDisableDirectives: command.reportUnusedDisableDirectives,
        // No formatter shows the statistics, the only thing sqlparser's check feeds (a third
        // of the engine's analysis).
        validate: false,
    };

    /** @type {LintReport | null} */
    let report;
    try {
        report = await lintReport(command, io, api, resolved, options);
    } catch (error) {
        throw blameRuleFlags(error, command.rules);
    }
    if (report === null) {
        return 0;
    }

    let results = report.results;
    /** @type {string[]} */
    const changedMeanwhile = [];
    if (command.fix) {
        // All or nothing: fixing some files of a history and not others would leave it half done.
        const readOnly = results.filter((result) => result.output !== undefined && isReadOnly(result.filePath));
        if (readOnly.length > 0) {
            const names = readOnly.map((result) => path.relative(io.cwd, result.filePath) || result.filePath);
            throw new SupalintError(
                "files",
                `${names.join(", ")} ${names.length === 1 ? "is" : "are"} read-only, so no fix was written to any file; ` +
                    "make them writable, or leave them out, to apply --fix.",
            );
        }
        for (const result of results) {
            if (result.output !== undefined) {
                try {
                    writeFileAtomic(result.filePath, result.output, textFixed(result));
                } catch (error) {
                    if (!(error instanceof ChangedOnDiskError)) {
                        throw new SupalintError("files", `cannot write the fixed ${result.filePath}: ${messageOf(error)}`);
                    }
                    // Its fixes were made for a text it no longer holds: writing them would undo
                    // the other change, or apply edits at offsets that now mean something else.
                    changedMeanwhile.push(result.filePath);
                }
            }
        }
        for (const file of changedMeanwhile) {
            io.stderr.write(
                `supalint: left ${path.relative(io.cwd, file) || file} untouched: another process changed it while supalint ran, so the fixes made for the text it read were not written; run --fix again.\n`,
            );
        }
    }
    for (const result of results) {
        if (result.fixRefused !== undefined) {
            io.stderr.write(`supalint: left ${result.filePath} untouched, none of its fixes applied: ${result.fixRefused}\n`);
        }
    }
    if (command.quiet) {
        results = keepErrorsOnly(results);
    }
    // By path, as ESLint orders its results.
    results = [...results].sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));

    const formatter = await loadFormatter(command.format);
    const color = useColor(command, io);
    const text = formatter(results, {
        cwd: io.cwd,
        // Built when a formatter reads it (only sarif does): the catalogue is every rule's docs.
        get rulesMeta() {
            return Object.fromEntries(api.rules().map((rule) => [rule.id, rule]));
        },
        color,
        hyperlinks: color && useHyperlinks(command, io),
        columns: terminalColumns(command, io),
        version: api.version,
        fixDryRun: command.fixDryRun,
    });
    if (command.outputFile !== undefined) {
        writeReport(path.resolve(io.cwd, command.outputFile), text);
    } else if (text !== "") {
        io.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
    }

    // The engine crashed on these (each also has a parse-error result): an internal error.
    for (const crash of report.engineCrashes ?? []) {
        io.stderr.write(`supalint: internal error on ${path.relative(io.cwd, crash.filePath) || crash.filePath}: ${crash.message}; the other files were linted. Please report it.\n`);
    }
    if (report.engineCrashes?.length) {
        return 2;
    }

    const { errorCount, warningCount } = sumCounts(results);
    if (errorCount > 0 || changedMeanwhile.length > 0) {
        return 1;
    }
    if (command.maxWarnings >= 0 && warningCount > command.maxWarnings) {
        io.stderr.write(`supalint found too many warnings (maximum: ${command.maxWarnings}).\n`);
        return 1;
    }
    return 0;
}

/**
 * Lints what the command line names: standard input, the paths, or the
 * migrations folder.
 * @param {LintCommand} command
 * @param {CliIo} io
 * @param {NodeApi} api
 * @param {ReturnType<NodeApi["loadConfig"]>} resolved
 * @param {Parameters<NodeApi["lintFiles"]>[1]} options
 * @returns {Promise<LintReport | null>} null when the migrations folder holds no migration yet
 */
async function lintReport(command, io, api, resolved, options) {
    if (command.stdin) {
        const file = path.resolve(io.cwd, /** @type {string} */ (command.stdinFilename));
        const relative = enginePath(resolved.root, file);
        const input = sourceFromBytes(await io.readStdin(), relative);
        const history = listSqlFiles(resolved.migrationsPath)
            .map((migration) => readSource(migration, enginePath(resolved.root, migration)))
            .filter((source) => source.path !== relative);
        return api.lintFiles([input, ...history], { ...options, reportPaths: [relative] });
    }
    const migrations = command.patterns.length === 0 ? collectSqlFiles(resolved.migrationsPath) : null;
    // A fresh project has no migrations yet: as ESLint with no files, a notice and no failure.
    // A folder that cannot be read is reported, not taken for an empty one; a path named on
    // the command line that matches nothing is an error (a `files` SupalintError).
    if (migrations !== null && migrations.files.length === 0 && migrations.unreadable.length === 0) {
        io.stderr.write(
            `supalint: no migrations in ${path.relative(io.cwd, resolved.migrationsPath) || "."} yet, so nothing was linted ` +
                "(set `migrationsDir` in supalint.config.json if they live elsewhere).\n",
        );
        return null;
    }
    const progress = createProgress(io.stderr);
    try {
        return command.since !== undefined || command.cache || command.dbUrl !== undefined
            ? await lintIncrementally(command, {
                  ...options,
                  since: command.since,
                  appliedInDatabase:
                      command.dbUrl === undefined
                          ? undefined
                          : await (await import("../db/applied-files.js")).appliedMigrationFiles(command.dbUrl, resolved.migrationsPath),
                  warn: (message) => io.stderr.write(`supalint: ${message}\n`),
                  onProgress: progress.update,
              })
            : api.lintFiles(command.patterns, { ...options, onProgress: progress.update });
    } finally {
        progress.done();
    }
}

/**
 * A configuration error that only `--rule` flags caused is the command
 * line's: it names the flag, not the configuration file.
 * @param {unknown} error
 * @param {LintCommand["rules"]} rules from `--rule`
 * @returns {unknown} the error to throw
 */
function blameRuleFlags(error, rules) {
    if (!isSupalintError(error, "config") || error.problems.length === 0) {
        return error;
    }
    const flagIds = error.problems.map(({ key }) => (key.startsWith("rules.") ? key.slice("rules.".length) : null));
    if (!flagIds.every((id) => id !== null && Object.hasOwn(rules, id))) {
        return error;
    }
    const messages = error.problems.map(({ key, message }, index) => `--rule ${flagIds[index]}: ${message.replace(`\`${key}\` `, "").replace(/[.]$/u, "")}`);
    const text = messages.join("; ");
    return new SupalintError("usage", /[?]$/u.test(text) ? text : `${text}.`);
}

/**
 * Lints with `--since` or `--cache` (cache/cached-lint.js, loaded only then).
 * @param {LintCommand} command
 * @param {Parameters<typeof import("../cache/cached-lint.js").lintProject>[1]} options
 * @returns {Promise<LintReport>}
 */
async function lintIncrementally(command, options) {
    const [{ lintProject }, { cacheFilePath }] = await Promise.all([import("../cache/cached-lint.js"), import("../cache/lint-cache.js")]);
    return lintProject(command.patterns, {
        ...options,
        cacheFile: command.cache ? cacheFilePath(command.cacheLocation, options.cwd) : undefined,
    });
}

/**
 * Loads the Node API, which instantiates the engine.
 * @returns {Promise<NodeApi>}
 */
async function loadApi() {
    try {
        return await import("../index.js");
    } catch (error) {
        const code = /** @type {{ code?: string }} */ (error).code;
        const message = error instanceof Error ? error.message : "";
        if ((code === "ERR_MODULE_NOT_FOUND" || code === "ENOENT") && message.includes("wasm")) {
            throw new SupalintError(
                "engine",
                "the WebAssembly engine is missing (pkg-js/wasm/); build it with `./scripts/build-wasm` from the repository root.",
            );
        }
        throw error;
    }
}

/**
 * @param {string} file
 * @param {string} text
 * @returns {void}
 */
function writeReport(file, text) {
    try {
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, text);
    } catch (error) {
        throw new SupalintError("files", `cannot write the report to ${file}: ${messageOf(error)}`);
    }
}

/**
 * @returns {string}
 */
function packageVersion() {
    return JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")).version;
}
