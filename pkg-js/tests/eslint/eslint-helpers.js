/**
 * @file Helpers for the ESLint plugin tests: both ESLint majors, and a
 * writable copy of the fixture workspace that imports `supalint/eslint` as a
 * user's project does.
 */

import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);

/** The `pkg-js` folder: the `supalint` package. */
export const PACKAGE_DIR = fileURLToPath(new URL("../..", import.meta.url));

/** The fixture workspace: a monorepo with a flat `eslint.config.js`. */
export const WORKSPACE_FIXTURE = fileURLToPath(new URL("../fixtures/eslint-workspace", import.meta.url));

/** Where the web app's migrations live in the workspace. */
export const WEB_MIGRATIONS = "apps/web/supabase/migrations";

/** Where the api app's migrations live in the workspace. */
export const API_MIGRATIONS = "apps/api/supabase/migrations";

/**
 * @typedef {object} EslintMajor
 * @property {string} name the aliased devDependency
 * @property {number} major
 * @property {string} bin the `eslint` executable
 * @property {() => Promise<typeof import("eslint")>} load
 */

/** @type {EslintMajor[]} */
export const ESLINT_MAJORS = [
    { name: "eslint9", major: 9 },
    { name: "eslint10", major: 10 },
].map(({ name, major }) => ({
    name,
    major,
    bin: path.join(path.dirname(require.resolve(`${name}/package.json`)), "bin", "eslint.js"),
    load: () => import(name),
}));

/**
 * The `eslint.config.js` the README's "ESLint plugin" section tells users to
 * write: its first `js` block.
 * @returns {string}
 */
export function readmeEslintConfig() {
    const readme = readFileSync(path.join(PACKAGE_DIR, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## ESLint plugin"));
    const snippet = /```js\n(?<code>[\s\S]*?)```/u.exec(section)?.groups?.code;
    if (snippet === undefined) {
        throw new Error("the README's ESLint plugin section has no js block");
    }
    return snippet;
}

/**
 * Copies the fixture workspace to a temporary folder, with
 * `node_modules/supalint` linked to this package (and each of `packages`
 * linked to the copy this repository installed), and removes it when the
 * test ends.
 * @param {import("node:test").TestContext} t
 * @param {string[]} [packages] more packages its `eslint.config.js` imports
 * @returns {string} the workspace folder
 */
export function copyWorkspace(t, packages = []) {
    const dir = mkdtempSync(path.join(tmpdir(), "supalint-eslint-"));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    cpSync(WORKSPACE_FIXTURE, dir, { recursive: true });
    mkdirSync(path.join(dir, "node_modules"));
    symlinkSync(PACKAGE_DIR, path.join(dir, "node_modules", "supalint"), "dir");
    for (const name of packages) {
        const link = path.join(dir, "node_modules", name);
        mkdirSync(path.dirname(link), { recursive: true });
        symlinkSync(path.dirname(require.resolve(`${name}/package.json`)), link, "dir");
    }
    return dir;
}

/**
 * Runs the `eslint` executable of one major in a folder.
 * @param {EslintMajor} eslint
 * @param {string[]} args
 * @param {string} cwd
 * @param {Record<string, string>} [extraEnv]
 * @returns {{ status: number | null, stdout: string, stderr: string }}
 */
export function runEslint(eslint, args, cwd, extraEnv = {}) {
    const env = { ...process.env, ...extraEnv };
    delete env.FORCE_COLOR;
    delete env.NO_COLOR;
    const nodeArgs = process.execArgv.filter((arg) => arg === "--preserve-symlinks");
    const child = spawnSync(process.execPath, [...nodeArgs, eslint.bin, ...args], {
        cwd,
        env,
        encoding: "utf8",
        timeout: 60_000,
        maxBuffer: 16 * 1024 * 1024,
    });
    if (child.error) {
        throw child.error;
    }
    return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

/**
 * Parses `--format json` output, failing with the output when it is not JSON.
 * @param {{ stdout: string, stderr: string }} run
 * @returns {import("eslint").ESLint.LintResult[]}
 */
export function jsonOutput(run) {
    try {
        return JSON.parse(run.stdout);
    } catch {
        throw new Error(`not JSON:\n${run.stdout}\n--- stderr:\n${run.stderr}`);
    }
}

/**
 * The result for one file, found by its path relative to the workspace.
 * @param {import("eslint").ESLint.LintResult[]} results
 * @param {string} workspace
 * @param {string} relativePath
 * @returns {import("eslint").ESLint.LintResult}
 */
export function resultFor(results, workspace, relativePath) {
    const wanted = path.join(workspace, relativePath);
    const result = results.find((entry) => entry.filePath === wanted);
    if (!result) {
        throw new Error(`no result for ${relativePath} among ${results.map((entry) => entry.filePath).join(", ")}`);
    }
    return result;
}

/**
 * The messages of the rules a test is about (and ESLint's own, `ruleId:
 * null`), so findings of rules added to the engine later do not disturb it.
 * @param {import("eslint").ESLint.LintResult} result
 * @param {string[]} ruleIds
 * @returns {import("eslint").Linter.LintMessage[]}
 */
export function messagesOf(result, ruleIds) {
    return result.messages.filter((message) => message.ruleId === null || ruleIds.includes(message.ruleId));
}
