/**
 * @file `--since <git-ref>`: which files a branch adds or changes, and which
 * migration versions the ref already has.
 *
 * Changed files are those of `git diff --name-status -M <ref>...` (the
 * changes since the merge base, as a pull request shows them) plus what the
 * working tree adds: staged, unstaged and untracked files, so a pre-commit
 * hook sees the commit being made. Added, modified, renamed (their new
 * name), copied and type-changed files count; deleted ones do not.
 *
 * The versions are those of the migrations folder at the ref itself, not at
 * the merge base: when the target branch moved on, its newer migrations are
 * the ones an older new migration would run after (`migration-order`).
 */

import { realpathSync } from "node:fs";
import path from "node:path";
import { migrationVersion } from "../files/migration-version.js";
import { git, nulFields } from "./git.js";
import { SupalintError } from "../errors.js";

/**
 * @typedef {object} SinceSelection
 * @property {string} ref as the user gave it
 * @property {string} commit the commit it names
 * @property {Set<string>} changed real absolute paths of the files added or changed since the ref
 * @property {string[]} sinceVersions the 14-digit versions of the migrations that existed at the ref, sorted
 */

/** Statuses of `git diff --name-status` whose (new) path is a file the branch adds or changes. */
const CHANGED_STATUSES = new Set(["A", "M", "T", "R", "C", "U"]);

/**
 * Reads what changed since a ref.
 * @param {string} ref a branch, tag, commit or any revision git understands
 * @param {{ cwd: string, migrationsPath: string }} where the folder to run git in, and the absolute migrations folder
 * @returns {SinceSelection}
 * @throws {SupalintError} outside a repository, for an unknown ref, or without a merge base
 */
export function changesSince(ref, { cwd, migrationsPath }) {
    const { root, commit, base } = resolveSince(ref, cwd);
    const changed = new Set();
    const diff = git(["diff", "--name-status", "-z", "-M", "--no-ext-diff", "--no-textconv", base, "--"], root);
    if (!diff.ok) {
        throw new SupalintError("git", `--since ${ref}: git diff failed: ${diff.stderr}`);
    }
    for (const file of changedPaths(nulFields(diff.stdout))) {
        changed.add(path.join(root, file));
    }
    const untracked = git(["ls-files", "--others", "--exclude-standard", "-z"], root);
    if (!untracked.ok) {
        throw new SupalintError("git", `--since ${ref}: git ls-files failed: ${untracked.stderr}`);
    }
    for (const file of nulFields(untracked.stdout)) {
        changed.add(path.join(root, file));
    }

    return { ref, commit, changed, sinceVersions: versionsAt(commit, root, migrationsPath) };
}

/**
 * Where `--since <ref>` compares from: the repository, the commit the ref
 * names, and its merge base with HEAD.
 * @param {string} ref
 * @param {string} cwd a folder in the repository
 * @returns {{ root: string, commit: string, base: string }} the repository root (a real path) and full commit ids
 * @throws {SupalintError} outside a repository, for an unknown ref, or without a merge base
 */
export function resolveSince(ref, cwd) {
    if (ref === "" || ref.startsWith("-")) {
        throw new SupalintError("git", `--since needs a git revision (got "${ref}").`);
    }
    const top = git(["rev-parse", "--show-toplevel"], cwd);
    if (!top.ok) {
        throw new SupalintError("git", `--since needs a git repository, and ${cwd} is not in one (${top.stderr}).`);
    }
    const root = top.stdout.trim();
    const commit = resolveCommit(ref, root);
    const base = git(["merge-base", commit, "HEAD"], root);
    if (!base.ok) {
        throw new SupalintError(
            "git",
            `--since ${ref}: no common ancestor of ${ref} and HEAD${base.stderr === "" ? "" : ` (${base.stderr})`}; ` +
                "a shallow clone needs its history (actions/checkout with fetch-depth: 0).",
        );
    }
    return { root, commit, base: base.stdout.trim() };
}

/**
 * The migrations folder relative to the repository root, `/`-separated.
 * @param {string} root the repository root
 * @param {string} migrationsPath absolute
 * @returns {string}
 * @throws {SupalintError} when the folder is outside the repository
 */
export function folderInRepository(root, migrationsPath) {
    const folder = path.relative(root, realPath(migrationsPath)).split(path.sep).join("/") || ".";
    if (folder === ".." || folder.startsWith("../") || path.isAbsolute(folder)) {
        throw new SupalintError("git", `--since: the migrations folder ${migrationsPath} is outside the git repository ${root}.`);
    }
    return folder;
}

/**
 * The real path of a file, as git's paths are (the repository root is a real path).
 * @param {string} file absolute
 * @returns {string}
 */
export function realPath(file) {
    try {
        return realpathSync(file);
    } catch {
        return path.resolve(file);
    }
}

/**
 * @param {string} ref
 * @param {string} root
 * @returns {string} the full commit id
 * @throws {SupalintError}
 */
function resolveCommit(ref, root) {
    const commit = git(["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`], root);
    if (!commit.ok) {
        throw new SupalintError(
            "git",
            `--since ${ref}: no such commit, branch or tag in this repository. ` +
                "In CI, fetch it first (actions/checkout with fetch-depth: 0, or `git fetch origin main`).",
        );
    }
    return commit.stdout.trim();
}

/**
 * The paths a branch adds or changes, from `git diff --name-status -z`
 * fields: a status, then one path (two for renames and copies: old, new).
 * @param {string[]} fields
 * @returns {string[]} paths relative to the repository root
 */
export function changedPaths(fields) {
    const paths = [];
    let i = 0;
    while (i < fields.length) {
        const status = fields[i].charAt(0);
        const pathCount = status === "R" || status === "C" ? 2 : 1;
        const file = fields[i + pathCount];
        if (CHANGED_STATUSES.has(status) && file !== undefined) {
            paths.push(file);
        }
        i += 1 + pathCount;
    }
    return paths;
}

/**
 * The versions of the migrations (the `.sql` files directly in the
 * migrations folder) at a commit.
 * @param {string} commit
 * @param {string} root the repository root
 * @param {string} migrationsPath absolute
 * @returns {string[]} sorted, without duplicates
 * @throws {SupalintError} when the migrations folder is outside the repository
 */
function versionsAt(commit, root, migrationsPath) {
    const folder = folderInRepository(root, migrationsPath);
    const tree = git(["ls-tree", "-r", "-z", "--name-only", commit, "--", folder], root);
    if (!tree.ok) {
        throw new SupalintError("git", `--since: git ls-tree failed: ${tree.stderr}`);
    }
    const versions = new Set();
    for (const file of nulFields(tree.stdout)) {
        const dir = path.posix.dirname(file);
        const name = path.posix.basename(file);
        const version = migrationVersion(name);
        if (dir === folder && version !== undefined && name.endsWith(".sql")) {
            versions.add(version);
        }
    }
    return [...versions].sort();
}
