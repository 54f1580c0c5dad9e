/**
 * @file The ESLint language `supalint/sql`. Its `parse()` runs the WASM
 * engine once for the file, with the file's migrations folder as history
 * (`migration-history.js`), and keeps the findings on the document node; the
 * rules only report them. A lexical error (an unterminated string, quoted
 * identifier, dollar quote or comment), a binary file or one over the
 * engine's size limit (which the engine does not lint, as the CLI reports)
 * is a parsing error, as ESLint reports one. `parse()` never throws.
 * The engine applies `supalint-disable…` comments; a file with one is linted
 * again, once the rules ESLint runs are known (`SqlSourceCode`).
 */

/** @import { Diagnostic } from "../api.js" */
/** @import { MigrationLint } from "./migration-history.js" */
/** @import { SqlLanguageOptions } from "./language-options.js" */

import path from "node:path";
import { engine } from "../engine/node.js";
import { engineConfig, validateLanguageOptions } from "./language-options.js";
import { lintMigration } from "./migration-history.js";
import { LINE_ENDING, SqlSourceCode } from "./sql-source-code.js";

/**
 * A 1-based line and column (UTF-16 code units).
 * @typedef {{ line: number, column: number }} Position
 * @typedef {{ start: Position, end: Position }} SourceLocation
 */

/**
 * A SQL comment: `--` to the end of the line, or a (nestable) `/* *\/` block.
 * `value` is the text between the delimiters.
 * @typedef {object} SqlComment
 * @property {"LineComment" | "BlockComment"} type
 * @property {string} value
 * @property {[number, number]} range UTF-16 offsets
 * @property {SourceLocation} loc
 */

/**
 * The root (and only visited) node of a migration.
 * @typedef {object} SqlDocument
 * @property {"Document"} type
 * @property {[number, number]} range
 * @property {SourceLocation} loc
 * @property {SqlComment[]} comments
 * @property {Diagnostic[]} diagnostics the engine's findings for this file
 * @property {string} path the path the engine saw (relative to its project root)
 * @property {string[]} history the engine paths of the migrations linted with it, this one included
 */

/**
 * @typedef {{ ok: true, ast: SqlDocument } | { ok: false, errors: { message: string, line: number, column: number }[] }} SqlParseResult
 */

/** `parse-error` message ids that mean the file cannot be read as SQL, or is not linted at all. */
const FATAL_MESSAGE_IDS = new Set(["unterminatedString", "unterminatedQuotedIdent", "unterminatedDollarString", "unterminatedComment", "binary", "tooLarge"]);

/**
 * The offsets where each line starts.
 * @param {string} text
 * @returns {number[]}
 */
function lineStarts(text) {
    const starts = [0];
    const pattern = new RegExp(LINE_ENDING.source, "gu");
    for (const match of text.matchAll(pattern)) {
        starts.push(match.index + match[0].length);
    }
    return starts;
}

/**
 * @param {number[]} starts
 * @param {number} offset
 * @returns {Position}
 */
function positionAt(starts, offset) {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
        const middle = (low + high + 1) >> 1;
        if (starts[middle] <= offset) {
            low = middle;
        } else {
            high = middle - 1;
        }
    }
    return { line: low + 1, column: offset - starts[low] + 1 };
}

/**
 * The text ESLint hands a language.
 * @param {{ body: string | Uint8Array }} file
 * @returns {string}
 */
function bodyText(file) {
    return typeof file.body === "string" ? file.body : new TextDecoder().decode(file.body);
}

/**
 * Lints one file with its history: every engine rule, or only `ruleIds`.
 * The engine applies `supalint-disable…` directives (when `inlineConfig`);
 * ESLint applies its own.
 * @param {string} filePath as ESLint names the file
 * @param {string} text
 * @param {SqlLanguageOptions} options
 * @param {string[] | undefined} ruleIds
 * @param {boolean} inlineConfig
 * @returns {MigrationLint}
 * @throws {Error} when the engine rejects the configuration or fails
 */
function lintFile(filePath, text, options, ruleIds, inlineConfig) {
    const languageOptions = /** @type {Record<string, unknown>} */ (options);
    const cwd = process.cwd();
    return lintMigration({
        filePath,
        text,
        cwd,
        inlineConfig,
        migrationsDirOption: typeof languageOptions.migrationsDir === "string" ? languageOptions.migrationsDir : undefined,
        configFor: (location) => {
            const config = engineConfig(languageOptions, {
                migrationsDir: location?.migrationsDir ?? String(languageOptions.migrationsDir ?? "supabase/migrations"),
                migrationsPath: location ? path.resolve(location.root, location.migrationsDir) : null,
                cwd,
            });
            return ruleIds ? { ...config, extends: "none", rules: Object.fromEntries(ruleIds.map((id) => [id, "error"])) } : config;
        },
    });
}

