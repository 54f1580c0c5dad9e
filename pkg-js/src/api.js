/**
 * @file The library API over an engine (SPEC §8), shared by the Node and the
 * browser entry. It only shapes requests and responses: all rule logic is in
 * the engine (docs/engine-api.md).
 */

import { checkJsKeys } from "./config/config-keys.js";
import { callIsolatingTraps } from "./engine/isolate-traps.js";
import { createResult, ENGINE_CRASH_HELP, problemMessage, toMessage } from "./results.js";
import { configError } from "./errors.js";

const BOM = "\uFEFF";

/**
 * @typedef {"error" | "warn" | "off" | 0 | 1 | 2} Severity
 * @typedef {Severity | [Severity, Record<string, unknown>?]} RuleEntry
 */

/**
 * A configuration as written in `supalint.config.json` (SPEC §5).
 * @typedef {object} SupalintConfig
 * @property {"recommended" | "all" | "none"} [extends]
 * @property {Record<string, RuleEntry>} [rules]
 * @property {string} [migrationsDir]
 * @property {string[]} [exposedSchemas]
 * @property {string | null} [adminFunction]
 * @property {string[]} [authorizationFunctions]
 * @property {string[]} [revokeRoles]
 * @property {string[]} [seedTables]
 * @property {string} [storageBucketsFile]
 * @property {string[] | null} [registeredBuckets]
 * @property {string[]} [versionSuffixWords]
 * @property {string | null} [frozenBefore] a 14-digit migration version: that migration and older ones already ran, so `--fix` leaves them alone
 */

/**
 * The configuration handed to the engine: the user's, with file-system
 * defaults filled in.
 * @typedef {SupalintConfig} EngineConfig
 */

/**
 * @typedef {object} ResolvedConfig
 * @property {string} root absolute project root (the configuration file's folder, or the start folder)
 * @property {string | null} configPath the configuration file, or null when none was found
 * @property {string} migrationsPath absolute migrations folder
 * @property {EngineConfig} config what the engine receives
 */

/**
 * @typedef {object} Fix
 * @property {[number, number]} range UTF-16 offsets
 * @property {string} text
 */

/**
 * @typedef {object} Suggestion
 * @property {string} desc
 * @property {string} messageId
 * @property {Fix} fix
 */

/**
 * A diagnostic as the engine returns it.
 * @typedef {object} Diagnostic
 * @property {string} ruleId
 * @property {1 | 2} severity
 * @property {string} message what is wrong, one sentence naming the object
 * @property {string} help how to fix it, one or two sentences (empty for a suggestion's own message)
 * @property {string} messageId
 * @property {Record<string, string>} data
 * @property {number} line
 * @property {number} column
 * @property {number} endLine
 * @property {number} endColumn
 * @property {[number, number]} range
 * @property {[number, number]} byteRange
 * @property {Fix} [fix]
 * @property {Suggestion[]} [suggestions]
 * @property {string} docsUrl
 */

/**
 * @typedef {object} LintRequest
 * @property {{ path: string, text: string }[]} files
 * @property {EngineConfig} config
 * @property {string} [now]
 * @property {boolean} [inlineConfig]
 * @property {boolean} [eslintDirectives] default true: `eslint-disable…` comments naming `supalint/<rule>` count as directives; the ESLint plugin turns it off, as ESLint applies them
 * @property {boolean} [reportUnusedDisableDirectives]
 * @property {string[]} [reportPaths]
 * @property {string[]} [sinceVersions]
 * @property {AppliedFile[]} [applied] migrations that already ran
 * @property {boolean} [fixApplied] fixes may rewrite applied and frozen migrations
 * @property {boolean} [validate] default true; false skips sqlparser: `stats.parsed` and `stats.fallback` are null
 */

/**
 * A migration that already ran (it existed at the `--since` ref, or the
 * database lists it), with its text then when known: `--fix` leaves it alone,
 * and `no-applied-migration-edit` reports a change to that text.
 * @typedef {object} AppliedFile
 * @property {string} path as in `files`
 * @property {string} [baseText] the text that ran
 */

/**
 * Why a migration's fixes are held back: `applied` (the host says it ran) or
 * `frozenBefore` (its version is at or before that key).
 * @typedef {"applied" | "frozenBefore"} FrozenReason
 */

