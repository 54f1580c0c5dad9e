/**
 * @file Configuration lookup and resolution (SPEC §5): file kinds and their
 * order, the project root (where the lookup stops), the defaults read from
 * disk, and the errors that name the bad key: cycles, deep nesting and
 * unknown rule options included.
 */

import assert from "node:assert/strict";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { SupalintError } from "../src/errors.js";
import { findConfigFile } from "../src/config/find-config-file.js";
import { loadConfig } from "../src/config/load-config.js";
import { lintText } from "../src/index.js";
import { CLEAN_SQL, GOOD_NAME, makeProject, runCli } from "./helpers.js";

describe("lookup", () => {
    it("searches upwards and prefers json, then js, then mjs, then package.json", (t) => {
        const dir = makeProject(t, {
            "supalint.config.json": "{}",
            "supalint.config.js": "export default {};",
            "supalint.config.mjs": "export default {};",
            "package.json": JSON.stringify({ supalint: {} }),
            "deep/er/.keep": "",
        });
        assert.equal(findConfigFile(path.join(dir, "deep/er")), path.join(dir, "supalint.config.json"));
    });

    it("takes a package.json only when it has a supalint key", (t) => {
        const dir = makeProject(t, {
            "package.json": JSON.stringify({ supalint: { adminFunction: null } }),
            "app/.keep": "",
        });
        const resolved = loadConfig(path.join(dir, "app"));
        assert.equal(resolved.configPath, path.join(dir, "package.json"));
        assert.equal(resolved.root, dir);
        assert.equal(resolved.config.adminFunction, null);
        const plain = makeProject(t, { "package.json": JSON.stringify({ name: "app" }), "supabase/migrations/.keep": "" });
        assert.equal(loadConfig(plain).configPath, null);
    });

    it("stops at the project root: the first folder with a package.json or a .git", (t) => {
        // A configuration above the project is a program nobody in the project wrote: it must not run.
        const above = makeProject(t, {
            "supalint.config.js": 'import { writeFileSync } from "node:fs"; writeFileSync(new URL("./ran", import.meta.url), "yes"); export default {};',
            "a/b/package-root/package.json": JSON.stringify({ name: "app" }),
            "a/b/package-root/sub/.keep": "",
            "a/b/git-root/.git/HEAD": "ref: refs/heads/main\n",
            "a/b/git-root/sub/.keep": "",
        });
        for (const root of ["package-root", "git-root"]) {
            const project = path.join(above, "a", "b", root);
            assert.equal(findConfigFile(path.join(project, "sub")), null, root);
            const resolved = loadConfig(path.join(project, "sub"));
            assert.equal(resolved.configPath, null, root);
        }
        assert.equal(existsSync(path.join(above, "ran")), false, "the configuration above the project never ran");
        // One in the root itself is still found from below.
        const inRoot = makeProject(t, { "package.json": "{}", "supalint.config.json": "{}", "sub/deeper/.keep": "" });
        assert.equal(findConfigFile(path.join(inRoot, "sub", "deeper")), path.join(inRoot, "supalint.config.json"));
    });

    it("the CLI runs a JavaScript configuration once per run", (t) => {
        const dir = makeProject(t, {
            "package.json": "{}",
            "supalint.config.js": 'import { appendFileSync } from "node:fs"; appendFileSync(new URL("./runs", import.meta.url), "x"); export default {};',
            [`supabase/migrations/${GOOD_NAME}`]: CLEAN_SQL,
        });
        for (const args of [[], ["--cache"], ["--fix-dry-run"], ["--stdin", "--stdin-filename", `supabase/migrations/${GOOD_NAME}`]]) {
            rmSync(path.join(dir, "runs"), { force: true });
            const run = runCli(args, { cwd: dir, input: CLEAN_SQL });
            assert.equal(run.status, 0, run.stderr);
            assert.equal(readFileSync(path.join(dir, "runs"), "utf8"), "x", `supalint ${args.join(" ")}`);
        }
    });

    it("loads JavaScript modules synchronously", (t) => {
        const dir = makeProject(t, {
            "a/supalint.config.js": 'export default { adminFunction: "public.a" };',
            "b/supalint.config.mjs": 'export default { adminFunction: "public.b" };',
            "c/supalint.config.js": 'throw new Error("boom");',
            "d/supalint.config.mjs": "export default { rules: { x: () => 1 } };",
        });
        assert.equal(loadConfig(path.join(dir, "a")).config.adminFunction, "public.a");
        assert.equal(loadConfig(path.join(dir, "b")).config.adminFunction, "public.b");
        assert.throws(() => loadConfig(path.join(dir, "c")), { name: "SupalintError", kind: "config", message: /boom/u });
        assert.throws(() => loadConfig(path.join(dir, "d")), { name: "SupalintError", kind: "config", message: /cannot load it/u });
    });

    it("uses the working directory as root when there is no configuration", (t) => {
        const dir = makeProject(t, { "supabase/migrations/.keep": "" });
        const resolved = loadConfig(dir);
        assert.equal(resolved.configPath, null);
        assert.equal(resolved.root, dir);
        assert.equal(resolved.config.migrationsDir, "supabase/migrations");
    });
});

