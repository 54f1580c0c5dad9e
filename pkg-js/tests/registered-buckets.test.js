/**
 * @file `storageBucketsFile`: the `StorageBuckets` constant read from
 * TypeScript in each shape it comes in, the configuration errors that name
 * the file, and the CLI flagging a bucket the constant lacks.
 */

import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { loadConfig } from "../src/config/load-config.js";
import { readRegisteredBuckets, resolveRegisteredBuckets } from "../src/config/registered-buckets.js";
import { makeProject, runCli } from "./helpers.js";

/**
 * The bucket ids `resolveRegisteredBuckets` reads from one file.
 * @param {import("node:test").TestContext} t
 * @param {string} source
 * @param {string} [name]
 * @returns {string[] | null}
 */
function bucketsOf(t, source, name = "storage.ts") {
    const dir = makeProject(t, { [name]: source });
    return resolveRegisteredBuckets(name, dir);
}

describe("the StorageBuckets constant", () => {
    it("reads the string values of an object literal `as const`", (t) => {
        const source = `
import { z } from "zod";
export const StorageBuckets = {
  AVATARS: 'avatars',
  "INVOICES": "invoices",
  Exports: \`exports\`,
} as const;
export type StorageBucket = (typeof StorageBuckets)[keyof typeof StorageBuckets];
`;
        assert.deepEqual(bucketsOf(t, source), ["avatars", "invoices", "exports"]);
    });

    it("reads the string members of an enum", (t) => {
        const source = "export enum StorageBuckets {\n  Avatars = 'avatars',\n  Documents = 'documents',\n}\n";
        assert.deepEqual(bucketsOf(t, source), ["avatars", "documents"]);
    });

    it("reads an array of string literals", (t) => {
        assert.deepEqual(bucketsOf(t, "export const StorageBuckets = ['avatars', 'logos'] as const;\n"), ["avatars", "logos"]);
    });

    it("sees through satisfies, Object.freeze and names of string constants", (t) => {
        const source = `
const AVATARS_BUCKET = 'avatars';
export const StorageBuckets = Object.freeze({
  AVATARS: AVATARS_BUCKET,
  LOGOS: 'logos',
  MAX_SIZE: 1024,
}) satisfies Record<string, string | number>;
`;
        assert.deepEqual(bucketsOf(t, source), ["avatars", "logos"]);
    });

    it("reads a constant that is not exported, in a .js or .tsx file", (t) => {
        assert.deepEqual(bucketsOf(t, "const StorageBuckets = { A: 'a' };\nmodule.exports = { StorageBuckets };\n", "buckets.js"), ["a"]);
        const tsx = "export const StorageBuckets = { A: 'a' } as const;\nexport const Icon = () => <svg />;\n";
        assert.deepEqual(bucketsOf(t, tsx, "buckets.tsx"), ["a"]);
    });

    it("is null when storageBucketsFile is not set", () => {
        assert.equal(resolveRegisteredBuckets(undefined, "/nowhere"), null);
    });

    it("reads the file again when it changes", (t) => {
        const dir = makeProject(t, { "storage.ts": "export const StorageBuckets = ['a'];\n" });
        const file = path.join(dir, "storage.ts");
        assert.deepEqual(readRegisteredBuckets(file), ["a"]);
        writeFileSync(file, "export const StorageBuckets = ['a', 'bb'];\n");
        assert.deepEqual(readRegisteredBuckets(file), ["a", "bb"]);
    });
});