/**
 * @typedef {object} LintStats
 * @property {number} files
 * @property {number} statements
 * @property {number | null} parsed statements sqlparser accepted; null only from an engine call with `validate: false`
 * @property {number | null} fallback statements read from their tokens alone; null as `parsed`
 */

/**
 * @typedef {object} LintResponse
 * @property {{ path: string, diagnostics: Diagnostic[], frozen?: FrozenReason }[]} results
 * @property {LintStats} stats
 * @property {{ key: string, message: string }[]} configErrors
 */

/**
 * @typedef {object} FixedFile
 * @property {string} path
 * @property {string} output
 * @property {boolean} changed
 * @property {number} fixedCount
 * @property {Diagnostic[]} remaining
 * @property {string} [refused]
 * @property {FrozenReason} [withheld] why available fixes were not applied (its `remaining` keep them)
 */

/**
 * @typedef {object} RuleMeta
 * @property {string} id
 * @property {"naming" | "idempotency" | "access" | "storage" | "safety" | "style" | "engine"} category
 * @property {string} categoryTitle
 * @property {number} categoryRank the category's place in SPEC §3's order, for listing rules by category
 * @property {"error" | "warn" | "off"} severity
 * @property {Record<"recommended" | "all" | "none", "error" | "warn" | "off">} presets
 * @property {"fix" | "suggestion" | null} fixable
 * @property {string} summary
 * @property {string} docs
 * @property {{ valid: boolean, code: string, file?: string, since?: string[], registeredBuckets?: string[], files: { name?: string, text: string }[], baseFiles?: { name: string, text: string }[] }[]} examples
 * @property {string[]} options
 * @property {string[]} sources
 * @property {string} docsUrl
 * @property {Record<string, string>} messages message templates by id, as ESLint's `meta.messages`
 * @property {Record<string, string>} messageHelp each message's help template, by message id
 */

/**
 * @typedef {"anon" | "authenticated"} ApiRole
 * @typedef {"select" | "insert" | "update" | "delete"} AccessCommand
 */

/**
 * What one API role reaches with one command (docs/access.md).
 * @typedef {object} AccessCell
 * @property {"none" | "all" | "some"} rows
 * @property {string} [condition] with `some`: what a row must meet (the permissive policies'
 *   conditions OR-ed, then AND-ed with the restrictive ones')
 * @property {string[]} [policies] unless `none`: the policies that decide
 * @property {string[]} [writableColumns] `insert` and `update` on a table: the columns the role may write
 */

/**
 * A table of an exposed schema, or `storage.objects` for one bucket.
 * @typedef {object} AccessRelation
 * @property {string} name schema-qualified
 * @property {string | null} bucket for `storage.objects`: the bucket; null for a table
 * @property {boolean} rls
 * @property {Record<ApiRole, Record<AccessCommand, AccessCell>>} access
 */

/**
 * Who can do what in the database the migrations leave.
 * @typedef {object} AccessMatrix
 * @property {AccessRelation[]} relations tables by name, then buckets by id
 * @property {{ filePath: string, message: string }[]} [skippedFiles] files the matrix leaves out
 *   (unreadable, or the engine crashed on them); absent when none were
 */

/**
 * The engine's answer to `accessMatrix`.
 * @typedef {object} AccessMatrixResponse
 * @property {AccessRelation[]} relations
 * @property {{ key: string, message: string }[]} configErrors
 */

/**
 * The WASM exports (docs/engine-api.md).
 * @typedef {object} Engine
 * @property {(request: LintRequest) => LintResponse} lint
 * @property {(request: LintRequest) => unknown} fix
 * @property {(request: LintRequest) => AccessMatrixResponse} accessMatrix
 * @property {(request: LintRequest) => Catalog} [catalog] the end-state catalog (Node engine only)
 * @property {() => RuleMeta[]} rules
 * @property {() => ConfigKey[]} configSchema
 * @property {(text: string) => LexicalRanges} lexicalRanges
 * @property {() => string} version
 */

/**
 * One key a configuration may hold, as the engine describes it (`configSchema`).
 * @typedef {object} ConfigKey
 * @property {string} key
 * @property {"preset" | "rules" | "path" | "stringList" | "stringListOrNull" | "functionOrNull" | "versionOrNull" | "any"} type
 *   `path`: relative to the project root, resolved by the host
 * @property {unknown} default what the engine uses when the key is absent; null for none (or a default the host finds on disk)
 * @property {string} title a short label
 * @property {string} description one sentence: what the key does
 * @property {"rules" | "project" | "ignored"} group `project`: a fact about the project the rules read (ESLint's `languageOptions`)
 */

