/**
 * @file The command line (SPEC §6): option definitions, parsing into a plain
 * object, usage checks, and the help text.
 */

import { parseCommandArgs } from "./parse-args.js";
import { SupalintError } from "../errors.js";

/** The output formats of `supalint [paths]`. */
export const LINT_FORMATS = Object.freeze(["stylish", "json", "compact", "github", "sarif", "codeframe"]);

/** The output formats of `supalint rules`. */
const RULES_FORMATS = Object.freeze(["text", "markdown", "json"]);

/** Severities `--rule` accepts. */
const SEVERITIES = new Map([
    ["off", "off"],
    ["warn", "warn"],
    ["error", "error"],
    ["0", 0],
    ["1", 1],
    ["2", 2],
]);

/** @type {import("node:util").ParseArgsConfig["options"]} */
const LINT_OPTIONS = {
    config: { type: "string", short: "c" },
    format: { type: "string", short: "f" },
    "output-file": { type: "string", short: "o" },
    "max-warnings": { type: "string" },
    quiet: { type: "boolean" },
    fix: { type: "boolean" },
    "fix-dry-run": { type: "boolean" },
    "fix-applied": { type: "boolean" },
    rule: { type: "string", multiple: true },
    "no-inline-config": { type: "boolean" },
    "report-unused-disable-directives": { type: "boolean" },
    stdin: { type: "boolean" },
    "stdin-filename": { type: "string" },
    cache: { type: "boolean" },
    "cache-location": { type: "string" },
    since: { type: "string" },
    "db-url": { type: "string" },
    color: { type: "boolean" },
    "no-color": { type: "boolean" },
    help: { type: "boolean", short: "h" },
    version: { type: "boolean", short: "v" },
};

/** @type {import("node:util").ParseArgsConfig["options"]} */
const RULES_OPTIONS = {
    format: { type: "string", short: "f" },
    "output-file": { type: "string", short: "o" },
    help: { type: "boolean", short: "h" },
};

/**
 * @typedef {object} LintCommand
 * @property {"lint"} command
 * @property {string[]} patterns
 * @property {string | undefined} config
 * @property {string} format
 * @property {string | undefined} outputFile
 * @property {number} maxWarnings -1 for no limit
 * @property {boolean} quiet
 * @property {boolean} fix
 * @property {boolean} fixDryRun
 * @property {boolean} fixApplied fixes may rewrite migrations that already ran
 * @property {Record<string, string | number | unknown[]>} rules from `--rule`
 * @property {boolean} inlineConfig
 * @property {boolean} reportUnusedDisableDirectives
 * @property {boolean} stdin
 * @property {string | undefined} stdinFilename
 * @property {boolean | undefined} color true/false when forced by a flag
 * @property {string | undefined} since report only files added or changed since this git revision
 * @property {string | undefined} dbUrl with a fix: the database whose applied migrations the fixes leave alone
 * @property {boolean} cache reuse the results of an identical earlier run
 * @property {string | undefined} cacheLocation the cache file or folder (default `.supalintcache`)
 */

/**
 * @typedef {object} RulesCommand
 * @property {"rules"} command
 * @property {string[]} ids the rules whose documentation to print; none: the catalogue
 * @property {string} format
 * @property {string | undefined} outputFile
 */

/**
 * @typedef {{ command: "help", topic: "lint" | "rules" } | { command: "version" } | LintCommand | RulesCommand} Command
 */

/**
 * Parses the arguments after `supalint`.
 * @param {string[]} argv
 * @returns {Command}
 * @throws {SupalintError}
 */
