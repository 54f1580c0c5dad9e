/**
 * @file The CodeMirror 6 editor: PostgreSQL highlighting, the engine's
 * diagnostics as underlines, gutter markers and hover tooltips with quick
 * fixes, and helpers to turn engine positions into editor offsets.
 */

import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { PostgreSQL, sql } from "@codemirror/lang-sql";
import { bracketMatching, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import { lintGutter, lintKeymap, setDiagnostics } from "@codemirror/lint";
import { highlightSelectionMatches, searchKeymap } from "@codemirror/search";
import { EditorState } from "@codemirror/state";
import {
    EditorView,
    drawSelection,
    highlightActiveLine,
    highlightActiveLineGutter,
    highlightSpecialChars,
    keymap,
    lineNumbers,
} from "@codemirror/view";
import { classHighlighter } from "@lezer/highlight";
import { renderMessage } from "./ui/dom.js";

/** @import { Text } from "@codemirror/state" */
/** @import { Diagnostic as EditorDiagnostic } from "@codemirror/lint" */
/** @import { LintMessage } from "supalint" */

/**
 * @param {object} options
 * @param {HTMLElement} options.parent
 * @param {string} options.doc
 * @param {() => void} options.onChange called after every edit
 * @returns {EditorView}
 */
export function createEditor({ parent, doc, onChange }) {
    return new EditorView({
        parent,
        state: EditorState.create({
            doc,
            extensions: [
                lineNumbers(),
                highlightActiveLineGutter(),
                highlightSpecialChars(),
                history(),
                drawSelection(),
                indentOnInput(),
                bracketMatching(),
                highlightActiveLine(),
                highlightSelectionMatches(),
                syntaxHighlighting(classHighlighter),
                sql({ dialect: PostgreSQL, upperCaseKeywords: false }),
                lintGutter({ hoverTime: 150 }),
                EditorView.lineWrapping,
                EditorView.contentAttributes.of({ "aria-label": "Migration SQL", spellcheck: "false" }),
                keymap.of([...defaultKeymap, ...historyKeymap, ...searchKeymap, ...lintKeymap]),
                EditorView.updateListener.of((update) => {
                    if (update.docChanged) {
                        onChange();
                    }
                }),
            ],
        }),
    });
}

/**
 * The editor offset of a 1-based line and UTF-16 column (the engine's
 * positions; CodeMirror also counts UTF-16 code units).
 * @param {Text} doc
 * @param {number} line
 * @param {number} column
 * @returns {number}
 */
export function offsetOf(doc, line, column) {
    if (line > doc.lines) {
        return doc.length;
    }
    const { from, to } = doc.line(Math.max(1, line));
    return Math.min(to, from + Math.max(0, column - 1));
}

/**
 * The editor range a message covers.
 * @param {Text} doc
 * @param {LintMessage} message
 * @returns {{ from: number, to: number }}
 */
export function rangeOf(doc, message) {
    const from = offsetOf(doc, message.line, message.column);
    const to = Math.max(from, offsetOf(doc, message.endLine, message.endColumn));
    return { from, to };
}

/**
 * Shows the engine's messages in the editor.
 * @param {EditorView} view
 * @param {LintMessage[]} messages
 * @param {(message: LintMessage, fix: { range: [number, number], text: string }) => void} applyFix
 */
export function showDiagnostics(view, messages, applyFix) {
    const doc = view.state.doc;
    /** @type {EditorDiagnostic[]} */
    const diagnostics = messages.map((message) => {
        const actions = [];
        if (message.fix) {
            const fix = message.fix;
            actions.push({ name: "Fix", apply: () => applyFix(message, fix) });
        }
        for (const suggestion of message.suggestions ?? []) {
            actions.push({ name: suggestion.desc, apply: () => applyFix(message, suggestion.fix) });
        }
        return {
            ...rangeOf(doc, message),
            severity: message.severity === 2 ? "error" : "warning",
            message: message.message,
            source: message.ruleId,
            renderMessage: () => {
                const element = document.createElement("span");
                element.append(...renderMessage(message.message));
                if (message.help) {
                    const help = document.createElement("span");
                    help.className = "diagnostic-help";
                    help.append(...renderMessage(message.help));
                    element.append(document.createElement("br"), help);
                }
                return element;
            },
            actions,
        };
    });
    view.dispatch(setDiagnostics(view.state, diagnostics));
}
