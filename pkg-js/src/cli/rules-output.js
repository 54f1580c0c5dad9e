/**
 * @file `supalint rules`: the rule catalogue from the engine's metadata, as a
 * text table, markdown documentation, or JSON; `supalint rules <id>`: one
 * rule's documentation.
 */

/** @import { RuleMeta } from "../api.js" */

import { readableDocs } from "../rule-markdown.js";
import { sourceMarkdown } from "../rule-sources.js";

/**
 * The catalogue in one of the `supalint rules` formats.
 * @param {RuleMeta[]} rules
 * @param {string} format `text`, `markdown` or `json`
 * @returns {string}
 */
export function formatRules(rules, format) {
    const sorted = [...rules].sort(
        (a, b) => a.categoryRank - b.categoryRank || a.id.localeCompare(b.id),
    );
    if (format === "json") {
        return `${JSON.stringify(sorted, null, 2)}\n`;
    }
    if (format === "markdown") {
        return rulesMarkdown(sorted);
    }
    return rulesTable(sorted);
}

/**
 * @param {RuleMeta[]} rules
 * @returns {string}
 */
function rulesTable(rules) {
    const rows = [["rule", "default", "fix", "category", "summary"]];
    for (const rule of rules) {
        rows.push([rule.id, rule.severity, rule.fixable ?? "", rule.category, rule.summary]);
    }
    const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
    const lines = rows.map((row) =>
        row
            .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column])))
            .join("  ")
            .trimEnd(),
    );
    return `${lines.join("\n")}\n\n${rules.length} rules. \`supalint rules --format markdown\` prints their documentation.\n`;
}

/**
 * Supabase's database linter (github.com/supabase/splinter), lint by lint: what
 * it checks, and for the lints no migration history can decide, why. Rules name
 * the lints they report in their `sources` (`splinter:NNNN_name`), which the
 * table reads; a lint without a rule and without a reason here is not covered yet.
 * @type {{ lint: string, checks: string, liveData?: string }[]}
 */
const SPLINTER_LINTS = [
    { lint: "0001_unindexed_foreign_keys", checks: "foreign key without an index on its columns" },
    { lint: "0002_auth_users_exposed", checks: "view exposing `auth.users` to the API roles" },
    { lint: "0003_auth_rls_initplan", checks: "`auth.uid()` re-evaluated for every row in a policy" },
    { lint: "0004_no_primary_key", checks: "table without a primary key" },
    { lint: "0005_unused_index", checks: "index never scanned", liveData: "index usage statistics (`pg_stat_user_indexes`)" },
    { lint: "0006_multiple_permissive_policies", checks: "several permissive policies for one role and command" },
    { lint: "0007_policy_exists_rls_disabled", checks: "policies on a table whose row-level security is off" },
    { lint: "0008_rls_enabled_no_policy", checks: "row-level security on, no policy" },
    { lint: "0009_duplicate_index", checks: "two identical indexes" },
    { lint: "0010_security_definer_view", checks: "view running with its owner's rights" },
    { lint: "0011_function_search_path_mutable", checks: "function without a fixed `search_path`" },
    { lint: "0013_rls_disabled_in_public", checks: "table without row-level security in an exposed schema" },
    { lint: "0014_extension_in_public", checks: "extension installed in `public`" },
    { lint: "0015_rls_references_user_metadata", checks: "policy reading metadata users can edit" },
    { lint: "0016_materialized_view_in_api", checks: "materialized view in an exposed schema" },
    { lint: "0017_foreign_table_in_api", checks: "foreign table in an exposed schema" },
    { lint: "0018_unsupported_reg_types", checks: "column of a `reg*` type that blocks upgrades" },
    { lint: "0019_insecure_queue_exposed_in_api", checks: "queue table exposed without row-level security" },
    { lint: "0020_table_bloat", checks: "table bloat", liveData: "table statistics (dead tuples, sizes)" },
    { lint: "0021_fkey_to_auth_unique", checks: "foreign key to a unique constraint in the `auth` schema" },
    { lint: "0022_extension_versions_outdated", checks: "extension older than the available version", liveData: "the versions the server offers (`pg_available_extensions`)" },
    { lint: "0023_sensitive_columns_exposed", checks: "sensitive columns in a table the API serves without row-level security" },
    { lint: "0024_rls_policy_always_true", checks: "permissive policy whose condition is always true" },
    { lint: "0025_public_bucket_allows_listing", checks: "public bucket whose `SELECT` policy lets clients list its files" },
    { lint: "0026_pg_graphql_anon_table_exposed", checks: "table or view `anon` sees in the GraphQL schema" },
    { lint: "0027_pg_graphql_authenticated_table_exposed", checks: "table or view `authenticated` sees in the GraphQL schema" },
    { lint: "0028_anon_security_definer_function_executable", checks: "`SECURITY DEFINER` function `anon` can execute" },
    { lint: "0029_authenticated_security_definer_function_executable", checks: "`SECURITY DEFINER` function `authenticated` can execute" },
    { lint: "0012_auth_allow_anonymous_sign_ins", checks: "anonymous sign-ins enabled", liveData: "the Auth server's settings" },
    { lint: "0025_pg17_deprecated_extensions", checks: "extensions PostgreSQL 17 removes", liveData: "the server's version and installed extensions" },
    { lint: "0030_invalid_index", checks: "index left invalid by a failed build", liveData: "the server's index state (`pg_index.indisvalid`)" },
    { lint: "0031_unused_replication_slot", checks: "replication slot nobody reads", liveData: "the server's replication slots" },
];

