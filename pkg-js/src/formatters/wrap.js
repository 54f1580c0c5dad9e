/**
 * @file Word wrapping for the human formatters.
 */

/**
 * `text` in lines of at most `width` characters, broken at spaces; a word
 * longer than `width` gets a line of its own rather than being cut.
 * @param {string} text
 * @param {number} width
 * @returns {string[]}
 */
export function wrapWords(text, width) {
    const lines = [];
    let line = "";
    for (const word of text.split(" ")) {
        if (line === "") {
            line = word;
        } else if (line.length + 1 + word.length <= width) {
            line += ` ${word}`;
        } else {
            lines.push(line);
            line = word;
        }
    }
    lines.push(line);
    return lines;
}
