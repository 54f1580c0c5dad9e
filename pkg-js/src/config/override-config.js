/**
 * @file Merges `overrideConfig` (the API's option, the CLI's `--rule` flags)
 * over a configuration, as ESLint merges its own.
 */

/** @import { EngineConfig, SupalintConfig } from "../api.js" */

/**
 * The configuration with `override` merged over it: keys replaced, `rules`
 * merged rule by rule.
 * @param {EngineConfig} config
 * @param {SupalintConfig | undefined} override
 * @returns {EngineConfig}
 */
export function withOverride(config, override) {
    if (override === undefined) {
        return config;
    }
    const rules = override.rules === undefined ? {} : { rules: { ...config.rules, ...override.rules } };
    return { ...config, ...override, ...rules };
}
