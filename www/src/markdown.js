/**
 * @file The small Markdown subset the engine's rule docs use (headings,
 * paragraphs, lists, fenced code, inline code, links, bold, italics), parsed
 * into blocks and inline tokens. Rendering builds DOM nodes from them, so no
 * HTML string from the docs ever reaches `innerHTML`.
 */

/**
 * @typedef {{ type: "heading", level: number, text: string }
 *   | { type: "paragraph", text: string }
 *   | { type: "list", ordered: boolean, items: string[] }
 *   | { type: "code", lang: string, info: string[], code: string }} Block
 */

/**
 * @typedef {{ type: "text", text: string }
 *   | { type: "code", text: string }
 *   | { type: "strong", text: string }
 *   | { type: "em", text: string }
 *   | { type: "link", text: string, href: string }} Inline
 */

const FENCE = /^(`{3,}|~{3,})\s*([^`]*)$/u;
const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/u;
const BULLET = /^\s{0,3}[-*+]\s+(.*)$/u;
const NUMBERED = /^\s{0,3}\d+[.)]\s+(.*)$/u;

/**
 * Splits Markdown into blocks.
 * @param {string} markdown
 * @returns {Block[]}
 */
export function parseMarkdown(markdown) {
    const lines = markdown.replace(/\r\n?/gu, "\n").split("\n");
    /** @type {Block[]} */
    const blocks = [];
    /** @type {string[]} */
    let paragraph = [];
    /** @type {{ ordered: boolean, items: string[] } | null} */
    let list = null;

    const flush = () => {
        if (paragraph.length > 0) {
            blocks.push({ type: "paragraph", text: paragraph.join(" ") });
            paragraph = [];
        }
        if (list !== null) {
            blocks.push({ type: "list", ordered: list.ordered, items: list.items });
            list = null;
        }
    };

    for (let index = 0; index < lines.length; index++) {
        const line = lines[index];
        const fence = FENCE.exec(line.trim());
        if (fence) {
            flush();
            const [info = "", ...attributes] = fence[2].trim().split(/[\s,]+/u);
            const body = [];
            index++;
            while (index < lines.length && !lines[index].trim().startsWith(fence[1])) {
                body.push(lines[index]);
                index++;
            }
            blocks.push({ type: "code", lang: info, info: attributes.filter(Boolean), code: body.join("\n") });
            continue;
        }
        if (line.trim() === "") {
            flush();
            continue;
        }
        const heading = HEADING.exec(line);
        if (heading) {
            flush();
            blocks.push({ type: "heading", level: heading[1].length, text: heading[2] });
            continue;
        }
        const bullet = BULLET.exec(line);
        const numbered = bullet ? null : NUMBERED.exec(line);
        if (bullet || numbered) {
            const ordered = numbered !== null;
            if (paragraph.length > 0 || (list !== null && list.ordered !== ordered)) {
                flush();
            }
            list ??= { ordered, items: [] };
            list.items.push(/** @type {RegExpExecArray} */ (bullet ?? numbered)[1].trim());
            continue;
        }
        if (list !== null && /^\s+\S/u.test(line)) {
            // An indented line continues the last list item.
            list.items[list.items.length - 1] += ` ${line.trim()}`;
            continue;
        }
        if (list !== null) {
            flush();
        }
        paragraph.push(line.trim());
    }
    flush();
    return blocks;
}

const INLINE = /`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)|\*\*([^*]+)\*\*|(?<![\w*])\*([^*\s][^*]*)\*(?![\w*])/gu;

/**
 * Splits a line of Markdown into inline tokens.
 * @param {string} text
 * @returns {Inline[]}
 */
export function parseInline(text) {
    /** @type {Inline[]} */
    const tokens = [];
    let last = 0;
    for (const match of text.matchAll(INLINE)) {
        if (match.index > last) {
            tokens.push({ type: "text", text: text.slice(last, match.index) });
        }
        if (match[1] !== undefined) {
            tokens.push({ type: "code", text: match[1] });
        } else if (match[2] !== undefined) {
            tokens.push({ type: "link", text: match[2], href: match[3] });
        } else if (match[4] !== undefined) {
            tokens.push({ type: "strong", text: match[4] });
        } else {
            tokens.push({ type: "em", text: match[5] });
        }
        last = match.index + match[0].length;
    }
    if (last < text.length) {
        tokens.push({ type: "text", text: text.slice(last) });
    }
    return tokens;
}

/**
 * Whether a link target is safe to put in an `href` (web links and anchors only).
 * @param {string} href
 * @returns {boolean}
 */
export function isSafeHref(href) {
    return /^(https?:\/\/|#)/iu.test(href);
}

/**
 * Inline Markdown as DOM nodes.
 * @param {string} text
 * @returns {Node[]}
 */
export function renderInline(text) {
    return parseInline(text).map((token) => {
        switch (token.type) {
            case "code": {
                const code = document.createElement("code");
                code.textContent = token.text;
                return code;
            }
            case "strong":
            case "em": {
                const element = document.createElement(token.type);
                element.textContent = token.text;
                return element;
            }
            case "link": {
                if (!isSafeHref(token.href)) {
                    return document.createTextNode(token.text);
                }
                const link = document.createElement("a");
                link.href = token.href;
                link.append(...renderInline(token.text));
                if (!token.href.startsWith("#")) {
                    link.target = "_blank";
                    link.rel = "noopener noreferrer";
                }
                return link;
            }
            default:
                return document.createTextNode(token.text);
        }
    });
}

/**
 * Markdown as a document fragment; code blocks are built by the caller.
 * @param {string} markdown
 * @param {(block: Extract<Block, { type: "code" }>) => Node} renderCode
 * @returns {DocumentFragment}
 */
export function renderMarkdown(markdown, renderCode) {
    const fragment = document.createDocumentFragment();
    for (const block of parseMarkdown(markdown)) {
        if (block.type === "code") {
            fragment.append(renderCode(block));
        } else if (block.type === "heading") {
            // Rule docs sit under the rule's own heading, so `##` becomes h4.
            const heading = document.createElement(`h${Math.min(6, block.level + 2)}`);
            heading.append(...renderInline(block.text));
            fragment.append(heading);
        } else if (block.type === "list") {
            const list = document.createElement(block.ordered ? "ol" : "ul");
            for (const item of block.items) {
                const entry = document.createElement("li");
                entry.append(...renderInline(item));
                list.append(entry);
            }
            fragment.append(list);
        } else {
            const paragraph = document.createElement("p");
            paragraph.append(...renderInline(block.text));
            fragment.append(paragraph);
        }
    }
    return fragment;
}
