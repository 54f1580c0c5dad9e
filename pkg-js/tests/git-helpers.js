/**
 * @file Temporary git repositories for the tests of the team-workflow
 * commands (`init`, `new`, `--since`, `--cache`): each test works in a
 * repository of its own, as a user's project is.
 */

import { spawnSync } from "node:child_process";
import { makeProject } from "./helpers.js";

/** An author for commits, whatever the machine's git configuration. */
const GIT_ENV = {
    GIT_AUTHOR_NAME: "supalint tests",
    GIT_AUTHOR_EMAIL: "tests@supalint.invalid",
    GIT_COMMITTER_NAME: "supalint tests",
    GIT_COMMITTER_EMAIL: "tests@supalint.invalid",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
};

/**
 * Runs git in a folder, failing the test when git fails.
 * @param {string} dir
 * @param {...string} args
 * @returns {string} standard output
 */
export function git(dir, ...args) {
    const child = spawnSync("git", args, { cwd: dir, encoding: "utf8", env: { ...process.env, ...GIT_ENV } });
    if (child.error) {
        throw child.error;
    }
    if (child.status !== 0) {
        throw new Error(`git ${args.join(" ")} failed (${child.status}):\n${child.stderr}`);
    }
    return child.stdout;
}

/**
 * A temporary project in a new repository on branch `main`, its files
 * committed.
 * @param {import("node:test").TestContext} t
 * @param {Record<string, string | Uint8Array>} files
 * @returns {string} the repository folder
 */
export function makeRepo(t, files) {
    const dir = makeProject(t, files);
    git(dir, "init", "-q", "-b", "main");
    commitAll(dir, "initial");
    return dir;
}

/**
 * Stages and commits everything.
 * @param {string} dir
 * @param {string} message
 * @returns {void}
 */
export function commitAll(dir, message) {
    git(dir, "add", "-A");
    git(dir, "commit", "-q", "--allow-empty", "-m", message);
}
