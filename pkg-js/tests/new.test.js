/**
 * @file `supalint new`: every template makes a migration that passes every
 * rule of the recommended preset (alone and with the others as history) and
 * applies twice to a real PostgreSQL with the Supabase stand-in; versions
 * never clash; descriptions are checked like file names.
 */

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { applyMigration } from "../src/db/apply.js";
import { connect } from "../src/db/connect.js";
import { installStandin } from "../src/db/standin.js";
import { lintText, rules } from "../src/index.js";
import { formatVersion } from "../src/cli/commands/new.js";
import { TEMPLATE_NAMES } from "../src/templates/index.js";
import { makeRepo } from "./git-helpers.js";
import { REPO_DIR, jsonResults, runCli } from "./helpers.js";
import { postgresOrSkip, startCluster } from "./postgres-helpers.js";

const MIGRATIONS = "supabase/migrations";

/** The admin function the templates' policies call (the project has it, as the example app does). */
const ADMIN_FUNCTION = readFileSync(path.join(REPO_DIR, "examples/apps/web/supabase/migrations/20240101100000_create_is_super_admin.sql"), "utf8");

/** One description per template, in the order a project would create them. */
const CASES = /** @type {const} */ ([
    ["table", "create_projects"],
    ["column", "add_status_to_projects"],
    ["policy", "add_projects_policies"],
    ["bucket", "create_avatars_bucket"],
    ["function", "create_archive_project_function"],
]);

/**
 * A repository with the recommended preset and the admin function.
 * @param {import("node:test").TestContext} t
 * @param {object} [config]
 * @returns {string}
 */
function project(t, config = { extends: "recommended" }) {
    return makeRepo(t, {
        "supalint.config.json": JSON.stringify(config),
        [`${MIGRATIONS}/20240101100000_create_is_super_admin.sql`]: ADMIN_FUNCTION,
    });
}

/**
 * Runs `supalint new` and returns the created file (absolute).
 * @param {string} dir
 * @param {string[]} args
 * @returns {{ file: string, stderr: string }}
 */
function create(dir, args) {
    const run = runCli(["new", ...args], { cwd: dir });
    assert.equal(run.status, 0, run.stderr);
    const shown = run.stdout.trim();
    assert.match(shown, new RegExp(`^${MIGRATIONS}/\\d{14}_${args[0]}\\.sql$`, "u"), "prints the new path, relative");
    return { file: path.join(dir, shown), stderr: run.stderr };
}

it("covers every template", () => {
    assert.deepEqual(
        CASES.map(([template]) => template),
        TEMPLATE_NAMES,
    );
});