/**
 * The comments and quoted tokens of a text, as the engine's lexer finds them
 * (`lexicalRanges`): UTF-16 offsets, ends exclusive, in text order.
 * @typedef {object} LexicalRanges
 * @property {{ type: "LineComment" | "BlockComment", range: [number, number] }[]} comments
 * @property {[number, number][]} quoted strings, quoted identifiers and `$tag$…$tag$` bodies
 */

/**
 * Why a file never reached the engine.
 * @typedef {object} SourceProblem
 * @property {string} messageId
 * @property {string} message
 * @property {string} [help] how to fix it
 * @property {number} line
 * @property {number} column
 */

/**
 * A file to lint: its text, or the problem that kept it from being read.
 * @typedef {{ path: string, text: string, problem?: undefined } | { path: string, text?: undefined, problem: SourceProblem }} Source
 */

/**
 * @typedef {object} LintMessage
 * @property {string} ruleId
 * @property {1 | 2} severity
 * @property {string} message
 * @property {string} messageId
 * @property {number} line
 * @property {number} column
 * @property {number} endLine
 * @property {number} endColumn
 * @property {Fix} [fix]
 * @property {Suggestion[]} [suggestions]
 * @property {string} [help] how to fix it (a key ESLint's formatters ignore)
 * @property {string} [docsUrl] the rule's documentation (a key ESLint's formatters ignore)
 */

/**
 * One file's result, in ESLint's shape.
 * @typedef {object} LintResult
 * @property {string} filePath
 * @property {LintMessage[]} messages
 * @property {number} errorCount
 * @property {number} warningCount
 * @property {number} fixableErrorCount
 * @property {number} fixableWarningCount
 * @property {string} [source]
 * @property {string} [output]
 * @property {number} [fixedCount] with `output`: how many problems the fixes resolved
 * @property {string} [fixRefused]
 * @property {FrozenReason} [fixWithheld] a fix run left this migration alone although fixes were
 *   available, because it already ran; its messages keep their fixes
 */

/**
 * @typedef {object} LintReport
 * @property {LintResult[]} results
 * @property {LintStats | null} stats null when fixing (the engine's fix reports no statistics)
 * @property {{ filePath: string, message: string }[]} [engineCrashes] files on which the WASM
 *   instance trapped (re-created, the other files linted without them); absent when none did
 */

/**
 * @typedef {object} RunOptions
 * @property {EngineConfig} config
 * @property {string | null} [configPath] named in configuration errors
 * @property {string[]} [reportPaths] the paths to report; default: every source
 * @property {boolean} [fix] apply fixes and report what remains, with `output` on changed files
 * @property {string | Date} [now]
 * @property {boolean} [inlineConfig]
 * @property {boolean} [reportUnusedDisableDirectives]
 * @property {boolean} [validate] false: skip sqlparser's check (only the statistics read it)
 * @property {(path: string) => string} [filePathOf] the `filePath` shown for an engine path
 * @property {AppliedFile[]} [applied] migrations that already ran (engine paths)
 * @property {boolean} [fixApplied] with `fix`: rewrite applied and frozen migrations too
 */

/**
 * The text each fixed result was made from, as read, so that a caller about
 * to write `output` can tell whether the file changed since (kept beside the
 * result, not in it: ESLint's result shape has no such field).
 * @type {WeakMap<LintResult, string>}
 */
const textsFixed = new WeakMap();

/**
 * The text a result's `output` was made from, for a result of a fix run
 * that changed the file; undefined otherwise.
 * @param {LintResult} result
 * @returns {string | undefined}
 */
export function textFixed(result) {
    return textsFixed.get(result);
}

/**
 * Lints (or fixes) a set of sources in one engine call: every source is
 * history, the `reportPaths` ones are reported, and sources with a problem
 * get one message without reaching the engine.
 * @param {Engine} engine
 * @param {Source[]} sources
 * @param {RunOptions} options
 * @returns {LintReport}
 * @throws {SupalintError} when the configuration is not JSON data (a cycle, too deep), or the engine rejects it
 */
