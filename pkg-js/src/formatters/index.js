/**
 * @file The formatters by name (`--format`), each loaded when it is chosen:
 * a run imports one formatter module, not all six.
 */

/** @import { LintResult, RuleMeta } from "../api.js" */


/**
 * What a formatter knows besides the results (ESLint passes `cwd` and
 * `rulesMeta` the same way).
 * @typedef {object} FormatterContext
 * @property {string} cwd the working directory: paths are shown relative to it where a format wants that
 * @property {Record<string, RuleMeta>} rulesMeta every rule's metadata, by id
 * @property {boolean} color whether ANSI colours may be used
 * @property {boolean} [hyperlinks] whether rule ids may be OSC 8 links to their docs (only with `color`)
 * @property {number} [columns] the terminal's width, when writing to one: human formats fit their lines to it
 * @property {string} version the supalint version
 * @property {boolean} [fixDryRun] the results come from `--fix-dry-run`: their fixes were not written
 */

/**
 * @typedef {(results: LintResult[], context: FormatterContext) => string} Formatter
 */

/** @type {ReadonlyMap<string, () => Promise<Formatter>>} */
const loaders = new Map([
    ["stylish", async () => (await import("./stylish.js")).formatStylish],
    ["json", async () => (await import("./json.js")).formatJson],
    ["compact", async () => (await import("./compact.js")).formatCompact],
    ["github", async () => (await import("./github.js")).formatGithub],
    ["sarif", async () => (await import("./sarif.js")).formatSarif],
    ["codeframe", async () => (await import("./codeframe.js")).formatCodeframe],
]);

/**
 * The formatter called `name` (one of the CLI's `LINT_FORMATS`).
 * @param {string} name
 * @returns {Promise<Formatter>}
 * @throws {Error} for an unknown name
 */
export async function loadFormatter(name) {
    const load = loaders.get(name);
    if (load === undefined) {
        throw new Error(`unknown formatter "${name}"`);
    }
    return load();
}
