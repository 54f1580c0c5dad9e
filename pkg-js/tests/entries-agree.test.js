/**
 * @file The Node and the browser entry are one API (`create-api.js`): the
 * same exports, and on the same in-memory input the same answers and the
 * same errors. Only `filePath` differs by design: Node shows absolute paths
 * under the project root, the browser shows paths as given.
 */

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import * as browser from "../src/browser.js";
import * as node from "../src/index.js";
import { BROKEN_SQL, CLEAN_SQL, GOOD_NAME, makeProject } from "./helpers.js";

const loading = browser.init(readFileSync(new URL("../wasm/supalint_bg.wasm", import.meta.url)));

const MIGRATION = `supabase/migrations/${GOOD_NAME}`;
const NOW = "2026-01-01T00:00:00Z";
const SOURCES = [
    { path: MIGRATION, text: BROKEN_SQL },
    { path: "supabase/migrations/20240102000000_Bad Name.sql", text: CLEAN_SQL },
];

/**
 * The same report with each `filePath` relative to `root`, as the browser shows it.
 * @param {import("../src/api.js").LintReport} report
 * @param {string} root
 */
function relativeTo(report, root) {
    return { ...report, results: report.results.map((result) => ({ ...result, filePath: path.relative(root, result.filePath) })) };
}

/**
 * What calling `run` gives: its value, or the class and message of what it threw.
 * @param {() => unknown} run
 */
function outcome(run) {
    try {
        return { value: run() };
    } catch (error) {
        return { thrown: error.constructor.name, message: error.message };
    }
}

describe("the Node and the browser entry", () => {
    it("export the same names, functions where one is a function", async () => {
        await loading;
        assert.deepEqual(Object.keys(browser).sort(), Object.keys(node).sort());
        for (const name of Object.keys(node)) {
            assert.equal(typeof browser[name], typeof node[name], name);
        }
        assert.equal(browser.version, node.version);
        assert.deepEqual(browser.rules(), node.rules());
    });

    it("lint, fix and give the access matrix of the same input alike", async (t) => {
        await loading;
        // An empty project folder, so that Node finds no configuration file either.
        const cwd = makeProject(t, {});
        const options = { cwd, config: {}, now: NOW };
        for (const fix of [false, true]) {
            assert.deepEqual(browser.lintText(BROKEN_SQL, { ...options, fix }), node.lintText(BROKEN_SQL, { ...options, fix }));
            assert.deepEqual(
                browser.lintText(BROKEN_SQL, { ...options, fix, filePath: MIGRATION, history: SOURCES.slice(1) }),
                relativeTo(node.lintText(BROKEN_SQL, { ...options, fix, filePath: MIGRATION, history: SOURCES.slice(1) }), cwd),
            );
            assert.deepEqual(browser.lintFiles(SOURCES, { ...options, fix }), relativeTo(node.lintFiles(SOURCES, { ...options, fix }), cwd));
        }
        assert.deepEqual(browser.fixText(BROKEN_SQL, options), node.fixText(BROKEN_SQL, options));
        assert.deepEqual(browser.fixText(CLEAN_SQL, options), node.fixText(CLEAN_SQL, options));
        assert.deepEqual(browser.accessMatrix(SOURCES, options), node.accessMatrix(SOURCES, options));
        const resolved = node.loadConfig({ migrationsDir: "db/migrations" });
        assert.equal(browser.loadConfig({ migrationsDir: "db/migrations" }).config.migrationsDir, resolved.config.migrationsDir);
    });

    it("throw the same errors for the same bad input", async (t) => {
        await loading;
        const cwd = makeProject(t, {});
        const badInputs = [
            (/** @type {any} */ api) => api.lintText(42),
            (/** @type {any} */ api) => api.fixText("select 1;", { fix: "yes" }),
            (/** @type {any} */ api) => api.lintText("select 1;", { cwd, config: { storageBucketsFile: 42 } }),
            (/** @type {any} */ api) => api.lintText("select 1;", { cwd, history: [{ path: 1, text: "" }] }),
            (/** @type {any} */ api) => api.accessMatrix([], { cwd, config: { rules: { "no-such-rule": "error" } } }),
            (/** @type {any} */ api) => api.loadConfig(7),
        ];
        for (const run of badInputs) {
            const fromBrowser = outcome(() => run(browser));
            assert.ok(fromBrowser.thrown !== undefined, String(run));
            assert.deepEqual(fromBrowser, outcome(() => run(node)), String(run));
        }
    });
});
