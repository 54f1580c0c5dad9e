/**
 * @file Worker side of `parallel-stats.js`: instantiates the compiled engine
 * it is given, computes `parseStats` for the files, posts the statistics (or
 * the error) back, then wakes the waiting thread. Everything that can fail is
 * inside the `try`, so the waiting thread is always woken unless the worker
 * is killed.
 */

import { workerData } from "node:worker_threads";

const { wasmModule, files, port, signal } = workerData;
try {
    const glue = await import("../../wasm/supalint.js");
    glue.initSync({ module: wasmModule });
    port.postMessage({ stats: glue.parseStats({ files }) });
} catch (error) {
    port.postMessage({ error: error instanceof Error ? error.message : String(error) });
}
Atomics.store(signal, 0, 1);
Atomics.notify(signal, 0);
