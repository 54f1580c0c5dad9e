/**
 * @file A worker thread whose answer a synchronous caller waits for: the Node
 * API stays synchronous (no promise to await) while work runs on another
 * thread. The caller blocks on `Atomics.wait` and reads the answer with
 * `receiveMessageOnPort`; the worker side (`answerWith`, in
 * `blocking-worker-side.js`) posts it and wakes the caller.
 */

import { createRequire } from "node:module";

// node:worker_threads is required when a worker starts: importing it costs every CLI start a
// few milliseconds.
const require = createRequire(import.meta.url);

/**
 * What a worker answered: the value it computed, or the message of what it threw.
 * @typedef {{ value?: unknown, error?: string }} WorkerReply
 */

/**
 * Starts `script` with `data` (plus the port and signal it answers through).
 * @param {URL} script a module that calls `answerWith`
 * @param {Record<string, unknown>} data its `workerData`
 * @returns {{ reply: (timeoutMs: number) => WorkerReply | undefined, stop: () => void }}
 *   `reply` blocks until the worker answers or `timeoutMs` passes (undefined then, or when the
 *   worker died without answering), and ends the worker; `stop` ends it without waiting
 */
export function startBlockingWorker(script, data) {
    /** @type {typeof import("node:worker_threads")} */
    const { MessageChannel, Worker, receiveMessageOnPort } = require("node:worker_threads");
    const signal = new Int32Array(new SharedArrayBuffer(4));
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(script, {
        workerData: { ...data, port: port2, signal },
        transferList: [port2],
    });
    worker.unref();
    // An error event would be an unhandled one on this thread; `reply` sees the failure anyway.
    worker.on("error", () => {});
    const stop = () => {
        port1.close();
        void worker.terminate();
    };
    return {
        reply(timeoutMs) {
            const outcome = Atomics.wait(signal, 0, 0, timeoutMs);
            const received = receiveMessageOnPort(port1);
            stop();
            if (outcome === "timed-out" || received === undefined) {
                return undefined;
            }
            return /** @type {WorkerReply} */ (received.message);
        },
        stop,
    };
}