export function parseCommandLine(argv) {
    if (argv[0] === "rules") {
        return parseRulesCommand(argv.slice(1));
    }
    const { values, positionals } = parse(argv, LINT_OPTIONS);
    if (values.help) {
        return { command: "help", topic: "lint" };
    }
    if (values.version) {
        return { command: "version" };
    }
    const format = /** @type {string} */ (values.format ?? "stylish");
    if (!LINT_FORMATS.includes(format)) {
        throw new SupalintError("usage", `unknown format "${format}"; use one of ${LINT_FORMATS.join(", ")}.`);
    }
    if (values.fix && values["fix-dry-run"]) {
        throw new SupalintError("usage", "--fix and --fix-dry-run cannot be combined.");
    }
    if (values["fix-applied"] && !values.fix && !values["fix-dry-run"]) {
        throw new SupalintError("usage", "--fix-applied only applies with --fix or --fix-dry-run.");
    }
    if (values.stdin && values.fix) {
        throw new SupalintError("usage", "--fix cannot write to standard input; use --fix-dry-run with --stdin.");
    }
    if (values.stdin && positionals.length > 0) {
        throw new SupalintError("usage", "--stdin lints standard input: do not pass paths as well.");
    }
    if (values.stdin && values["stdin-filename"] === undefined) {
        throw new SupalintError("usage", "--stdin needs --stdin-filename <path>: the file-name rules check the migration's name.");
    }
    if (!values.stdin && values["stdin-filename"] !== undefined) {
        throw new SupalintError("usage", "--stdin-filename only applies with --stdin.");
    }
    if (values.color && values["no-color"]) {
        throw new SupalintError("usage", "--color and --no-color cannot be combined.");
    }
    if (values.since !== undefined && values.stdin) {
        throw new SupalintError("usage", "--since selects changed files: it does not apply to --stdin.");
    }
    if (values["db-url"] !== undefined && !values.fix && !values["fix-dry-run"]) {
        throw new SupalintError("usage", "--db-url only applies with --fix or --fix-dry-run: it tells them which migrations the database has applied.");
    }
    if (values["db-url"] !== undefined && values.stdin) {
        throw new SupalintError("usage", "--db-url tells which migration files ran: it does not apply to --stdin.");
    }
    if (values["cache-location"] !== undefined && !values.cache) {
        throw new SupalintError("usage", "--cache-location only applies with --cache.");
    }
    return {
        command: "lint",
        patterns: positionals,
        config: /** @type {string | undefined} */ (values.config),
        format,
        outputFile: /** @type {string | undefined} */ (values["output-file"]),
        maxWarnings: parseMaxWarnings(/** @type {string | undefined} */ (values["max-warnings"])),
        quiet: Boolean(values.quiet),
        fix: Boolean(values.fix),
        fixDryRun: Boolean(values["fix-dry-run"]),
        fixApplied: Boolean(values["fix-applied"]),
        rules: parseRuleFlags(/** @type {string[] | undefined} */ (values.rule) ?? []),
        inlineConfig: !values["no-inline-config"],
        reportUnusedDisableDirectives: Boolean(values["report-unused-disable-directives"]),
        stdin: Boolean(values.stdin),
        stdinFilename: /** @type {string | undefined} */ (values["stdin-filename"]),
        color: values["no-color"] ? false : values.color ? true : undefined,
        since: /** @type {string | undefined} */ (values.since),
        dbUrl: /** @type {string | undefined} */ (values["db-url"]),
        cache: Boolean(values.cache),
        cacheLocation: /** @type {string | undefined} */ (values["cache-location"]),
    };
}

/**
 * @param {string[]} argv
 * @returns {Command}
 */
function parseRulesCommand(argv) {
    const { values, positionals } = parse(argv, RULES_OPTIONS);
    if (values.help) {
        return { command: "help", topic: "rules" };
    }
    const format = /** @type {string} */ (values.format ?? "text");
    if (!RULES_FORMATS.includes(format)) {
        throw new SupalintError("usage", `unknown format "${format}" for \`supalint rules\`; use one of ${RULES_FORMATS.join(", ")}.`);
    }
    return { command: "rules", ids: positionals, format, outputFile: /** @type {string | undefined} */ (values["output-file"]) };
}

/**
 * @param {string[]} argv
 * @param {import("node:util").ParseArgsConfig["options"]} options
 * @returns {{ values: Record<string, string | boolean | string[] | undefined>, positionals: string[] }}
 * @throws {SupalintError} (`usage`)
 */
function parse(argv, options) {
    return parseCommandArgs({ args: argv, options, allowPositionals: true, strict: true });
}

/**
 * @param {string | undefined} value
 * @returns {number}
 */
