/**
 * @file The playground's configuration: a preset, per-rule severities and the
 * options of SPEC §5, kept as the user set them (unset means the engine's
 * default) and turned into the engine's `config` object.
 */

/** @typedef {"error" | "warn" | "off"} Severity */

/**
 * @typedef {object} PlaygroundConfig
 * @property {"recommended" | "all" | "none"} extends
 * @property {Record<string, Severity>} rules overrides of the preset
 * @property {string} [adminFunction]
 * @property {string[]} [exposedSchemas]
 * @property {string[]} [authorizationFunctions]
 * @property {string[]} [revokeRoles]
 * @property {string[]} [seedTables]
 * @property {string[]} [versionSuffixWords]
 * @property {string[] | null} registeredBuckets null: no bucket list, `storage-bucket-registered` stays inactive
 */

export const PRESETS = /** @type {const} */ (["recommended", "all", "none"]);
export const SEVERITIES = /** @type {const} */ (["error", "warn", "off"]);

/** @import { ConfigKey } from "supalint" */

/**
 * The list options a share link may set (the form shows each with the
 * engine's description: `listOptions`).
 * @typedef {"exposedSchemas" | "authorizationFunctions" | "revokeRoles" | "seedTables" | "versionSuffixWords"} ListOptionKey
 */

/** @type {readonly ListOptionKey[]} */
export const LIST_OPTION_KEYS = ["exposedSchemas", "authorizationFunctions", "revokeRoles", "seedTables", "versionSuffixWords"];

/** How many of a default list a placeholder shows. */
const PLACEHOLDER_ITEMS = 4;

/**
 * A form field for an option of the engine's configuration schema: its
 * title, a placeholder naming the engine's default, and its description.
 * @param {ConfigKey} option
 * @returns {{ key: string, label: string, placeholder: string, help: string }}
 */
export function optionField(option) {
    const items = Array.isArray(option.default) ? option.default : option.default === null ? [] : [String(option.default)];
    const shown = items.length > PLACEHOLDER_ITEMS ? [...items.slice(0, PLACEHOLDER_ITEMS), "…"] : items;
    return {
        key: option.key,
        label: option.title,
        placeholder: `${shown.length === 0 ? "none" : shown.join(", ")} (default)`,
        help: option.description,
    };
}

/**
 * The configuration a visitor starts with.
 * @returns {PlaygroundConfig}
 */
export function defaultConfig() {
    return { extends: "recommended", rules: {}, registeredBuckets: null };
}

/**
 * A list typed as text: comma- or whitespace-separated names.
 * @param {string} text
 * @returns {string[]}
 */
export function parseList(text) {
    return text
        .split(/[\s,]+/u)
        .map((item) => item.trim())
        .filter(Boolean);
}

/**
 * @param {unknown} value
 * @returns {value is string[]}
 */
function isStringArray(value) {
    return Array.isArray(value) && value.every((item) => typeof item === "string");
}

/**
 * A configuration read from a share link, with anything malformed dropped.
 * @param {any} raw
 * @returns {PlaygroundConfig}
 */
export function normalizeConfig(raw) {
    const config = defaultConfig();
    if (raw === null || typeof raw !== "object") {
        return config;
    }
    if (PRESETS.includes(raw.extends)) {
        config.extends = raw.extends;
    }
    if (raw.rules !== null && typeof raw.rules === "object") {
        for (const [id, severity] of Object.entries(raw.rules)) {
            if (SEVERITIES.includes(/** @type {Severity} */ (severity))) {
                config.rules[id] = /** @type {Severity} */ (severity);
            }
        }
    }
    if (typeof raw.adminFunction === "string" && raw.adminFunction !== "") {
        config.adminFunction = raw.adminFunction;
    }
    for (const key of LIST_OPTION_KEYS) {
        if (isStringArray(raw[key])) {
            config[key] = raw[key];
        }
    }
    if (isStringArray(raw.registeredBuckets)) {
        config.registeredBuckets = raw.registeredBuckets;
    }
    return config;
}

/**
 * The engine's `config` (and what `supalint.config.json` would hold): only
 * the keys the user set.
 * @param {PlaygroundConfig} config
 * @returns {Record<string, unknown>}
 */
export function toEngineConfig(config) {
    /** @type {Record<string, unknown>} */
    const engine = { extends: config.extends };
    if (Object.keys(config.rules).length > 0) {
        engine.rules = Object.fromEntries(Object.entries(config.rules).sort(([a], [b]) => a.localeCompare(b)));
    }
    if (config.adminFunction !== undefined) {
        engine.adminFunction = config.adminFunction;
    }
    for (const key of LIST_OPTION_KEYS) {
        if (config[key] !== undefined) {
            engine[key] = config[key];
        }
    }
    if (config.registeredBuckets !== null) {
        engine.registeredBuckets = config.registeredBuckets;
    }
    return engine;
}

/**
 * The severity a rule has under a configuration: the user's, else the one
 * the engine's metadata gives it under the preset.
 * @param {PlaygroundConfig} config
 * @param {{ id: string, presets: Record<PlaygroundConfig["extends"], Severity> }} rule the rule's metadata
 * @returns {Severity}
 */
export function effectiveSeverity(config, rule) {
    return config.rules[rule.id] ?? rule.presets[config.extends];
}
