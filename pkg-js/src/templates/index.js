/**
 * @file The templates of `supalint new`, in the house style: every one
 * passes every rule of the recommended preset and applies twice to a
 * Supabase database (tests/new.test.js checks both).
 */

/** @import { Catalog, EngineConfig } from "../api.js" */
/** @import { TemplateSettings } from "./sql.js" */

import { bucketTemplate } from "./bucket.js";
import { columnTemplate } from "./column.js";
import { functionTemplate } from "./function.js";
import { policyTemplate } from "./policy.js";
import { header } from "./sql.js";
import { tableTemplate } from "./table.js";

/** The function policies call to let super admins through, unless configured otherwise. */
const DEFAULT_ADMIN_FUNCTION = "public.is_super_admin";

/**
 * Each template by name: description and settings in, migration text out.
 * @satisfies {Record<string, (description: string, settings: TemplateSettings) => string>}
 */
const TEMPLATES = Object.freeze({
    table: tableTemplate,
    column: columnTemplate,
    policy: policyTemplate,
    bucket: bucketTemplate,
    function: functionTemplate,
});

/** @typedef {keyof typeof TEMPLATES} TemplateName */

/** The names `--template` accepts. */
export const TEMPLATE_NAMES = /** @type {TemplateName[]} */ (Object.keys(TEMPLATES));

/**
 * A migration's text: from a template, or (without one) just the header.
 * @param {TemplateName | undefined} name
 * @param {string} description the migration's description (snake_case)
 * @param {TemplateSettings} settings
 * @returns {string}
 */
export function renderMigration(name, description, settings) {
    if (name === undefined) {
        return `${header(description.replaceAll("_", " "), ["Describe the change: what it does, and why."])}\n\n`;
    }
    return TEMPLATES[name](description, settings);
}

/**
 * What the templates need from a resolved configuration and the history: the
 * exposed schema new objects go in (`public` when exposed, else the first
 * one), the admin function when the migrations create it, and the roles to
 * revoke from.
 * @param {EngineConfig} config
 * @param {Catalog} catalog the end state of the existing migrations
 * @returns {TemplateSettings}
 */
export function templateSettings(config, catalog) {
    const exposed = config.exposedSchemas ?? ["public"];
    const configured = config.adminFunction === undefined ? DEFAULT_ADMIN_FUNCTION : config.adminFunction;
    // A policy that calls a function nothing created fails to apply: the call is
    // left out (and the file says so) until a migration creates the function.
    const created = configured !== null && hasCallableFunction(catalog, configured);
    return {
        schema: exposed.includes("public") || exposed.length === 0 ? "public" : exposed[0],
        adminFunction: created ? configured : null,
        missingAdminFunction: created ? null : configured,
        revokeRoles: config.revokeRoles ?? [],
    };
}

/**
 * Whether the history leaves a function of this name that takes no
 * arguments (the templates call it as `name()`). An unqualified name matches
 * in any schema.
 * @param {Catalog} catalog
 * @param {string} name
 * @returns {boolean}
 */
function hasCallableFunction(catalog, name) {
    const wanted = name.toLowerCase();
    return catalog.functions.some(
        (fn) => fn.args.length === 0 && (fn.name === wanted || (!wanted.includes(".") && fn.name.endsWith(`.${wanted}`))),
    );
}