export function lintSources(engine, sources, options) {
    // Checked here too, before the engine sees it: overrides and API objects skip the file path.
    const problems = checkJsKeys(options.config, engine.configSchema());
    if (problems.length > 0) {
        throw configError(problems, options.configPath ?? null);
    }
    const filePathOf = options.filePathOf ?? ((path) => path);
    const readable = /** @type {{ path: string, text: string }[]} */ (sources.filter((source) => source.problem === undefined));
    const readablePaths = new Set(readable.map((source) => source.path));
    const reportPaths = options.reportPaths ?? sources.map((source) => source.path);
    // As ESLint does, a byte-order mark is not part of the text that is linted
    // (so it is no column either); fixed output gets it back.
    const withBom = new Set(readable.filter(({ text }) => text.startsWith(BOM)).map(({ path }) => path));
    /** @type {LintRequest} */
    const request = {
        files: readable.map(({ path, text }) => ({ path, text: withBom.has(path) ? text.slice(1) : text })),
        config: options.config,
        reportPaths: reportPaths.filter((path) => readablePaths.has(path)),
    };
    if (options.now !== undefined) {
        request.now = options.now instanceof Date ? options.now.toISOString() : options.now;
    }
    if (options.inlineConfig !== undefined) {
        request.inlineConfig = options.inlineConfig;
    }
    if (options.reportUnusedDisableDirectives !== undefined) {
        request.reportUnusedDisableDirectives = options.reportUnusedDisableDirectives;
    }
    if (options.validate === false && !options.fix) {
        request.validate = false;
    }
    if (options.applied !== undefined) {
        request.applied = options.applied.map(({ path, baseText }) =>
            baseText === undefined ? { path } : { path, baseText: baseText.startsWith(BOM) ? baseText.slice(1) : baseText },
        );
    }
    if (options.fixApplied) {
        request.fixApplied = true;
    }

    const call = callIsolatingTraps(engine, options.fix ? "fix" : "lint", request);
    const response = options.fix ? normalizeFixResponse(call.response) : call.response;
    if (response.configErrors && response.configErrors.length > 0) {
        throw configError(response.configErrors, options.configPath ?? null);
    }

    /** @type {Map<string, LintResult>} */
    const byPath = new Map();
    if (options.fix) {
        for (const file of /** @type {{ files: FixedFile[] }} */ (response).files) {
            const result = createResult({
                filePath: filePathOf(file.path),
                messages: file.remaining.map(toMessage),
                output: file.changed ? (withBom.has(file.path) ? BOM : "") + file.output : undefined,
            });
            if (file.changed) {
                result.fixedCount = file.fixedCount;
            }
            if (file.refused) {
                result.fixRefused = file.refused;
            }
            if (file.withheld) {
                result.fixWithheld = file.withheld;
            }
            byPath.set(file.path, result);
        }
    } else {
        for (const file of /** @type {LintResponse} */ (response).results) {
            byPath.set(file.path, createResult({ filePath: filePathOf(file.path), messages: file.diagnostics.map(toMessage) }));
        }
    }

    const textByPath = new Map(sources.map((source) => [source.path, source]));
    /** @type {LintResult[]} */
    const results = [];
    for (const path of new Set(reportPaths)) {
        const source = textByPath.get(path);
        if (source?.problem) {
            results.push(createResult({ filePath: filePathOf(path), messages: [problemMessage(source.problem)] }));
            continue;
        }
        const crash = call.crashed.get(path);
        if (crash !== undefined) {
            const message = `supalint's engine crashed on \`${path}\` (${crash}), so it is not linted.`;
            const problem = { messageId: "engineCrash", message, help: ENGINE_CRASH_HELP, line: 1, column: 1 };
            results.push(createResult({ filePath: filePathOf(path), messages: [problemMessage(problem)] }));
            continue;
        }
        const result = byPath.get(path) ?? createResult({ filePath: filePathOf(path), messages: [] });
        if (result.output === undefined && result.messages.length > 0 && source?.text !== undefined) {
            result.source = source.text;
        }
        if (result.output !== undefined && source?.text !== undefined) {
            textsFixed.set(result, source.text);
        }
        results.push(result);
    }
    const stats = options.fix ? null : /** @type {LintResponse} */ (response).stats;
    if (call.crashed.size > 0) {
        const engineCrashes = [...call.crashed].map(([path, message]) => ({ filePath: filePathOf(path), message }));
        return { results, stats, engineCrashes };
    }
    return { results, stats };
}

