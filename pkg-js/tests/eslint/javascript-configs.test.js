/**
 * @file The plugin beside configurations written for JavaScript: the
 * README's `eslint.config.js`, which puts `@eslint/js`'s recommended rules
 * next to the plugin without `files`, runs in real ESLint 9 and 10 on a
 * workspace of migrations and one JavaScript file. The core rules start on
 * the SQL files without a crash and report nothing there; the SQL files get
 * exactly the findings they get without `@eslint/js`.
 */

import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { SqlLanguage } from "../../src/eslint/sql-language.js";
import { copyWorkspace, ESLINT_MAJORS, readmeEslintConfig, WEB_MIGRATIONS } from "./eslint-helpers.js";

const README_CONFIG = readmeEslintConfig();

const JS_CONFIG_LINE = "  js.configs.recommended,\n";

/**
 * Lints the workspace with an `eslint.config.js`, the messages by path relative to it.
 * @param {import("./eslint-helpers.js").EslintMajor} eslint
 * @param {string} dir
 * @param {string} config the text of `eslint.config.js`
 * @returns {Promise<Map<string, import("eslint").Linter.LintMessage[]>>}
 */
async function lintWorkspace(eslint, dir, config) {
    writeFileSync(path.join(dir, "eslint.config.js"), config);
    const { ESLint } = await eslint.load();
    const results = await new ESLint({ cwd: dir }).lintFiles(["."]);
    return new Map(results.map((result) => [path.relative(dir, result.filePath), result.messages]));
}

describe("the README's configuration", () => {
    it("puts an unscoped js.configs.recommended next to the plugin", () => {
        assert.ok(README_CONFIG.includes(JS_CONFIG_LINE), README_CONFIG);
        assert.match(README_CONFIG, /^import js from "@eslint\/js";$/mu);
    });

    for (const eslint of ESLINT_MAJORS) {
        it(`runs in ESLint ${eslint.major}: core rules on JavaScript, SQL findings as without them`, async (t) => {
            const dir = copyWorkspace(t, ["@eslint/js"]);
            writeFileSync(path.join(dir, "apps/web/index.js"), "const unused = 1;\n");
            const withJs = await lintWorkspace(eslint, dir, README_CONFIG);
            const withoutJs = await lintWorkspace(eslint, dir, README_CONFIG.replace(JS_CONFIG_LINE, "").replace(/^import js .*\n/mu, ""));

            assert.deepEqual(
                withJs.get("apps/web/index.js")?.map((message) => message.ruleId),
                ["no-unused-vars"],
            );
            const sqlFiles = [...withJs.keys()].filter((file) => file.endsWith(".sql"));
            assert.ok(sqlFiles.some((file) => file.startsWith(WEB_MIGRATIONS)), sqlFiles.join(", "));
            for (const file of sqlFiles) {
                const messages = withJs.get(file) ?? [];
                // supalint's findings and ESLint's own (an unused directive), no core rule's.
                assert.ok(messages.every((message) => message.ruleId === null || message.ruleId.startsWith("supalint/")), `${file}: ${JSON.stringify(messages)}`);
                assert.deepEqual(messages, withoutJs.get(file), file);
            }
        });
    }
});

describe("the SQL source code", () => {
    it("gives every comment, in order, as getAllComments()", () => {
        const text = "-- one\nselect 1; /* two */\n";
        const parsed = new SqlLanguage().parse({ path: "<input>", body: text });
        assert.ok(parsed.ok);
        const sourceCode = new SqlLanguage().createSourceCode({ path: "<input>", body: text }, parsed);
        assert.deepEqual(
            sourceCode.getAllComments().map((comment) => [comment.type, comment.value, sourceCode.getText(comment)]),
            [
                ["LineComment", " one", "-- one"],
                ["BlockComment", " two ", "/* two */"],
            ],
        );
    });
});
