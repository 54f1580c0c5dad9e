/**
 * @file Why a panel that reads the engine's answer has none: the engine
 * failed, or the configuration has problems.
 */

import { h, renderMessage } from "./dom.js";

/**
 * @typedef {object} EngineOutcome
 * @property {string | null} error the engine failed
 * @property {{ key: string, message: string }[]} configErrors
 */

/**
 * Shows, in `container`, that the engine failed or that the configuration has
 * problems, if either is so.
 * @param {HTMLElement} container
 * @param {EngineOutcome} outcome
 * @param {string} consequence what the configuration's problems stop, e.g. "nothing was linted"
 * @returns {boolean} whether there is no answer to show
 */
export function renderNoAnswer(container, { error, configErrors }, consequence) {
    if (error !== null) {
        container.append(h("div", { class: "callout callout-error" }, h("strong", { text: "The engine failed. " }), error));
        return true;
    }
    if (configErrors.length > 0) {
        container.append(
            h(
                "div",
                { class: "callout callout-error", role: "alert" },
                h("strong", { text: `The configuration has problems; ${consequence}.` }),
                h("ul", {}, configErrors.map(({ key, message }) => h("li", {}, key ? h("code", { text: key }) : null, key ? " " : null, ...renderMessage(message)))),
            ),
        );
        return true;
    }
    return false;
}
