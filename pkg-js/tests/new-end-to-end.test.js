/**
 * @file `supalint new` end to end, as a new user meets it: `init` in an
 * empty project, then `new` with each template, then `verify` on a real
 * PostgreSQL and a lint. A template calls the admin function only when the
 * migrations create it: in a project made by `init` alone it leaves the
 * call out and says so in the file; in the house project (`../shared/house`,
 * which creates `public.is_super_admin()`) it calls it, and the result
 * applies on top of the house's migrations.
 */

import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { TEMPLATE_NAMES } from "../src/templates/index.js";
import { makeRepo } from "./git-helpers.js";
import { REPO_DIR, jsonResults, runCli } from "./helpers.js";
import { postgresOrSkip, runCliAsync } from "./postgres-helpers.js";

const MIGRATIONS = "supabase/migrations";

/** The house project: `SUPALINT_HOUSE`, or `shared/house` beside the repository. */
const HOUSE_DIR = process.env.SUPALINT_HOUSE ?? path.join(REPO_DIR, "..", "shared", "house");

/** One description per template, in the order a project would create them. */
const CASES = /** @type {const} */ ([
    ["table", "create_projects"],
    ["column", "add_status_to_projects"],
    ["policy", "add_projects_policies"],
    ["bucket", "create_avatars_bucket"],
    ["function", "create_archive_project_function"],
]);

/** The templates whose policies would call the admin function. */
const WITH_POLICIES = new Set(["table", "policy", "bucket"]);

/**
 * Runs `supalint new` with each template and returns the files, by template.
 * @param {string} dir
 * @returns {Map<string, { text: string, stderr: string }>}
 */
function createEach(dir) {
    const created = new Map();
    for (const [template, description] of CASES) {
        const run = runCli(["new", description, "--template", template], { cwd: dir });
        assert.equal(run.status, 0, run.stderr);
        created.set(template, { text: readFileSync(path.join(dir, run.stdout.trim()), "utf8"), stderr: run.stderr });
    }
    return created;
}

/**
 * Applies every migration twice on a scratch PostgreSQL (`supalint verify`).
 * @param {string} dir
 * @param {number} count how many migrations the project has
 * @returns {Promise<void>}
 */
async function assertVerifies(dir, count) {
    const run = await runCliAsync(["verify"], { cwd: dir });
    assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
    assert.match(run.stdout, new RegExp(`^Verified ${count} migrations .*every one applied both times\\.$`, "mu"));
}

/**
 * Every file below a folder, by path relative to it.
 * @param {string} root
 * @returns {Record<string, string>}
 */
function filesBelow(root) {
    /** @type {Record<string, string>} */
    const files = {};
    const walk = (/** @type {string} */ relative) => {
        for (const name of readdirSync(path.join(root, relative))) {
            const child = path.join(relative, name);
            if (statSync(path.join(root, child)).isDirectory()) {
                walk(child);
            } else {
                files[child] = readFileSync(path.join(root, child), "utf8");
            }
        }
    };
    walk("");
    return files;
}

it("covers every template", () => {
    assert.deepEqual(
        CASES.map(([template]) => template),
        TEMPLATE_NAMES,
    );
});

