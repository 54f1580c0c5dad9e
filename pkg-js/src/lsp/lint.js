/**
 * @file The engine calls of the language server. Each keeps the engine's own
 * diagnostics (their UTF-16 ranges, template data and docs link), which the
 * editor needs and the ESLint-shaped results of `lintSources` leave out.
 *
 * A migration is linted with the whole folder as history, the editor's
 * unsaved texts standing in for the disk's; only the open migrations are
 * reported. A `.sql` file outside the migrations folder is no migration: it
 * is linted alone, without the rules about migration files.
 */

/** @import { Diagnostic, EngineConfig, Engine, LintRequest, LintResponse, RuleMeta } from "../api.js" */
/** @import { Project } from "./project.js" */

import { normalizeFixResponse } from "../api.js";
import { callIsolatingTraps } from "../engine/isolate-traps.js";
import { ENGINE_CRASH_HELP } from "../results.js";
import { withFixesAsSuggestions, withheldReason } from "../withheld-fixes.js";
import { configError } from "../errors.js";

const BOM = "\uFEFF";

/**
 * What the engine found in one file.
 * @typedef {object} FileLint
 * @property {string} enginePath
 * @property {number} bom 1 when the linted text started with a byte-order mark (not part of the engine's offsets), else 0
 * @property {Diagnostic[]} diagnostics
 * @property {string[]} history the engine paths of the other files in the run
 */

/**
 * A text the editor holds, for a file of the project.
 * @typedef {object} OpenText
 * @property {string} file absolute path
 * @property {string} text
 */

/**
 * @param {string} text
 * @returns {number}
 */
function bomLength(text) {
    return text.startsWith(BOM) ? 1 : 0;
}

/**
 * The request's files: the migrations on disk with the open texts in place
 * of theirs (a file the engine cannot read stays out of the history).
 * @param {Project} project
 * @param {OpenText[]} open the open migrations of the project
 * @returns {{ files: LintRequest["files"], bom: Map<string, number> }}
 */
function historyFiles(project, open) {
    /** @type {Map<string, string>} */
    const texts = new Map();
    for (const [file, source] of project.disk) {
        if (source.text !== undefined) {
            texts.set(file, source.text);
        }
    }
    for (const { file, text } of open) {
        texts.set(file, text);
    }
    /** @type {Map<string, number>} */
    const bom = new Map();
    const files = [...texts].map(([file, text]) => {
        const path = project.enginePath(file);
        bom.set(path, bomLength(text));
        return { path, text: text.slice(bomLength(text)) };
    });
    return { files, bom };
}

/**
 * A diagnostic for a file the engine trapped on.
 * @param {string} path
 * @param {string} reason
 * @param {RuleMeta | undefined} parseError the `parse-error` rule, for its docs link
 * @returns {Diagnostic}
 */
function crashDiagnostic(path, reason, parseError) {
    return {
        ruleId: "parse-error",
        severity: 2,
        message: `supalint's engine crashed on \`${path}\` (${reason}), so it is not linted.`,
        help: ENGINE_CRASH_HELP,
        messageId: "engineCrash",
        data: {},
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 1,
        range: [0, 0],
        byteRange: [0, 0],
        docsUrl: parseError?.docsUrl ?? "",
    };
}

/**
 * Runs one lint request, isolating engine traps. A text the engine trapped on
 * stays out of later requests (its crash is remembered): the Node engine has
 * only a few fresh instances to replace trapped ones, and a server that
 * re-linted that text on every keystroke would use them all up.
 * @param {Engine} engine
 * @param {LintRequest} request
 * @param {Project} project
 * @param {Map<string, RuleMeta>} rules
 * @returns {Map<string, Diagnostic[]>} by engine path, for the reported files
 * @throws {SupalintError} when the engine rejects the configuration
 */
function runLint(engine, request, project, rules) {
    /** @type {Map<string, string>} */
    const known = new Map();
    const files = request.files.filter((file) => {
        const crash = project.crashes.get(file.path);
        if (crash?.text === file.text) {
            known.set(file.path, crash.reason);
            return false;
        }
        return true;
    });
    const reportPaths = (request.reportPaths ?? request.files.map((file) => file.path)).filter((path) => !known.has(path));
    const call = callIsolatingTraps(engine, "lint", { ...request, files, reportPaths });
    const response = /** @type {LintResponse} */ (call.response);
    if (response.configErrors.length > 0) {
        throw configError(response.configErrors, project.resolved?.configPath ?? null);
    }
    // A migration that already ran offers each fix as an explicit action, never in a fix-all.
    const byPath = new Map(
        response.results.map((result) => [result.path, result.frozen === undefined ? result.diagnostics : withFixesAsSuggestions(result.diagnostics, result.frozen)]),
    );
    for (const [path, reason] of call.crashed) {
        const text = files.find((file) => file.path === path)?.text;
        if (text !== undefined) {
            project.crashes.set(path, { text, reason });
        }
    }
    const reported = new Set(request.reportPaths ?? request.files.map((file) => file.path));
    for (const [path, reason] of [...known, ...call.crashed]) {
        if (reported.has(path)) {
            byPath.set(path, [crashDiagnostic(path, reason, rules.get("parse-error"))]);
        }
    }
    return byPath;
}