/**
 * The lint's name without its number: `0006_multiple_permissive_policies` and
 * `multiple_permissive_policies` name the same lint.
 * @param {string} lint
 * @returns {string}
 */
function splinterName(lint) {
    return lint.replace(/^\d{4}_/u, "");
}

/**
 * The table "splinter lint → supalint rule", from the rules' `sources`.
 * @param {RuleMeta[]} rules
 * @returns {string}
 */
export function splinterTable(rules) {
    const rows = SPLINTER_LINTS.map(({ lint, checks, liveData }) => {
        const covering = rules.filter((rule) =>
            rule.sources.some((source) => source.startsWith("splinter:") && splinterName(source.slice("splinter:".length)) === splinterName(lint)),
        );
        const ruleCell =
            covering.length > 0
                ? covering.map((rule) => `[\`${rule.id}\`](#${rule.id}) (${rule.severity})`).join(", ")
                : liveData === undefined
                  ? "not covered yet"
                  : `out of scope: needs ${liveData}`;
        return `| ${sourceMarkdown(`splinter:${lint}`)} | ${checks} | ${ruleCell} |`;
    });
    return [
        "## Supabase database linter (splinter)",
        "",
        "Supabase's database linter checks a live database; supalint reports what the migration history decides before it is applied, judging the database the whole history leaves. Each rule's default severity follows it in parentheses. Lints that need live data (statistics, installed versions) are out of scope.",
        "",
        "| splinter lint | what it checks | supalint rule |",
        "|---|---|---|",
        ...rows,
        "",
    ].join("\n");
}

/**
 * One section per rule: summary, defaults, then the rule's own documentation
 * (What it does, Why is this bad?, Example, Fix safety, Options, References)
 * one heading level down, then the examples the docs do not already show.
 * @param {RuleMeta[]} rules
 * @returns {string}
 */
function rulesMarkdown(rules) {
    const parts = [
        "# supalint rules\n",
        rules.map((rule) => `- [\`${rule.id}\`](#${rule.id}): ${rule.summary}`).join("\n"),
        "",
        splinterTable(rules),
    ];
    for (const rule of rules) {
        parts.push(...ruleSection(rule));
    }
    return `${parts.join("\n").replace(/\n{3,}/gu, "\n\n").trimEnd()}\n`;
}

/**
 * The documentation of the rules named on `supalint rules <id>…`: each
 * rule's section as in the markdown catalogue (and in docs/rules.md), or its
 * metadata as JSON.
 * @param {RuleMeta[]} rules
 * @param {string} format `text`, `markdown` or `json`
 * @returns {string}
 */
export function formatRuleDocs(rules, format) {
    if (format === "json") {
        return `${JSON.stringify(rules, null, 2)}\n`;
    }
    return `${rules.flatMap(ruleSection).join("\n").replace(/\n{3,}/gu, "\n\n").trimEnd()}\n`;
}

/**
 * One rule's section: its heading, summary and defaults, then its own
 * documentation one heading level down, then the examples the docs do not
 * already show.
 * @param {RuleMeta} rule
 * @returns {string[]} the parts, to be joined by line breaks
 */
function ruleSection(rule) {
    const parts = [`## ${rule.id}\n`, `${rule.summary}\n`];
    const fix = rule.fixable === "fix" ? "safe fix (`--fix`)" : rule.fixable === "suggestion" ? "editor suggestion" : "none";
    parts.push(`- Category: ${rule.category}\n- Default (\`recommended\`): ${rule.severity}\n- Fix: ${fix}`);
    if (rule.options.length > 0) {
        parts.push(`- Options: ${rule.options.map((key) => `\`${key}\``).join(", ")}`);
    }
    if (rule.sources.length > 0) {
        parts.push(`- Sources: ${rule.sources.map(sourceMarkdown).join(", ")}`);
    }
    parts.push(`- Documentation: ${rule.docsUrl}\n`);
    const docs = demoteHeadings(readableDocs(rule).trim());
    if (docs !== "") {
        parts.push(`${docs}\n`);
    }
    if (!/```sql/u.test(docs) && rule.examples.length > 0) {
        parts.push(examplesMarkdown(rule.examples));
    }
    return parts;
}

/**
 * @param {RuleMeta["examples"]} examples
 * @returns {string}
 */
function examplesMarkdown(examples) {
    const blocks = ["### Examples\n"];
    for (const example of examples) {
        const file = example.file === undefined ? "" : ` (\`${example.file}\`)`;
        blocks.push(`${example.valid ? "Valid" : "Invalid"}${file}:\n\n\`\`\`sql\n${example.code.trimEnd()}\n\`\`\`\n`);
    }
    return blocks.join("\n");
}

/**
 * `## Heading` becomes `### Heading` (outside code fences), so a rule's
 * sections nest under its own heading.
 * @param {string} markdown
 * @returns {string}
 */
function demoteHeadings(markdown) {
    let inFence = false;
    return markdown
        .split("\n")
        .map((line) => {
            if (line.startsWith("```")) {
                inFence = !inFence;
                return line;
            }
            return !inFence && /^#{1,5} /u.test(line) ? `#${line}` : line;
        })
        .join("\n");
}
