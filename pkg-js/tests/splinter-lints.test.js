import assert from "node:assert/strict";
import { test } from "node:test";

import { rules } from "../src/index.js";
import { formatSarif } from "../src/formatters/sarif.js";
import { SPLINTER_LINTS, splinterLintsOf } from "../src/splinter-lints.js";

test("every splinter source of a rule names a known splinter lint", () => {
    const known = new Set(SPLINTER_LINTS.map((lint) => lint.id));
    for (const rule of rules()) {
        for (const lint of splinterLintsOf(rule)) {
            assert.ok(known.has(lint), `${rule.id} names unknown splinter lint ${lint}`);
        }
    }
});

test("a lint named without its number resolves to its numbered id", () => {
    assert.deepEqual(splinterLintsOf({ sources: ["splinter:rls_disabled_in_public", "eslint:x"] }), ["0013_rls_disabled_in_public"]);
});

test("SARIF rule descriptors link the splinter lints they mirror", () => {
    const rulesMeta = Object.fromEntries(rules().map((rule) => [rule.id, rule]));
    const log = JSON.parse(formatSarif([], { cwd: "/proj", rulesMeta, color: false, version: "0.0.0" }));
    const descriptor = log.runs[0].tool.driver.rules.find((rule) => rule.id === "unindexed-foreign-key");
    assert.deepEqual(descriptor.properties.splinterLints, [
        {
            id: "0001_unindexed_foreign_keys",
            helpUri: "https://supabase.com/docs/guides/database/database-linter?lint=0001_unindexed_foreign_keys",
        },
    ]);
    assert.ok(descriptor.properties.tags.includes("splinter"));
    const other = log.runs[0].tool.driver.rules.find((rule) => rule.id === "require-if-not-exists");
    assert.equal(other.properties.splinterLints, undefined);
});
