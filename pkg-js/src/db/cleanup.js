/**
 * @file Tears down what a command creates (a scratch cluster, a database)
 * when the process is interrupted (Ctrl-C, `kill`) or exits unexpectedly.
 */

import { constants } from "node:os";

/** Signals that end a command early. */
const SIGNALS = /** @type {const} */ (["SIGINT", "SIGTERM", "SIGHUP"]);

/** How long the teardown may take after a signal. */
const TEARDOWN_TIMEOUT_MS = 20_000;

/**
 * What `cleanUpOnInterrupt` hands back.
 * @typedef {object} InterruptGuard
 * @property {AbortSignal} signal aborted when a signal arrives: work in progress stops at its next check
 * @property {() => boolean} interrupted whether a signal arrived (errors after it are the teardown's doing, not news)
 * @property {() => Promise<never>} exiting waits for the teardown, which ends the process
 * @property {() => void} release removes the handlers
 */

/**
 * Until `release` is called: on a signal, aborts `signal`, runs `teardown`,
 * then exits with 128 + the signal's number; on any exit, runs
 * `teardownNow`.
 * @param {() => Promise<void>} teardown
 * @param {() => void} teardownNow what still works synchronously as the process exits
 * @param {(message: string) => void} [say] told which signal arrived
 * @returns {InterruptGuard}
 */
export function cleanUpOnInterrupt(teardown, teardownNow, say = () => {}) {
    const controller = new AbortController();
    /** @type {Promise<never>} */
    let exiting = new Promise(() => {});
    /** @param {NodeJS.Signals} signal */
    const onSignal = (signal) => {
        if (controller.signal.aborted) {
            return;
        }
        controller.abort();
        say(`${signal}: cleaning up`);
        const code = 128 + (constants.signals[signal] ?? 2);
        const timeout = new Promise((resolve) => {
            setTimeout(resolve, TEARDOWN_TIMEOUT_MS).unref();
        });
        exiting = Promise.race([teardown().catch(() => {}), timeout]).then(() => process.exit(code));
    };
    const onExit = () => {
        teardownNow();
    };
    for (const signal of SIGNALS) {
        process.on(signal, onSignal);
    }
    process.on("exit", onExit);
    return {
        signal: controller.signal,
        interrupted: () => controller.signal.aborted,
        exiting: () => exiting,
        release: () => {
            for (const signal of SIGNALS) {
                process.off(signal, onSignal);
            }
            process.off("exit", onExit);
        },
    };
}
