/**
 * @file Vite configuration of the playground: a static site with relative
 * asset paths (it works from any folder of any static host), the engine in a
 * module Web Worker, and the `.wasm` shipped as a separate file.
 */

import { defineConfig } from "vite";

export default defineConfig({
    base: "./",
    worker: { format: "es" },
    build: {
        target: "es2022",
        // The engine's `.wasm` must stay a file that the worker fetches.
        assetsInlineLimit: 0,
        reportCompressedSize: true,
    },
    preview: { host: "127.0.0.1" },
    server: { host: "127.0.0.1" },
});
