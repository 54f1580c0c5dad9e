/**
 * @file The benchmark's migration sets, built from the shared corpus (shared by
 * bench/run.js and bench/dump-diagnostics.js so both lint the same files).
 */

import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Every `*.sql` file under a folder, sorted by path.
 * @param {string} dir
 * @returns {string[]}
 */
export function sqlFiles(dir) {
    const found = [];
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) found.push(...sqlFiles(full));
        else if (entry.name.endsWith(".sql")) found.push(full);
    }
    return found.sort();
}

/**
 * Copies the corpus into one migrations folder, again and again until it
 * holds `minBytes` (once when `minBytes` is 0): one long-lived project. Each
 * copy keeps the files' text and order; names get fresh, increasing 14-digit
 * versions (one second apart from 2000-01-01) so that the copies follow each
 * other in the history. With `limit`, only the first `limit` files of `source`.
 * @param {string} source
 * @param {string} target
 * @param {number} minBytes
 * @param {number} [limit]
 */
export function repeatCorpus(source, target, minBytes, limit = Infinity) {
    mkdirSync(target, { recursive: true });
    const files = sqlFiles(source).slice(0, limit).map((file) => ({ file, text: readFileSync(file) }));
    const once = files.reduce((sum, f) => sum + f.text.length, 0);
    const copies = Math.max(1, Math.ceil(minBytes / once));
    let serial = 0;
    for (let copy = 0; copy < copies; copy += 1) {
        for (const { file, text } of files) {
            const version = new Date(Date.UTC(2000, 0, 1) + serial * 1000).toISOString().replace(/\D/g, "").slice(0, 14);
            const name = path.basename(file, ".sql").toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "");
            writeFileSync(path.join(target, `${version}_${name}.sql`), text);
            serial += 1;
        }
    }
    return { files: serial, bytes: once * copies, copies, sourceFiles: files.length, sourceBytes: once };
}
