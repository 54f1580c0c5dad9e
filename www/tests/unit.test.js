/**
 * @file The playground's pure parts in Node: share links, configuration,
 * the line diff, the rule docs' Markdown as `marked` reads it, and the examples
 * (each one linted by the same `supalint` package the site bundles).
 */

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { configSchema, lintText, rules } from "supalint";
import { defaultConfig, effectiveSeverity, LIST_OPTION_KEYS, normalizeConfig, optionField, parseList, toEngineConfig } from "../src/config.js";
import { changedSpan, diffLines, toHunks } from "../src/diff.js";
import { DEFAULT_EXAMPLE, EXAMPLES } from "../src/examples.js";
import { Lexer } from "marked";
import { isSafeHref } from "../src/markdown.js";
import { DOC_EXAMPLE_FILE, migrationPath } from "../src/paths.js";
import { configForExample, tryTarget } from "../src/rule-examples.js";
import { decodeShareHash, encodeShareHash, fromBase64Url, MAX_SHARED_BYTES, ShareLinkTooLargeError, toBase64Url } from "../src/share.js";

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

    it("refuses a small link that unpacks to more than the cap, without unpacking it all", async () => {
        // 300 MB of one byte deflates to about 300 KB: the shape of a link made to crash the tab.
        const chunk = new Uint8Array(1024 * 1024).fill(0x20);
        const stream = new ReadableStream({
            pull(controller) {
                this.sent = (this.sent ?? 0) + 1;
                if (this.sent > 300) {
                    controller.close();
                } else {
                    controller.enqueue(chunk);
                }
            },
        }).pipeThrough(new CompressionStream("deflate-raw"));
        const packed = new Uint8Array(await new Response(stream).arrayBuffer());
        assert.ok(packed.length < 1_000_000, `${packed.length} bytes packed`);
        const before = process.memoryUsage().arrayBuffers;
        await assert.rejects(decodeShareHash(`#share=${toBase64Url(packed)}`), ShareLinkTooLargeError);
        assert.ok(process.memoryUsage().arrayBuffers - before < 4 * MAX_SHARED_BYTES, "stopped near the cap");
        // Text up to the cap still opens.
        const text = "select 1;\n".repeat(Math.floor(MAX_SHARED_BYTES / 20));
        assert.equal((await decodeShareHash(await encodeShareHash({ text, fileName: "a.sql", config: {} })))?.text, text);
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

    it("offers the engine's list options, described by the engine", () => {
        const schema = configSchema();
        const lists = schema.filter((option) => option.group === "project" && option.type === "stringList").map((option) => option.key);
        assert.deepEqual([...LIST_OPTION_KEYS].sort(), lists.sort());
        const revokeRoles = optionField(/** @type {import("supalint").ConfigKey} */ (schema.find((option) => option.key === "revokeRoles")));
        assert.deepEqual(revokeRoles, {
            key: "revokeRoles",
            label: "Revoke roles",
            placeholder: "authenticated, service_role (default)",
            help: "Roles whose default privileges a new table must `REVOKE ALL` from before granting back what the API needs.",
        });
        const words = optionField(/** @type {import("supalint").ConfigKey} */ (schema.find((option) => option.key === "versionSuffixWords")));
        assert.match(words.placeholder, /^new, old, \w+, \w+, … \(default\)$/u);
    });

    it("reads lists typed with commas or spaces", () => {
        assert.deepEqual(parseList(" public, api  private,,"), ["public", "api", "private"]);
    });

    it("takes a rule's severity under each preset from the engine, unless the user set one", () => {
        const offByDefault = /** @type {import("supalint").RuleMeta} */ (rules().find((rule) => rule.severity === "off"));
        assert.equal(effectiveSeverity(defaultConfig(), offByDefault), "off");
        assert.equal(effectiveSeverity({ ...defaultConfig(), extends: "all" }, offByDefault), "warn");
        assert.equal(effectiveSeverity({ ...defaultConfig(), extends: "none" }, offByDefault), "off");
        assert.equal(effectiveSeverity({ ...defaultConfig(), extends: "none", rules: { [offByDefault.id]: "error" } }, offByDefault), "error");
    });

    it("gives each rule the severity the engine lints with under each preset", () => {
        const all = rules();
        const text = "create table public.t (id bigint);\n";
        for (const preset of /** @type {const} */ (["recommended", "all", "none"])) {
            const config = { ...defaultConfig(), extends: preset };
            const reported = lintText(text, { config: toEngineConfig(config) }).results[0].messages;
            for (const message of reported) {
                const rule = /** @type {import("supalint").RuleMeta} */ (all.find((entry) => entry.id === message.ruleId));
                assert.equal(effectiveSeverity(config, rule), message.severity === 2 ? "error" : "warn", `${preset}: ${rule.id}`);
            }
            const silent = all.filter((rule) => effectiveSeverity(config, rule) === "off").map((rule) => rule.id);
            assert.deepEqual(reported.filter((message) => silent.includes(/** @type {string} */ (message.ruleId))), [], preset);
        }
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

describe("rule docs' Markdown", () => {
    it("links only to web pages and anchors", () => {
        assert.ok(isSafeHref("https://supabase.com/docs"));
        assert.ok(isSafeHref("#rule-x"));
        assert.ok(!isSafeHref("javascript:alert(1)"));
    });
});

/**
 * Lints text the way the page's worker does: the file name field's path, the
 * configuration's engine object, and the clock as `now`.
 * @param {string} text
 * @param {string} fileName
 * @param {import("../src/config.js").PlaygroundConfig} [config]
 */
function lintLikeThePage(text, fileName, config = defaultConfig()) {
    const report = lintText(text, { filePath: migrationPath(fileName), config: toEngineConfig(config), now: new Date() });
    assert.deepEqual(report.results[0].configErrors ?? [], []);
    return report.results[0].messages;
}

describe("examples", () => {
    const lint = (/** @type {import("../src/examples.js").Example} */ example) => lintLikeThePage(example.text, example.fileName);
    const byId = (/** @type {string} */ id) => /** @type {import("../src/examples.js").Example} */ (EXAMPLES.find((example) => example.id === id));
    const metas = rules();

    it("have unique ids and file names", () => {
        assert.equal(new Set(EXAMPLES.map((example) => example.id)).size, EXAMPLES.length);
        assert.equal(new Set(EXAMPLES.map((example) => example.fileName)).size, EXAMPLES.length);
    });

    it("open the page with findings", () => {
        assert.ok(lint(DEFAULT_EXAMPLE).length > 0);
    });

    it("include one that passes every rule", () => {
        const clean = byId("clean");
        assert.deepEqual(clean.rules, []);
        assert.deepEqual(lint(clean), []);
        assert.deepEqual(lintLikeThePage(clean.text, clean.fileName, { ...defaultConfig(), extends: "all" }), [], "off-by-default rules included");
    });

    for (const example of EXAMPLES.filter((entry) => entry.id !== "clean")) {
        it(`"${example.title}" shows a finding of every rule it promises, and nothing unrelated`, () => {
            assert.ok(example.rules.length > 0, "a mistake example promises at least one rule");
            const messages = lint(example);
            const found = new Set(messages.map((message) => message.ruleId));
            const missing = example.rules.filter((id) => !found.has(id));
            assert.deepEqual(missing, [], `promised, but not found: ${missing.join(", ")}`);
            const unrelated = messages.filter((message) => !example.rules.includes(/** @type {string} */ (message.ruleId)));
            assert.deepEqual(
                unrelated.map((message) => `${message.ruleId}@${message.line}:${message.column}`),
                [],
                "findings of rules the example does not promise",
            );
        });
    }

    it("promise rules that exist, of the category their id names", () => {
        for (const example of EXAMPLES) {
            for (const id of example.rules) {
                const rule = metas.find((meta) => meta.id === id);
                assert.ok(rule !== undefined, `${example.id}: no rule ${id}`);
                if (metas.some((meta) => meta.category === example.id)) {
                    assert.equal(rule.category, example.id, `${example.id} promises ${id}`);
                }
            }
        }
    });

    it("cover storage buckets, RLS and access, and unsafe schema changes", () => {
        const covers = (/** @type {string} */ id, /** @type {string[]} */ expected) =>
            assert.deepEqual(
                expected.filter((rule) => !byId(id).rules.includes(rule)),
                [],
                `the ${id} example shows ${expected.join(", ")}`,
            );
        covers("storage", ["storage-bucket-private", "storage-bucket-limits", "storage-policy-bucket-scope"]);
        covers("access", ["rls-enabled", "auth-function-initplan", "policy-roles", "security-definer-search-path"]);
        covers("safety", ["prefer-timestamptz", "ban-drop-column"]);
    });
});

describe("rule-doc examples", () => {
    const metas = rules();

    it("are the docs' `sql` blocks as `marked` reads them, in order, so the page shows each beside its block", () => {
        for (const rule of metas) {
            /** @type {string[]} */
            const blocks = [];
            Lexer.lex(rule.docs).forEach(function collect(/** @type {any} */ token) {
                if (token.type === "code" && token.lang?.startsWith("sql")) {
                    blocks.push(`${token.text}\n`);
                }
                (token.items ?? token.tokens ?? []).forEach(collect);
            });
            assert.deepEqual(blocks, rule.examples.map((example) => example.code), rule.id);
        }
    });

    it("open only when they are one file without --since", () => {
        const one = (/** @type {Partial<import("../src/rule-examples.js").DocExample>} */ fields) => ({ valid: true, code: "select 1;\n", files: [{ text: "select 1;\n" }], ...fields });
        const single = one({ valid: false, file: "add_notes.sql", registeredBuckets: ["avatars", "invoices"], files: [{ name: "add_notes.sql", text: "select 1;\n" }] });
        assert.deepEqual(tryTarget(single), { openable: true, text: "select 1;\n", fileName: "add_notes.sql", registeredBuckets: ["avatars", "invoices"] });
        assert.deepEqual(tryTarget(one({})), { openable: true, text: "select 1;\n", fileName: DOC_EXAMPLE_FILE });
        const multi = one({ files: [{ name: "20240301090000_a.sql", text: "select 1;\n" }, { name: "20240201090000_b.sql", text: "select 2;\n" }] });
        assert.equal(tryTarget(multi).openable, false);
        assert.equal(tryTarget(one({ since: ["20240301090000"] })).openable, false);
        const engineMulti = metas.flatMap((rule) => rule.examples).find((example) => example.files.length > 1);
        assert.ok(engineMulti !== undefined && tryTarget(engineMulti).openable === false, "the engine gives a multi-file example's files");
        const edited = one({ valid: false, files: [{ name: "20240101000000_a.sql", text: "select 2;\n" }], baseFiles: [{ name: "20240101000000_a.sql", text: "select 1;\n" }] });
        assert.equal(tryTarget(edited).openable, false);
        const engineEdited = metas.flatMap((rule) => rule.examples).find((example) => example.baseFiles !== undefined);
        assert.ok(engineEdited !== undefined && tryTarget(engineEdited).openable === false, "the engine gives an example's `-- base:` sections");
    });

    it("register the example's buckets and turn its rule on, and say so", () => {
        const target = /** @type {any} */ (tryTarget({ valid: true, code: "select 1;\n", registeredBuckets: ["avatars"], files: [{ text: "select 1;\n" }] }));
        const rule = { id: "require-lock-timeout", presets: /** @type {const} */ ({ recommended: "off", all: "warn", none: "off" }) };
        const { config, changes } = configForExample(defaultConfig(), target, rule);
        assert.deepEqual(config, { ...defaultConfig(), rules: { "require-lock-timeout": "warn" }, registeredBuckets: ["avatars"] });
        assert.equal(changes.length, 2);
        const unchanged = { ...defaultConfig(), registeredBuckets: ["avatars"] };
        assert.equal(configForExample(unchanged, target, { id: "r", presets: { recommended: "warn", all: "warn", none: "off" } }).config, unchanged);
    });

    it("show in the editor what the docs say: a finding for each flagged one, none for each passing one", () => {
        const wrong = [];
        let opened = 0;
        for (const rule of metas) {
            for (const example of rule.examples) {
                const target = tryTarget(example);
                if (!target.openable) {
                    assert.ok(example.files.length > 1 || example.since !== undefined || example.baseFiles !== undefined, `${rule.id}: a one-file example opens`);
                    continue;
                }
                const { config } = configForExample(defaultConfig(), target, rule);
                const findings = lintLikeThePage(target.text, target.fileName, config).filter((message) => message.ruleId === rule.id);
                if ((findings.length > 0) === example.valid) {
                    wrong.push(`${rule.id} (${example.valid ? "passing" : "flagged"} example, ${findings.length} findings, as ${target.fileName}):\n${example.code}`);
                }
                opened++;
            }
        }
        assert.deepEqual(wrong, []);
        assert.ok(opened >= metas.length * 2 - 4, `${opened} examples open in the editor`);
    });
});
