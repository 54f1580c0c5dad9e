/**
 * @file The error every git failure becomes, in a module of its own so the
 * CLI can recognise it without loading `node:child_process` on every run.
 */

/** Something git could not answer: exit code 2, with git's own words. */
export class GitError extends Error {
    /**
     * @param {string} message
     */
    constructor(message) {
        super(message);
        this.name = "GitError";
    }
}
