/**
 * @file `--fix` and `--fix-dry-run` as a user meets them: which rules fix and
 * which only suggest, the summary of what was fixed and what remains, the
 * `output` of a dry run, a file whose fixes are refused, suggestions never
 * applied, line endings of inserted statements, a second run that changes
 * nothing, a file changed by another process during the run (skipped), and
 * `pnpm lint:migrations --fix` on a copy of `examples/`.
 */

import assert from "node:assert/strict";
import { chmodSync, cpSync, existsSync, lstatSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { fixText, lintText, rules } from "../src/index.js";
import { GOOD_NAME, REPO_DIR, jsonResults, makeProject, runCli } from "./helpers.js";

const MIGRATIONS = "supabase/migrations";
const MIGRATION = `${MIGRATIONS}/20240102120000_create_tags.sql`;

/** The rules SPEC §3.2, §3.3, §3.5 and §3.6 mark `fix` (a safe autofix for `--fix`). */
const SPEC_FIX_RULES = [
    "require-if-not-exists",
    "require-if-exists",
    "require-or-replace",
    "drop-before-create",
    "insert-on-conflict",
    "rls-enabled",
    "auth-function-initplan",
    "view-security-invoker",
    "ban-char-field",
    "prefer-timestamptz",
    "prefer-bigint-over-int",
    "prefer-bigint-over-smallint",
    "schema-qualified-names",
].sort();

/**
 * The rule ids SPEC.md marks `fix`: table rows `| id | sev | fix |` and the
 * `(W, fix…)` entries of §3.5.
 * @param {string} spec
 * @returns {string[]}
 */
function specFixRules(spec) {
    const rows = [...spec.matchAll(/^\| `([a-z-]+)` \| [^|]+ \| fix \|/gmu)].map((match) => match[1]);
    const prose = [...spec.matchAll(/`([a-z-]+)` \([EW], fix\b/gu)].map((match) => match[1]);
    return [...rows, ...prose].sort();
}

/**
 * A temporary project whose migrations folder holds `files`.
 * @param {import("node:test").TestContext} t
 * @param {Record<string, string>} files by migration file name
 * @returns {string}
 */
function migrationsProject(t, files) {
    return makeProject(t, Object.fromEntries(Object.entries(files).map(([name, text]) => [`${MIGRATIONS}/${name}`, text])));
}

/** One fixable problem (`require-if-not-exists`) and nothing else. */
const INDEX_SQL = `-- Migration: index public.notes by owner
-- Listing a user's notes reads this index.

create index notes_owner_idx on public.notes (owner_id);
`;

/** Fixable (`require-if-exists`) and unfixable (`ban-drop-table`) problems. */
const MIXED_SQL = `-- Migration: drop public.old_tags
-- The tags moved to public.tags.

drop table public.old_tags;
`;

/** A policy whose disable directive the inserted `DROP POLICY` would cut off from it. */
const DIRECTIVE_SQL = `-- Migration: a public read policy on public.notes
-- Everyone may read the notes.

-- supalint-disable-next-line policy-roles -- reviewed: public read is intended
create policy notes_read on public.notes for select using (true);
`;

/** A security definer function without \`SET search_path\`. */
const DEFINER_SQL = `-- Migration: public.delete_note
-- Deleting a note through a function.

create or replace function public.delete_note(note_id bigint) returns void
  language sql security definer
  as $$ delete from public.notes where id = note_id $$;
`;

describe("fixable rules", () => {
    it("the rules SPEC.md marks `fix` are the engine's fixable rules", () => {
        assert.deepEqual(
            rules()
                .filter((rule) => rule.fixable === "fix")
                .map((rule) => rule.id)
                .sort(),
            SPEC_FIX_RULES,
        );
        const specFile = path.resolve(REPO_DIR, "../shared/SPEC.md");
        if (existsSync(specFile)) {
            assert.deepEqual(specFixRules(readFileSync(specFile, "utf8")), SPEC_FIX_RULES, "the list above follows SPEC.md");
        }
    });

    it("each fixable rule's invalid examples get fixed; a suggestion is offered but never applied", () => {
        const fixing = rules().filter((rule) => rule.fixable !== null);
        for (const id of ["security-definer-search-path", "function-search-path"]) {
            assert.ok(fixing.some((rule) => rule.id === id && rule.fixable === "suggestion"), `${id} suggests`);
        }
        for (const rule of fixing) {
            const config = { extends: /** @type {const} */ ("none"), rules: { [rule.id]: /** @type {const} */ ("error") } };
            const invalid = rule.examples.filter((example) => !example.valid);
            assert.ok(invalid.length > 0, `${rule.id} has an invalid example`);
            for (const example of invalid) {
                const { results } = lintText(example.code, { filePath: MIGRATION, config });
                const found = results[0].messages.filter((m) => m.ruleId === rule.id);
                assert.ok(found.length > 0, `${rule.id}: its example is flagged`);
                const fixed = fixText(example.code, { filePath: MIGRATION, config });
                if (rule.fixable === "fix") {
                    assert.ok(found.every((m) => m.fix), `${rule.id}: every finding of its example has a fix`);
                    assert.equal(fixed.fixed, true, `${rule.id}: --fix changes its example`);
                    assert.deepEqual(
                        fixed.messages.filter((m) => m.ruleId === rule.id),
                        [],
                        `${rule.id}: the fixed example is clean`,
                    );
                } else {
                    assert.ok(found.every((m) => !m.fix && (m.suggestions?.length ?? 0) > 0), `${rule.id}: suggestions only`);
                    assert.equal(fixed.fixed, false, `${rule.id}: --fix leaves its example alone`);
                    for (const suggestion of found.flatMap((m) => m.suggestions ?? [])) {
                        const [start, end] = suggestion.fix.range;
                        const applied = example.code.slice(0, start) + suggestion.fix.text + example.code.slice(end);
                        const again = lintText(applied, { filePath: MIGRATION, config }).results[0].messages;
                        assert.deepEqual(again, [], `${rule.id}: applying "${suggestion.desc}" resolves it:\n${applied}`);
                    }
                }
            }
        }
    });
});

describe("--fix on the command line", () => {
    it("says how many problems were fixed and how many remain", (t) => {
        const dir = migrationsProject(t, { [GOOD_NAME]: INDEX_SQL, "20240102120000_drop_old_tags.sql": MIXED_SQL });
        const run = runCli(["--fix"], { cwd: dir });
        assert.equal(run.status, 0, run.stderr);
        assert.equal(run.stderr, "");
        assert.match(run.stdout, /^ {2}4:22 {2}warning {2}Dropping table `public\.old_tags` .* {2}ban-drop-table$/mu);
        assert.match(run.stdout, /\n\n✔ 2 problems fixed\n✖ 1 problem \(0 errors, 1 warning\)\n$/u);

        const clean = migrationsProject(t, { [GOOD_NAME]: INDEX_SQL });
        const all = runCli(["--fix"], { cwd: clean });
        assert.equal(all.status, 0, all.stderr);
        assert.equal(all.stdout, "\n✔ 1 problem fixed; none remain\n");
    });

    it("--fix-dry-run writes nothing: json `output` and `fixedCount`, a stylish summary that says so", (t) => {
        const dir = migrationsProject(t, { [GOOD_NAME]: INDEX_SQL, "20240102120000_drop_old_tags.sql": MIXED_SQL });
        const file = path.join(dir, MIGRATIONS, "20240102120000_drop_old_tags.sql");
        const json = runCli(["--fix-dry-run", "--format", "json"], { cwd: dir });
        assert.equal(json.status, 0, json.stderr);
        const result = jsonResults(json).find((r) => r.filePath === file);
        assert.equal(result?.output, MIXED_SQL.replace("drop table public", "drop table if exists public"));
        assert.equal(result?.fixedCount, 1);
        assert.deepEqual(
            result?.messages.map((m) => m.ruleId),
            ["ban-drop-table"],
        );
        const stylish = runCli(["--fix-dry-run"], { cwd: dir });
        assert.match(stylish.stdout, /\n✔ 2 problems would be fixed \(--fix-dry-run writes nothing\)\n✖ 1 problem/u);
        assert.equal(readFileSync(file, "utf8"), MIXED_SQL);
        assert.equal(readFileSync(path.join(dir, MIGRATIONS, GOOD_NAME), "utf8"), INDEX_SQL);
    });

    it("leaves a file untouched when its fixed text would have more problems, and says why", (t) => {
        // The `DROP POLICY` the fix inserts would come between the directive and the policy.
        const dir = migrationsProject(t, { "20240102120000_read_notes.sql": DIRECTIVE_SQL, "20240103120000_index_notes.sql": INDEX_SQL });
        const refused = path.join(dir, MIGRATIONS, "20240102120000_read_notes.sql");
        const run = runCli(["--fix"], { cwd: dir });
        const reason = /the fixed text would have more problems \((\d+) instead of (\d+)\)/u;
        const [line, ...rest] = run.stderr.split("\n");
        assert.deepEqual(rest, [""], run.stderr);
        assert.ok(line.startsWith(`supalint: left ${refused} untouched, none of its fixes applied: `), run.stderr);
        assert.match(line, reason);
        assert.equal(readFileSync(refused, "utf8"), DIRECTIVE_SQL, "byte for byte");
        assert.match(readFileSync(path.join(dir, MIGRATIONS, "20240103120000_index_notes.sql"), "utf8"), /create index if not exists notes_owner_idx/u);
        assert.match(run.stdout, /^ {2}5:15 {2}error {2}Policy `notes_read` .* {2}drop-before-create$/mu, "its problems are still reported");
        assert.match(run.stdout, /\n✔ 1 problem fixed\n✖ \d+ problems? \(/u);

        const dry = runCli(["--fix-dry-run", "--format", "json"], { cwd: dir });
        const result = jsonResults(dry).find((r) => r.filePath === refused);
        assert.equal(result?.output, undefined);
        assert.match(result?.fixRefused ?? "", reason);
        assert.match(dry.stderr, /untouched/u);
    });

    it("never applies a suggestion", (t) => {
        const dir = migrationsProject(t, { [GOOD_NAME]: INDEX_SQL, "20240102120000_create_delete_note.sql": DEFINER_SQL });
        const file = path.join(dir, MIGRATIONS, "20240102120000_create_delete_note.sql");
        const run = runCli(["--fix", "--format", "json"], { cwd: dir });
        assert.equal(run.stderr, "");
        assert.equal(readFileSync(file, "utf8"), DEFINER_SQL);
        const result = jsonResults(run).find((r) => r.filePath === file);
        assert.equal(result?.output, undefined);
        const message = result?.messages.find((m) => m.ruleId === "security-definer-search-path");
        assert.equal(message?.fix, undefined);
        assert.deepEqual(
            message?.suggestions?.map((s) => s.fix.text),
            ["set search_path = '' "],
        );
    });

    it("keeps CRLF line breaks, a byte-order mark and the mode in inserted statements; a second run changes nothing", (t) => {
        const crlf = `\uFEFF-- Migration: create public.labels\r\n-- Labels with a policy, a type and a constraint.\r\n\r\n${[
            "create type public.label_kind as enum ('user', 'system');",
            "create table public.labels (id bigint primary key, kind public.label_kind not null, owner_id uuid not null);",
            "alter table public.labels add constraint labels_kind_check check (kind is not null);",
            "create policy labels_read on public.labels for select to authenticated using (owner_id = auth.uid());",
        ].join("\r\n")}\r\n`;
        const dir = migrationsProject(t, { [GOOD_NAME]: crlf });
        const file = path.join(dir, MIGRATIONS, GOOD_NAME);
        chmodSync(file, 0o640);
        const run = runCli(["--fix"], { cwd: dir });
        // Six fixes; enabling row-level security also resolves `policy-without-rls`.
        assert.match(run.stdout, /✔ 7 problems fixed\n/u, run.stdout + run.stderr);
        const fixed = readFileSync(file, "utf8");
        assert.ok(fixed.startsWith("\uFEFF-- Migration"), "the byte-order mark is kept");
        assert.equal(fixed.replaceAll("\r\n", "").includes("\n"), false, JSON.stringify(fixed));
        for (const inserted of ["alter table public.labels enable row level security;", "drop policy if exists labels_read on public.labels;", "exception when duplicate_object then null;"]) {
            assert.ok(fixed.includes(`\r\n${inserted}\r\n`), `${inserted} sits on its own CRLF line`);
        }
        assert.equal(statSync(file).mode & 0o777, 0o640);
        assert.deepEqual(readdirSync(path.dirname(file)), [GOOD_NAME], "no temporary file is left");

        const again = runCli(["--fix"], { cwd: dir });
        assert.equal(readFileSync(file, "utf8"), fixed, "a second --fix changes nothing");
        assert.doesNotMatch(again.stdout, /fixed/u);
        assert.deepEqual(
            jsonResults(runCli(["--fix-dry-run", "--format", "json"], { cwd: dir })).map((r) => r.output),
            [undefined],
        );
    });

    it("writes a symlinked migration through to its target, and the link stays a link", (t) => {
        const dir = makeProject(t, { "shared/index.sql": INDEX_SQL, [`${MIGRATIONS}/.keep`]: "" });
        const link = path.join(dir, MIGRATION);
        symlinkSync(path.join("..", "..", "shared", "index.sql"), link);
        const run = runCli(["--fix"], { cwd: dir });
        assert.equal(run.status, 0, run.stdout + run.stderr);
        assert.ok(lstatSync(link).isSymbolicLink(), "the link was replaced by a regular file");
        assert.match(readFileSync(path.join(dir, "shared/index.sql"), "utf8"), /create index if not exists notes_owner_idx/u);
        assert.deepEqual(readdirSync(path.join(dir, "shared")), ["index.sql"], "no temporary file is left");
    });

    it("refuses read-only migrations, says which, and writes nothing", (t) => {
        const dir = migrationsProject(t, { [GOOD_NAME]: INDEX_SQL, "20240102120000_create_tags.sql": INDEX_SQL.replaceAll("notes", "tags") });
        const locked = path.join(dir, MIGRATION);
        chmodSync(locked, 0o444);
        const run = runCli(["--fix"], { cwd: dir });
        assert.equal(run.status, 2, run.stdout + run.stderr);
        assert.match(run.stderr, /supalint: .*supabase\/migrations\/20240102120000_create_tags\.sql is read-only/u);
        assert.equal(readFileSync(locked, "utf8"), INDEX_SQL.replaceAll("notes", "tags"));
        assert.equal(readFileSync(path.join(dir, MIGRATIONS, GOOD_NAME), "utf8"), INDEX_SQL, "no file is fixed when one cannot be");
        assert.equal(statSync(locked).mode & 0o777, 0o444);
    });

    it("skips and reports a file another process changed while it ran, and writes the others", async (t) => {
        // 120 files, so that the CLI shows progress on a terminal: the "linting" line comes after
        // every file was read and before any fix is written, which is when the editor saves.
        /** @type {Record<string, string>} */
        const files = {};
        for (let index = 0; index < 120; index += 1) {
            files[`20240101${String(index).padStart(6, "0")}_index_${index}.sql`] = INDEX_SQL.replaceAll("notes", `notes_${index}`);
        }
        const dir = migrationsProject(t, files);
        const edited = path.join(dir, MIGRATIONS, "20240101000007_index_7.sql");
        const other = path.join(dir, MIGRATIONS, "20240101000008_index_8.sql");
        const saved = "-- Migration: the user's own edit, saved mid-run\nselect 1;\n";
        let stderr = "";
        const { run } = await import("../src/cli/run.js");
        const status = await run(["--fix"], {
            stdout: /** @type {any} */ ({ write: () => true }),
            stderr: /** @type {any} */ ({
                isTTY: true,
                write: (/** @type {string} */ text) => {
                    if (text.includes("linting") && readFileSync(edited, "utf8") !== saved) {
                        writeFileSync(edited, saved);
                    }
                    stderr += text;
                    return true;
                },
            }),
            readStdin: async () => new Uint8Array(),
            cwd: dir,
            env: {},
        });
        assert.equal(readFileSync(edited, "utf8"), saved, "the other process's change is kept");
        assert.match(readFileSync(other, "utf8"), /create index if not exists notes_8_owner_idx/u, "the other files are fixed");
        assert.match(stderr, /supalint: left supabase\/migrations\/20240101000007_index_7\.sql untouched: another process changed it while supalint ran/u);
        assert.equal(status, 1, "a fix left unwritten is not success");
        assert.deepEqual(readdirSync(path.join(dir, MIGRATIONS)).filter((name) => name.endsWith(".tmp")), [], "no temporary file is left");
    });

    it("`pnpm lint:migrations --fix` on a copy of examples/ leaves only problems without a fix", (t) => {
        const script = JSON.parse(readFileSync(path.join(REPO_DIR, "package.json"), "utf8")).scripts["lint:migrations"];
        const [program, ...args] = script.split(/\s+/u);
        assert.equal(program, "supalint");
        const root = makeProject(t, {});
        cpSync(path.join(REPO_DIR, "examples"), path.join(root, "examples"), { recursive: true });

        const run = runCli([...args, "--fix", "--format", "json"], { cwd: root });
        assert.notEqual(run.status, 2, run.stderr);
        assert.equal(run.stderr, "", "no file is left untouched");
        const results = jsonResults(run);
        assert.ok(results.length > 0);
        assert.deepEqual(
            results.flatMap((r) => r.messages.filter((m) => m.fix).map((m) => `${path.basename(r.filePath)}:${m.line} ${m.ruleId}`)),
            [],
        );
        const after = jsonResults(runCli([...args, "--format", "json"], { cwd: root }));
        assert.deepEqual(
            after.flatMap((r) => r.messages.filter((m) => m.fix).map((m) => `${path.basename(r.filePath)}:${m.line} ${m.ruleId}`)),
            [],
            "linting the fixed copy finds nothing fixable",
        );
    });
});
