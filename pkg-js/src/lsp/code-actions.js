/**
 * @file The code actions on a document's findings: each fix as the preferred
 * quick fix, each suggestion as a quick fix that is not preferred, "disable
 * for this line" with our directive, and "fix all" (`source.fixAll.supalint`,
 * which editors run on save) from the engine's own fix passes.
 */

/** @import { CodeAction, Range, TextEdit } from "vscode-languageserver" */
/** @import { TextDocument } from "vscode-languageserver-textdocument" */
/** @import { Diagnostic as EngineDiagnostic } from "../api.js" */

import { CodeActionKind } from "vscode-languageserver";
import { rangesTouch, toTextEdit } from "./convert.js";
import { disableRuleEdits } from "./directives.js";

/** The kind of the "fix all" action. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.supalint`;

/**
 * A finding as published, with the engine diagnostic it came from.
 * @typedef {object} ReportEntry
 * @property {import("vscode-languageserver").Diagnostic} lsp
 * @property {EngineDiagnostic} engine
 */

/**
 * What the server last published for a document.
 * @typedef {object} FileReport
 * @property {number} version the document version linted
 * @property {number} bom 1 when the text starts with a byte-order mark, else 0
 * @property {ReportEntry[]} entries
 */

/**
 * Whether an action of `kind` was asked for (`only` lists kinds and their parents).
 * @param {string[] | undefined} only
 * @param {string} kind
 * @returns {boolean}
 */
export function isRequested(only, kind) {
    return only === undefined || only.length === 0 || only.some((wanted) => kind === wanted || kind.startsWith(`${wanted}.`));
}

/**
 * @param {TextDocument} document
 * @param {TextEdit[]} edits
 * @returns {import("vscode-languageserver").WorkspaceEdit}
 */
function workspaceEdit(document, edits) {
    return { changes: { [document.uri]: edits } };
}

/**
 * The quick fixes for the findings that touch `range`.
 * @param {TextDocument} document
 * @param {FileReport} report
 * @param {Range} range
 * @param {string[] | undefined} only
 * @returns {CodeAction[]}
 */
export function quickFixes(document, report, range, only) {
    if (!isRequested(only, CodeActionKind.QuickFix)) {
        return [];
    }
    const text = document.getText();
    /** @type {CodeAction[]} */
    const fixes = [];
    /** @type {CodeAction[]} */
    const others = [];
    const disabled = new Set();
    for (const { lsp, engine } of report.entries) {
        if (!rangesTouch(lsp.range, range)) {
            continue;
        }
        if (engine.fix) {
            fixes.push({
                title: `Fix this ${engine.ruleId} problem`,
                kind: CodeActionKind.QuickFix,
                diagnostics: [lsp],
                isPreferred: true,
                edit: workspaceEdit(document, [toTextEdit(document, report.bom, engine.fix)]),
            });
        }
        for (const suggestion of engine.suggestions ?? []) {
            others.push({
                title: suggestion.desc,
                kind: CodeActionKind.QuickFix,
                diagnostics: [lsp],
                isPreferred: false,
                edit: workspaceEdit(document, [toTextEdit(document, report.bom, suggestion.fix)]),
            });
        }
        // A lexical error is no finding to silence, and an engine crash none to keep.
        const key = `${engine.ruleId}:${lsp.range.start.line}`;
        if (engine.ruleId !== "parse-error" && !disabled.has(key)) {
            disabled.add(key);
            const insertions = disableRuleEdits(text, engine.range[0] + report.bom, engine.ruleId);
            others.push({
                title: `Disable ${engine.ruleId} for this line`,
                kind: CodeActionKind.QuickFix,
                diagnostics: [lsp],
                isPreferred: false,
                edit: workspaceEdit(
                    document,
                    insertions.map(({ offset, text: newText }) => {
                        const position = document.positionAt(offset);
                        return { range: { start: position, end: position }, newText };
                    }),
                ),
            });
        }
    }
    return [...fixes, ...others];
}

/**
 * The "fix all" action: one edit from the text to the engine's fixed output
 * (only the part that differs, so the cursor and folds elsewhere stay put).
 * @param {TextDocument} document
 * @param {{ output: string | null, refused?: string }} fixed
 * @returns {CodeAction | null}
 */
export function fixAllAction(document, fixed) {
    const title = "Fix all auto-fixable supalint problems";
    if (fixed.output === null) {
        return fixed.refused === undefined ? null : { title, kind: FIX_ALL_KIND, disabled: { reason: fixed.refused } };
    }
    const text = document.getText();
    const output = fixed.output;
    let start = 0;
    while (start < text.length && start < output.length && text[start] === output[start]) {
        start += 1;
    }
    let end = 0;
    while (end < text.length - start && end < output.length - start && text[text.length - 1 - end] === output[output.length - 1 - end]) {
        end += 1;
    }
    // Never split a surrogate pair.
    if (start > 0 && isHighSurrogate(text.charCodeAt(start - 1))) {
        start -= 1;
    }
    if (end > 0 && isLowSurrogate(text.charCodeAt(text.length - end))) {
        end -= 1;
    }
    /** @type {TextEdit} */
    const edit = {
        range: { start: document.positionAt(start), end: document.positionAt(text.length - end) },
        newText: output.slice(start, output.length - end),
    };
    return { title, kind: FIX_ALL_KIND, edit: workspaceEdit(document, [edit]) };
}

/**
 * @param {number} code
 * @returns {boolean}
 */
function isHighSurrogate(code) {
    return code >= 0xd800 && code <= 0xdbff;
}

/**
 * @param {number} code
 * @returns {boolean}
 */
function isLowSurrogate(code) {
    return code >= 0xdc00 && code <= 0xdfff;
}
