/**
 * @file A rule's docs as readers get them. The docs' ```` ```sql ```` fences
 * carry test tags (```` ```sql,expect_diagnostic,file=x.sql ````) that the
 * engine reads into the rule's `examples`, one per fence, in order; readers
 * get plain `sql` fences, which editors and code hosts highlight, with the
 * file name an example is linted as on its first line. Shared by
 * `supalint rules`, docs/rules.md, the editor hover and SARIF.
 */

/** @import { RuleMeta } from "./api.js" */

/** The opening line of a fenced `sql` block, tags and all. */
const SQL_FENCE = /^```sql(?:,[^\n]*)?$/gmu;

/**
 * The rule's docs with plain `sql` fences, each example's file name (from
 * the engine's `examples`) as the first line of its block.
 * @param {Pick<RuleMeta, "docs" | "examples">} rule
 * @returns {string}
 */
export function readableDocs(rule) {
    let index = 0;
    return rule.docs.replace(SQL_FENCE, () => {
        const file = rule.examples[index]?.file;
        index += 1;
        return file === undefined ? "```sql" : `\`\`\`sql\n-- file: ${file}`;
    });
}
