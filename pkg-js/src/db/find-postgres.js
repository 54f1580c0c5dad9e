/**
 * @file Finds the PostgreSQL server programs (`initdb`, `postgres`) for a
 * scratch cluster: on `PATH` first, then in Debian's
 * `/usr/lib/postgresql/<major>/bin`, newest major first.
 */

import { accessSync, constants, existsSync, readdirSync, realpathSync } from "node:fs";
import path from "node:path";
import { SupalintError } from "../errors.js";

/** Where Debian and Ubuntu install each major version's server programs. */
const DEBIAN_POSTGRES_ROOT = "/usr/lib/postgresql";

/**
 * The folder holding the server programs.
 * @typedef {object} PostgresBin
 * @property {string} dir the folder (symbolic links resolved)
 * @property {string} initdb
 * @property {string} postgres
 */

/**
 * Finds `initdb` and the `postgres` beside it.
 * @param {Record<string, string | undefined>} env where `PATH` comes from
 * @param {string} [debianRoot] the folder of Debian's versioned installs
 * @returns {PostgresBin}
 * @throws {SupalintError} (`cluster`) when there are none
 */
export function findPostgresBin(env, debianRoot = DEBIAN_POSTGRES_ROOT) {
    for (const dir of candidateDirs(env, debianRoot)) {
        const bin = binIn(dir);
        if (bin !== null) {
            return bin;
        }
    }
    throw new SupalintError(
        "cluster",
        "no PostgreSQL server found: `initdb` and `postgres` are neither on PATH nor in " +
            `${DEBIAN_POSTGRES_ROOT}/*/bin. Install PostgreSQL (\`apt-get install postgresql\`), ` +
            "or pass --db-url to use a running server.",
    );
}

/**
 * The folders to look in, in order: each `PATH` entry, then
 * `<debianRoot>/<major>/bin` from the newest major down.
 * @param {Record<string, string | undefined>} env
 * @param {string} debianRoot
 * @returns {string[]}
 */
function candidateDirs(env, debianRoot) {
    const dirs = (env.PATH ?? "").split(path.delimiter).filter((dir) => dir !== "");
    let majors = [];
    try {
        majors = readdirSync(debianRoot).filter((name) => /^\d+(\.\d+)?$/u.test(name));
    } catch {
        // No Debian-style install.
    }
    majors.sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
    return [...dirs, ...majors.map((major) => path.join(debianRoot, major, "bin"))];
}

/**
 * `initdb` in a folder, with the `postgres` of the same install. A symbolic
 * link (`/usr/local/bin/initdb`) is followed to its install, where `postgres`
 * is sure to match its version.
 * @param {string} dir
 * @returns {PostgresBin | null}
 */
function binIn(dir) {
    const link = path.join(dir, "initdb");
    if (!isExecutable(link)) {
        return null;
    }
    const realDir = path.dirname(realpathSync(link));
    const initdb = path.join(realDir, "initdb");
    const postgres = path.join(realDir, "postgres");
    if (!isExecutable(postgres)) {
        return null;
    }
    return { dir: realDir, initdb, postgres };
}

/**
 * @param {string} file
 * @returns {boolean}
 */
function isExecutable(file) {
    if (!existsSync(file)) {
        return false;
    }
    try {
        accessSync(file, constants.X_OK);
        return true;
    } catch {
        return false;
    }
}
