/**
 * @file The plugin object and its package entry: rules generated from the
 * engine's metadata, the recommended configuration (loaded into real ESLint 9
 * and 10, as every configuration of the plugin is), `supalint/eslint` in
 * package.json, and `eslint.d.ts` declaring exactly the runtime exports and
 * the engine's project options.
 */

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { engine } from "../../src/engine/node.js";
import plugin, { SqlLanguage } from "../../src/eslint/index.js";
import { RULES_ESLINT_HANDLES, toEslintTemplate } from "../../src/eslint/rules.js";
import { ESLINT_MAJORS } from "./eslint-helpers.js";

const catalog = engine.rules();
const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));

describe("the plugin", () => {
    it("names itself and its version", () => {
        assert.deepEqual(plugin.meta, { name: "supalint", version: pkg.version, namespace: "supalint" });
        assert.ok(plugin.languages.sql instanceof SqlLanguage);
    });

    it("has one rule per engine rule, except those ESLint handles itself", () => {
        const expected = catalog.map((rule) => rule.id).filter((id) => !RULES_ESLINT_HANDLES.includes(id));
        assert.deepEqual(Object.keys(plugin.rules).sort(), expected.sort());
        assert.ok(expected.length > 0);
        for (const id of RULES_ESLINT_HANDLES) {
            assert.ok(catalog.some((rule) => rule.id === id), `${id} is an engine rule`);
        }
    });

    it("takes each rule's meta from the engine's metadata", () => {
        for (const rule of catalog.filter((entry) => entry.id in plugin.rules)) {
            const { meta } = plugin.rules[rule.id];
            assert.equal(meta.docs.description, rule.summary, rule.id);
            assert.equal(meta.docs.url, rule.docsUrl, rule.id);
            assert.equal(meta.docs.recommended, rule.severity !== "off", rule.id);
            assert.equal(meta.fixable, rule.fixable === "fix" ? "code" : undefined, rule.id);
            assert.equal(meta.hasSuggestions, rule.fixable ? true : undefined, rule.id);
            assert.deepEqual(meta.schema, [], rule.id);
            assert.deepEqual(Object.keys(meta.messages).sort(), Object.keys(rule.messages).sort(), rule.id);
        }
        assert.equal(plugin.rules["require-if-not-exists"].meta.fixable, "code");
        assert.equal(
            plugin.rules["require-if-not-exists"].meta.messages.missingIfNotExists,
            "{{kind}} `{{name}}` is created without `IF NOT EXISTS`, so a rerun fails.",
        );
    });

    it("writes engine placeholders as ESLint's", () => {
        assert.equal(toEslintTemplate("Rule `{name}` does not exist{hint}; {not a placeholder}"), "Rule `{{name}}` does not exist{{hint}}; {not a placeholder}");
    });

    it("recommends the engine's recommended severities for migrations folders", () => {
        const { recommended } = plugin.configs;
        assert.equal(recommended.name, "supalint/recommended");
        assert.deepEqual(recommended.files, ["**/supabase/migrations/**/*.sql"]);
        assert.equal(recommended.plugins.supalint, plugin);
        assert.equal(recommended.language, "supalint/sql");
        /** @type {Record<string, string>} */
        const expected = {};
        for (const rule of catalog) {
            if (rule.id in plugin.rules && rule.severity !== "off") {
                expected[`supalint/${rule.id}`] = rule.severity;
            }
        }
        assert.deepEqual(recommended.rules, expected);
        assert.equal(recommended.rules["supalint/require-if-not-exists"], "error");
    });
});

for (const eslint of ESLINT_MAJORS) {
    describe(`every configuration in ESLint ${eslint.major}`, () => {
        for (const [name, config] of Object.entries(plugin.configs)) {
            it(`${name} lints a migration`, async () => {
                const { ESLint } = await eslint.load();
                const cwd = path.join(tmpdir(), "supalint-no-such-project");
                const linter = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: [config] });
                const [result] = await linter.lintText("create table public.notes (id bigint primary key);\n", {
                    filePath: "apps/web/supabase/migrations/20240101120000_create_notes.sql",
                });
                assert.deepEqual(
                    result.messages.filter((message) => message.ruleId === "supalint/require-if-not-exists").map(({ line, column }) => [line, column]),
                    [[1, 14]],
                );
                const [skipped] = await linter.lintText("create table public.notes (id int);\n", { filePath: "db/other.sql", warnIgnored: true });
                assert.match(skipped.messages[0]?.message ?? "", /no matching configuration/u);
            });
        }
    });
}

describe("the supalint/eslint entry", () => {
    it("is exported by package.json, with its types, and eslint is an optional peer", () => {
        assert.deepEqual(pkg.exports["./eslint"], { types: "./eslint.d.ts", default: "./src/eslint/index.js" });
        assert.ok(pkg.files.includes("eslint.d.ts"));
        assert.ok(pkg.peerDependencies.eslint);
        assert.equal(pkg.peerDependenciesMeta.eslint.optional, true);
    });

    it("resolves by the package name to the same plugin", async () => {
        const entry = await import("supalint/eslint");
        assert.equal(entry.default, plugin);
    });

    it("eslint.d.ts declares exactly the runtime exports", async () => {
        const text = readFileSync(new URL("../../eslint.d.ts", import.meta.url), "utf8");
        const declared = [...text.matchAll(/^export (?:declare )?(?:function|const|let|class) (\w+)/gmu)].map((match) => match[1]);
        if (/^export default \w+;$/mu.test(text)) {
            declared.push("default");
        }
        const exported = Object.keys(await import("../../src/eslint/index.js"));
        assert.deepEqual(declared.sort(), exported.sort());
    });

    it("eslint.d.ts declares the project keys of the engine's configSchema as languageOptions", () => {
        const text = readFileSync(new URL("../../eslint.d.ts", import.meta.url), "utf8");
        const body = /^export interface SqlLanguageOptions \{\n([\s\S]*?)^\}/mu.exec(text)?.[1] ?? "";
        const declared = [...body.matchAll(/^ {4}(\w+)\?:/gmu)].map((match) => match[1]).sort();
        const projectKeys = engine
            .configSchema()
            .filter((entry) => entry.group === "project")
            .map((entry) => entry.key)
            .sort();
        assert.deepEqual(declared, projectKeys);
    });
});
