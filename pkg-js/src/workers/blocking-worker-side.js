/**
 * @file The worker side of `blocking-worker.js`: computes the answer from the
 * worker's data, posts it (or the message of what was thrown), then wakes the
 * waiting thread. Everything that can fail runs inside the `try`, so the
 * waiting thread is always woken unless the worker is killed.
 */

import { workerData } from "node:worker_threads";

/**
 * @param {(data: any) => unknown} compute may return a promise
 * @returns {Promise<void>}
 */
export async function answerWith(compute) {
    const { port, signal } = workerData;
    try {
        port.postMessage({ value: await compute(workerData) });
    } catch (error) {
        port.postMessage({ error: error instanceof Error ? error.message : String(error) });
    }
    Atomics.store(signal, 0, 1);
    Atomics.notify(signal, 0);
}
