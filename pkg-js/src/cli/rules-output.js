/**
 * @file `supalint rules`: the rule catalogue from the engine's metadata, as a
 * text table, markdown documentation, or JSON.
 */

/** @import { RuleMeta } from "../api.js" */

import { SPLINTER_LINTS, splinterLintsOf, splinterLintUrl } from "../splinter-lints.js";

const CATEGORY_ORDER = ["naming", "idempotency", "access", "storage", "safety", "style", "engine"];

/**
 * The catalogue in one of the `supalint rules` formats.
 * @param {RuleMeta[]} rules
 * @param {string} format `text`, `markdown` or `json`
 * @returns {string}
 */
export function formatRules(rules, format) {
    const sorted = [...rules].sort(
        (a, b) => categoryRank(a.category) - categoryRank(b.category) || a.id.localeCompare(b.id),
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
 * @param {string} category
 * @returns {number}
 */
function categoryRank(category) {
    const rank = CATEGORY_ORDER.indexOf(category);
    return rank === -1 ? CATEGORY_ORDER.length : rank;
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
        parts.push(`## ${rule.id}\n`);
        parts.push(`${rule.summary}\n`);
        const fix = rule.fixable === "fix" ? "safe fix (`--fix`)" : rule.fixable === "suggestion" ? "editor suggestion" : "none";
        parts.push(`- Category: ${rule.category}\n- Default (\`recommended\`): ${rule.severity}\n- Fix: ${fix}`);
        if (rule.options.length > 0) {
            parts.push(`- Options: ${rule.options.map((key) => `\`${key}\``).join(", ")}`);
        }
        if (rule.sources.length > 0) {
            parts.push(`- Sources: ${rule.sources.map(sourceMarkdown).join(", ")}`);
        }
        parts.push(`- Documentation: ${rule.docsUrl}\n`);
        const docs = demoteHeadings(cleanFences(rule.docs.trim()));
        if (docs !== "") {
            parts.push(`${docs}\n`);
        }
        if (!/```sql/u.test(docs) && rule.examples.length > 0) {
            parts.push(examplesMarkdown(rule.examples));
        }
    }
    return `${parts.join("\n").replace(/\n{3,}/gu, "\n\n").trimEnd()}\n`;
}

/**
 * A rule source, linked when it is a splinter lint.
 * @param {string} source
 * @returns {string}
 */
function sourceMarkdown(source) {
    const [lint] = splinterLintsOf({ sources: [source] });
    return lint === undefined ? source : `[splinter \`${lint}\`](${splinterLintUrl(lint)})`;
}

/**
 * The table from each splinter lint to the rules that check it in the
 * migration history, or why none does.
 * @param {RuleMeta[]} rules
 * @returns {string}
 */
function splinterTable(rules) {
    const rows = SPLINTER_LINTS.map((lint) => {
        const checking = rules.filter((rule) => splinterLintsOf(rule).includes(lint.id));
        const cell =
            checking.length > 0
                ? checking.map((rule) => `[\`${rule.id}\`](#${rule.id})`).join(", ")
                : lint.outOfScope === undefined
                  ? "no rule yet"
                  : `out of scope: ${lint.outOfScope}`;
        return `| [\`${lint.id}\`](${splinterLintUrl(lint.id)}) | ${cell} |`;
    });
    return [
        "## Splinter lints\n",
        "[Splinter](https://github.com/supabase/splinter), Supabase's database linter, checks a live database. " +
            "These rules check the same things before the migrations run, on the database the whole history leaves: " +
            "a finding is reported at the statement that made what is still there.\n",
        "| splinter lint | supalint rule |",
        "|---|---|",
        ...rows,
        "",
    ].join("\n");
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

/**
 * The docs' test annotations (`sql,expect_diagnostic`, `file=…`) are for the
 * test runner; readers get plain `sql` fences.
 * @param {string} markdown
 * @returns {string}
 */
function cleanFences(markdown) {
    return markdown.replace(/^```sql[^\n]*$/gmu, "```sql");
}
