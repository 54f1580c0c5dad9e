/**
 * @file Validation on a worker thread (engine/parallel-stats.js) changes
 * nothing in a report: over the shared corpus, with the worker forced on
 * (`minChars: 0`), results and statistics equal the engine's own; a worker
 * that fails or is too slow, and a lint that traps, still give the same
 * report; and the browser entry never loads worker_threads.
 */

import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { lintSources } from "../src/api.js";
import { engine } from "../src/engine/node.js";
import { withParallelStats } from "../src/engine/parallel-stats.js";
import { sourceFromBytes } from "../src/files/read-source.js";
import { BROKEN_SQL, CLEAN_SQL, REPO_DIR } from "./helpers.js";

const CORPUS = path.resolve(REPO_DIR, "../shared/corpus");
const OPTIONS = { config: { extends: /** @type {const} */ ("all"), registeredBuckets: [] }, now: "2026-01-01T00:00:00Z" };

/**
 * Folders that directly hold `.sql` files, as tests/corpus.test.js reads them.
 * @param {string} dir
 * @returns {string[]}
 */
function migrationFolders(dir) {
    const entries = readdirSync(dir, { withFileTypes: true });
    const here = entries.some((entry) => entry.isFile() && entry.name.endsWith(".sql")) ? [dir] : [];
    const below = entries.filter((entry) => entry.isDirectory()).flatMap((entry) => migrationFolders(path.join(dir, entry.name)));
    return [...here, ...below];
}

/**
 * @param {string} folder
 * @returns {import("../src/api.js").Source[]}
 */
function folderSources(folder) {
    const names = readdirSync(folder).filter((name) => name.endsWith(".sql")).sort();
    return names.map((name) => sourceFromBytes(readFileSync(path.join(folder, name)), `supabase/migrations/${name}`));
}

/**
 * The engine, counting the calls of `parseStats` on this thread (the fallback).
 * @param {Partial<typeof engine>} [overrides]
 */
function countingEngine(overrides = {}) {
    const counting = {
        ...engine,
        ...overrides,
        mainThreadValidations: 0,
        parseStats(/** @type {any} */ request) {
            counting.mainThreadValidations += 1;
            return engine.parseStats(request);
        },
    };
    return counting;
}

const SOURCES = [
    { path: "supabase/migrations/20240101120000_create_notes.sql", text: CLEAN_SQL },
    { path: "supabase/migrations/20240102120000_create_tags.sql", text: BROKEN_SQL },
];

describe("validation on a worker thread", () => {
    it("gives the engine's report on every corpus project", { skip: existsSync(CORPUS) ? false : `no corpus at ${CORPUS}` }, () => {
        const parallel = countingEngine();
        const folders = migrationFolders(CORPUS);
        for (const folder of folders) {
            const sources = folderSources(folder);
            const expected = lintSources(engine, sources, OPTIONS);
            const actual = lintSources(withParallelStats(parallel, { minChars: 0 }), sources, OPTIONS);
            assert.deepEqual(actual, expected, path.relative(CORPUS, folder));
            assert.equal(typeof actual.stats?.parsed, "number");
        }
        assert.ok(folders.length > 0);
        assert.equal(parallel.mainThreadValidations, 0, "every worker answered");
    });

    it("validates on this thread when the worker fails", () => {
        const empty = new WebAssembly.Module(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
        const broken = countingEngine({ wasmModule: empty });
        const actual = lintSources(withParallelStats(broken, { minChars: 0 }), SOURCES, OPTIONS);
        assert.deepEqual(actual, lintSources(engine, SOURCES, OPTIONS));
        assert.equal(broken.mainThreadValidations, 1);
    });

    it("gives the same report when the worker does not answer in time", () => {
        const actual = lintSources(withParallelStats(engine, { minChars: 0, timeoutMs: 0 }), SOURCES, OPTIONS);
        assert.deepEqual(actual, lintSources(engine, SOURCES, OPTIONS));
    });

    it("gives the same report when the lint traps and is retried", () => {
        let traps = 1;
        const trapping = {
            ...engine,
            lint(/** @type {any} */ request) {
                if (traps > 0) {
                    traps -= 1;
                    throw new WebAssembly.RuntimeError("unreachable");
                }
                return engine.lint(request);
            },
            recreate: () => true,
        };
        const actual = lintSources(withParallelStats(trapping, { minChars: 0 }), SOURCES, OPTIONS);
        assert.deepEqual(actual, lintSources(engine, SOURCES, OPTIONS));
    });

    it("is left out below the threshold and for engines without parseStats", () => {
        const withoutParseStats = { ...engine, parseStats: undefined };
        assert.equal(withParallelStats(withoutParseStats), withoutParseStats);
        /** @type {(boolean | undefined)[]} */
        const validateFlags = [];
        const recording = {
            ...engine,
            lint(/** @type {any} */ request) {
                validateFlags.push(request.validate);
                return engine.lint(request);
            },
        };
        lintSources(withParallelStats(recording), SOURCES, OPTIONS);
        lintSources(withParallelStats(recording, { minChars: 0 }), SOURCES, OPTIONS);
        assert.deepEqual(validateFlags, [undefined, false]);
    });

    it("is never loaded by the browser entry", () => {
        /** @type {Set<string>} */
        const seen = new Set();
        /** @type {string[]} */
        const specifiers = [];
        const visit = (/** @type {string} */ file) => {
            if (seen.has(file)) {
                return;
            }
            seen.add(file);
            const text = readFileSync(file, "utf8");
            for (const match of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']/gu)) {
                specifiers.push(match[1]);
                if (match[1].startsWith(".") && match[1].endsWith(".js")) {
                    visit(path.resolve(path.dirname(file), match[1]));
                }
            }
        };
        visit(new URL("../src/browser.js", import.meta.url).pathname);
        assert.ok(seen.size > 3, "the walk follows relative imports");
        assert.ok(!specifiers.some((specifier) => /worker_threads/u.test(specifier)), "browser.js reaches worker_threads");
        assert.ok(![...seen].some((file) => file.endsWith("parallel-stats.js")));
    });
});
