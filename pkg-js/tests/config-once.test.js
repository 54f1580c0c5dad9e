/**
 * @file A CLI run resolves its configuration once: the configuration file is
 * read, and the storage bucket file parsed, once per run, whatever the run
 * does with it (counted by the test-only hooks of `read-count-hooks.js`).
 */

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { CLEAN_SQL, GOOD_NAME, makeProject, runCli } from "./helpers.js";

const PRELOAD = new URL("./read-count-preload.js", import.meta.url).href;

/**
 * Runs the CLI in a project with a configuration file and a bucket registry,
 * and counts the calls that resolve or read them.
 * @param {import("node:test").TestContext} t
 * @param {string[]} args
 * @returns {Record<string, number>}
 */
function countReads(t, args) {
    const dir = makeProject(t, {
        "supalint.config.json": JSON.stringify({ storageBucketsFile: "src/storage.ts" }),
        "src/storage.ts": "export const StorageBuckets = { AVATARS: 'avatars' } as const;\n",
        [`supabase/migrations/${GOOD_NAME}`]: CLEAN_SQL,
    });
    const log = path.join(dir, "reads.log");
    const run = runCli(args, { cwd: dir, env: { NODE_OPTIONS: `--import=${PRELOAD}`, SUPALINT_TEST_READ_LOG: log } });
    assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stderr}`);
    /** @type {Record<string, number>} */
    const counts = {};
    for (const line of readFileSync(log, "utf8").split("\n").filter(Boolean)) {
        const [name, count] = line.split(" ");
        counts[name] = (counts[name] ?? 0) + Number(count);
    }
    return counts;
}

/** What one resolution of the project's configuration reads. */
const ONCE = { loadConfig: 1, readConfigFile: 1, resolveRegisteredBuckets: 1 };

describe("a CLI run resolves its configuration once", () => {
    for (const args of [[], ["--fix-dry-run"], ["--cache", "--cache-location", ".cache/supalint"], ["access"], ["access", "--format", "json"]]) {
        it(`supalint ${args.join(" ")}`.trim(), (t) => {
            assert.deepEqual(countReads(t, args), ONCE);
        });
    }
});