describe("templates pass every recommended rule", () => {
    it("each alone and all together", (t) => {
        const dir = project(t);
        const recommended = rules().filter((rule) => rule.severity !== "off");
        t.diagnostic(`recommended preset of this engine: ${recommended.length} rules`);
        for (const [template, description] of CASES) {
            const { file, stderr } = create(dir, [description, "--template", template]);
            assert.equal(stderr, "", `${template}: nothing to report`);
            const text = readFileSync(file, "utf8");
            assert.match(text, /^-- Migration: /u, `${template}: opens with the header block`);
            const [result] = lintText(text, { cwd: dir, filePath: path.relative(dir, file), config: { extends: "recommended" } }).results;
            assert.deepEqual(result.messages, [], `${template} alone:\n${text}`);
        }
        const together = runCli(["--format", "json"], { cwd: dir });
        assert.equal(together.status, 0, together.stdout);
        const results = jsonResults(together);
        assert.equal(results.length, CASES.length + 1);
        assert.deepEqual(
            results.flatMap((result) => result.messages),
            [],
        );
    });

    it("follow the configuration: exposed schema, admin function (when it exists), revoked roles", (t) => {
        const dir = project(t, { extends: "recommended", exposedSchemas: ["api"], adminFunction: "api.is_admin", revokeRoles: ["anon", "authenticated", "app_reader"] });
        const table = readFileSync(create(dir, ["create_projects", "--template", "table"]).file, "utf8");
        assert.match(table, /^create table if not exists api\.projects \($/mu);
        // No migration creates api.is_admin(): the policies leave it out and say so.
        assert.match(table, /^ {4}using \(\(select auth\.uid\(\)\) = user_id\);$/mu);
        assert.match(table, /^-- No migration creates api\.is_admin\(\)/mu);
        assert.match(table, /^revoke all on api\.projects from anon, authenticated, service_role, app_reader;$/mu);
        const fn = readFileSync(create(dir, ["create_touch_function", "--template", "function"]).file, "utf8");
        assert.match(fn, /^revoke execute on function api\.touch\(uuid\) from public, anon;$/mu);

        const noAdmin = project(t, { extends: "recommended", adminFunction: null });
        const policy = readFileSync(create(noAdmin, ["add_projects_policies", "--template", "policy"]).file, "utf8");
        assert.ok(!policy.includes("is_super_admin"), policy);
        assert.match(policy, /using \(\(select auth\.uid\(\)\) = user_id\)$/mu);
    });

    it("quote names PostgreSQL reserves", (t) => {
        const dir = project(t);
        const text = readFileSync(create(dir, ["add_order_to_user", "--template", "column"]).file, "utf8");
        assert.match(text, /^alter table public\."user" add column if not exists "order" text;$/mu);
    });

    it("without --template, the header block alone", (t) => {
        const dir = project(t);
        const { file } = create(dir, ["add_notes"]);
        assert.equal(readFileSync(file, "utf8"), "-- Migration: add notes\n-- Describe the change: what it does, and why.\n\n");
    });
});

describe("versions", () => {
    it("UTC now, moved to the next free second on a clash, never overwriting", (t) => {
        const dir = project(t);
        const start = Date.now();
        // Every second of the next half minute is taken but one.
        const taken = Array.from({ length: 30 }, (_, i) => formatVersion(new Date(start + i * 1000)));
        const free = taken.splice(20, 1)[0];
        const clashing = makeRepo(t, {
            "supalint.config.json": JSON.stringify({ extends: "recommended" }),
            ...Object.fromEntries(taken.map((version) => [`${MIGRATIONS}/${version}_other_change.sql`, `-- Migration: ${version}\n-- x\n`])),
        });
        const { file } = create(clashing, ["add_notes"]);
        assert.equal(path.basename(file), `${free}_add_notes.sql`);
        assert.equal(readdirSync(path.join(clashing, MIGRATIONS)).length, 30, "no file replaced");

        const { file: next } = create(clashing, ["add_notes"]);
        assert.ok(path.basename(next) > `${taken.at(-1)}_add_notes.sql`, `${path.basename(next)} is after every taken version`);
        assert.equal(readFileSync(path.join(clashing, MIGRATIONS, `${taken[0]}_other_change.sql`), "utf8"), `-- Migration: ${taken[0]}\n-- x\n`);

        const own = create(dir, ["add_notes"]).file;
        const version = path.basename(own).slice(0, 14);
        assert.ok(version >= formatVersion(new Date(start)) && version <= formatVersion(new Date()), `${version} is now, in UTC`);
    });
});

describe("descriptions are checked like file names", () => {
    for (const [args, pattern] of /** @type {const} */ ([
        [["AddNotes"], /"AddNotes" is not lower snake_case .* use `add_notes`/u],
        [["add-notes"], /use `add_notes`/u],
        [["../escape"], /not lower snake_case/u],
        [["add", "notes"], /takes one description .* `add_notes`/u],
        [[], /needs a description/u],
        [["add_notes", "--template", "view"], /unknown template "view"; use one of table, column, policy, bucket, function/u],
    ])) {
        it(`rejects ${JSON.stringify(args)}, writing nothing`, (t) => {
            const dir = project(t);
            const run = runCli(["new", ...args], { cwd: dir });
            assert.equal(run.status, 2);
            assert.match(run.stderr, pattern);
            assert.equal(run.stdout, "");
            assert.deepEqual(readdirSync(path.join(dir, MIGRATIONS)), ["20240101100000_create_is_super_admin.sql"]);
        });
    }

    it("rejects what the linter's own naming rules reject (no-version-suffix)", (t) => {
        if (!rules().some((rule) => rule.id === "no-version-suffix")) {
            t.skip("the engine has no no-version-suffix rule yet");
            return;
        }
        const dir = project(t);
        const run = runCli(["new", "add_notes_v2"], { cwd: dir });
        assert.equal(run.status, 2);
        assert.match(run.stderr, /breaks the file-naming rules: .*\(no-version-suffix\)/u);
        assert.deepEqual(readdirSync(path.join(dir, MIGRATIONS)), ["20240101100000_create_is_super_admin.sql"]);
    });
});

it("templates apply twice to PostgreSQL with the Supabase stand-in", { timeout: 120_000 }, async (t) => {
    const bin = postgresOrSkip(t);
    if (bin === null) {
        return;
    }
    const dir = project(t);
    const files = CASES.map(([template, description]) => create(dir, [description, "--template", template]).file);
    const cluster = await startCluster(t, bin);
    const client = await connect(cluster.connection());
    t.after(() => client.end());
    const standin = await installStandin(client);
    assert.ok(standin.ok, JSON.stringify(standin));

    const apply = async (/** @type {string} */ name, /** @type {string} */ text) => {
        const outcome = await applyMigration(client, text);
        assert.ok(outcome.ok, `${name}: ${JSON.stringify(outcome)}`);
    };
    await apply("is_super_admin", ADMIN_FUNCTION);
    for (const file of files) {
        const text = readFileSync(file, "utf8");
        await apply(`${path.basename(file)}, first time`, text);
        await apply(`${path.basename(file)}, second time`, text);
    }
    for (const file of files) {
        await apply(`${path.basename(file)}, after all the others`, readFileSync(file, "utf8"));
    }

    const { rows } = await client.query(
        "select (select count(*)::int from pg_policies where tablename = 'projects') as project_policies," +
            " (select count(*)::int from pg_policies where tablename = 'objects' and policyname like 'avatars\\_%') as bucket_policies," +
            " (select relrowsecurity from pg_class where oid = 'public.projects'::regclass) as rls," +
            " (select public from storage.buckets where id = 'avatars') as public_bucket," +
            " has_function_privilege('anon', 'public.archive_project(uuid)', 'execute') as anon_executes," +
            " has_function_privilege('authenticated', 'public.archive_project(uuid)', 'execute') as user_executes," +
            " has_table_privilege('anon', 'public.projects', 'select') as anon_selects",
    );
    // The policy template replaces the table template's SELECT and UPDATE policies.
    assert.deepEqual(rows[0], {
        project_policies: 4,
        bucket_policies: 4,
        rls: true,
        public_bucket: false,
        anon_executes: false,
        user_executes: true,
        anon_selects: false,
    });

    // The function's permission check turns away a caller without a user id.
    await client.query("begin; set local role authenticated");
    await assert.rejects(client.query("select public.archive_project(gen_random_uuid())"), { code: "42501", message: /permission denied for function archive_project/u });
    await client.query("rollback");
});
