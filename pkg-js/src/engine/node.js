/**
 * @file Synchronous engine loader for Node: reads the `.wasm` next to the
 * wasm-bindgen glue and instantiates it with `initSync`, so importing the
 * package is enough to lint (no top-level await).
 */

/** @import { Engine } from "../api.js" */

import { readFileSync } from "node:fs";
import { initSync, lint, fix, rules, version } from "../../wasm/supalint.js";

initSync({ module: readFileSync(new URL("../../wasm/supalint_bg.wasm", import.meta.url)) });

/**
 * The WASM engine, ready to use.
 * @type {Engine}
 */
export const engine = { lint, fix, rules, version };
