/**
 * @file The hover text of a rule, taken from its metadata (`rules()`): the
 * one-line summary, the "Why is this bad?" and "Example" sections of its docs,
 * and a link to the full page. Nothing here is written per rule.
 */

/** @import { RuleMeta } from "../api.js" */

import { readableDocs } from "../rule-markdown.js";

/**
 * The body of a `## <title>` section of a rule's docs, without its heading.
 * @param {string} docs
 * @param {string} title
 * @returns {string | null}
 */
export function docsSection(docs, title) {
    const heading = `## ${title}\n`;
    const at = docs.startsWith(heading) ? 0 : docs.indexOf(`\n${heading}`) + 1;
    if (at === 0 && !docs.startsWith(heading)) {
        return null;
    }
    const bodyStart = at + heading.length;
    const next = docs.indexOf("\n## ", bodyStart);
    return docs.slice(bodyStart, next === -1 ? docs.length : next).trim();
}

/**
 * The Markdown shown when hovering a finding of the rule or its id in a
 * directive.
 * @param {RuleMeta} rule
 * @returns {string}
 */
export function ruleHoverMarkdown(rule) {
    const parts = [`**supalint \`${rule.id}\`**: ${rule.summary}`];
    const why = docsSection(rule.docs, "Why is this bad?");
    if (why) {
        parts.push(why);
    }
    const example = docsSection(readableDocs(rule), "Example");
    if (example) {
        parts.push(`**Example**\n\n${example}`);
    }
    parts.push(`[Documentation](${rule.docsUrl})`);
    return parts.join("\n\n");
}
