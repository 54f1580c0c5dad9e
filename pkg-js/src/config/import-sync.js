/**
 * @file Imports an ES module synchronously, so that `supalint.config.js` and
 * `.mjs` load without making the Node API asynchronous: a worker thread runs
 * `import()` while this thread blocks on `Atomics.wait`.
 */

import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

// Required for a JavaScript configuration only: importing node:worker_threads costs every
// CLI start a few milliseconds.
const require = createRequire(import.meta.url);

/**
 * The default export of a module (or its namespace when it has no default),
 * copied with the structured-clone algorithm: plain data only.
 * @param {string} file absolute path of the module
 * @param {number} [timeoutMs] how long to wait for the module to load
 * @returns {unknown}
 * @throws {Error} when the module throws, exports functions, or takes too long
 */
export function importDefaultSync(file, timeoutMs = 30_000) {
    /** @type {typeof import("node:worker_threads")} */
    const { MessageChannel, Worker, receiveMessageOnPort } = require("node:worker_threads");
    const signal = new Int32Array(new SharedArrayBuffer(4));
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(new URL("./import-worker.js", import.meta.url), {
        workerData: { url: pathToFileURL(file).href, port: port2, signal },
        transferList: [port2],
    });
    worker.unref();
    try {
        const outcome = Atomics.wait(signal, 0, 0, timeoutMs);
        const received = receiveMessageOnPort(port1);
        if (outcome === "timed-out" || received === undefined) {
            throw new Error(`loading ${file} took longer than ${timeoutMs} ms`);
        }
        const reply = /** @type {{ value?: unknown, error?: string }} */ (received.message);
        if (reply.error !== undefined) {
            throw new Error(reply.error);
        }
        return reply.value;
    } finally {
        port1.close();
        void worker.terminate();
    }
}
