/**
 * @file Counting words shared by the human formatters.
 */

/**
 * `1 problem`, `2 problems`.
 * @param {number} count
 * @param {string} word singular
 * @returns {string}
 */
export function plural(count, word) {
    return `${count} ${word}${count === 1 ? "" : "s"}`;
}
