/**
 * @file `supalint init`: finds the migrations folder, the exposed schemas
 * and the bucket registry, writes `supalint.config.json`, adds the
 * `lint:migrations` script to `package.json` with its formatting kept,
 * changes nothing the second time, and keeps an existing configuration
 * unless `--force`.
 */

import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { insertScript } from "../src/cli/commands/init.js";
import { git, makeRepo } from "./git-helpers.js";
import { CLEAN_SQL, GOOD_NAME, runCli } from "./helpers.js";

/** A package.json as people write them: four-space indentation, an inline array. */
const PACKAGE_JSON = `{
    "name": "my-app",
    "private": true,
    "workspaces": ["apps/*", "packages/*"],
    "scripts": {
        "dev": "next dev",
        "build": "next build"
    },
    "devDependencies": {
        "supalint": "0.1.0"
    }
}
`;

/**
 * Every file of a folder (outside `.git`) with its content and modification time.
 * @param {string} dir
 * @returns {Record<string, { text: string, mtimeMs: number }>}
 */
function snapshot(dir) {
    /** @type {Record<string, { text: string, mtimeMs: number }>} */
    const files = {};
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
        const full = path.join(entry.parentPath ?? entry.path, entry.name);
        if (entry.isFile() && !path.relative(dir, full).startsWith(".git")) {
            files[path.relative(dir, full)] = { text: readFileSync(full, "utf8"), mtimeMs: statSync(full).mtimeMs };
        }
    }
    return files;
}

/**
 * Runs `supalint init` and expects it to succeed.
 * @param {string} dir
 * @param {string[]} [args]
 * @returns {string} its output
 */
function init(dir, args = []) {
    const run = runCli(["init", ...args], { cwd: dir });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, "");
    return run.stdout;
}

