/**
 * @file Worker side of `parallel-stats.js`: instantiates the compiled engine
 * it is given and answers with `parseStats` for the files.
 */

import { answerWith } from "../workers/blocking-worker-side.js";

await answerWith(async ({ wasmModule, files }) => {
    const glue = await import("../../wasm/supalint.js");
    glue.initSync({ module: wasmModule });
    return glue.parseStats({ files });
});
