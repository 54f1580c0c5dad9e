/**
 * @file Agreement between `verify` and the static idempotency rules on the
 * real-world migrations of `../shared/corpus`: every file that applies once
 * on the Supabase stand-in is applied a second time, and the verdict is set
 * against the linter's idempotency findings for that file. Prints the
 * confusion table. Every file PostgreSQL rejects the second time must have an
 * idempotency finding, except:
 * - failures SPEC §3.2 assigns to a rule the engine does not have yet
 *   (printed as pending, so the test tightens as rules land), and
 * - the cases listed in `EXCEPTIONS`, each with its reason.
 * Skipped, with the reason printed, when the corpus is absent.
 */

import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { connect } from "../src/db/connect.js";
import { listMigrations } from "../src/db/migration-files.js";
import { splitStatements } from "../src/db/statements.js";
import { prepareDatabase } from "../src/db/verify-database.js";
import { verifyMigrations } from "../src/db/verify.js";
import { lintFiles, rules } from "../src/index.js";
import { REPO_DIR } from "./helpers.js";
import { postgresOrSkip, startCluster } from "./postgres-helpers.js";

/** The corpus: `../shared/corpus` from the repository root. */
const CORPUS = path.resolve(REPO_DIR, "..", "shared", "corpus");

/**
 * Files PostgreSQL rejects the second time that no SPEC §3.2 rule covers,
 * by `<corpus folder>/<file>`, with the reason.
 * @type {Record<string, string>}
 */
const EXCEPTIONS = {
    "onlook-dev__onlook/0000_same_human_robot.sql":
        "its `DO` block guards `CREATE TYPE \"public\".\"message_role\"` with `IF NOT EXISTS (… typname = 'role')`: the guard tests another name, so the second run fails. SPEC §3.2 counts a guarding `DO` block as idempotent; matching the guard to the created name is beyond the static rules.",
    "supabase-community__postgres-new/20240807150202_rename_publish_waitlist.sql":
        "`ALTER TABLE … RENAME TO` fails once the old name is gone; renaming is a safety rule (`renaming-table`), not an idempotency one, and Postgres has no `IF EXISTS` form that makes a rename repeatable.",
};

/**
 * Which SPEC §3.2 rule covers a statement that fails when applied twice,
 * from its leading words; null when none does.
 * @param {string} statement
 * @returns {string | null}
 */
