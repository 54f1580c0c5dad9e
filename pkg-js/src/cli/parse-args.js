/**
 * @file `util.parseArgs` for every `supalint` command, with a "did you mean"
 * for a mistyped option: Node's own message names the option and explains
 * `--`, but not which option was meant.
 */

import { parseArgs } from "node:util";
import { SupalintError } from "../errors.js";

/**
 * The edit distance (insertions, deletions, substitutions) between two words.
 * @param {string} a
 * @param {string} b
 * @returns {number}
 */
function editDistance(a, b) {
    let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
    for (let i = 1; i <= a.length; i += 1) {
        const current = [i];
        for (let j = 1; j <= b.length; j += 1) {
            const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
            current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
        }
        previous = current;
    }
    return previous[b.length];
}

/**
 * The candidate closest to `word`, when it is close enough to be a typo of it:
 * at most 2 edits, or a quarter of the candidate for long ones.
 * @param {string} word
 * @param {readonly string[]} candidates
 * @returns {string | undefined}
 */
export function closestMatch(word, candidates) {
    let best;
    let bestDistance = Infinity;
    for (const candidate of candidates) {
        const distance = editDistance(word, candidate);
        if (distance <= Math.max(2, Math.floor(candidate.length / 4)) && distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
        }
    }
    return best;
}

/**
 * `util.parseArgs`, with an unknown option reported as `unknown option
 * --formt; did you mean --format?`.
 * @template {import("node:util").ParseArgsConfig} T
 * @param {T} config
 * @returns {ReturnType<typeof parseArgs<T>>}
 * @throws {SupalintError} (`usage`) for a command line the options do not describe
 */
export function parseCommandArgs(config) {
    try {
        return parseArgs(config);
    } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const code = /** @type {{ code?: string }} */ (error).code;
        const given = /'([^']+)'/u.exec(message)?.[1];
        if (code !== "ERR_PARSE_ARGS_UNKNOWN_OPTION" || given === undefined) {
            throw new SupalintError("usage", message);
        }
        const name = given.split("=")[0];
        // A one-letter option is one edit from every other: only long ones are suggested.
        const suggestion = name.startsWith("--") ? closestMatch(name, Object.keys(config.options ?? {}).map((long) => `--${long}`)) : undefined;
        throw new SupalintError("usage", `unknown option ${name}${suggestion ? `; did you mean ${suggestion}?` : "."}`);
    }
}