/**
 * Lints the open migrations of a project with the folder's whole history.
 * @param {Engine} engine
 * @param {Project} project a project with a usable configuration
 * @param {OpenText[]} open the open migrations: these are reported
 * @param {Map<string, RuleMeta>} rules
 * @returns {Map<string, FileLint>} by absolute path
 * @throws {SupalintError} when the engine rejects the configuration
 */
export function lintMigrations(engine, project, open, rules) {
    const resolved = /** @type {NonNullable<Project["resolved"]>} */ (project.resolved);
    const { files, bom } = historyFiles(project, open);
    const reportPaths = open.map(({ file }) => project.enginePath(file));
    // Validation only feeds the run statistics, which an editor never shows: a third of the time saved.
    const byPath = runLint(engine, { files, config: resolved.config, reportPaths, validate: false }, project, rules);
    const history = files.map((file) => file.path);
    /** @type {Map<string, FileLint>} */
    const lints = new Map();
    for (const { file } of open) {
        const enginePath = project.enginePath(file);
        lints.set(file, {
            enginePath,
            bom: bom.get(enginePath) ?? 0,
            diagnostics: byPath.get(enginePath) ?? [],
            history: history.filter((other) => other !== enginePath),
        });
    }
    return lints;
}

/**
 * The configuration for a `.sql` file that is no migration: the rules about
 * migration files (their names, place, order and header) are off.
 * @param {EngineConfig} config
 * @param {RuleMeta[]} rules
 * @returns {EngineConfig}
 */
export function perFileConfig(config, rules) {
    const off = rules.filter((rule) => rule.category === "naming" || rule.id === "migration-header").map((rule) => [rule.id, "off"]);
    return { ...config, rules: { ...config.rules, ...Object.fromEntries(off) } };
}

/**
 * Lints one `.sql` file outside the migrations folder, alone.
 * @param {Engine} engine
 * @param {Project} project a project with a usable configuration
 * @param {OpenText} open
 * @param {Map<string, RuleMeta>} rules
 * @returns {FileLint}
 * @throws {SupalintError} when the engine rejects the configuration
 */
export function lintAlone(engine, project, open, rules) {
    const resolved = /** @type {NonNullable<Project["resolved"]>} */ (project.resolved);
    const enginePath = project.enginePath(open.file);
    const bom = bomLength(open.text);
    const request = {
        files: [{ path: enginePath, text: open.text.slice(bom) }],
        config: perFileConfig(resolved.config, [...rules.values()]),
        validate: false,
    };
    const byPath = runLint(engine, request, project, rules);
    return { enginePath, bom, diagnostics: byPath.get(enginePath) ?? [], history: [] };
}

/**
 * Applies every safe fix to one open file (the engine's passes, with the same
 * history and configuration as its lint).
 * @param {Engine} engine
 * @param {Project} project a project with a usable configuration
 * @param {OpenText[]} open the open migrations of the project (with `target` among them when it is one)
 * @param {OpenText} target
 * @param {Map<string, RuleMeta>} rules
 * @returns {{ output: string | null, refused?: string }} the fixed text (its byte-order mark kept), or null when
 *   no fix changed it; `refused` says why the engine kept the text (or held its fixes back: the migration already ran)
 * @throws {SupalintError} when the engine rejects the configuration
 */
export function fixFile(engine, project, open, target, rules) {
    const resolved = /** @type {NonNullable<Project["resolved"]>} */ (project.resolved);
    const enginePath = project.enginePath(target.file);
    const bom = bomLength(target.text);
    /** @type {LintRequest} */
    const request = project.isMigration(target.file)
        ? { files: historyFiles(project, open).files, config: resolved.config, reportPaths: [enginePath] }
        : { files: [{ path: enginePath, text: target.text.slice(bom) }], config: perFileConfig(resolved.config, [...rules.values()]) };
    request.files = request.files.filter((file) => project.crashes.get(file.path)?.text !== file.text);
    if (!request.files.some((file) => file.path === enginePath)) {
        return { output: null };
    }
    const call = callIsolatingTraps(engine, "fix", request);
    const response = normalizeFixResponse(call.response);
    if (response.configErrors.length > 0) {
        throw configError(response.configErrors, resolved.configPath);
    }
    const fixed = response.files.find((file) => file.path === enginePath);
    if (fixed?.refused !== undefined) {
        return { output: null, refused: fixed.refused };
    }
    if (fixed?.withheld !== undefined) {
        return { output: null, refused: withheldReason(fixed.withheld) };
    }
    return { output: fixed?.changed ? (bom === 1 ? BOM : "") + fixed.output : null };
}
