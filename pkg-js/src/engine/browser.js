/**
 * @file Asynchronous engine loader for browsers (and any host with `fetch`):
 * the same `--target web` build as Node, instantiated with wasm-bindgen's
 * default `init`.
 */

/** @import { Engine } from "../api.js" */

import initWasm, { accessMatrix, configSchema, lexicalRanges, lint, fix, rules, version } from "../../wasm/supalint.js";

/** @type {Engine} */
const wasmEngine = { lint, fix, accessMatrix, rules, configSchema, lexicalRanges, version };

/** @type {Promise<Engine> | null} */
let loading = null;

/** @type {Engine | null} */
let loaded = null;

/**
 * Loads the WebAssembly module once. Later calls return the first call's
 * promise, whatever they pass.
 * @param {string | URL | Request | Response | BufferSource | WebAssembly.Module} [source]
 *   where to load `supalint_bg.wasm` from; default: next to the glue module
 * @returns {Promise<Engine>}
 */
export function loadEngine(source) {
    loading ??= initWasm(source === undefined ? undefined : { module_or_path: source }).then(() => {
        loaded = wasmEngine;
        return wasmEngine;
    });
    return loading;
}

/**
 * The engine if it has finished loading.
 * @returns {Engine | null}
 */
export function loadedEngine() {
    return loaded;
}