function parseMaxWarnings(value) {
    if (value === undefined) {
        return -1;
    }
    if (!/^-?\d+$/u.test(value) || Number(value) < -1) {
        throw new SupalintError("usage", `--max-warnings needs a whole number of at least -1 (got "${value}").`);
    }
    return Number(value);
}

/**
 * `--rule id:severity` (or `id:[severity, {options}]` in JSON), repeatable.
 * @param {string[]} flags
 * @returns {Record<string, string | number | unknown[]>}
 */
function parseRuleFlags(flags) {
    /** @type {Record<string, string | number | unknown[]>} */
    const rules = {};
    for (const flag of flags) {
        const colon = flag.indexOf(":");
        const id = flag.slice(0, colon).trim();
        const setting = flag.slice(colon + 1).trim();
        if (colon <= 0 || id === "" || setting === "") {
            throw new SupalintError("usage", `--rule needs "rule-id:severity" (got "${flag}").`);
        }
        if (setting.startsWith("[")) {
            let entry;
            try {
                entry = JSON.parse(setting);
            } catch {
                throw new SupalintError("usage", `--rule "${flag}": the setting is not valid JSON.`);
            }
            rules[id] = entry;
            continue;
        }
        const severity = SEVERITIES.get(setting);
        if (severity === undefined) {
            throw new SupalintError("usage", `--rule "${flag}": severity must be off, warn or error (or 0, 1, 2).`);
        }
        rules[id] = severity;
    }
    return rules;
}

/** The text of `supalint --help`. */
export const LINT_HELP = `Usage: supalint [options] [file|dir|glob ...]
       supalint rules [<rule-id>] [--format text|markdown|json]
       supalint init [--force]
       supalint new <description> [--template table|column|policy|bucket|function]
       supalint verify [--db-url <url>] [--format stylish|json]
       supalint status --db-url <url> [--strict] [--format table|json]
       supalint access [--since <git-ref>] [--format table|markdown|json]
       supalint lsp [--stdio]

Lints Supabase / PostgreSQL migration files. With no paths, lints the
migrations folder; every migration in it is always part of the history the
rules see, and only the files you name are reported.

Options:
  -c, --config <path>                   Use this configuration file instead of looking one up
  -f, --format <name>                   stylish (default), json, compact, github, sarif, codeframe
  -o, --output-file <path>              Write the report to a file instead of standard output
      --max-warnings <n>                Exit 1 when there are more than n warnings (-1: no limit)
      --quiet                           Report errors only
      --fix                             Apply safe fixes to the files
      --fix-dry-run                     Compute fixes without writing them (json shows "output")
      --fix-applied                     Let --fix rewrite migrations that already ran
                                        (at or before frozenBefore, at the --since ref,
                                        or applied on the --db-url database)
      --db-url <url>                    With --fix: leave alone the migrations this
                                        database has applied (as \`supalint status\` lists them)
      --rule <id:severity>              Set a rule's severity: off, warn, error (repeatable)
      --no-inline-config                Ignore disable directives (supalint-disable, and
                                        eslint-disable naming supalint/<rule>)
      --report-unused-disable-directives
                                        Report directives that suppress nothing
      --stdin                           Lint standard input
      --stdin-filename <path>           The migration path standard input stands for
      --since <git-ref>                 Report only files added or changed since the ref
                                        (the whole migrations folder stays history; the
                                        migrations that existed there count as applied)
      --cache                           Reuse the results of an identical earlier run
                                        (not with --stdin)
      --cache-location <path>           The cache file or folder (default .supalintcache)
      --color, --no-color               Force colour on or off (default: on for a terminal)
  -h, --help                            Show this help
  -v, --version                         Show the version

Exit codes: 0 no errors (and warnings within --max-warnings), 1 lint errors or
too many warnings, 2 usage, configuration or internal error.
`;

/** The text of `supalint rules --help`. */
export const RULES_HELP = `Usage: supalint rules [<rule-id> ...] [--format text|markdown|json] [--output-file <path>]

Lists every rule with its category, default severity and whether it can be
fixed. markdown prints each rule's documentation; json prints the metadata.
With rule ids, prints those rules' documentation (json: their metadata).
`;
