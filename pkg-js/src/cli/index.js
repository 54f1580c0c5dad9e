#!/usr/bin/env node
/**
 * @file The `supalint` executable.
 */

import { run } from "./run.js";
import v8 from "node:v8";

// V8 moves a WebAssembly function to its optimising compiler once it has run
// about this many bytes of code. At the default (1.8 M) a short run sends much
// of the engine there, and that compiling took more CPU than linting one small
// file (0.45 s of CPU instead of 0.15 s). At 20 M it still cost a 50-file
// project 0.30 s of CPU instead of 0.17 s, and the corpus (1.5 MB) 0.94 s
// instead of 0.78 s; at 200 M only the hottest functions of a long run tier up
// (the 20 MB set: 8.3 → 8.8 s of CPU; without tier-up at all, 10 s).
// Set before the engine is compiled (run.js imports it lazily).
v8.setFlagsFromString("--wasm-tiering-budget=200000000");
v8.setFlagsFromString("--wasm-lazy-validation");

// A reader that stops early (`supalint --format sarif | head`) closes the pipe: the rest of the
// report has nowhere to go, which is no failure of the run, so it ends with its own exit code
// and no stack trace. Any other write error is still one.
for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (/** @type {NodeJS.ErrnoException} */ error) => {
        if (error.code !== "EPIPE") {
            throw error;
        }
    });
}

/**
 * Reads all of standard input.
 * @returns {Promise<Uint8Array>}
 */
async function readStdin() {
    const chunks = [];
    for await (const chunk of process.stdin) {
        chunks.push(chunk);
    }
    return Buffer.concat(chunks);
}

process.exitCode = await run(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    readStdin,
    cwd: process.cwd(),
    env: process.env,
});
