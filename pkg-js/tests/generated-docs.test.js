import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { generatedFiles, readmeRuleTable, withRuleTable } from "../tools/update-rules-docs.js";
import { rules } from "../src/index.js";
import { splinterTable } from "../src/cli/rules-output.js";

test("docs/rules.md and the README rule table match the engine's rule metadata", () => {
    for (const { path, expected } of generatedFiles()) {
        assert.equal(readFileSync(path, "utf8"), expected, `${path} is stale: run \`node pkg-js/tools/update-rules-docs.js\``);
    }
});

test("the README table has one row per rule, each linking to its section of docs/rules.md", () => {
    const table = readmeRuleTable(rules());
    for (const rule of rules()) {
        assert.match(table, new RegExp(`\\[\`${rule.id}\`\\]\\(docs/rules\\.md#${rule.id}\\)`));
    }
});

test("replacing the table keeps the rest of the README", () => {
    const readme = "intro\n<!-- rules:start -->\nold\n<!-- rules:end -->\noutro\n";
    assert.equal(withRuleTable(readme, "new"), "intro\n<!-- rules:start -->\nnew\n<!-- rules:end -->\noutro\n");
    assert.throws(() => withRuleTable("no markers", "x"), /markers/);
});

test("the splinter table names every rule that gives a splinter lint as its source", () => {
    const table = splinterTable(rules());
    for (const rule of rules().filter((r) => r.sources.some((source) => source.startsWith("splinter:")))) {
        assert.match(table, new RegExp(`\\[\`${rule.id}\`\\]\\(#${rule.id}\\)`), `${rule.id} is missing from the splinter table`);
    }
    assert.match(table, /`0005_unused_index`.* out of scope: needs /u);
});
