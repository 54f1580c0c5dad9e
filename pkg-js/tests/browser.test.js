/**
 * @file The browser entry, driven from Node: `init` with the `.wasm` bytes
 * (Node's fetch cannot read `file:` URLs), then the same API as Node.
 */

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { accessMatrix, fixText, init, lintFiles, lintText, loadConfig, ready, rules, SupalintError, version } from "../src/browser.js";
import { BROKEN_SQL, GOOD_NAME } from "./helpers.js";

// Before the engine has loaded, the API says so instead of misbehaving.
let earlyError = null;
try {
    rules();
} catch (error) {
    earlyError = error;
}
// Called in the importing module's first turn, so it wins over `ready`'s default load.
const loading = init(readFileSync(new URL("../wasm/supalint_bg.wasm", import.meta.url)));

const MIGRATION = `supabase/migrations/${GOOD_NAME}`;

describe("browser entry", () => {
    it("asks for `await ready` before the engine has loaded", () => {
        assert.match(String(earlyError), /await ready/u);
    });

    it("loads through init() and settles ready", async () => {
        await loading;
        await ready;
        assert.match(version, /^\d+\.\d+\.\d+/u);
        assert.ok(rules().length > 0);
    });

    it("lints and fixes in-memory sources with paths as given", async () => {
        await ready;
        const { results } = lintText(BROKEN_SQL, { filePath: MIGRATION, config: {} });
        assert.equal(results[0].filePath, MIGRATION);
        assert.equal(results[0].messages.filter((m) => m.ruleId === "require-if-not-exists").length, 1);
        assert.match(fixText(BROKEN_SQL, { filePath: MIGRATION }).output, /if not exists/iu);
        const many = lintFiles([{ path: MIGRATION, text: BROKEN_SQL }]);
        assert.equal(many.results.length, 1);
    });

    it("gives the access matrix of in-memory sources", async () => {
        await ready;
        const text = "create table public.notes (id bigint primary key);\nalter table public.notes enable row level security;\n";
        const { relations } = accessMatrix([{ path: MIGRATION, text }]);
        assert.deepEqual(
            relations.map((relation) => [relation.name, relation.rls, relation.access.anon.select.rows]),
            [["public.notes", true, "none"]],
        );
        assert.throws(() => accessMatrix([], { config: { rules: { "no-such-rule": "error" } } }), (error) => error instanceof SupalintError && error.kind === "config");
    });

    it("resolves configuration objects only, checking the keys JavaScript reads", async () => {
        await ready;
        assert.equal(loadConfig({ migrationsDir: "db/migrations" }).migrationsPath, "db/migrations");
        assert.throws(() => loadConfig("supalint.config.json"), TypeError);
        assert.throws(() => lintText("select 1;", { config: { storageBucketsFile: 42 } }), (error) => error instanceof SupalintError && error.kind === "config");
    });

    it("names the argument of the wrong type", async () => {
        await ready;
        assert.throws(() => lintFiles(/** @type {any} */ ("supabase/migrations")), {
            name: "TypeError",
            message: 'supalint.lintFiles: `sources` must be an array of { path, text } sources, not the string "supabase/migrations".',
        });
        assert.throws(() => lintText(/** @type {any} */ (undefined)), { name: "TypeError", message: "supalint.lintText: `text` must be a string, not undefined." });
    });
});
