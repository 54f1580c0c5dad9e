/**
 * @file A rule's docs as readers get them: the docs' fences carry test tags
 * (```` ```sql,expect_diagnostic,file=x.sql ````) that only the example
 * runner reads. Shared by the editor hover and SARIF.
 */

/**
 * Turns the docs' test fences into plain `sql` fences that editors and code
 * hosts highlight; a file name the example depends on becomes its first line.
 * @param {string} markdown
 * @returns {string}
 */
export function plainSqlFences(markdown) {
    return markdown.replace(/^```sql(,[^\n]*)$/gmu, (_fence, /** @type {string} */ tags) => {
        const file = /(?:^|,)file=([^,]+)/u.exec(tags.slice(1))?.[1];
        return file === undefined ? "```sql" : `\`\`\`sql\n-- file: ${file}`;
    });
}
