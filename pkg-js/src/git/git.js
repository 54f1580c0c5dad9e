/**
 * @file Runs `git` and reads its `-z` output. Every call is synchronous, in
 * a given folder, without optional locks (a lint never blocks a concurrent
 * `git commit`).
 */

import { spawnSync } from "node:child_process";
import { SupalintError } from "../errors.js";

/**
 * Runs git and returns its standard output.
 * @param {string[]} args
 * @param {string} cwd
 * @returns {{ ok: boolean, stdout: string, stderr: string }}
 * @throws {SupalintError} when git cannot be started
 */
export function git(args, cwd) {
    const child = spawnSync("git", args, {
        cwd,
        encoding: "utf8",
        maxBuffer: 256 * 1024 * 1024,
        env: { ...process.env, GIT_OPTIONAL_LOCKS: "0", LC_ALL: "C" },
    });
    if (child.error) {
        const code = /** @type {NodeJS.ErrnoException} */ (child.error).code;
        throw new SupalintError("git", code === "ENOENT" ? "git is not installed (or not on PATH)." : `git cannot run: ${child.error.message}`);
    }
    return { ok: child.status === 0, stdout: child.stdout, stderr: child.stderr.trim() };
}

/**
 * The NUL-separated fields of `-z` output.
 * @param {string} stdout
 * @returns {string[]}
 */
export function nulFields(stdout) {
    const fields = stdout.split("\0");
    if (fields.at(-1) === "") {
        fields.pop();
    }
    return fields;
}