/**
 * The parse failure for an engine that could not lint the file.
 * @param {unknown} error
 * @returns {SqlParseResult}
 */
function couldNotLint(error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, errors: [{ message: `supalint could not lint this file: ${reason}`, line: 1, column: 1 }] };
}

/**
 * The ESLint language for Supabase / PostgreSQL migrations.
 */
export class SqlLanguage {
    /**
     * ESLint reads the file as text.
     * @type {"text"}
     */
    fileType = "text";

    /**
     * Lines count from 1.
     * @type {1}
     */
    lineStart = 1;

    /**
     * Columns count from 1, in UTF-16 code units.
     * @type {1}
     */
    columnStart = 1;

    /**
     * The key that holds a node's type.
     * @type {"type"}
     */
    nodeTypeKey = "type";

    /**
     * The document has no visited children: the findings are data on it.
     * @type {Record<string, string[]>}
     */
    visitorKeys = { Document: [] };

    /**
     * Throws when `languageOptions` hold an unknown key or a value the engine rejects.
     * @param {SqlLanguageOptions} languageOptions
     * @returns {void}
     * @throws {Error}
     */
    validateLanguageOptions(languageOptions) {
        validateLanguageOptions(/** @type {Record<string, unknown>} */ (languageOptions));
    }

    /**
     * Lints the file with the engine. Never throws: a lexical error, or an
     * engine failure, is returned as `{ ok: false, errors }`.
     * @param {{ path: string, body: string | Uint8Array }} file
     * @param {{ languageOptions?: SqlLanguageOptions }} [context]
     * @returns {SqlParseResult}
     */
    parse(file, context) {
        const text = bodyText(file);
        let linted;
        try {
            linted = lintFile(file.path, text, context?.languageOptions ?? {}, undefined, true);
        } catch (error) {
            return couldNotLint(error);
        }

        const fatal = linted.diagnostics.filter((diagnostic) => diagnostic.ruleId === "parse-error" && FATAL_MESSAGE_IDS.has(diagnostic.messageId));
        if (fatal.length > 0) {
            return {
                ok: false,
                errors: fatal.map((diagnostic) => ({ message: diagnostic.message, line: diagnostic.line, column: diagnostic.column })),
            };
        }

        let lexical;
        try {
            // The engine's lexer finds the comments ESLint reads its directives from.
            lexical = engine.lexicalRanges(text);
        } catch (error) {
            return couldNotLint(error);
        }
        const starts = lineStarts(text);
        const comments = lexical.comments.map(({ type, range }) => ({
            type,
            value: type === "LineComment" ? text.slice(range[0] + 2, range[1]) : text.slice(range[0] + 2, range[1] - 2),
            range,
            loc: { start: positionAt(starts, range[0]), end: positionAt(starts, range[1]) },
        }));
        /** @type {SqlDocument} */
        const ast = {
            type: "Document",
            range: [0, text.length],
            loc: { start: { line: 1, column: 1 }, end: positionAt(starts, text.length) },
            comments,
            diagnostics: linted.diagnostics,
            path: linted.enginePath,
            history: linted.history,
        };
        return { ok: true, ast };
    }

    /**
     * The `SourceCode` of a parsed file.
     * @param {{ path: string, body: string | Uint8Array }} file
     * @param {{ ast: SqlDocument }} parseResult
     * @param {{ languageOptions?: SqlLanguageOptions }} [context]
     * @returns {SqlSourceCode}
     */
    createSourceCode(file, parseResult, context) {
        const text = bodyText(file);
        const { ast } = parseResult;
        /** @type {(ruleIds: string[], inlineConfig: boolean) => Diagnostic[]} */
        const lintWithRules = (ruleIds, inlineConfig) => {
            try {
                return lintFile(file.path, text, context?.languageOptions ?? {}, ruleIds, inlineConfig).diagnostics;
            } catch {
                // parse() linted the same text with the same options; its findings stand.
                return ast.diagnostics;
            }
        };
        return new SqlSourceCode({ text, ast, lintWithRules });
    }
}
