#!/usr/bin/env node
/**
 * @file The `supalint` executable.
 */

import { run } from "./run.js";
import v8 from "node:v8";

// V8 moves a WebAssembly function to its optimising compiler once it has run
// about this many bytes of code. At the default (1.8 M) a short run sends much
// of the engine there, and that compiling took more CPU than linting one small
// file (0.45 s of CPU instead of 0.15 s); long runs still tier up within their
// first second. Set before the engine is compiled (run.js imports it lazily).
v8.setFlagsFromString("--wasm-tiering-budget=20000000");
v8.setFlagsFromString("--wasm-lazy-validation");

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