describe("a project made by `supalint init` alone", () => {
    it("gets templates that lint clean, call no missing helper, and apply twice", { timeout: 120_000 }, async (t) => {
        const dir = makeRepo(t, { "package.json": '{ "name": "app" }\n', [`${MIGRATIONS}/.gitkeep`]: "" });
        const init = runCli(["init"], { cwd: dir });
        assert.equal(init.status, 0, init.stderr);

        const created = createEach(dir);
        for (const [template, { text, stderr }] of created) {
            assert.equal(stderr, "", `${template}: nothing to report`);
            const code = text.replace(/^--.*$/gmu, "");
            assert.ok(!code.includes("is_super_admin"), `${template} calls no missing function:\n${text}`);
            if (WITH_POLICIES.has(template)) {
                assert.match(text, /^-- No migration creates public\.is_super_admin\(\), so these policies leave super admins out/mu, template);
                assert.match(text, /^-- a missing function would fail\)\. Once it exists, add `or public\.is_super_admin\(\)` to each condition\.$/mu);
            }
        }
        const lint = runCli(["--format", "json"], { cwd: dir });
        assert.equal(lint.status, 0, lint.stdout);
        assert.deepEqual(
            jsonResults(lint).flatMap((result) => result.messages),
            [],
        );

        const bin = postgresOrSkip(t);
        if (bin !== null) {
            await assertVerifies(dir, CASES.length);
        }
    });

    it("calls the helper once a migration creates it", (t) => {
        const helper = readFileSync(path.join(REPO_DIR, "examples/apps/web/supabase/migrations/20240101100000_create_is_super_admin.sql"), "utf8");
        const dir = makeRepo(t, { "package.json": '{ "name": "app" }\n', [`${MIGRATIONS}/20240101100000_create_is_super_admin.sql`]: helper });
        assert.equal(runCli(["init"], { cwd: dir }).status, 0);
        const table = createEach(dir).get("table")?.text ?? "";
        assert.match(table, /^ {4}using \(\(select auth\.uid\(\)\) = user_id or public\.is_super_admin\(\)\);$/mu);
        assert.doesNotMatch(table, /No migration creates/u);
    });

    it("leaves the helper out again once a migration drops it", (t) => {
        const dir = makeRepo(t, {
            "package.json": '{ "name": "app" }\n',
            [`${MIGRATIONS}/20240101100000_create_is_super_admin.sql`]:
                "-- Migration: add the admin check\n-- x\ncreate or replace function public.is_super_admin() returns boolean language sql set search_path = '' as $$ select false $$;\n",
            [`${MIGRATIONS}/20240102100000_drop_is_super_admin.sql`]: "-- Migration: drop the admin check\n-- x\ndrop function if exists public.is_super_admin();\n",
        });
        assert.equal(runCli(["init"], { cwd: dir }).status, 0);
        assert.match(createEach(dir).get("policy")?.text ?? "", /^-- No migration creates public\.is_super_admin\(\)/mu);
    });
});

describe("the house project", () => {
    it("gets templates in its style that call its helper and apply on top of its migrations", { timeout: 180_000 }, async (t) => {
        let files;
        try {
            files = filesBelow(HOUSE_DIR);
        } catch (error) {
            assert.ok(!process.env.CI, `the house project is missing at ${HOUSE_DIR} (CI needs it)`);
            t.skip(`no house project at ${HOUSE_DIR}: ${error}`);
            return;
        }
        const dir = makeRepo(t, files);
        const before = readdirSync(path.join(dir, MIGRATIONS)).length;
        const created = createEach(dir);
        for (const [template, { text }] of created) {
            if (WITH_POLICIES.has(template)) {
                assert.match(text, /\bor public\.is_super_admin\(\)/u, `${template} lets super admins in:\n${text}`);
                assert.doesNotMatch(text, /No migration creates/u);
            }
        }
        // The house registers its buckets: a new one is the single thing left to do, and `new` says so.
        assert.match(created.get("bucket")?.stderr ?? "", /`avatars`.*\(storage-bucket-registered\)/u);
        const lint = jsonResults(runCli(["--format", "json"], { cwd: dir }));
        assert.deepEqual(
            lint.flatMap((result) => result.messages.map((message) => `${path.basename(result.filePath)}: ${message.ruleId}`)),
            [`${readdirSync(path.join(dir, MIGRATIONS)).find((name) => name.endsWith("_create_avatars_bucket.sql"))}: storage-bucket-registered`],
        );

        const bin = postgresOrSkip(t);
        if (bin !== null) {
            await assertVerifies(dir, before + CASES.length);
        }
    });
});