describe("errors name the file", () => {
    /**
     * Asserts that reading `name` from `dir` throws a `config` SupalintError for
     * `storageBucketsFile` whose message names the file and matches `reason`.
     * @param {string} dir
     * @param {string} name
     * @param {RegExp} reason
     */
    function assertProblem(dir, name, reason) {
        const file = path.join(dir, name);
        assert.throws(
            () => resolveRegisteredBuckets(name, dir),
            (error) => {
                assert.equal(error.name, "SupalintError");
                assert.equal(error.kind, "config");
                assert.equal(error.problems[0].key, "storageBucketsFile");
                assert.ok(error.message.includes(file), `${error.message} names ${file}`);
                assert.match(error.message, reason);
                return true;
            },
        );
    }

    it("a missing file", (t) => {
        assertProblem(makeProject(t, {}), "src/storage.ts", /does not exist/u);
    });

    it("a folder", (t) => {
        assertProblem(makeProject(t, { "src/storage.ts/.keep": "" }), "src/storage.ts", /folder/u);
    });

    it("a file that is not valid TypeScript", (t) => {
        assertProblem(makeProject(t, { "storage.ts": "export const StorageBuckets = {\n" }), "storage.ts", /cannot parse/u);
    });

    it("a file without a StorageBuckets constant", (t) => {
        const source = "export const Buckets = { A: 'a' };\nexport function StorageBuckets() {}\nlet StorageBuckets2 = ['x'];\n";
        assertProblem(makeProject(t, { "storage.ts": source }), "storage.ts", /has no `StorageBuckets` constant/u);
    });

    it("is a configuration error of the configuration file", (t) => {
        const dir = makeProject(t, { "supalint.config.json": JSON.stringify({ storageBucketsFile: "missing.ts" }) });
        assert.throws(() => loadConfig(dir), (error) => {
            assert.equal(error.name, "SupalintError");
            assert.equal(error.kind, "config");
            assert.equal(error.configPath, path.join(dir, "supalint.config.json"));
            assert.match(error.message, /`storageBucketsFile`: cannot read .*missing\.ts/u);
            return true;
        });
    });
});

describe("loadConfig", () => {
    it("reads storageBucketsFile relative to the configuration file's folder", (t) => {
        const dir = makeProject(t, {
            "app/supalint.config.json": JSON.stringify({ storageBucketsFile: "src/storage.ts" }),
            "app/src/storage.ts": "export const StorageBuckets = { A: 'avatars' } as const;\n",
            "app/deep/.keep": "",
        });
        assert.deepEqual(loadConfig(path.join(dir, "app/deep")).config.registeredBuckets, ["avatars"]);
    });

    it("lets registeredBuckets win over storageBucketsFile", (t) => {
        const dir = makeProject(t, {
            "supalint.config.json": JSON.stringify({ storageBucketsFile: "missing.ts", registeredBuckets: ["x"] }),
        });
        assert.deepEqual(loadConfig(dir).config.registeredBuckets, ["x"]);
    });
});

describe("supalint with storageBucketsFile", () => {
    const migration = `-- Migration: storage buckets
-- Avatars and invoices.

insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values
  ('avatars', 'avatars', false, 1048576, array['image/png']),
  ('invoices', 'invoices', false, 1048576, array['application/pdf'])
on conflict (id) do nothing;
`;

    it("flags a bucket the StorageBuckets constant lacks", (t) => {
        const dir = makeProject(t, {
            "supalint.config.json": JSON.stringify({ storageBucketsFile: "packages/shared/src/storage.ts" }),
            "packages/shared/src/storage.ts": "export const StorageBuckets = { AVATARS: 'avatars' } as const;\n",
            "supabase/migrations/20240101120000_create_buckets.sql": migration,
        });
        const run = runCli(["--format", "json"], { cwd: dir });
        assert.equal(run.status, 0, run.stderr);
        const [result] = JSON.parse(run.stdout);
        const findings = result.messages.filter((m) => m.ruleId === "storage-bucket-registered");
        assert.deepEqual(
            findings.map((m) => [m.line, m.column, m.severity]),
            [[7, 4, 1]],
        );
        assert.match(findings[0].message, /Bucket `invoices` is created here but is not in `StorageBuckets`/u);
    });

    it("exits with 2 and names the file when it is missing", (t) => {
        const dir = makeProject(t, {
            "supalint.config.json": JSON.stringify({ storageBucketsFile: "src/storage.ts" }),
            "supabase/migrations/20240101120000_create_buckets.sql": migration,
        });
        const run = runCli([], { cwd: dir });
        assert.equal(run.status, 2);
        assert.match(run.stderr, /storageBucketsFile/u);
        assert.ok(run.stderr.includes(path.join(dir, "src/storage.ts")), run.stderr);
    });
});