describe("defaults", () => {
    it("finds supabase/migrations first, then apps/*/supabase/migrations", (t) => {
        const both = makeProject(t, { "supabase/migrations/.keep": "", "apps/web/supabase/migrations/.keep": "" });
        assert.equal(loadConfig(both).config.migrationsDir, "supabase/migrations");
        const apps = makeProject(t, { "apps/web/supabase/migrations/.keep": "", "apps/admin/.keep": "" });
        assert.equal(loadConfig(apps).config.migrationsDir, "apps/web/supabase/migrations");
        assert.equal(loadConfig(apps).migrationsPath, path.join(apps, "apps/web/supabase/migrations"));
    });

    it("reads exposedSchemas from the config.toml beside the migrations folder", (t) => {
        const dir = makeProject(t, {
            "apps/web/supabase/migrations/.keep": "",
            "apps/web/supabase/config.toml": '[api]\nenabled = true\nschemas = ["public", "graphql_public", "api"]\n',
        });
        assert.deepEqual(loadConfig(dir).config.exposedSchemas, ["public", "graphql_public", "api"]);
        const plain = makeProject(t, { "supabase/migrations/.keep": "" });
        assert.deepEqual(loadConfig(plain).config.exposedSchemas, ["public"]);
    });

    it("keeps explicit values over the defaults", (t) => {
        const dir = makeProject(t, {
            "supalint.config.json": JSON.stringify({ migrationsDir: "db/migrations/", exposedSchemas: ["api"] }),
            "supabase/config.toml": '[api]\nschemas = ["public"]\n',
        });
        const { config } = loadConfig(dir);
        assert.equal(config.migrationsDir, "db/migrations");
        assert.deepEqual(config.exposedSchemas, ["api"]);
        assert.equal(config.registeredBuckets, null, "without storageBucketsFile the registered buckets are unknown");
    });
});

describe("errors", () => {
    /**
     * @param {() => unknown} load
     * @param {string} key
     * @param {RegExp} message
     */
    function assertConfigError(load, key, message) {
        assert.throws(load, (error) => {
            assert.ok(error instanceof SupalintError && error.kind === "config", String(error));
            assert.ok(
                error.problems.some((problem) => problem.key === key),
                JSON.stringify(error.problems),
            );
            assert.match(error.message, message);
            return true;
        });
    }

    it("names storageBucketsFile and migrationsDir when they are not strings", (t) => {
        const dir = makeProject(t, { "supalint.config.json": JSON.stringify({ storageBucketsFile: ["x.ts"], migrationsDir: 3 }) });
        assertConfigError(() => loadConfig(dir), "storageBucketsFile", /`storageBucketsFile`: must be a string/u);
        assertConfigError(() => loadConfig(dir), "migrationsDir", /`migrationsDir`: must be a string/u);
    });

    it("reports unreadable files, bad JSON, a non-object and a broken config.toml", (t) => {
        const dir = makeProject(t, {
            "bad/supalint.config.json": "{ nope",
            "array/supalint.config.json": "[]",
            "toml/supabase/migrations/.keep": "",
            "toml/supabase/config.toml": "[api\nschemas = [",
        });
        assertConfigError(() => loadConfig(path.join(dir, "missing.json")), "", /does not exist/u);
        assertConfigError(() => loadConfig(path.join(dir, "bad")), "", /not valid JSON/u);
        assertConfigError(() => loadConfig(path.join(dir, "array")), "", /must be an object/u);
        assertConfigError(() => loadConfig(path.join(dir, "toml")), "exposedSchemas", /config\.toml/u);
    });
});