/**
 * The access matrix of a set of sources, through the same trap isolation as
 * a lint: sources with a problem and files the engine crashes on are left out
 * and listed in `skippedFiles`.
 * @param {Engine} engine
 * @param {Source[]} sources
 * @param {{ config: EngineConfig, configPath?: string | null, filePathOf?: (path: string) => string }} options
 * @returns {AccessMatrix}
 * @throws {SupalintError} when the engine rejects the configuration
 */
export function accessMatrixOf(engine, sources, options) {
    // Checked before the engine sees it, as lintSources does: a cyclic override would overflow it.
    const problems = checkJsKeys(options.config, engine.configSchema());
    if (problems.length > 0) {
        throw configError(problems, options.configPath ?? null);
    }
    const filePathOf = options.filePathOf ?? ((path) => path);
    const readable = /** @type {{ path: string, text: string }[]} */ (sources.filter((source) => source.problem === undefined));
    /** @type {LintRequest} */
    const request = {
        files: readable.map(({ path, text }) => ({ path, text: text.startsWith(BOM) ? text.slice(1) : text })),
        config: options.config,
    };
    const call = callIsolatingTraps(engine, "accessMatrix", request);
    const response = /** @type {AccessMatrixResponse} */ (call.response);
    if (response.configErrors && response.configErrors.length > 0) {
        throw configError(response.configErrors, options.configPath ?? null);
    }
    const skippedFiles = [
        ...sources.flatMap((source) => (source.problem === undefined ? [] : [{ filePath: filePathOf(source.path), message: source.problem.message }])),
        ...[...call.crashed].map(([path, message]) => ({
            filePath: filePathOf(path),
            message: `supalint's engine crashed on \`${path}\` (${message}), so it is left out; please report it.`,
        })),
    ];
    const relations = response.relations.map(inReadingOrder);
    return skippedFiles.length > 0 ? { relations, skippedFiles } : { relations };
}

/**
 * A function the migrations leave, as the end-state catalog lists it.
 * @typedef {object} CatalogFunction
 * @property {string} name schema-qualified, as PostgreSQL stores it
 * @property {string[]} args the argument types
 * @property {boolean} securityDefiner
 * @property {string[]} executableBy the API roles that may execute it
 */

/**
 * The end state the migrations leave (docs/engine-api.md): the project's own
 * objects, not the platform's.
 * @typedef {object} Catalog
 * @property {CatalogFunction[]} functions
 * @property {{ name: string }[]} tables
 */

/**
 * The end-state catalog of a set of sources, through the same trap
 * isolation as the access matrix: files the engine crashes on are left out.
 * @param {Engine} engine
 * @param {Source[]} sources
 * @returns {Catalog}
 */
export function catalogOf(engine, sources) {
    const readable = /** @type {{ path: string, text: string }[]} */ (sources.filter((source) => source.problem === undefined));
    /** @type {LintRequest} */
    const request = {
        files: readable.map(({ path, text }) => ({ path, text: text.startsWith(BOM) ? text.slice(1) : text })),
        config: {},
    };
    return /** @type {Catalog} */ (callIsolatingTraps(engine, "catalog", request).response);
}

/**
 * A relation with its keys in the order docs/access.md gives them (the
 * engine's JSON objects come with sorted keys).
 * @param {AccessRelation} relation
 * @returns {AccessRelation}
 */
function inReadingOrder({ name, bucket, rls, access }) {
    const cell = (/** @type {AccessCell} */ { rows, condition, policies, writableColumns }) => ({
        rows,
        ...(condition === undefined ? {} : { condition }),
        ...(policies === undefined ? {} : { policies }),
        ...(writableColumns === undefined ? {} : { writableColumns }),
    });
    const commands = (/** @type {Record<AccessCommand, AccessCell>} */ byCommand) => ({
        select: cell(byCommand.select),
        insert: cell(byCommand.insert),
        update: cell(byCommand.update),
        delete: cell(byCommand.delete),
    });
    return { name, bucket, rls, access: { anon: commands(access.anon), authenticated: commands(access.authenticated) } };
}

/**
 * The engine's fix response (`{ results, configErrors }`, docs/engine-api.md)
 * as `{ files, configErrors }`.
 * @param {unknown} response
 * @returns {{ files: FixedFile[], configErrors: { key: string, message: string }[] }}
 */
export function normalizeFixResponse(response) {
    const { results, configErrors } = /** @type {{ results: FixedFile[], configErrors: { key: string, message: string }[] }} */ (response);
    return { files: results, configErrors };
}
