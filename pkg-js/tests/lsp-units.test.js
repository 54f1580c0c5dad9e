/**
 * @file The language server's pure parts: where a disable directive goes,
 * which rule id a directive names under the cursor, the hover text from rule
 * metadata, and the "fix all" edit.
 */

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TextDocument } from "vscode-languageserver-textdocument";
import { rules } from "../src/index.js";
import { fixAllAction } from "../src/lsp/code-actions.js";
import { directiveRuleAt, disableRuleEdits } from "../src/lsp/directives.js";
import { perFileConfig } from "../src/lsp/lint.js";
import { docsSection, ruleHoverMarkdown } from "../src/lsp/rule-docs.js";
import { readableDocs } from "../src/rule-markdown.js";

/**
 * @param {string} text
 * @param {{ offset: number, text: string }[]} insertions
 * @returns {string}
 */
function insert(text, insertions) {
    let result = text;
    for (const { offset, text: added } of [...insertions].sort((a, b) => b.offset - a.offset)) {
        result = result.slice(0, offset) + added + result.slice(offset);
    }
    return result;
}

describe("disableRuleEdits", () => {
    it("puts a disable-next-line directive above the line, indented as it is", () => {
        const text = "select 1;\n  create table public.t (id bigint);\n";
        const offset = text.indexOf("create");
        assert.equal(
            insert(text, disableRuleEdits(text, offset, "require-if-not-exists")),
            "select 1;\n  -- supalint-disable-next-line require-if-not-exists\n  create table public.t (id bigint);\n",
        );
    });

    it("adds the rule to a disable-next-line directive already above, before its reason", () => {
        const text = "-- supalint-disable-next-line rls-enabled -- reviewed\ncreate table public.t (id bigint);\n";
        assert.equal(
            insert(text, disableRuleEdits(text, text.indexOf("create"), "require-if-not-exists")),
            "-- supalint-disable-next-line rls-enabled, require-if-not-exists -- reviewed\ncreate table public.t (id bigint);\n",
        );
    });

    it("keeps CRLF line breaks", () => {
        const text = "select 1;\r\ncreate table public.t (id bigint);\r\n";
        assert.equal(
            insert(text, disableRuleEdits(text, text.indexOf("create"), "require-if-not-exists")),
            "select 1;\r\n-- supalint-disable-next-line require-if-not-exists\r\ncreate table public.t (id bigint);\r\n",
        );
    });

    it("wraps a dollar-quoted body in disable/enable, where a comment inside would be part of the body", () => {
        const text = "create function public.f() returns bigint\nas $$\n  select count(*) from notes;\n$$ language sql;\nselect 1;\n";
        assert.equal(
            insert(text, disableRuleEdits(text, text.indexOf("notes"), "search-path-qualified-references")),
            "create function public.f() returns bigint\n-- supalint-disable search-path-qualified-references\nas $$\n  select count(*) from notes;\n$$ language sql;\n-- supalint-enable search-path-qualified-references\nselect 1;\n",
        );
    });

    it("treats a multi-line string like a body, and ignores a -- inside it", () => {
        const text = "insert into public.t values ('a\n-- not a comment\nb');\n";
        const [disable, enable] = disableRuleEdits(text, text.indexOf("b')"), "insert-on-conflict");
        assert.equal(disable.offset, 0);
        assert.equal(enable.offset, text.length - 1);
    });
});

describe("directiveRuleAt", () => {
    const text = "select 1; -- supalint-disable-next-line rls-enabled, require-if-exists -- because\n/* supalint-disable-file migration-header */\n";

    it("finds each rule id of a directive's list, not its reason", () => {
        assert.deepEqual(directiveRuleAt(text, text.indexOf("rls-enabled") + 2), { ruleId: "rls-enabled", range: [text.indexOf("rls-enabled"), text.indexOf("rls-enabled") + 11] });
        assert.equal(directiveRuleAt(text, text.indexOf("require-if-exists") + 17)?.ruleId, "require-if-exists");
        assert.equal(directiveRuleAt(text, text.indexOf("because") + 1), null);
        assert.equal(directiveRuleAt(text, text.indexOf("migration-header") + 1)?.ruleId, "migration-header");
    });

    it("ignores the directive's own keyword, code, and directive-like text in strings", () => {
        assert.equal(directiveRuleAt(text, text.indexOf("supalint-disable-next-line") + 3), null);
        assert.equal(directiveRuleAt(text, 2), null);
        const quoted = "select '-- supalint-disable rls-enabled';\n";
        assert.equal(directiveRuleAt(quoted, quoted.indexOf("rls-enabled") + 1), null);
    });
});

describe("rule hover", () => {
    it("takes the summary, the why and the example from every rule's metadata", () => {
        for (const rule of rules()) {
            const markdown = ruleHoverMarkdown(rule);
            assert.ok(markdown.startsWith(`**supalint \`${rule.id}\`**: ${rule.summary}`), rule.id);
            assert.ok(markdown.includes(/** @type {string} */ (docsSection(rule.docs, "Why is this bad?"))), rule.id);
            assert.match(markdown, /\*\*Example\*\*\n\n/u, rule.id);
            assert.ok(!/```sql,/u.test(markdown), `${rule.id}: test fence tags are gone`);
            assert.ok(markdown.endsWith(`[Documentation](${rule.docsUrl})`), rule.id);
        }
    });

    it("keeps the file name an example depends on", () => {
        const docs = "```sql,expect_diagnostic,file=20240301090000_add_notes_v2.sql\nselect 1;\n```\n\n```sql\nselect 2;\n```";
        const examples = /** @type {import("../src/api.js").RuleMeta["examples"]} */ ([
            { valid: false, code: "select 1;\n", file: "20240301090000_add_notes_v2.sql", files: [] },
            { valid: true, code: "select 2;\n", files: [] },
        ]);
        assert.equal(readableDocs({ docs, examples }), "```sql\n-- file: 20240301090000_add_notes_v2.sql\nselect 1;\n```\n\n```sql\nselect 2;\n```");
        assert.equal(docsSection("## What it does\nA.\n\n## Why is this bad?\nB.\n", "Missing"), null);
    });
});

describe("fixAllAction", () => {
    it("edits only the part of the text that changed", () => {
        const document = TextDocument.create("file:///a.sql", "sql", 1, "-- head\ncreate table public.t (id int);\n-- tail\n");
        const action = fixAllAction(document, { output: "-- head\ncreate table if not exists public.t (id bigint);\n-- tail\n" });
        const edits = action?.edit?.changes?.["file:///a.sql"];
        assert.deepEqual(edits, [{ range: { start: { line: 1, character: 13 }, end: { line: 1, character: 26 } }, newText: "if not exists public.t (id big" }]);
        assert.equal(action?.kind, "source.fixAll.supalint");
    });

    it("is disabled with the engine's reason when it refused the fixes, and absent when nothing changes", () => {
        const document = TextDocument.create("file:///a.sql", "sql", 1, "select 1;\n");
        assert.deepEqual(fixAllAction(document, { output: null, refused: "the fixed text has a new parse error" })?.disabled, {
            reason: "the fixed text has a new parse error",
        });
        assert.equal(fixAllAction(document, { output: null }), null);
    });
});

it("turns the migration-file rules off for a .sql file outside the migrations folder", () => {
    const config = perFileConfig({ rules: { "rls-enabled": "warn" } }, rules());
    assert.equal(config.rules?.["rls-enabled"], "warn");
    for (const id of ["migration-filename", "migration-location", "migration-order", "migration-header", "unique-migration-version"]) {
        assert.equal(config.rules?.[id], "off", id);
    }
});
