/**
 * @file Imports an ES module synchronously, so that `supalint.config.js` and
 * `.mjs` load without making the Node API asynchronous: a worker thread runs
 * `import()` while this thread blocks on `Atomics.wait`.
 */

import { pathToFileURL } from "node:url";
import { startBlockingWorker } from "../workers/blocking-worker.js";

/**
 * The default export of a module (or its namespace when it has no default),
 * copied with the structured-clone algorithm: plain data only.
 * @param {string} file absolute path of the module
 * @param {number} [timeoutMs] how long to wait for the module to load
 * @returns {unknown}
 * @throws {Error} when the module throws, exports functions, or takes too long
 */
export function importDefaultSync(file, timeoutMs = 30_000) {
    const reply = startBlockingWorker(new URL("./import-worker.js", import.meta.url), { url: pathToFileURL(file).href }).reply(timeoutMs);
    if (reply === undefined) {
        throw new Error(`loading ${file} took longer than ${timeoutMs} ms`);
    }
    if (reply.error !== undefined) {
        throw new Error(reply.error);
    }
    return reply.value;
}