describe("supalint init", () => {
    it("writes what it finds, adds the script, and changes nothing the second time", (t) => {
        const dir = makeRepo(t, {
            "package.json": PACKAGE_JSON,
            "pnpm-lock.yaml": "lockfileVersion: '9.0'\n",
            "apps/web/supabase/config.toml": '[api]\nenabled = true\nschemas = ["public", "graphql_public", "api"]\n',
            [`apps/web/supabase/migrations/${GOOD_NAME}`]: CLEAN_SQL,
            "packages/shared/src/storage/storage-url.service.ts": "export const StorageBuckets = {\n  Avatars: 'avatars',\n} as const;\n",
            "packages/shared/node_modules/lib/index.ts": "export enum StorageBuckets {}\n",
        });
        const output = init(dir);
        assert.equal(
            output,
            [
                "Created supalint.config.json:",
                "  migrations folder  apps/web/supabase/migrations",
                "  exposed schemas    public, graphql_public, api (from apps/web/supabase/config.toml)",
                "  bucket registry    packages/shared/src/storage/storage-url.service.ts",
                "  frozen before      20240101120000 (the newest migration: --fix leaves it and older ones alone)",
                'Added "lint:migrations": "supalint" to package.json: run `pnpm lint:migrations`.',
                "",
            ].join("\n"),
        );
        assert.deepEqual(JSON.parse(readFileSync(path.join(dir, "supalint.config.json"), "utf8")), {
            extends: "recommended",
            migrationsDir: "apps/web/supabase/migrations",
            exposedSchemas: ["public", "graphql_public", "api"],
            storageBucketsFile: "packages/shared/src/storage/storage-url.service.ts",
            frozenBefore: "20240101120000",
        });
        assert.equal(
            readFileSync(path.join(dir, "package.json"), "utf8"),
            PACKAGE_JSON.replace('"build": "next build"\n', '"build": "next build",\n        "lint:migrations": "supalint"\n'),
        );

        const before = snapshot(dir);
        const again = init(dir);
        assert.equal(
            again,
            "supalint.config.json already configures supalint: left as it is (--force replaces it).\n" +
                'package.json already has the "lint:migrations" script.\n',
        );
        assert.deepEqual(snapshot(dir), before, "the second run changes no file");

        const lint = runCli([], { cwd: dir });
        assert.equal(lint.status, 0, `${lint.stdout}${lint.stderr}`);
    });

    it("never overwrites a configuration without --force", (t) => {
        const dir = makeRepo(t, { [`supabase/migrations/${GOOD_NAME}`]: CLEAN_SQL, "supalint.config.json": '{ "extends": "all" }\n' });
        init(dir);
        assert.equal(readFileSync(path.join(dir, "supalint.config.json"), "utf8"), '{ "extends": "all" }\n');

        assert.match(init(dir, ["--force"]), /^Replaced supalint\.config\.json:\n/u);
        assert.deepEqual(JSON.parse(readFileSync(path.join(dir, "supalint.config.json"), "utf8")), {
            extends: "recommended",
            migrationsDir: "supabase/migrations",
            frozenBefore: "20240101120000",
        });
        assert.match(init(dir, ["--force"]), /^Kept supalint\.config\.json:\n/u, "--force again: same content, nothing to replace");
    });

    it("counts a supalint.config.js or a \"supalint\" key in package.json as a configuration", (t) => {
        const js = makeRepo(t, { "supalint.config.js": "export default {};\n", [`supabase/migrations/${GOOD_NAME}`]: CLEAN_SQL });
        assert.match(init(js), /^supalint\.config\.js already configures supalint/u);
        assert.ok(!existsSync(path.join(js, "supalint.config.json")));

        const manifest = '{\n  "name": "x",\n  "supalint": { "extends": "recommended" }\n}\n';
        const key = makeRepo(t, { "package.json": manifest, [`supabase/migrations/${GOOD_NAME}`]: CLEAN_SQL });
        assert.match(init(key), /^the "supalint" key of package\.json already configures supalint/u);
        assert.ok(!existsSync(path.join(key, "supalint.config.json")));
    });

    it("without a migrations folder: the Supabase CLI's default, or --migrations-dir", (t) => {
        const bare = makeRepo(t, { "README.md": "" });
        assert.match(init(bare), /migrations folder {2}supabase\/migrations \(none found/u);
        assert.match(init(bare), /No package\.json here/u);

        const custom = makeRepo(t, { "db/migrations/.keep": "" });
        init(custom, ["--migrations-dir", "db/migrations/"]);
        assert.equal(JSON.parse(readFileSync(path.join(custom, "supalint.config.json"), "utf8")).migrationsDir, "db/migrations");

        const fresh = makeRepo(t, { "supabase/config.toml": 'project_id = "x"\n' });
        assert.match(init(fresh), /migrations folder {2}supabase\/migrations\n/u);
    });

    it("keeps a script of the same name", (t) => {
        const manifest = '{\n\t"scripts": {\n\t\t"lint:migrations": "supalint --max-warnings 0"\n\t}\n}\n';
        const dir = makeRepo(t, { "package.json": manifest });
        assert.match(init(dir), /already has a "lint:migrations" script \("supalint --max-warnings 0"\): left as it is/u);
        assert.equal(readFileSync(path.join(dir, "package.json"), "utf8"), manifest);
    });

    it("leaves the repository's other files alone", (t) => {
        const dir = makeRepo(t, { "package.json": PACKAGE_JSON, [`supabase/migrations/${GOOD_NAME}`]: CLEAN_SQL });
        init(dir);
        assert.deepEqual(git(dir, "status", "--porcelain").split("\n").filter(Boolean).sort(), [" M package.json", "?? supalint.config.json"]);
    });

    it("refuses a package.json that is not JSON, writing no script", (t) => {
        const dir = makeRepo(t, { "package.json": "{ name: x }\n" });
        const run = runCli(["init"], { cwd: dir });
        assert.equal(run.status, 2);
        assert.match(run.stderr, /^supalint init: package\.json is not valid JSON/mu);
        assert.equal(readFileSync(path.join(dir, "package.json"), "utf8"), "{ name: x }\n");
        writeFileSync(path.join(dir, "package.json"), "[]");
        assert.equal(runCli(["init"], { cwd: dir }).status, 2);
    });
});

describe("insertScript keeps the file's formatting", () => {
    const cases = [
        ["two spaces, scripts last", '{\n  "a": 1,\n  "scripts": {\n    "x": "y"\n  }\n}\n', '{\n  "a": 1,\n  "scripts": {\n    "x": "y",\n    "s": "c"\n  }\n}\n'],
        ["tabs, no scripts", '{\n\t"a": [1, 2]\n}', '{\n\t"a": [1, 2],\n\t"scripts": {\n\t\t"s": "c"\n\t}\n}'],
        ["CRLF, empty scripts", '{\r\n  "scripts": {},\r\n  "b": "}"\r\n}\r\n', '{\r\n  "scripts": {\r\n    "s": "c"\r\n  },\r\n  "b": "}"\r\n}\r\n'],
        ["one line", '{"a":"\\"{","scripts":{"x":"y"}}', '{"a":"\\"{","scripts":{"x":"y", "s": "c"}}'],
        ["empty object", "{}\n", '{ "scripts": { "s": "c" } }\n'],
        ["byte-order mark", '\uFEFF{\n  "a": 1\n}\n', '\uFEFF{\n  "a": 1,\n  "scripts": {\n    "s": "c"\n  }\n}\n'],
    ];
    for (const [name, input, expected] of cases) {
        it(name, () => {
            const output = insertScript(input, "s", "c");
            assert.equal(output, expected);
            assert.equal(JSON.parse(output.replace(/^\uFEFF/u, "")).scripts.s, "c");
        });
    }
});
