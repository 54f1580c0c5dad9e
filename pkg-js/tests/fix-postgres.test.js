/**
 * @file The idempotency fixes are right on a real PostgreSQL: migrations
 * written without any guard (`fixtures/fix-proof/`, one or more findings of
 * every idempotency rule) go through the real `supalint --fix`, then the
 * fixed files are applied twice, in order, to a throwaway cluster with the
 * Supabase stand-in, each file in one transaction as the Supabase CLI runs
 * it: both passes succeed. The same files unfixed apply once and then fail,
 * every one of them, on the second pass.
 */

import assert from "node:assert/strict";
import { cpSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { it } from "node:test";
import { applyMigration } from "../src/db/apply.js";
import { connect } from "../src/db/connect.js";
import { installStandin } from "../src/db/standin.js";
import { lintFiles } from "../src/index.js";
import { PACKAGE_DIR, jsonResults, makeProject, runCli } from "./helpers.js";
import { postgresOrSkip, sql, startCluster } from "./postgres-helpers.js";

const FIXTURE = path.join(PACKAGE_DIR, "tests/fixtures/fix-proof");
const MIGRATIONS = "supabase/migrations";

const IDEMPOTENCY_RULES = ["require-if-not-exists", "require-if-exists", "require-or-replace", "drop-before-create", "insert-on-conflict"];

/**
 * What the fixture must hold, as `ruleId messageId` and the start of the
 * message (the object kind): every case SPEC §3.2 lists.
 */
const COVERAGE = [
    ...["Table", "Index", "Schema", "Extension", "Sequence", "Materialized view"].map((kind) => ["require-if-not-exists missingIfNotExists", kind]),
    ["require-if-not-exists addColumn", "Column"],
    ["require-if-not-exists addValue", "Enum value"],
    ...["Table", "View", "Index", "Sequence", "Function", "Procedure", "Type", "Domain", "Schema", "Extension"].map((kind) => ["require-if-exists missingIfExists", kind]),
    ["require-if-exists missingIfExistsOnTable", "Trigger"],
    ["require-if-exists missingIfExistsOnTable", "Policy"],
    ["require-if-exists dropColumn", "Column"],
    ["require-if-exists dropConstraint", "Constraint"],
    ...["Function", "Procedure", "View"].map((kind) => ["require-or-replace missingOrReplace", kind]),
    ["require-or-replace trigger", "Trigger"],
    ["drop-before-create policy", "Policy"],
    ["drop-before-create typeOrDomain", "Type"],
    ["drop-before-create typeOrDomain", "Domain"],
    ["drop-before-create constraint", "Constraint"],
    ["drop-before-create publication", "Publication"],
    ["insert-on-conflict bucket", "Bucket"],
];

/**
 * The migrations of a project folder, in order, with their text.
 * @param {string} dir
 * @returns {{ name: string, text: string }[]}
 */
function migrations(dir) {
    const folder = path.join(dir, MIGRATIONS);
    return readdirSync(folder)
        .filter((name) => name.endsWith(".sql"))
        .sort()
        .map((name) => ({ name, text: readFileSync(path.join(folder, name), "utf8") }));
}

/**
 * A temporary copy of the fixture project.
 * @param {import("node:test").TestContext} t
 * @returns {string}
 */
function copyFixture(t) {
    const dir = makeProject(t, {});
    cpSync(FIXTURE, dir, { recursive: true });
    return dir;
}

it("the fix-proof fixture has a finding of every idempotency case, each with a fix", (t) => {
    const { results } = lintFiles([], { cwd: copyFixture(t), now: "2026-01-01T00:00:00Z" });
    const messages = results.flatMap((result) => result.messages).filter((m) => IDEMPOTENCY_RULES.includes(m.ruleId));
    for (const [rule, kind] of COVERAGE) {
        assert.ok(
            messages.some((m) => `${m.ruleId} ${m.messageId}` === rule && m.message.startsWith(`${kind} \``)),
            `no ${rule} finding for a ${kind}`,
        );
    }
    assert.deepEqual(
        messages.filter((m) => !m.fix).map((m) => `${m.ruleId}:${m.line}`),
        [],
        "every idempotency finding of the fixture has a fix",
    );
});

it("--fix makes the migrations apply twice to PostgreSQL; unfixed they fail the second time", { timeout: 180_000 }, async (t) => {
    const bin = postgresOrSkip(t);
    if (bin === null) {
        return;
    }
    const unfixed = migrations(FIXTURE);
    const dir = copyFixture(t);
    const run = runCli(["--fix", "--format", "json"], { cwd: dir });
    assert.equal(run.stderr, "", "no file is left untouched");
    const remaining = jsonResults(run).flatMap((result) => result.messages.map((m) => `${path.basename(result.filePath)}:${m.line} ${m.ruleId}`));
    assert.deepEqual(
        remaining.filter((entry) => IDEMPOTENCY_RULES.some((rule) => entry.endsWith(` ${rule}`))),
        [],
        "no idempotency finding is left",
    );
    const fixed = migrations(dir);
    assert.deepEqual(
        fixed.map((file) => file.name),
        unfixed.map((file) => file.name),
    );
    for (const [index, file] of fixed.entries()) {
        assert.notEqual(file.text, unfixed[index].text, `${file.name} was fixed`);
    }

    const cluster = await startCluster(t, bin);
    /**
     * Applies the files twice, in order, each in its own transaction, to a
     * new database with the stand-in; a failing file does not stop the pass.
     * @param {string} database
     * @param {{ name: string, text: string }[]} files
     * @returns {Promise<string[][]>} per pass, `name: error` of each file that failed
     */
    const applyTwice = async (database, files) => {
        await sql(cluster, "postgres", `create database ${database}`);
        const client = await connect(cluster.connection(database));
        try {
            const standin = await installStandin(client);
            assert.ok(standin.ok, JSON.stringify(standin));
            const passes = [];
            for (let pass = 0; pass < 2; pass++) {
                const failures = [];
                for (const file of files) {
                    const outcome = await applyMigration(client, file.text);
                    if (!outcome.ok) {
                        failures.push(`${file.name}: ${outcome.error.message}`);
                    }
                }
                passes.push(failures);
            }
            return passes;
        } finally {
            await client.end();
        }
    };

    const [fixedFirst, fixedSecond] = await applyTwice("fixed", fixed);
    assert.deepEqual(fixedFirst, [], "the fixed files apply on an empty database");
    assert.deepEqual(fixedSecond, [], "the fixed files apply again, over themselves");

    const [unfixedFirst, unfixedSecond] = await applyTwice("unfixed", unfixed);
    assert.deepEqual(unfixedFirst, [], "the unfixed files are valid SQL: they apply once");
    assert.deepEqual(
        unfixedSecond.map((failure) => failure.slice(0, failure.indexOf(":"))),
        unfixed.map((file) => file.name),
        `every unfixed file fails its second run:\n${unfixedSecond.join("\n")}`,
    );

    // The fixed database ends up as the unfixed one after its first pass.
    const shape = `select
        (select count(*)::int from pg_policies where tablename = 'notes') as note_policies,
        (select count(*)::int from pg_trigger where tgname = 'notes_touch') as triggers,
        (select count(*)::int from pg_constraint where conrelid = 'public.notes'::regclass and contype in ('c', 'f', 'u')) as constraints,
        (select count(*)::int from storage.buckets where id = 'note-images') as buckets,
        (select count(*)::int from pg_publication where pubname = 'note_changes') as publications,
        (select string_agg(enumlabel, ',' order by enumsortorder) from pg_enum where enumtypid = 'public.note_status'::regtype) as statuses,
        to_regclass('public.legacy_labels') is null as legacy_dropped,
        (select relrowsecurity from pg_class where oid = 'public.notes'::regclass) as notes_rls`;
    const [fixedShape] = await sql(cluster, "fixed", shape);
    assert.deepEqual(fixedShape, {
        note_policies: 1,
        triggers: 1,
        constraints: 3,
        buckets: 1,
        publications: 1,
        statuses: "draft,published,archived",
        legacy_dropped: true,
        notes_rls: true,
    });
});
