/**
 * @file `index.d.ts` declares every runtime export of both entries, and
 * nothing more, and every configuration key the engine reads.
 */

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { it } from "node:test";

const declared = [...readFileSync(new URL("../index.d.ts", import.meta.url), "utf8").matchAll(/^export (?:declare )?(?:function|const|let|class) (\w+)/gmu)]
    .map((match) => match[1])
    .sort();

it("declares exactly the Node entry's exports", async () => {
    const exported = Object.keys(await import("../src/index.js")).sort();
    assert.deepEqual(declared, exported);
});

it("declares exactly the browser entry's exports", async () => {
    const exported = Object.keys(await import("../src/browser.js")).sort();
    assert.deepEqual(declared, exported);
});

it("is what package.json points TypeScript at", () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
    assert.equal(pkg.types, "./index.d.ts");
    assert.equal(pkg.exports["."].types, "./index.d.ts");
    assert.ok(pkg.files.includes("index.d.ts"));
});

it("declares every configuration key the engine's configSchema lists", async () => {
    const { configSchema } = await import("../src/index.js");
    const text = readFileSync(new URL("../index.d.ts", import.meta.url), "utf8");
    const body = /^export interface SupalintConfig \{\n([\s\S]*?)^\}/mu.exec(text)?.[1] ?? "";
    const keys = [...body.matchAll(/^ {4}(\w+)\?:/gmu)].map((match) => match[1]).sort();
    const schemaKeys = configSchema()
        .filter((entry) => entry.group !== "ignored")
        .map((entry) => entry.key)
        .sort();
    assert.deepEqual(keys, schemaKeys);
});
