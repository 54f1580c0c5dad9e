/**
 * @file Validates statements on a second core while the lint runs on this
 * one. sqlparser's validation is about a third of a lint and feeds only the
 * statistics `parsed` and `fallback` (no rule reads it), so a large lint asks
 * the engine not to validate (`validate: false`) and a worker thread computes
 * the same statistics with `parseStats` meanwhile. The Node API is
 * synchronous: this thread collects the answer with `Atomics.wait`, as
 * config/import-sync.js does. Node only: browser.js never loads this module.
 */

/** @import { Engine, LintRequest, LintResponse, LintStats } from "../api.js" */

import { availableParallelism } from "node:os";
import { startBlockingWorker } from "../workers/blocking-worker.js";

/**
 * Below this much SQL (UTF-16 code units, about bytes) the lint validates
 * itself. Starting a worker and copying the texts to it costs about 25 ms;
 * measured on 2 cores, the worker breaks even at about 0.6 MB and saves 15 %
 * at 1 MB (110 → 93 ms), 25 % from 2 MB on.
 */
export const DEFAULT_MIN_PARALLEL_CHARS = 1024 * 1024;

/**
 * @typedef {object} ParallelStatsOptions
 * @property {number} [minChars] validate on a worker from this much SQL on (default: see `defaultMinChars`)
 * @property {number} [timeoutMs] how long to wait for the worker once the lint is done, before validating here
 */

/**
 * The engine, with a `lint` that validates on a worker thread when the files
 * are large enough. The answer is the same as the engine's own: when the
 * worker fails (an error, its exit, the timeout), the statistics are computed
 * here with `engine.parseStats`. An engine without `parseStats` or a
 * compiled module to share (a test's fake engine) is returned unchanged.
 * @template {Engine} E
 * @param {E} engine
 * @param {ParallelStatsOptions} [options]
 * @returns {E}
 */
export function withParallelStats(engine, options = {}) {
    const { parseStats, wasmModule } = engine;
    if (parseStats === undefined || wasmModule === undefined) {
        return engine;
    }
    const timeoutMs = options.timeoutMs ?? 30_000;
    return {
        ...engine,
        lint(/** @type {LintRequest} */ request) {
            if (request.validate === false || totalChars(request) < (options.minChars ?? defaultMinChars())) {
                return engine.lint(request);
            }
            const validation = startValidation(wasmModule, request.files);
            /** @type {LintResponse} */
            let response;
            try {
                response = engine.lint({ ...request, validate: false });
            } catch (error) {
                // A trap: the caller retries with other files, and another validation.
                validation.stop();
                throw error;
            }
            const validated = validation.result(timeoutMs) ?? parseStats({ files: request.files });
            return { ...response, stats: { ...response.stats, parsed: validated.parsed, fallback: validated.fallback } };
        },
    };
}

/**
 * `DEFAULT_MIN_PARALLEL_CHARS`, or never on one core, where the worker would only add its
 * own cost. A machine whose other core is busy gains nothing either (measured at load 5 on 2
 * cores: 0.1 to 1 s slower on 21 MB), but the load average is too rough a sign of that to
 * choose by (in a container it is the host's), so the choice depends on the cores alone.
 * @returns {number}
 */
function defaultMinChars() {
    return availableParallelism() > 1 ? DEFAULT_MIN_PARALLEL_CHARS : Infinity;
}

/**
 * @param {LintRequest} request
 * @returns {number}
 */
function totalChars(request) {
    let chars = 0;
    for (const file of request.files) {
        chars += file.text.length;
    }
    return chars;
}

/**
 * Starts a worker computing `parseStats` for `files`.
 * @param {WebAssembly.Module} wasmModule
 * @param {LintRequest["files"]} files
 * @returns {{ result: (timeoutMs: number) => LintStats | undefined, stop: () => void }}
 *   `result` blocks until the worker answers, ends it, and gives undefined when it failed;
 *   `stop` ends it without waiting
 */
function startValidation(wasmModule, files) {
    const worker = startBlockingWorker(new URL("./parallel-stats-worker.js", import.meta.url), { wasmModule, files });
    return {
        result: (timeoutMs) => /** @type {LintStats | undefined} */ (worker.reply(timeoutMs)?.value),
        stop: worker.stop,
    };
}
