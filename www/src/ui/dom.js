/**
 * @file A small DOM builder, and the engine's messages rendered with their
 * backticked names as code.
 */

/**
 * @typedef {Record<string, string | number | boolean | null | undefined | EventListener>} Attributes
 * Keys starting with `on` add event listeners; `class`, `text` and the rest set
 * attributes (false, null and undefined leave them out).
 */

/**
 * Creates an element.
 * @param {string} tag
 * @param {Attributes} [attributes]
 * @param {...(Node | string | null | undefined | false | (Node | string)[])} children
 * @returns {HTMLElement}
 */
export function h(tag, attributes = {}, ...children) {
    const element = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes)) {
        if (value === undefined || value === null || value === false) {
            continue;
        }
        if (key.startsWith("on") && typeof value === "function") {
            element.addEventListener(key.slice(2), value);
        } else if (key === "text") {
            element.textContent = String(value);
        } else if (key === "value" && "value" in element) {
            /** @type {HTMLInputElement} */ (element).value = String(value);
        } else {
            element.setAttribute(key, value === true ? "" : String(value));
        }
    }
    for (const child of children.flat()) {
        if (child !== null && child !== undefined && child !== false) {
            element.append(child);
        }
    }
    return element;
}

/**
 * A message with its `backticked` parts as `<code>`.
 * @param {string} message
 * @returns {Node[]}
 */
export function renderMessage(message) {
    return message.split(/(`[^`]+`)/u).map((part) =>
        part.length > 2 && part.startsWith("`") && part.endsWith("`") ? h("code", { text: part.slice(1, -1) }) : document.createTextNode(part),
    );
}

/**
 * "1 error", "2 warnings".
 * @param {number} count
 * @param {string} noun
 * @param {string} [ending] the plural ending
 * @returns {string}
 */
export function plural(count, noun, ending = "s") {
    return `${count} ${noun}${count === 1 ? "" : ending}`;
}
