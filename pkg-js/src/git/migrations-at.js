/**
 * @file The migrations as they were at `--since <ref>`, read from git
 * without touching the working tree: the `.sql` files under the migrations
 * folder (as `listSqlFiles` finds them on disk) at the merge base of the ref
 * and HEAD, which is what a pull request is compared with.
 */

/** @import { Source } from "../api.js" */

import { spawnSync } from "node:child_process";
import path from "node:path";
import { sourceFromBytes } from "../files/read-source.js";
import { git, nulFields } from "./git.js";
import { folderInRepository, realPath, resolveSince } from "./since.js";
import { SupalintError } from "../errors.js";

/**
 * @typedef {object} MigrationsAtRef
 * @property {string} ref as the user gave it
 * @property {string} commit the commit it names
 * @property {string} base the merge base of that commit and HEAD, where the files were read
 * @property {string[]} paths every migration there, relative to the project root
 * @property {Source[]} sources the migrations read (all of them unless `isWanted` said otherwise), paths relative to the project root
 */

/**
 * Reads the migrations folder at the merge base of `ref` and HEAD.
 * @param {string} ref
 * @param {{ cwd: string, projectRoot: string, migrationsPath: string, isWanted?: (path: string) => boolean }} where the folder to run git in,
 *   the project root (engine paths are relative to it) and the absolute migrations folder; `isWanted`: which
 *   migrations (by path relative to the project root) to read, default all
 * @returns {MigrationsAtRef}
 * @throws {SupalintError} outside a repository, for an unknown ref, without a merge base, or when git fails
 */
export function migrationsAt(ref, { cwd, projectRoot, migrationsPath, isWanted = () => true }) {
    const { root, commit, base } = resolveSince(ref, cwd);
    const folder = folderInRepository(root, migrationsPath);
    const tree = git(["ls-tree", "-r", "-z", "--name-only", base, "--", folder], root);
    if (!tree.ok) {
        throw new SupalintError("git", `--since ${ref}: git ls-tree failed: ${tree.stderr}`);
    }
    const project = realPath(projectRoot);
    const listed = nulFields(tree.stdout)
        .filter((file) => isListedMigration(folder, file))
        .map((file) => ({ file, path: path.relative(project, path.join(root, file)).split(path.sep).join("/") }));
    const wanted = listed.filter((entry) => isWanted(entry.path));
    const blobs = readBlobs(
        wanted.map((entry) => `${base}:${entry.file}`),
        root,
    );
    const sources = wanted.map((entry, index) => sourceFromBytes(blobs[index], entry.path));
    return { ref, commit, base, paths: listed.map((entry) => entry.path), sources };
}

/**
 * Whether `listSqlFiles` would list a file of the folder: a `.sql` file,
 * not under a hidden folder or `node_modules`.
 * @param {string} folder relative to the repository root
 * @param {string} file relative to the repository root
 * @returns {boolean}
 */
function isListedMigration(folder, file) {
    if (!file.endsWith(".sql")) {
        return false;
    }
    const inside = folder === "." ? file : file.slice(folder.length + 1);
    const dirs = inside.split("/").slice(0, -1);
    return dirs.every((dir) => !dir.startsWith(".") && dir !== "node_modules");
}

/**
 * The contents of blobs, through one `git cat-file --batch`.
 * @param {string[]} specs `<commit>:<path>` each
 * @param {string} root
 * @returns {Uint8Array[]} in the order of `specs`
 * @throws {SupalintError} when git fails or a blob is missing
 */
function readBlobs(specs, root) {
    if (specs.length === 0) {
        return [];
    }
    const child = spawnSync("git", ["cat-file", "--batch"], {
        cwd: root,
        input: `${specs.join("\n")}\n`,
        maxBuffer: 1024 * 1024 * 1024,
        env: { ...process.env, GIT_OPTIONAL_LOCKS: "0", LC_ALL: "C" },
    });
    if (child.error || child.status !== 0) {
        throw new SupalintError("git", `--since: git cat-file failed: ${child.error?.message ?? child.stderr.toString().trim()}`);
    }
    const out = child.stdout;
    /** @type {Uint8Array[]} */
    const blobs = [];
    let at = 0;
    for (const spec of specs) {
        const end = out.indexOf(0x0a, at);
        const header = out.subarray(at, end).toString("utf8");
        const size = /^[0-9a-f]+ blob (\d+)$/u.exec(header)?.[1];
        if (end === -1 || size === undefined) {
            throw new SupalintError("git", `--since: git cannot read ${spec} (${header}).`);
        }
        const start = end + 1;
        blobs.push(out.subarray(start, start + Number(size)));
        // The contents are followed by a newline.
        at = start + Number(size) + 1;
    }
    return blobs;
}
