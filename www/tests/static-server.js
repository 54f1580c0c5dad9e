/**
 * @file A tiny static file server for the built site (`dist/`), on
 * 127.0.0.1 and a random port: what any static host does, no more.
 */

import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, normalize, resolve, sep } from "node:path";

const TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".wasm": "application/wasm",
    ".svg": "image/svg+xml",
    ".json": "application/json",
    ".png": "image/png",
    ".ico": "image/x-icon",
};

/**
 * Serves a folder until `close` is called.
 * @param {string} folder path of the folder
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function serveStatic(folder) {
    const root = resolve(folder);
    const server = createServer(async (request, response) => {
        try {
            const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://127.0.0.1").pathname);
            let file = normalize(join(root, pathname));
            if (file !== root && !file.startsWith(root + sep)) {
                response.writeHead(403).end();
                return;
            }
            if ((await stat(file).catch(() => null))?.isDirectory()) {
                file = join(file, "index.html");
            }
            const info = await stat(file).catch(() => null);
            if (info === null || !info.isFile()) {
                response.writeHead(404, { "content-type": "text/plain" }).end("not found");
                return;
            }
            response.writeHead(200, {
                "content-type": TYPES[extname(file)] ?? "application/octet-stream",
                "content-length": info.size,
                "cache-control": "no-store",
            });
            createReadStream(file).pipe(response);
        } catch {
            response.writeHead(500).end();
        }
    });
    await new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(undefined)));
    const address = server.address();
    const port = typeof address === "object" && address !== null ? address.port : 0;
    return {
        url: `http://127.0.0.1:${port}/`,
        close: () =>
            new Promise((resolve) => {
                server.closeAllConnections();
                server.close(() => resolve());
            }),
    };
}