describe("configurations that are not JSON data, and unknown rule options", () => {
    const DEEP_ARRAYS = `{"exposedSchemas": ${"[".repeat(100_000)}${"]".repeat(100_000)}}`;
    let nested = "{}";
    for (let level = 0; level < 5000; level += 1) {
        nested = `{"x":${nested}}`;
    }
    const DEEP_OBJECTS = `{"rules": {"rls-enabled": ["error", ${nested}]}}`;

    it("the CLI exits 2 naming the key, before the engine sees it", (t) => {
        const cases = {
            "supalint.config.json": [DEEP_ARRAYS, "exposedSchemas[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]", /nests deeper than 16 levels/u],
            "supalint.config.mjs": ["const c = { rules: {} }; c.rules.self = c; export default c;", "rules.self", /refers back to an object that holds it \(a cycle\)/u],
            "package.json": [JSON.stringify({ supalint: { rules: { "rls-enabled": ["error", { exposed: true }] } } }), "rules.rls-enabled", /has no option `exposed`: rules take no options of their own; this one reads `exposedSchemas`/u],
        };
        for (const [name, [text, key, message]] of Object.entries(cases)) {
            const dir = makeProject(t, { [name]: text, ".git/HEAD": "ref: refs/heads/main\n", [`supabase/migrations/${GOOD_NAME}`]: CLEAN_SQL });
            const run = runCli([], { cwd: dir });
            assert.equal(run.status, 2, `${name}: ${run.stderr}`);
            assert.match(run.stderr, new RegExp(`^supalint: Invalid supalint configuration \\(.*${name.replace(".", "\\.")}\\):\n {2}\`${key.replaceAll(/[.[\]]/gu, "\\$&")}\``, "u"));
            assert.match(run.stderr, message);
            assert.doesNotMatch(run.stderr, /engine crashed|RangeError|internal error|\n\s+at /u, name);
        }
        const objects = makeProject(t, { "supalint.config.json": DEEP_OBJECTS, [`supabase/migrations/${GOOD_NAME}`]: CLEAN_SQL });
        const run = runCli([], { cwd: objects });
        assert.equal(run.status, 2, run.stderr);
        assert.match(run.stderr, /`rules\.rls-enabled\[1\](\.x){13}`: nests deeper than 16 levels/u);
    });

    it("the API refuses a cyclic or deep override, and values JSON cannot hold, with a `config` SupalintError", (t) => {
        const dir = makeProject(t, { "package.json": "{}" });
        /** @type {Record<string, unknown>} */
        const cyclic = { rules: {} };
        /** @type {any} */ (cyclic.rules).again = cyclic;
        for (const [options, key] of /** @type {const} */ ([
            [{ overrideConfig: cyclic }, "rules.again"],
            [{ config: { exposedSchemas: [() => "public"] } }, "exposedSchemas[0]"],
            [{ config: { versionSuffixWords: [Number.NaN] } }, "versionSuffixWords[0]"],
            [{ config: { seedTables: new Map() } }, "seedTables"],
        ])) {
            assert.throws(
                () => lintText("select 1;", { cwd: dir, ...options }),
                (error) => error instanceof SupalintError && error.kind === "config" && error.problems.some((problem) => problem.key.startsWith(key)),
                key,
            );
        }
    });
});
