/**
 * @file The formatters by name (`--format`).
 */

/** @import { LintResult, RuleMeta } from "../api.js" */

import { formatCompact } from "./compact.js";
import { formatGithub } from "./github.js";
import { formatJson } from "./json.js";
import { formatSarif } from "./sarif.js";
import { formatStylish } from "./stylish.js";

/**
 * What a formatter knows besides the results (ESLint passes `cwd` and
 * `rulesMeta` the same way).
 * @typedef {object} FormatterContext
 * @property {string} cwd the working directory: paths are shown relative to it where a format wants that
 * @property {Record<string, RuleMeta>} rulesMeta every rule's metadata, by id
 * @property {boolean} color whether ANSI colours may be used
 * @property {string} version the supalint version
 * @property {boolean} [fixDryRun] the results come from `--fix-dry-run`: their fixes were not written
 */

/**
 * @typedef {(results: LintResult[], context: FormatterContext) => string} Formatter
 */

/** @type {Readonly<Record<string, Formatter>>} */
export const formatters = Object.freeze({
    stylish: formatStylish,
    json: formatJson,
    compact: formatCompact,
    github: formatGithub,
    sarif: formatSarif,
});
