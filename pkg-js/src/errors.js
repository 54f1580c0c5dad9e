/**
 * @file The one error class for a failure the user can act on: a bad
 * configuration or command line, a path that matches nothing, git or a
 * database that cannot answer. Its message is all the user needs, and the
 * CLI turns it into exit code 2 (`reportFailure`, `cli/commands/command-io.js`); anything else that
 * escapes is a bug, reported as an internal error. `kind` tells the failures
 * apart, and some carry fields of their own.
 */

/**
 * What failed:
 * `config`: the configuration (`problems`, `configPath`);
 * `usage`: the command line, or what a subcommand was asked to do;
 * `files`: a path that matches nothing (`patterns`), a file that is not a readable regular
 *   one within its limit (`fileKind`, `size`), or one that cannot be written;
 * `git`: git, with its own words;
 * `database`: a database, or the settings to reach it;
 * `cluster`: the throwaway PostgreSQL cluster of `verify`, or the server programs it needs;
 * `engine`: the WebAssembly engine is missing.
 * @typedef {"config" | "usage" | "files" | "git" | "database" | "cluster" | "engine"} SupalintErrorKind
 */

/**
 * One problem with one configuration key.
 * @typedef {object} ConfigProblem
 * @property {string} key the key, dotted for nested keys (`rules.foo`); empty when the whole file is bad
 * @property {string} message what is wrong with it
 */

/**
 * The fields some kinds carry.
 * @typedef {object} SupalintErrorDetails
 * @property {ConfigProblem[]} [problems] `config`: what is wrong, one entry per key
 * @property {string | null} [configPath] `config`: the file the configuration came from
 * @property {string[]} [patterns] `files`: the command-line patterns that matched nothing
 * @property {"notRegular" | "tooLarge" | "unreadable"} [fileKind] `files`: why a file could not be read
 * @property {number} [size] `files`: the size of a file over its limit
 */

/** A failure the user can act on: exit code 2 with its message. */
export class SupalintError extends Error {
    /**
     * @param {SupalintErrorKind} kind
     * @param {string} message
     * @param {SupalintErrorDetails} [details]
     */
    constructor(kind, message, details = {}) {
        super(message);
        this.name = "SupalintError";
        /** @type {SupalintErrorKind} */
        this.kind = kind;
        /** @type {ConfigProblem[]} */
        this.problems = details.problems ?? [];
        /** @type {string | null} */
        this.configPath = details.configPath ?? null;
        /** @type {string[]} */
        this.patterns = details.patterns ?? [];
        /** @type {SupalintErrorDetails["fileKind"]} */
        this.fileKind = details.fileKind;
        /** @type {number | undefined} */
        this.size = details.size;
    }
}

/**
 * Whether `error` is a `SupalintError` of `kind`.
 * @param {unknown} error
 * @param {SupalintErrorKind} kind
 * @returns {error is SupalintError}
 */
export function isSupalintError(error, kind) {
    return error instanceof SupalintError && error.kind === kind;
}

/**
 * The error for a configuration that cannot be used (unreadable file, bad
 * JSON, unknown key, unknown rule, wrong type), naming each bad key.
 * @param {ConfigProblem[]} problems what is wrong, one entry per key
 * @param {string | null} [configPath] the file the configuration came from
 * @returns {SupalintError}
 */
export function configError(problems, configPath = null) {
    const where = configPath === null ? "" : ` (${configPath})`;
    const lines = problems.map(({ key, message }) => (key === "" || message.includes(`\`${key}\``) ? `  ${message}` : `  \`${key}\`: ${message}`));
    return new SupalintError("config", `Invalid supalint configuration${where}:\n${lines.join("\n")}`, { problems, configPath });
}
