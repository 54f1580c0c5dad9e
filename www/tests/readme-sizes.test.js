/**
 * @file The sizes `README.md` states for the built site are the built
 * site's (within 10 %, as a few bytes move with every change): page JS,
 * worker, CSS and HTML, gzipped at zlib's default level as `vite build`
 * reports them. The WASM's size depends on whether `wasm-opt` ran, so it is
 * not checked here (BENCHMARKS.md tracks it).
 */

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { it } from "node:test";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const WWW_DIR = fileURLToPath(new URL("..", import.meta.url));
const DIST = path.join(WWW_DIR, "dist");

/**
 * The gzipped size in kB of the one built file whose name matches.
 * @param {RegExp} pattern
 * @returns {number}
 */
function builtKb(pattern) {
    const assets = readdirSync(path.join(DIST, "assets")).map((name) => path.join("assets", name));
    const matches = [...assets, "index.html"].filter((name) => pattern.test(name));
    assert.equal(matches.length, 1, `one built file matches ${pattern}: ${matches.join(", ")}`);
    return gzipSync(readFileSync(path.join(DIST, matches[0]))).length / 1000;
}

it("README states the built site's sizes", () => {
    const readme = readFileSync(path.join(WWW_DIR, "README.md"), "utf8");
    const line = /Built site, gzip as `vite build` reports it: JS ([\d.]+) kB \(page\) \+ ([\d.]+) kB \(worker[^)]*\) \+ CSS ([\d.]+) kB \+ HTML ([\d.]+) kB/u.exec(readme.replace(/\s+/gu, " "));
    assert.ok(line, "README.md has the sizes line");
    const [page, worker, css, html] = line.slice(1).map(Number);
    for (const [name, stated, built] of /** @type {[string, number, number][]} */ ([
        ["page JS", page, builtKb(/^assets\/index-.*\.js$/u)],
        ["worker", worker, builtKb(/^assets\/worker-.*\.js$/u)],
        ["CSS", css, builtKb(/^assets\/index-.*\.css$/u)],
        ["HTML", html, builtKb(/^index\.html$/u)],
    ])) {
        assert.ok(Math.abs(built - stated) <= stated * 0.1, `${name}: README says ${stated} kB, the build is ${built.toFixed(1)} kB`);
    }
});
