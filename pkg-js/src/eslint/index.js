/**
 * @file `supalint/eslint`: the ESLint plugin (ESLint's custom-language API,
 * ESLint ≥ 9.7). It gives the language `supalint/sql`, one rule
 * `supalint/<id>` per engine rule, and `configs.recommended`:
 *
 * ```js
 * import supalint from "supalint/eslint";
 * export default [supalint.configs.recommended];
 * ```
 */

/** @import { SqlRule } from "./rules.js" */

import { readFileSync } from "node:fs";
import { engine } from "../engine/node.js";
import { createRules, recommendedRules } from "./rules.js";
import { SqlLanguage } from "./sql-language.js";
import { SqlSourceCode } from "./sql-source-code.js";

export { SqlLanguage, SqlSourceCode };

const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
const catalog = engine.rules();

/**
 * A flat configuration object.
 * @typedef {object} FlatConfig
 * @property {string} name
 * @property {string[]} files
 * @property {Record<string, Plugin>} plugins
 * @property {string} language
 * @property {Record<string, "error" | "warn">} rules
 */

/**
 * @typedef {object} Plugin
 * @property {{ name: string, version: string, namespace: string }} meta
 * @property {{ sql: SqlLanguage }} languages
 * @property {Record<string, SqlRule>} rules
 * @property {{ recommended: FlatConfig }} configs
 */

/** @type {Plugin} */
const plugin = {
    meta: { name: "supalint", version, namespace: "supalint" },
    languages: { sql: new SqlLanguage() },
    rules: createRules(catalog),
    configs: /** @type {Plugin["configs"]} */ ({}),
};

plugin.configs.recommended = {
    name: "supalint/recommended",
    files: ["**/supabase/migrations/**/*.sql"],
    plugins: { supalint: plugin },
    language: "supalint/sql",
    rules: recommendedRules(catalog),
};

export default plugin;
