/**
 * @file Where a rule comes from: its `sources` metadata (`splinter:0013_rls_disabled_in_public`)
 * turned into links, for the rule reference and SARIF. Supabase's database linter, splinter,
 * keeps one SQL file per lint under `lints/`.
 */

const SPLINTER_LINTS = "https://github.com/supabase/splinter/blob/main/lints/";

/**
 * @param {string} source a `sources` entry of a rule's metadata
 * @returns {{ id: string, tool: string, name: string, url?: string }}
 */
export function describeSource(source) {
    const [tool, name = ""] = source.split(":", 2);
    if (tool === "splinter" && /^\d{4}_[a-z0-9_]+$/u.test(name)) {
        return { id: source, tool: "splinter", name, url: `${SPLINTER_LINTS}${name}.sql` };
    }
    return { id: source, tool, name };
}

/**
 * Markdown for a source: a link when it has one.
 * @param {string} source
 * @returns {string}
 */
export function sourceMarkdown(source) {
    const { tool, name, url } = describeSource(source);
    return url ? `[${tool} \`${name}\`](${url})` : `\`${source}\``;
}
