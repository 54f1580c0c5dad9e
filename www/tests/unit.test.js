/**
 * @file The playground's pure parts in Node: share links, configuration,
 * the line diff, the Markdown subset of the rule docs, and the examples
 * (each one linted by the same `supalint` package the site bundles).
 */

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { lintText } from "supalint";
import { defaultConfig, effectiveSeverity, normalizeConfig, parseList, toEngineConfig } from "../src/config.js";
import { changedSpan, diffLines, toHunks } from "../src/diff.js";
import { DEFAULT_EXAMPLE, EXAMPLES } from "../src/examples.js";
import { isSafeHref, parseInline, parseMarkdown } from "../src/markdown.js";
import { decodeShareHash, encodeShareHash, fromBase64Url, toBase64Url } from "../src/share.js";

describe("share links", () => {
    it("round-trips text, file name and configuration through the hash", async () => {
        const state = { text: "create table public.notes (id bigint);\n-- ünïcode ✓ 𝄞\n", fileName: "20240101000000_notes.sql", config: { extends: "all", rules: { "require-if-not-exists": "off" } } };
        const hash = await encodeShareHash(state);
        assert.match(hash, /^#share=[\w-]+$/u);
        assert.deepEqual(await decodeShareHash(hash), state);
    });

    it("compresses: a long migration gives a much shorter link", async () => {
        const text = "create table if not exists public.t (id bigint primary key);\n".repeat(200);
        const hash = await encodeShareHash({ text, fileName: "a.sql", config: {} });
        assert.ok(hash.length < text.length / 10, `${hash.length} characters for ${text.length}`);
    });

    it("ignores other hashes and rejects damaged links", async () => {
        assert.equal(await decodeShareHash(""), null);
        assert.equal(await decodeShareHash("#rule-foo"), null);
        await assert.rejects(decodeShareHash("#share=AAAA"));
        const hash = await encodeShareHash({ text: "select 1;", fileName: "a.sql", config: {} });
        await assert.rejects(decodeShareHash(hash.slice(0, -6)));
    });

    it("encodes base64url without padding", () => {
        const bytes = Uint8Array.from([251, 255, 0, 1]);
        assert.equal(toBase64Url(bytes), "-_8AAQ");
        assert.deepEqual(fromBase64Url("-_8AAQ"), bytes);
    });
});

describe("configuration", () => {
    it("sends only what the user set", () => {
        assert.deepEqual(toEngineConfig(defaultConfig()), { extends: "recommended" });
        const config = { ...defaultConfig(), rules: { b: "off", a: "warn" }, adminFunction: "private.is_admin", exposedSchemas: ["public", "api"], registeredBuckets: [] };
        assert.deepEqual(toEngineConfig(/** @type {any} */ (config)), {
            extends: "recommended",
            rules: { a: "warn", b: "off" },
            adminFunction: "private.is_admin",
            exposedSchemas: ["public", "api"],
            registeredBuckets: [],
        });
    });

    it("drops malformed values from a shared configuration", () => {
        assert.deepEqual(normalizeConfig({ extends: "most", rules: { a: "loud", b: "warn" }, exposedSchemas: "public", registeredBuckets: ["x"], bogus: 1 }), {
            extends: "recommended",
            rules: { b: "warn" },
            registeredBuckets: ["x"],
        });
        assert.deepEqual(normalizeConfig(null), defaultConfig());
    });

    it("reads lists typed with commas or spaces", () => {
        assert.deepEqual(parseList(" public, api  private,,"), ["public", "api", "private"]);
    });

    it("knows a rule's severity under each preset", () => {
        const rule = { id: "r", severity: /** @type {const} */ ("off") };
        assert.equal(effectiveSeverity(defaultConfig(), rule), "off");
        assert.equal(effectiveSeverity({ ...defaultConfig(), extends: "all" }, rule), "warn");
        assert.equal(effectiveSeverity({ ...defaultConfig(), extends: "none" }, { id: "r", severity: "error" }), "off");
        assert.equal(effectiveSeverity({ ...defaultConfig(), extends: "none", rules: { r: "error" } }, rule), "error");
    });
});

describe("line diff", () => {
    it("finds a changed line and numbers both sides", () => {
        const lines = diffLines(["a", "b", "c"], ["a", "B", "c", "d"]);
        assert.deepEqual(
            lines.map((line) => [line.kind, line.oldLine, line.newLine, line.text]),
            [
                ["same", 1, 1, "a"],
                ["del", 2, null, "b"],
                ["add", null, 2, "B"],
                ["same", 3, 3, "c"],
                ["add", null, 4, "d"],
            ],
        );
    });

    it("always rebuilds both texts from the script", () => {
        let seed = 7;
        const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
        for (let round = 0; round < 500; round++) {
            const make = () => Array.from({ length: Math.floor(random() * 10) }, () => "xyz"[Math.floor(random() * 3)]);
            const before = make();
            const after = make();
            const lines = diffLines(before, after);
            assert.deepEqual(lines.filter((line) => line.kind !== "add").map((line) => line.text), before);
            assert.deepEqual(lines.filter((line) => line.kind !== "del").map((line) => line.text), after);
        }
    });

    it("groups changes into hunks with three lines of context", () => {
        const before = Array.from({ length: 20 }, (_, index) => `line ${index + 1}`);
        const after = before.map((line, index) => (index === 1 || index === 15 ? `${line}!` : line));
        const hunks = toHunks(diffLines(before, after));
        assert.deepEqual(
            hunks.map(({ oldStart, oldLines, newStart, newLines }) => [oldStart, oldLines, newStart, newLines]),
            [
                [1, 5, 1, 5],
                [13, 7, 13, 7],
            ],
        );
    });

    it("finds the changed span inside a line", () => {
        assert.deepEqual(changedSpan("create table t", "create table if not exists t"), [13, 1]);
    });
});

describe("markdown subset", () => {
    it("splits the rule docs' blocks", () => {
        const blocks = parseMarkdown("## What it does\nFlags `x`\nand y.\n\n```sql,expect_diagnostic\ncreate table t ();\n```\n\n- one\n  more\n- two\n");
        assert.deepEqual(blocks, [
            { type: "heading", level: 2, text: "What it does" },
            { type: "paragraph", text: "Flags `x` and y." },
            { type: "code", lang: "sql", info: ["expect_diagnostic"], code: "create table t ();" },
            { type: "list", ordered: false, items: ["one more", "two"] },
        ]);
    });

    it("splits inline code, links and emphasis, leaving snake_case alone", () => {
        assert.deepEqual(parseInline("Use `IF NOT EXISTS`, see [docs](https://example.org/x), **now**, *here* and raw_user_meta_data."), [
            { type: "text", text: "Use " },
            { type: "code", text: "IF NOT EXISTS" },
            { type: "text", text: ", see " },
            { type: "link", text: "docs", href: "https://example.org/x" },
            { type: "text", text: ", " },
            { type: "strong", text: "now" },
            { type: "text", text: ", " },
            { type: "em", text: "here" },
            { type: "text", text: " and raw_user_meta_data." },
        ]);
    });

    it("links only to web pages and anchors", () => {
        assert.ok(isSafeHref("https://supabase.com/docs"));
        assert.ok(isSafeHref("#rule-x"));
        assert.ok(!isSafeHref("javascript:alert(1)"));
    });
});

describe("examples", () => {
    const lint = (/** @type {import("../src/examples.js").Example} */ example) =>
        lintText(example.text, { filePath: `supabase/migrations/${example.fileName}`, config: {} }).results[0].messages;

    it("have unique ids and file names", () => {
        assert.equal(new Set(EXAMPLES.map((example) => example.id)).size, EXAMPLES.length);
        assert.equal(new Set(EXAMPLES.map((example) => example.fileName)).size, EXAMPLES.length);
    });

    it("open the page with findings", () => {
        assert.ok(lint(DEFAULT_EXAMPLE).length > 0);
    });

    it("include one that passes every rule", () => {
        const clean = /** @type {import("../src/examples.js").Example} */ (EXAMPLES.find((example) => example.id === "clean"));
        assert.deepEqual(lint(clean), []);
    });
});
