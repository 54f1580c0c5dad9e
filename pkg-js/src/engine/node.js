/**
 * @file Synchronous engine loader for Node: reads the `.wasm` next to the
 * wasm-bindgen glue and instantiates it with `initSync`, so importing the
 * package is enough to lint (no top-level await).
 *
 * A trapped instance (an engine panic) is unusable, and the glue keeps one
 * instance per module, so spare copies of the glue are imported (a query
 * string makes each a module of its own): `engine.recreate()` instantiates
 * the next one from the already compiled module (engine/isolate-traps.js).
 */

/** @import { Engine } from "../api.js" */

import { readFileSync } from "node:fs";
import * as glue from "../../wasm/supalint.js";
import * as spare1 from "../../wasm/supalint.js?instance=1";
import * as spare2 from "../../wasm/supalint.js?instance=2";
import * as spare3 from "../../wasm/supalint.js?instance=3";

const wasmModule = new WebAssembly.Module(readFileSync(new URL("../../wasm/supalint_bg.wasm", import.meta.url)));
const instances = [glue, spare1, spare2, spare3];
let current = 0;
glue.initSync({ module: wasmModule });

/**
 * @param {"lint" | "fix" | "accessMatrix" | "catalog"} method
 * @param {import("../api.js").LintRequest} request
 */
function call(method, request) {
    return instances[current][method](request);
}

/**
 * The WASM engine, ready to use; `recreate()` replaces a trapped instance
 * with a fresh one and says whether one was left.
 * @type {Engine & { recreate: () => boolean }}
 */
export const engine = {
    lint: (request) => call("lint", request),
    fix: (request) => call("fix", request),
    accessMatrix: (request) => call("accessMatrix", request),
    catalog: (request) => call("catalog", request),
    rules: () => instances[current].rules(),
    configSchema: () => instances[current].configSchema(),
    lexicalRanges: (text) => instances[current].lexicalRanges(text),
    version: () => instances[current].version(),
    recreate() {
        if (current + 1 >= instances.length) {
            return false;
        }
        current += 1;
        instances[current].initSync({ module: wasmModule });
        return true;
    },
};
