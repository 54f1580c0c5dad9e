/**
 * @file The error thrown for a bad configuration: the CLI turns it into exit
 * code 2 with a message naming each bad key.
 */

/**
 * One problem with one configuration key.
 * @typedef {object} ConfigProblem
 * @property {string} key the key, dotted for nested keys (`rules.foo`); empty when the whole file is bad
 * @property {string} message what is wrong with it
 */

/**
 * A configuration that cannot be used: unreadable file, bad JSON, unknown
 * key, unknown rule, wrong type.
 */
export class ConfigError extends Error {
    /**
     * @param {ConfigProblem[]} problems what is wrong, one entry per key
     * @param {string | null} [configPath] the file the configuration came from
     */
    constructor(problems, configPath = null) {
        const where = configPath === null ? "" : ` (${configPath})`;
        const lines = problems.map(({ key, message }) =>
            key === "" || message.includes(`\`${key}\``) ? `  ${message}` : `  \`${key}\`: ${message}`,
        );
        super(`Invalid supalint configuration${where}:\n${lines.join("\n")}`);
        this.name = "ConfigError";
        /** @type {ConfigProblem[]} */
        this.problems = problems;
        /** @type {string | null} */
        this.configPath = configPath;
    }
}
