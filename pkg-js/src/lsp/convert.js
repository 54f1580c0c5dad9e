/**
 * @file Engine findings in the Language Server Protocol's terms: positions,
 * severity, the rule id as code with its docs link, and the other migration
 * a finding names as related information.
 */

/** @import { Diagnostic as EngineDiagnostic, RuleMeta } from "../api.js" */
/** @import { Diagnostic, DiagnosticRelatedInformation, Range, TextEdit } from "vscode-languageserver" */
/** @import { TextDocument } from "vscode-languageserver-textdocument" */
/** @import { FileLint } from "./lint.js" */

import path from "node:path";
import { pathToFileURL } from "node:url";
import { DiagnosticSeverity, DiagnosticTag } from "vscode-languageserver";

/** The `source` of every diagnostic the server publishes. */
export const SOURCE = "supalint";

/**
 * An engine range (UTF-16 offsets into the text without its byte-order mark) in the document.
 * @param {TextDocument} document
 * @param {number} bom
 * @param {[number, number]} range
 * @returns {Range}
 */
export function toRange(document, bom, [start, end]) {
    return { start: document.positionAt(start + bom), end: document.positionAt(end + bom) };
}

/**
 * An engine fix as an edit of the document.
 * @param {TextDocument} document
 * @param {number} bom
 * @param {{ range: [number, number], text: string }} fix
 * @returns {TextEdit}
 */
export function toTextEdit(document, bom, fix) {
    return { range: toRange(document, bom, fix.range), newText: fix.text };
}

/**
 * The other migrations a finding names in its template data (a duplicate
 * version names the file that has it first).
 * @param {EngineDiagnostic} diagnostic
 * @param {FileLint} lint
 * @param {string} root the project root the engine paths are relative to
 * @returns {DiagnosticRelatedInformation[]}
 */
function relatedFiles(diagnostic, lint, root) {
    /** @type {DiagnosticRelatedInformation[]} */
    const related = [];
    for (const value of new Set(Object.values(diagnostic.data ?? {}))) {
        const other = lint.history.find((file) => file === value || path.posix.basename(file) === value);
        if (other !== undefined) {
            related.push({
                location: {
                    uri: pathToFileURL(path.resolve(root, other)).href,
                    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
                },
                message: `Migration \`${path.posix.basename(other)}\`, named in this finding.`,
            });
        }
    }
    return related;
}

/**
 * One engine finding as an LSP diagnostic: the short message, then its help on
 * a line of its own (editors show both in the hover and the problems list;
 * `relatedInformation` needs a location, and help has none), and the rule's
 * docs as `codeDescription`.
 * @param {EngineDiagnostic} diagnostic
 * @param {object} context
 * @param {TextDocument} context.document
 * @param {FileLint} context.lint
 * @param {string} context.root
 * @param {Map<string, RuleMeta>} context.rules
 * @returns {Diagnostic}
 */
export function toLspDiagnostic(diagnostic, { document, lint, root, rules }) {
    /** @type {Diagnostic} */
    const result = {
        range: toRange(document, lint.bom, diagnostic.range),
        severity: diagnostic.severity === 2 ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
        code: diagnostic.ruleId,
        source: SOURCE,
        message: diagnostic.help ? `${diagnostic.message}\n${diagnostic.help}` : diagnostic.message,
    };
    const href = diagnostic.docsUrl || rules.get(diagnostic.ruleId)?.docsUrl;
    if (href) {
        result.codeDescription = { href };
    }
    if (diagnostic.ruleId === "unused-disable-directive") {
        result.tags = [DiagnosticTag.Unnecessary];
    }
    const related = relatedFiles(diagnostic, lint, root);
    if (related.length > 0) {
        result.relatedInformation = related;
    }
    return result;
}

/**
 * A diagnostic of the server itself (an unusable configuration, a failure),
 * at the start of the document.
 * @param {string} message
 * @param {string} code
 * @returns {Diagnostic}
 */
export function serverDiagnostic(message, code) {
    return {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Error,
        code,
        source: SOURCE,
        message,
    };
}

/**
 * Whether two ranges overlap (touching counts: a cursor at a diagnostic's end is on it).
 * @param {Range} a
 * @param {Range} b
 * @returns {boolean}
 */
export function rangesTouch(a, b) {
    return comparePositions(a.start, b.end) <= 0 && comparePositions(b.start, a.end) <= 0;
}

/**
 * @param {{ line: number, character: number }} a
 * @param {{ line: number, character: number }} b
 * @returns {number}
 */
function comparePositions(a, b) {
    return a.line === b.line ? a.character - b.character : a.line - b.line;
}
