#!/usr/bin/env node
/**
 * @file The `supalint` executable.
 */

import { run } from "./run.js";

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
