/**
 * @file Supabase's database linter (splinter, github.com/supabase/splinter):
 * its lints, and which supalint rules check the same thing in the migration
 * history. Rules name the lint they mirror in their `sources` metadata
 * (`splinter:0001_unindexed_foreign_keys`, or the older `splinter:<name>`);
 * the rule documentation and SARIF link those lints from here.
 */

/** @import { RuleMeta } from "./api.js" */

/**
 * @typedef {object} SplinterLint
 * @property {string} id the lint's file name in splinter, `NNNN_name`
 * @property {string} [outOfScope] why no migration history can decide it
 */

/**
 * Every splinter lint, in splinter's order.
 * @type {SplinterLint[]}
 */
export const SPLINTER_LINTS = [
    { id: "0001_unindexed_foreign_keys" },
    { id: "0002_auth_users_exposed" },
    { id: "0003_auth_rls_initplan" },
    { id: "0004_no_primary_key" },
    { id: "0005_unused_index", outOfScope: "needs the live database's index usage statistics" },
    { id: "0006_multiple_permissive_policies" },
    { id: "0007_policy_exists_rls_disabled" },
    { id: "0008_rls_enabled_no_policy" },
    { id: "0009_duplicate_index" },
    { id: "0010_security_definer_view" },
    { id: "0011_function_search_path_mutable" },
    { id: "0013_rls_disabled_in_public" },
    { id: "0014_extension_in_public" },
    { id: "0015_rls_references_user_metadata" },
    { id: "0016_materialized_view_in_api" },
    { id: "0017_foreign_table_in_api" },
    { id: "0018_unsupported_reg_types" },
    { id: "0019_insecure_queue_exposed_in_api" },
    { id: "0020_table_bloat", outOfScope: "needs the live database's table statistics" },
    { id: "0021_fkey_to_auth_unique" },
    { id: "0022_extension_versions_outdated", outOfScope: "needs the extension versions the server offers" },
    { id: "0023_sensitive_columns_exposed" },
    { id: "0024_rls_policy_always_true" },
    { id: "0025_public_bucket_allows_listing" },
    { id: "0026_pg_graphql_anon_table_exposed" },
    { id: "0027_pg_graphql_authenticated_table_exposed" },
    { id: "0028_anon_security_definer_function_executable" },
    { id: "0029_authenticated_security_definer_function_executable" },
];

/**
 * The page of Supabase's documentation that explains a lint.
 * @param {string} id `NNNN_name`
 * @returns {string}
 */
export function splinterLintUrl(id) {
    return `https://supabase.com/docs/guides/database/database-linter?lint=${id}`;
}

/**
 * The splinter lints a rule's `sources` name, by their full `NNNN_name` id
 * (a source may name a lint without its number).
 * @param {Pick<RuleMeta, "sources">} rule
 * @returns {string[]}
 */
export function splinterLintsOf(rule) {
    return rule.sources
        .filter((source) => source.startsWith("splinter:"))
        .map((source) => source.slice("splinter:".length))
        .map((name) => SPLINTER_LINTS.find((lint) => lint.id === name || lint.id.slice(5) === name)?.id ?? name);
}
