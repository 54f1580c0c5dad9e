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

/**
 * The list options, with the engine's defaults as placeholders (SPEC §5,
 * docs/engine-api.md).
 * @type {{ key: "exposedSchemas" | "authorizationFunctions" | "revokeRoles" | "seedTables" | "versionSuffixWords", label: string, placeholder: string, help: string }[]}
 */
export const LIST_OPTIONS = [
    {
        key: "exposedSchemas",
        label: "Exposed schemas",
        placeholder: "public (default)",
        help: "Schemas the Data API serves; tables, views and functions in them need RLS and grants.",
    },
    {
        key: "authorizationFunctions",
        label: "Authorization functions",
        placeholder: "public.is_super_admin, public.has_permission, …",
        help: "Calls that count as an authorization check in `SECURITY DEFINER` functions.",
    },
    {
        key: "revokeRoles",
        label: "Revoke roles",
        placeholder: "authenticated, service_role (default)",
        help: "Roles whose default privileges a new table must `REVOKE ALL` from before granting back what the API needs.",
    },
    {
        key: "seedTables",
        label: "Seed tables",
        placeholder: "none (default)",
        help: "Tables whose `INSERT`s need `ON CONFLICT`, like `storage.buckets`.",
    },
    {
        key: "versionSuffixWords",
        label: "Version suffix words",
        placeholder: "new, old, temp, draft, … (default)",
        help: "Words a migration's description may not end with.",
    },
];

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
    for (const { key } of LIST_OPTIONS) {
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
    for (const { key } of LIST_OPTIONS) {
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
