/**
 * @file The config panel: preset, options, registered buckets and per-rule
 * severities, with the resulting `supalint.config.json` to copy.
 */

import { LIST_OPTION_KEYS, PRESETS, SEVERITIES, effectiveSeverity, optionField, parseList, toEngineConfig } from "../config.js";
import { h, renderMessage } from "./dom.js";

/** @import { ConfigKey, RuleMeta } from "supalint" */
/** @import { PlaygroundConfig } from "../config.js" */

/**
 * @typedef {object} ConfigPanel
 * @property {(errors: { key: string, message: string }[]) => void} showErrors
 */

/**
 * Builds the panel for a configuration. Inputs change `config` in place and
 * call `onChange`; rebuild the panel when the configuration is replaced.
 * @param {HTMLElement} container
 * @param {object} options
 * @param {RuleMeta[]} options.rules
 * @param {ConfigKey[]} options.configSchema the engine's configuration keys, which the option fields describe
 * @param {PlaygroundConfig} options.config
 * @param {(immediate: boolean) => void} options.onChange `immediate` false while typing
 * @param {() => void} options.onReset
 * @returns {ConfigPanel}
 */
export function createConfigPanel(container, { rules, configSchema, config, onChange, onReset }) {
    const errors = h("div", { class: "callout callout-error", role: "alert", hidden: true });
    const json = h("code", {});
    /** @type {HTMLElement[]} */
    const ruleRows = [];

    const refresh = () => {
        json.textContent = `${JSON.stringify(toEngineConfig(config), null, 2)}\n`;
        for (const row of ruleRows) {
            const rule = /** @type {RuleMeta} */ (rules.find((entry) => entry.id === row.dataset.rule));
            const select = /** @type {HTMLSelectElement} */ (row.querySelector("select"));
            row.classList.toggle("rule-row-changed", config.rules[rule.id] !== undefined);
            select.value = config.rules[rule.id] ?? "default";
            /** @type {HTMLOptionElement} */ (select.options[0]).textContent = `default (${effectiveSeverity({ ...config, rules: {} }, rule)})`;
        }
    };
    const changed = (/** @type {boolean} */ immediate) => {
        refresh();
        onChange(immediate);
    };

    // Preset.
    const presetGroup = h(
        "div",
        { class: "segmented", role: "radiogroup", "aria-label": "Preset" },
        PRESETS.map((preset) => {
            const input = h("input", { type: "radio", name: "preset", value: preset, id: `preset-${preset}`, checked: config.extends === preset });
            input.addEventListener("change", () => {
                config.extends = preset;
                changed(true);
            });
            return h("label", { for: `preset-${preset}` }, input, h("span", { text: preset }));
        }),
    );

    // Options, as the engine describes them.
    const fieldOf = (/** @type {string} */ key) => optionField(/** @type {ConfigKey} */ (configSchema.find((option) => option.key === key)));
    const admin = fieldOf("adminFunction");
    const adminInput = h("input", {
        type: "text",
        class: "input",
        id: "option-adminFunction",
        placeholder: admin.placeholder,
        spellcheck: "false",
        value: config.adminFunction ?? "",
    });
    adminInput.addEventListener("input", () => {
        const value = /** @type {HTMLInputElement} */ (adminInput).value.trim();
        if (value === "") {
            delete config.adminFunction;
        } else {
            config.adminFunction = value;
        }
        changed(false);
    });
    const listFields = LIST_OPTION_KEYS.map((key) => {
        const { label, placeholder, help } = fieldOf(key);
        const input = h("input", {
            type: "text",
            class: "input",
            id: `option-${key}`,
            placeholder,
            spellcheck: "false",
            value: config[key]?.join(", ") ?? "",
        });
        input.addEventListener("input", () => {
            const text = /** @type {HTMLInputElement} */ (input).value;
            if (text.trim() === "") {
                delete config[key];
            } else {
                config[key] = parseList(text);
            }
            changed(false);
        });
        return field(label, key, input, help);
    });

    const bucketsOn = h("input", { type: "checkbox", id: "option-registeredBuckets-on", checked: config.registeredBuckets !== null });
    const bucketsInput = h("input", {
        type: "text",
        class: "input",
        id: "option-registeredBuckets",
        placeholder: "avatars, documents",
        spellcheck: "false",
        disabled: config.registeredBuckets === null,
        value: config.registeredBuckets?.join(", ") ?? "",
    });
    bucketsOn.addEventListener("change", () => {
        const on = /** @type {HTMLInputElement} */ (bucketsOn).checked;
        /** @type {HTMLInputElement} */ (bucketsInput).disabled = !on;
        config.registeredBuckets = on ? parseList(/** @type {HTMLInputElement} */ (bucketsInput).value) : null;
        changed(true);
    });
    bucketsInput.addEventListener("input", () => {
        config.registeredBuckets = parseList(/** @type {HTMLInputElement} */ (bucketsInput).value);
        changed(false);
    });

    // Per-rule severities.
    const ruleFilter = h("input", { type: "search", class: "input", placeholder: "Filter rules", "aria-label": "Filter rules by id", spellcheck: "false" });
    const table = h("div", { class: "rule-table" });
    for (const rule of [...rules].sort((a, b) => a.id.localeCompare(b.id))) {
        const select = h(
            "select",
            { "data-rule-severity": rule.id, "aria-label": `Severity of ${rule.id}` },
            h("option", { value: "default" }),
            SEVERITIES.map((severity) => h("option", { value: severity, text: severity })),
        );
        select.addEventListener("change", () => {
            const value = /** @type {HTMLSelectElement} */ (select).value;
            if (value === "default") {
                delete config.rules[rule.id];
            } else {
                config.rules[rule.id] = /** @type {import("../config.js").Severity} */ (value);
            }
            changed(true);
        });
        const row = h("div", { class: "rule-row", "data-rule": rule.id }, h("code", { class: "rule-row-id", title: rule.summary, text: rule.id }), select);
        ruleRows.push(row);
        table.append(row);
    }
    ruleFilter.addEventListener("input", () => {
        const text = /** @type {HTMLInputElement} */ (ruleFilter).value.toLowerCase().trim();
        for (const row of ruleRows) {
            row.hidden = text !== "" && !(row.dataset.rule ?? "").includes(text);
        }
    });

    const copyButton = h("button", { class: "button button-small", type: "button" }, "Copy");
    copyButton.addEventListener("click", async () => {
        try {
            await navigator.clipboard.writeText(json.textContent ?? "");
            copyButton.textContent = "Copied";
        } catch {
            copyButton.textContent = "Select and copy";
        }
        setTimeout(() => (copyButton.textContent = "Copy"), 1500);
    });

    container.replaceChildren(
        errors,
        h("section", { class: "config-section" }, h("h3", { text: "Preset" }), presetGroup, h("p", { class: "help", text: "recommended: the defaults; all: every rule, off-by-default ones as warnings; none: only what you turn on below." })),
        h("section", { class: "config-section" }, h("h3", { text: "Rule severities" }), ruleFilter, table),
        h(
            "section",
            { class: "config-section" },
            h("h3", { text: "Options" }),
            field(admin.label, "adminFunction", adminInput, admin.help),
            listFields,
            h(
                "div",
                { class: "field-block" },
                h("label", { class: "check", for: "option-registeredBuckets-on" }, bucketsOn, " Check buckets against registered ids ", h("code", { text: "registeredBuckets" })),
                bucketsInput,
                h("p", { class: "help" }, ...renderMessage("In a project, the CLI reads these from `storageBucketsFile`. Unchecked, `storage-bucket-registered` stays inactive.")),
            ),
        ),
        h(
            "section",
            { class: "config-section" },
            h("div", { class: "section-head" }, h("h3", {}, h("code", { text: "supalint.config.json" })), h("span", { class: "section-actions" }, copyButton, h("button", { class: "button button-small button-quiet", type: "button", onclick: onReset }, "Reset"))),
            h("pre", { class: "config-json" }, json),
        ),
    );
    refresh();

    return {
        showErrors(list) {
            errors.hidden = list.length === 0;
            errors.replaceChildren(
                h("strong", { text: "The engine rejects this configuration:" }),
                h("ul", {}, list.map(({ key, message }) => h("li", {}, key ? h("code", { text: key }) : null, key ? " " : null, ...renderMessage(message)))),
            );
        },
    };
}

/**
 * @param {string} label
 * @param {string} key the configuration key, shown next to the label
 * @param {HTMLElement} input
 * @param {string} help
 * @returns {HTMLElement}
 */
function field(label, key, input, help) {
    return h(
        "div",
        { class: "field-block" },
        h("label", { for: input.id }, label, " ", h("code", { class: "key", text: key })),
        input,
        h("p", { class: "help" }, ...renderMessage(help)),
    );
}
