/**
 * @file The engine's Web Worker: loads the `supalint` package (its browser
 * entry, so the `.wasm` comes from this site) and answers lint, fix and
 * access-matrix requests, so that linting never blocks typing.
 *
 * Messages in: `{ id, type: "meta" }`, `{ id, type: "lint" | "fix" | "access", text, filePath, config }`.
 * Messages out: `{ id, ok: true, ...answer }` or `{ id, ok: false, error }`.
 */

import { accessMatrix, configSchema, fixText, lintText, ready, rules, SupalintError, version } from "supalint";

/**
 * @param {{ id: number, type: string, text?: string, filePath?: string, config?: object }} request
 * @returns {object}
 */
function answer(request) {
    if (request.type === "meta") {
        return { version, rules: rules(), configSchema: configSchema() };
    }
    // The engine's WebAssembly has no clock of its own: without `now`, the
    // time-based rules (`no-future-timestamp`) would stay silent.
    const options = { filePath: request.filePath, config: request.config, now: new Date() };
    const started = performance.now();
    try {
        if (request.type === "access") {
            const { relations } = accessMatrix([{ path: request.filePath ?? "<text>", text: request.text ?? "" }], { config: request.config });
            return { relations, configErrors: [], ms: performance.now() - started };
        }
        if (request.type === "fix") {
            const fixed = fixText(request.text ?? "", options);
            return { ...fixed, configErrors: [], ms: performance.now() - started };
        }
        const report = lintText(request.text ?? "", options);
        const ms = performance.now() - started;
        return { messages: report.results[0]?.messages ?? [], stats: report.stats, configErrors: [], ms };
    } catch (error) {
        if (error instanceof SupalintError && error.kind === "config") {
            // A bad configuration is an answer to show, not a failure of the worker.
            const unchanged =
                request.type === "fix" ? { output: request.text ?? "", fixed: false } : request.type === "access" ? { relations: [] } : { stats: null };
            return { ...unchanged, messages: [], configErrors: error.problems, ms: performance.now() - started };
        }
        throw error;
    }
}

self.addEventListener("message", async (event) => {
    const request = event.data;
    try {
        await ready;
        self.postMessage({ id: request.id, ok: true, ...answer(request) });
    } catch (error) {
        self.postMessage({ id: request.id, ok: false, error: String(error?.message ?? error) });
    }
});
