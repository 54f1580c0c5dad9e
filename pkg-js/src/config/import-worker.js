/**
 * @file Worker side of `import-sync.js`: imports the module, posts its default
 * export back, then wakes the waiting thread.
 */

import { workerData } from "node:worker_threads";

const { url, port, signal } = workerData;
try {
    const module = await import(url);
    port.postMessage({ value: "default" in module ? module.default : { ...module } });
} catch (error) {
    port.postMessage({ error: error instanceof Error ? error.message : String(error) });
}
Atomics.store(signal, 0, 1);
Atomics.notify(signal, 0);