function expectedRule(statement) {
    const head = statement
        .replace(/--[^\n]*|\/\*[\s\S]*?\*\//gu, " ")
        .replace(/\s+/gu, " ")
        .trim()
        .toLowerCase();
    const table = "(?:only )?[\\w.\"]+(?: \\*)?";
    const patterns = /** @type {[RegExp, string][]} */ ([
        [/^create policy /u, "drop-before-create"],
        [/^create (?:constraint )?trigger /u, "require-or-replace"],
        [/^create (?:type|domain|publication) /u, "drop-before-create"],
        [new RegExp(`^alter table (?:if exists )?${table} add constraint `, "u"), "drop-before-create"],
        [/^insert into (?:storage|"storage")\.(?:buckets|"buckets")(?=[\s(]|$)/u, "insert-on-conflict"],
        [/^create (?:unique )?index /u, "require-if-not-exists"],
        [/^create (?:(?:temp|temporary|unlogged) )?(?:table|schema|extension|sequence|materialized view) /u, "require-if-not-exists"],
        [new RegExp(`^alter table (?:if exists )?${table} add (?:column )?`, "u"), "require-if-not-exists"],
        [/^alter type [\w."]+ add value /u, "require-if-not-exists"],
        [/^drop /u, "require-if-exists"],
        [new RegExp(`^alter table (?:if exists )?${table} drop (?:column|constraint) `, "u"), "require-if-exists"],
        [/^create (?:function|procedure|view) /u, "require-or-replace"],
    ]);
    return patterns.find(([pattern]) => pattern.test(head))?.[1] ?? null;
}

/**
 * The corpus's migration folders: each top-level folder, or its subfolders
 * when it has them (one per example project).
 * @returns {string[]}
 */
function migrationFolders() {
    const folders = [];
    for (const name of readdirSync(CORPUS).sort()) {
        const dir = path.join(CORPUS, name);
        if (!statSync(dir).isDirectory()) {
            continue;
        }
        const subfolders = readdirSync(dir)
            .sort()
            .map((sub) => path.join(dir, sub))
            .filter((sub) => statSync(sub).isDirectory());
        folders.push(...(subfolders.length > 0 ? subfolders : [dir]));
    }
    return folders;
}

test("verify's not-idempotent verdicts agree with the idempotency rules on the corpus", { timeout: 240_000 }, async (t) => {
    if (!existsSync(CORPUS)) {
        const reason = `corpus not found at ${CORPUS}`;
        process.stdout.write(`# skipped: ${reason}\n`);
        t.skip(reason);
        return;
    }
    const bin = postgresOrSkip(t);
    if (bin === null) {
        return;
    }
    const started = Date.now();
    const cluster = await startCluster(t, bin);
    const admin = await connect(cluster.connection());
    t.after(() => admin.end());
    const registered = new Set(rules().map((rule) => rule.id));
    const idempotencyRules = new Set(rules().filter((rule) => rule.category === "idempotency").map((rule) => rule.id));

    const counts = { both: 0, verifyOnly: 0, lintOnly: 0, neither: 0, notApplied: 0 };
    /** @type {string[]} */
    const unexplained = [];
    /** @type {string[]} */
    const pending = [];
    /** @type {string[]} */
    const listed = [];
    /** @type {string[]} */
    const lintOnly = [];
    /** @type {string[]} */
    const cleanRepos = [];

    for (const [index, folder] of migrationFolders().entries()) {
        const migrations = listMigrations(folder);
        if (migrations.length === 0) {
            continue;
        }
        const label = path.relative(CORPUS, folder);
        const database = `corpus_${index}`;
        await admin.query(`create database ${database}`);
        const { client } = await prepareDatabase(cluster.connection(database), []);
        const inputs = migrations.map((migration) => ({
            path: `supabase/migrations/${migration.fileName}`,
            text: readFileSync(migration.file, "utf8"),
        }));
        let results;
        try {
            results = await verifyMigrations(client, inputs);
        } finally {
            await client.end();
            await admin.query(`drop database ${database}`);
        }
        const report = lintFiles(inputs, {
            cwd: "/corpus-project",
            config: { extends: "recommended", migrationsDir: "supabase/migrations" },
            inlineConfig: false,
        });
        const findings = new Map(
            report.results.map((result) => [
                path.posix.relative("/corpus-project", result.filePath.split(path.sep).join("/")),
                result.messages.filter((message) => idempotencyRules.has(message.ruleId)).map((message) => message.ruleId),
            ]),
        );
        if (results.every((result) => result.status !== "failed")) {
            cleanRepos.push(label);
        }
        for (const [position, result] of results.entries()) {
            const name = `${label}/${path.basename(result.path)}`;
            if (result.status === "failed" || result.status === "unreadable") {
                counts.notApplied += 1;
                continue;
            }
            const flagged = (findings.get(result.path) ?? []).length > 0;
            if (result.status === "applied") {
                counts[flagged ? "lintOnly" : "neither"] += 1;
                if (flagged) {
                    lintOnly.push(`${name}: ${[...new Set(findings.get(result.path))].join(", ")}`);
                }
                continue;
            }
            if (flagged) {
                counts.both += 1;
                continue;
            }
            counts.verifyOnly += 1;
            const second = result.second;
            assert.ok(second !== undefined && !second.ok);
            const text = inputs[position].text;
            const offset = second.location?.offset ?? -1;
            const span = splitStatements(text).find((candidate) => candidate.tokenStart <= offset && offset < candidate.end);
            const statement = span === undefined ? "" : text.slice(span.tokenStart, span.end);
            const rule = expectedRule(statement);
            const where = `${name}:${second.location?.line ?? "?"}: ${second.error.message}`;
            if (EXCEPTIONS[name] !== undefined) {
                listed.push(`${where} (${EXCEPTIONS[name]})`);
            } else if (rule !== null && !registered.has(rule)) {
                pending.push(`${where} [${rule}]`);
            } else {
                unexplained.push(`${where} [${rule ?? "no SPEC rule"}] | ${statement.split("\n")[0].slice(0, 100)}`);
            }
        }
    }

    const judged = counts.both + counts.verifyOnly + counts.lintOnly + counts.neither;
    const lines = [
        `verify vs. idempotency rules on ${CORPUS} (${judged} files applied once; ${counts.notApplied} not applied on the stand-in) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        "",
        "                          | idempotency finding | no finding",
        `  second application fails | ${String(counts.both).padStart(19)} | ${String(counts.verifyOnly).padStart(10)}`,
        `  second application passes| ${String(counts.lintOnly).padStart(19)} | ${String(counts.neither).padStart(10)}`,
        "",
        `Repositories whose files all apply on the stand-in: ${cleanRepos.join(", ") || "none"}.`,
        `Not idempotent, no finding, rule not in the engine yet (${pending.length}):`,
        ...pending.map((line) => `  ${line}`),
        `Not idempotent, no finding, listed exceptions (${listed.length}):`,
        ...listed.map((line) => `  ${line}`),
        `Flagged, yet applied twice (${lintOnly.length}):`,
        ...lintOnly.map((line) => `  ${line}`),
    ];
    for (const line of lines) {
        t.diagnostic(line);
    }

    assert.ok(judged > 50, `only ${judged} corpus files applied on the stand-in`);
    assert.deepEqual(unexplained, [], "files that fail their second application with no idempotency finding and no listed reason");
    const staleExceptions = Object.keys(EXCEPTIONS).filter((name) => !listed.some((line) => line.startsWith(`${name}:`)));
    if (staleExceptions.length > 0) {
        t.diagnostic(`Listed exceptions no longer needed: ${staleExceptions.join(", ")}`);
    }
});
