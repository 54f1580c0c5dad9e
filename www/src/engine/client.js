/**
 * @file The page's side of the engine worker: promise-based requests, and a
 * lint scheduler that debounces edits and keeps at most one lint in flight
 * (edits made meanwhile are linted together as soon as it returns).
 */

/**
 * @typedef {object} LintAnswer
 * @property {import("supalint").LintMessage[]} messages
 * @property {{ files: number, statements: number, parsed: number, fallback: number } | null} stats
 * @property {{ key: string, message: string }[]} configErrors
 * @property {number} ms time spent in the engine, measured in the worker
 */

/**
 * @typedef {object} FixAnswer
 * @property {string} output
 * @property {boolean} fixed
 * @property {import("supalint").LintMessage[]} messages what remains after fixing
 * @property {string} [refused]
 * @property {{ key: string, message: string }[]} configErrors
 * @property {number} ms
 */

/**
 * @typedef {object} AccessAnswer
 * @property {import("supalint").AccessRelation[]} relations
 * @property {{ key: string, message: string }[]} configErrors
 * @property {number} ms
 */

/**
 * @typedef {object} EngineRequest
 * @property {string} text
 * @property {string} filePath
 * @property {object} config
 */

/**
 * A connection to the engine worker.
 */
export class EngineClient {
    constructor() {
        /** @type {Worker} */
        this.worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module", name: "supalint-engine" });
        this.nextId = 1;
        /** @type {Map<number, { resolve: (value: any) => void, reject: (error: Error) => void }>} */
        this.waiting = new Map();
        this.worker.addEventListener("message", (event) => {
            const { id, ok, error, ...rest } = event.data;
            const entry = this.waiting.get(id);
            this.waiting.delete(id);
            if (ok) {
                entry?.resolve(rest);
            } else {
                entry?.reject(new Error(error));
            }
        });
        this.worker.addEventListener("error", (event) => {
            const error = new Error(`The engine worker failed: ${event.message || "it could not start"}`);
            for (const entry of this.waiting.values()) {
                entry.reject(error);
            }
            this.waiting.clear();
        });
    }

    /**
     * @param {"meta" | "lint" | "fix" | "access"} type
     * @param {Partial<EngineRequest>} [payload]
     * @returns {Promise<any>}
     */
    request(type, payload = {}) {
        const id = this.nextId++;
        return new Promise((resolve, reject) => {
            this.waiting.set(id, { resolve, reject });
            this.worker.postMessage({ id, type, ...payload });
        });
    }

    /**
     * The engine version, the metadata of every rule and the configuration keys.
     * @returns {Promise<{ version: string, rules: import("supalint").RuleMeta[], configSchema: import("supalint").ConfigKey[] }>}
     */
    meta() {
        return this.request("meta");
    }

    /**
     * @param {EngineRequest} payload
     * @returns {Promise<LintAnswer>}
     */
    lint(payload) {
        return this.request("lint", payload);
    }

    /**
     * @param {EngineRequest} payload
     * @returns {Promise<FixAnswer>}
     */
    fix(payload) {
        return this.request("fix", payload);
    }

    /**
     * The access matrix of the text.
     * @param {EngineRequest} payload
     * @returns {Promise<AccessAnswer>}
     */
    access(payload) {
        return this.request("access", payload);
    }
}

/**
 * Debounced linting with one request in flight at a time.
 * @template T the snapshot a request was made from
 * @param {object} options
 * @param {EngineClient} options.client
 * @param {() => { payload: EngineRequest, snapshot: T }} options.read the current editor state
 * @param {(answer: LintAnswer, snapshot: T, roundTripMs: number) => void} options.onResult
 * @param {(error: Error) => void} options.onError
 * @param {number} [options.delay] debounce in milliseconds
 * @returns {{ schedule: () => void, now: () => void }}
 */
export function createLintScheduler({ client, read, onResult, onError, delay = 150 }) {
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    let timer;
    let inFlight = false;
    let dirty = false;

    function run() {
        clearTimeout(timer);
        timer = undefined;
        if (inFlight) {
            dirty = true;
            return;
        }
        inFlight = true;
        dirty = false;
        const { payload, snapshot } = read();
        const sent = performance.now();
        client
            .lint(payload)
            .then((answer) => onResult(answer, snapshot, performance.now() - sent), onError)
            .finally(() => {
                inFlight = false;
                if (dirty) {
                    run();
                }
            });
    }

    return {
        schedule() {
            clearTimeout(timer);
            timer = setTimeout(run, delay);
        },
        now: run,
    };
}
