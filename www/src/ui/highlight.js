/**
 * @file SQL code blocks outside the editor (rule docs and examples),
 * highlighted by the same PostgreSQL grammar and `tok-*` classes as the editor.
 */

import { PostgreSQL } from "@codemirror/lang-sql";
import { classHighlighter, highlightCode } from "@lezer/highlight";

const parser = PostgreSQL.language.parser;

/**
 * A `<code>` element with highlighted SQL.
 * @param {string} code
 * @returns {HTMLElement}
 */
export function highlightSql(code) {
    const element = document.createElement("code");
    highlightCode(
        code,
        parser.parse(code),
        classHighlighter,
        (text, classes) => {
            if (classes) {
                const span = document.createElement("span");
                span.className = classes;
                span.textContent = text;
                element.append(span);
            } else {
                element.append(text);
            }
        },
        () => element.append("\n"),
    );
    return element;
}
