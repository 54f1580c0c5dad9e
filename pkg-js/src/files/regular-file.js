/**
 * @file Reads a file only when it is a regular file of bounded size. A FIFO
 * blocks a read until something writes to it, `/dev/zero` and
 * `/dev/urandom` never end, and a huge file fills the memory: every path
 * supalint reads (configuration, `storageBucketsFile`, `config.toml`,
 * migrations, paths on the command line) goes through here. The file is
 * opened without blocking and checked on the open descriptor, so what is
 * checked is what is read.
 */

import { closeSync, constants, fstatSync, openSync, readFileSync } from "node:fs";
import { SupalintError } from "../errors.js";

/** The limit for configuration files (JSON, JavaScript, TOML, the buckets file). */
export const CONFIG_FILE_LIMIT = 4 * 1024 * 1024;

/**
 * The error for a path that is not a readable regular file within its limit.
 * @param {string} reason why, as a clause ("it is a FIFO, not a regular file")
 * @param {"notRegular" | "tooLarge" | "unreadable"} fileKind
 * @param {number} [size] the file's size, for `tooLarge`
 * @returns {SupalintError} of kind `files`
 */
function fileKindError(reason, fileKind, size) {
    return new SupalintError("files", reason, { fileKind, size });
}

/**
 * The content of a regular file of at most `limit` bytes.
 * @param {string} file
 * @param {number} limit
 * @returns {Buffer}
 * @throws {SupalintError}
 */
export function readRegularFile(file, limit) {
    return withRegularFile(file, limit, (fd) => readFileSync(fd));
}

/**
 * Checks that a path is a regular file of at most `limit` bytes, without
 * reading it (for a file another component reads, such as a module to import).
 * @param {string} file
 * @param {number} limit
 * @returns {void}
 * @throws {SupalintError}
 */
export function checkRegularFile(file, limit) {
    withRegularFile(file, limit, () => undefined);
}

/**
 * @template T
 * @param {string} file
 * @param {number} limit
 * @param {(fd: number) => T} use
 * @returns {T}
 */
function withRegularFile(file, limit, use) {
    let fd;
    try {
        // O_NONBLOCK: opening a FIFO for reading otherwise waits for a writer.
        fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    } catch (error) {
        throw fileKindError(systemReason(error), "unreadable");
    }
    try {
        const stats = fstatSync(fd);
        if (!stats.isFile()) {
            throw fileKindError(`it is ${kindOf(stats)}, not a regular file`, "notRegular");
        }
        if (stats.size > limit) {
            throw fileKindError(`it is ${stats.size} bytes, more than the ${limit} supalint reads`, "tooLarge", stats.size);
        }
        try {
            return use(fd);
        } catch (error) {
            throw fileKindError(systemReason(error), "unreadable");
        }
    } finally {
        closeSync(fd);
    }
}

/**
 * @param {import("node:fs").Stats} stats
 * @returns {string}
 */
function kindOf(stats) {
    if (stats.isDirectory()) {
        return "a folder";
    }
    if (stats.isFIFO()) {
        return "a FIFO (named pipe)";
    }
    if (stats.isCharacterDevice()) {
        return "a character device";
    }
    if (stats.isBlockDevice()) {
        return "a block device";
    }
    if (stats.isSocket()) {
        return "a socket";
    }
    return "not a file";
}

/**
 * A system error as a clause.
 * @param {unknown} error
 * @returns {string}
 */
function systemReason(error) {
    const code = /** @type {NodeJS.ErrnoException} */ (error)?.code;
    if (code === "ENOENT") {
        return "it does not exist";
    }
    if (code === "EACCES" || code === "EPERM") {
        return "permission denied";
    }
    if (code === "EISDIR") {
        return "it is a folder, not a regular file";
    }
    return error instanceof Error ? error.message : String(error);
}
