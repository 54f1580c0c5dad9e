/**
 * @file The ESLint plugin when the engine traps on a migration (a panic, as
 * injected by the test's module hooks: `../trap-hooks.js`): that file gets a
 * fatal message naming the crash, and the other migrations of the folder
 * keep their findings, linted with the rest of their history, as the CLI
 * does (`../engine-trap.test.js`).
 */

import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { trapEnv } from "../helpers.js";
import { copyWorkspace, ESLINT_MAJORS, jsonOutput, resultFor, runEslint, WEB_MIGRATIONS } from "./eslint-helpers.js";

const TAGS = `${WEB_MIGRATIONS}/20240102120000_create_tags.sql`;
const CRASHES = `${WEB_MIGRATIONS}/20240107120000_crashes.sql`;

for (const eslint of ESLINT_MAJORS) {
    describe(`ESLint ${eslint.major} when the engine traps`, () => {
        it("reports the file that trapped and still lints the others", (t) => {
            const workspace = copyWorkspace(t);
            writeFileSync(path.join(workspace, CRASHES), "-- Migration: crashes\n-- TRAP_HERE\nselect 1;\n");
            const run = runEslint(eslint, ["--format", "json", "apps"], workspace, trapEnv("TRAP_HERE"));
            const results = jsonOutput(run);

            const crashed = resultFor(results, workspace, CRASHES);
            assert.equal(crashed.messages.length, 1, JSON.stringify(crashed.messages));
            assert.equal(crashed.messages[0].fatal, true);
            assert.match(crashed.messages[0].message, /supalint's engine crashed on this file \(RuntimeError: unreachable/u);

            const tags = resultFor(results, workspace, TAGS);
            assert.ok(
                tags.messages.some((message) => message.ruleId === "supalint/require-if-not-exists"),
                JSON.stringify(tags.messages),
            );
        });
    });
}
