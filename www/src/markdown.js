/**
 * @file The rule docs' Markdown as DOM nodes. `marked` reads the Markdown
 * into tokens; this file builds elements from them and never assigns HTML,
 * so no markup from the docs (raw HTML included, shown as text) reaches
 * `innerHTML`, and links go only to web pages and anchors.
 */

import { Lexer } from "marked";

/** @import { Token, Tokens } from "marked" */

/**
 * Whether a link target is safe to put in an `href` (web links and anchors only).
 * @param {string} href
 * @returns {boolean}
 */
export function isSafeHref(href) {
    return /^(https?:\/\/|#)/iu.test(href);
}

/**
 * Inline Markdown (a message, a note) as DOM nodes.
 * @param {string} text
 * @returns {Node[]}
 */
export function renderInline(text) {
    return inlineNodes(Lexer.lexInline(text));
}

/**
 * Markdown as a document fragment; code blocks are built by the caller.
 * @param {string} markdown
 * @param {(block: Tokens.Code) => Node} renderCode
 * @returns {DocumentFragment}
 */
export function renderMarkdown(markdown, renderCode) {
    const fragment = document.createDocumentFragment();
    fragment.append(...blockNodes(Lexer.lex(markdown), renderCode));
    return fragment;
}

/**
 * @param {Token[]} tokens
 * @param {(block: Tokens.Code) => Node} renderCode
 * @returns {Node[]}
 */
function blockNodes(tokens, renderCode) {
    return tokens.flatMap((token) => {
        switch (token.type) {
            case "space":
                return [];
            case "code":
                return [renderCode(/** @type {Tokens.Code} */ (token))];
            case "heading": {
                // Rule docs sit under the rule's own heading, so `##` becomes h4.
                const heading = document.createElement(`h${Math.min(6, token.depth + 2)}`);
                heading.append(...inlineNodes(token.tokens ?? []));
                return [heading];
            }
            case "paragraph": {
                const paragraph = document.createElement("p");
                paragraph.append(...inlineNodes(token.tokens ?? []));
                return [paragraph];
            }
            case "list": {
                const list = document.createElement(token.ordered ? "ol" : "ul");
                for (const item of /** @type {Tokens.List} */ (token).items) {
                    const entry = document.createElement("li");
                    entry.append(...blockNodes(item.tokens, renderCode));
                    list.append(entry);
                }
                return [list];
            }
            case "blockquote": {
                const quote = document.createElement("blockquote");
                quote.append(...blockNodes(token.tokens ?? [], renderCode));
                return [quote];
            }
            case "hr":
                return [document.createElement("hr")];
            case "text":
                // The text of a tight list item.
                return token.tokens === undefined ? [document.createTextNode(token.text)] : inlineNodes(token.tokens);
            default:
                // Raw HTML and anything the docs do not use: shown as written.
                return [document.createTextNode(token.raw)];
        }
    });
}

/**
 * @param {Token[]} tokens
 * @returns {Node[]}
 */
function inlineNodes(tokens) {
    return tokens.flatMap((token) => {
        switch (token.type) {
            case "text":
                return token.tokens === undefined ? [document.createTextNode(token.text)] : inlineNodes(token.tokens);
            case "escape":
                return [document.createTextNode(token.text)];
            case "codespan": {
                const code = document.createElement("code");
                code.textContent = token.text;
                return [code];
            }
            case "strong":
            case "em":
            case "del": {
                const element = document.createElement(token.type);
                element.append(...inlineNodes(token.tokens ?? []));
                return [element];
            }
            case "link": {
                const children = inlineNodes(token.tokens ?? []);
                if (!isSafeHref(token.href)) {
                    return children;
                }
                const link = document.createElement("a");
                link.href = token.href;
                link.append(...children);
                if (!token.href.startsWith("#")) {
                    link.target = "_blank";
                    link.rel = "noopener noreferrer";
                }
                return [link];
            }
            case "br":
                return [document.createElement("br")];
            default:
                // Raw HTML, images and the like: shown as written.
                return [document.createTextNode(token.raw)];
        }
    });
}
