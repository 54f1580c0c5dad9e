/**
 * @file `supalint lsp` driven by a real language client over stdio, as an
 * editor drives it: initialize, open migrations, edit, apply code actions,
 * hover, change the configuration and the files on disk, shut down.
 */

import assert from "node:assert/strict";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { FileChangeType } from "vscode-languageserver-protocol";
import { BROKEN_SQL as BROKEN_BASE, CLEAN_SQL as CLEAN_BASE, GOOD_NAME, REPO_DIR, jsonResults, makeProject, runCli, trapEnv } from "./helpers.js";
import { applyEdits, TestClient, uriOf } from "./lsp-client.js";

/** @import { Diagnostic } from "vscode-languageserver-protocol" */

const MIGRATIONS = "supabase/migrations";

// The shared texts, with `service_role` revoked too (the default `revokeRoles`): no finding, and one.
const CLEAN_SQL = CLEAN_BASE.replace("from anon, authenticated;", "from anon, authenticated, service_role;");
const BROKEN_SQL = BROKEN_BASE.replace("from anon, authenticated;", "from anon, authenticated, service_role;");

/**
 * Starts a client on a project folder; it is killed when the test ends.
 * @param {import("node:test").TestContext} t
 * @param {string} dir
 * @param {{ folders?: string[], env?: Record<string, string> }} [options]
 * @returns {Promise<TestClient>}
 */
async function startClient(t, dir, options = {}) {
    const client = await TestClient.start({ cwd: dir, folders: options.folders ?? [dir], env: options.env });
    t.after(() => client.kill());
    return client;
}

/**
 * @param {Diagnostic[]} diagnostics
 * @returns {string[]} the rule ids
 */
function codes(diagnostics) {
    return diagnostics.map((diagnostic) => String(diagnostic.code));
}

const NOTES_TABLE = `-- Migration: create public.notes
-- Notes for the tests.

create table if not exists public.notes (id bigint primary key, body text);
revoke all on public.notes from anon, authenticated, service_role;
grant select on public.notes to authenticated;
`;

const ENABLE_RLS = `-- Migration: protect public.notes
-- Row-level security for the notes.

alter table public.notes enable row level security;
`;

describe("supalint lsp", () => {
    it("shows the same findings as the CLI on examples/", async (t) => {
        const examples = path.join(REPO_DIR, "examples");
        const cli = jsonResults(runCli(["--config", "examples/supalint.config.json", "--format", "json"]));
        const client = await startClient(t, examples);
        const dir = path.join(examples, "apps/web/supabase/migrations");
        const files = readdirSync(dir).filter((name) => name.endsWith(".sql"));
        assert.equal(files.length, cli.length);
        let total = 0;
        for (const name of files) {
            const file = path.join(dir, name);
            const diagnostics = await client.openFile(file);
            const expected = /** @type {import("../src/api.js").LintResult} */ (cli.find((result) => result.filePath === file));
            const shape = (/** @type {{ ruleId: string | null, severity: number, message: string, line: number, column: number, endLine?: number, endColumn?: number }} */ message) =>
                `${message.line}:${message.column}-${message.endLine}:${message.endColumn} ${message.severity} ${message.ruleId} ${message.message}`;
            assert.deepEqual(
                diagnostics.map((diagnostic) =>
                    shape({
                        ruleId: String(diagnostic.code),
                        // LSP: 1 error, 2 warning; ESLint: 2 error, 1 warning.
                        severity: diagnostic.severity === 1 ? 2 : 1,
                        message: diagnostic.message,
                        line: diagnostic.range.start.line + 1,
                        column: diagnostic.range.start.character + 1,
                        endLine: diagnostic.range.end.line + 1,
                        endColumn: diagnostic.range.end.character + 1,
                    }),
                ),
                // The editor shows the help on a second line of the message.
                expected.messages.map((message) => shape({ ...message, message: `${message.message}\n${message.help}` })),
                name,
            );
            assert.ok(
                expected.messages.every((message) => message.help),
                `${name}: every finding has help`,
            );
            total += diagnostics.length;
            for (const diagnostic of diagnostics) {
                assert.equal(diagnostic.source, "supalint");
                assert.match(String(diagnostic.codeDescription?.href), new RegExp(`docs/rules\\.md#${diagnostic.code}$`, "u"));
            }
        }
        assert.ok(total > 0, "examples/ has findings");
        assert.equal(await client.shutdown(), 0);
    });

    it("lints a migration with the folder's history: RLS enabled in a later migration, on disk or unsaved", async (t) => {
        const dir = makeProject(t, {
            [`${MIGRATIONS}/20240101000000_create_notes.sql`]: NOTES_TABLE,
            [`${MIGRATIONS}/20240102000000_protect_notes.sql`]: ENABLE_RLS,
        });
        const notes = path.join(dir, MIGRATIONS, "20240101000000_create_notes.sql");
        const protect = path.join(dir, MIGRATIONS, "20240102000000_protect_notes.sql");
        const client = await startClient(t, dir);
        assert.deepEqual(codes(await client.openFile(notes)), []);

        // An unsaved edit of the later migration re-checks the earlier one.
        await client.openFile(protect);
        await client.edit(protect, null, "-- Migration: protect nothing yet\n-- Nothing.\n");
        const withoutRls = await client.waitFor(uriOf(notes), (diagnostics) => codes(diagnostics).includes("rls-enabled"));
        assert.deepEqual(codes(withoutRls), ["rls-enabled"]);
        assert.equal(withoutRls[0].range.start.line, 3);
        await client.edit(protect, null, ENABLE_RLS);
        await client.waitFor(uriOf(notes), (diagnostics) => diagnostics.length === 0);

        // Closed, the disk's text is the history again; changed on disk, it is read again.
        await client.close(protect);
        writeFileSync(protect, "-- Migration: protect nothing yet\n-- Nothing.\n");
        await client.filesChanged([{ file: protect, type: FileChangeType.Changed }]);
        await client.waitFor(uriOf(notes), (diagnostics) => codes(diagnostics).includes("rls-enabled"));
        rmSync(protect);
        writeFileSync(path.join(dir, MIGRATIONS, "20240103000000_protect_notes.sql"), ENABLE_RLS);
        await client.filesChanged([
            { file: protect, type: FileChangeType.Deleted },
            { file: path.join(dir, MIGRATIONS, "20240103000000_protect_notes.sql"), type: FileChangeType.Created },
        ]);
        await client.waitFor(uriOf(notes), (diagnostics) => diagnostics.length === 0);
        assert.equal(await client.shutdown(), 0);
    });

    it("re-checks the later open migrations when an earlier one changes", async (t) => {
        const check = `alter table public.notes drop constraint if exists notes_body_present;
alter table public.notes add constraint notes_body_present check (body is not null) not valid;
alter table public.notes validate constraint notes_body_present;
`;
        const dir = makeProject(t, {
            [`${MIGRATIONS}/20240101000000_create_notes.sql`]: NOTES_TABLE + check,
            [`${MIGRATIONS}/20240102000000_require_body.sql`]: "-- Migration: require a body\n-- Every note has one.\n\nalter table public.notes alter column body set not null;\n",
        });
        const notes = path.join(dir, MIGRATIONS, "20240101000000_create_notes.sql");
        const later = path.join(dir, MIGRATIONS, "20240102000000_require_body.sql");
        const client = await startClient(t, dir);
        assert.deepEqual(codes(await client.openFile(later)), [], "the validated check of the earlier migration makes SET NOT NULL cheap");
        await client.openFile(notes);
        await client.edit(notes, null, NOTES_TABLE);
        const diagnostics = await client.waitFor(uriOf(later), (found) => found.length > 0);
        assert.deepEqual(codes(diagnostics), ["set-not-null"]);
        assert.equal(await client.shutdown(), 0);
    });

    it("names the other file of a cross-file finding as related information", async (t) => {
        const dir = makeProject(t, {
            [`${MIGRATIONS}/20240101000000_create_notes.sql`]: NOTES_TABLE.replace("create table", "alter table public.notes enable row level security;\ncreate table"),
        });
        const client = await startClient(t, dir);
        const duplicate = path.join(dir, MIGRATIONS, "20240101000000_protect_notes.sql");
        writeFileSync(duplicate, ENABLE_RLS);
        const diagnostics = await client.openFile(duplicate);
        const finding = diagnostics.find((diagnostic) => diagnostic.code === "unique-migration-version");
        assert.ok(finding, JSON.stringify(diagnostics));
        assert.deepEqual(
            finding.relatedInformation?.map((related) => related.location.uri),
            [uriOf(path.join(dir, MIGRATIONS, "20240101000000_create_notes.sql"))],
        );
        assert.equal(await client.shutdown(), 0);
    });

    it("follows keystrokes: the findings of the latest text, at the right place", async (t) => {
        const dir = makeProject(t, { [`${MIGRATIONS}/${GOOD_NAME}`]: CLEAN_SQL });
        const file = path.join(dir, MIGRATIONS, GOOD_NAME);
        const client = await startClient(t, dir);
        assert.deepEqual(codes(await client.openFile(file)), []);
        // Typing "create table public.tags (id bigint primary key);" a few characters at a time.
        const typed = "\ncreate table public.tags (id bigint primary key);\nalter table public.tags enable row level security;\n";
        const end = { line: 7, character: 0 };
        let column = 0;
        let line = end.line;
        for (const piece of typed.match(/.{1,9}/gsu) ?? []) {
            await client.edit(file, { start: { line, character: column }, end: { line, character: column } }, piece);
            const lines = piece.split("\n");
            line += lines.length - 1;
            column = lines.length > 1 ? lines[lines.length - 1].length : column + piece.length;
        }
        assert.equal(client.textOf(file), CLEAN_SQL + typed);
        const diagnostics = await client.current(uriOf(file));
        const missing = diagnostics.filter((diagnostic) => diagnostic.code === "require-if-not-exists");
        assert.equal(missing.length, 1, JSON.stringify(diagnostics));
        assert.deepEqual(missing[0].range.start, { line: 8, character: 13 });
        assert.equal(await client.shutdown(), 0);
    });

    it("offers each fix as the preferred quick fix, and applying it clears the finding", async (t) => {
        const dir = makeProject(t, { [`${MIGRATIONS}/${GOOD_NAME}`]: BROKEN_SQL });
        const file = path.join(dir, MIGRATIONS, GOOD_NAME);
        const client = await startClient(t, dir);
        const [finding] = await client.openFile(file);
        assert.equal(finding.code, "require-if-not-exists");
        const actions = await client.codeActions(file, finding.range);
        const preferred = actions.filter((action) => action.isPreferred);
        assert.equal(preferred.length, 1);
        assert.equal(preferred[0].kind, "quickfix");
        assert.deepEqual(preferred[0].diagnostics?.map((diagnostic) => diagnostic.code), ["require-if-not-exists"]);
        const edits = preferred[0].edit?.changes?.[uriOf(file)] ?? [];
        const fixed = applyEdits(BROKEN_SQL, edits);
        assert.match(fixed, /create table if not exists public\.tags/u);
        await client.edit(file, null, fixed);
        assert.deepEqual(codes(await client.current(uriOf(file))), []);
        assert.equal(await client.shutdown(), 0);
    });

    it("offers suggestions as quick fixes that are not preferred", async (t) => {
        const sql = `-- Migration: add public.note_count
-- Counts notes.

create or replace function public.note_count() returns bigint
language sql
security definer
as $$ select count(*) from public.notes $$;
revoke execute on function public.note_count() from public, anon, authenticated;
`;
        const dir = makeProject(t, { [`${MIGRATIONS}/${GOOD_NAME}`]: sql });
        const file = path.join(dir, MIGRATIONS, GOOD_NAME);
        const client = await startClient(t, dir);
        const diagnostics = await client.openFile(file);
        const finding = diagnostics.find((diagnostic) => diagnostic.code === "security-definer-search-path");
        assert.ok(finding, JSON.stringify(diagnostics));
        const actions = await client.codeActions(file, finding.range);
        const suggestion = actions.find((action) => action.diagnostics?.[0].code === "security-definer-search-path" && !action.title.startsWith("Disable"));
        assert.ok(suggestion, JSON.stringify(actions));
        assert.equal(suggestion.isPreferred, false);
        const fixed = applyEdits(sql, suggestion.edit?.changes?.[uriOf(file)] ?? []);
        await client.edit(file, null, fixed);
        assert.ok(!codes(await client.current(uriOf(file))).includes("security-definer-search-path"), fixed);
        assert.equal(await client.shutdown(), 0);
    });

    it("disables a rule for one line with our directive, also inside a function body", async (t) => {
        const sql = `-- Migration: add public.note_total
-- Counts notes.

create table public.tags (id bigint primary key);
create or replace function public.note_total() returns bigint
language plpgsql
set search_path = ''
as $$
begin
  return (select count(*) from notes);
end;
$$;
`;
        const dir = makeProject(t, { [`${MIGRATIONS}/${GOOD_NAME}`]: sql });
        const file = path.join(dir, MIGRATIONS, GOOD_NAME);
        const client = await startClient(t, dir);
        const before = await client.openFile(file);
        let text = sql;
        for (const rule of ["require-if-not-exists", "search-path-qualified-references"]) {
            const finding = (await client.current(uriOf(file))).find((diagnostic) => diagnostic.code === rule);
            assert.ok(finding, `${rule} in ${JSON.stringify(before)}`);
            const actions = await client.codeActions(file, finding.range);
            const disable = actions.find((action) => action.title === `Disable ${rule} for this line`);
            assert.ok(disable, JSON.stringify(actions));
            text = applyEdits(text, disable.edit?.changes?.[uriOf(file)] ?? []);
            await client.edit(file, null, text);
            const after = codes(await client.current(uriOf(file)));
            assert.ok(!after.includes(rule), `${rule} still reported in:\n${text}`);
            assert.ok(!after.includes("unused-disable-directive"));
        }
        assert.match(text, /^-- supalint-disable-next-line require-if-not-exists\ncreate table public\.tags/mu);
        assert.match(text, /^-- supalint-disable search-path-qualified-references\nas \$\$[\s\S]*\$\$;\n-- supalint-enable search-path-qualified-references$/mu);
        assert.equal(await client.shutdown(), 0);
    });

    it("fixes the whole file with source.fixAll.supalint", async (t) => {
        const sql = `${BROKEN_SQL}create index tags_name_idx on public.tags (name);\n`;
        const dir = makeProject(t, { [`${MIGRATIONS}/${GOOD_NAME}`]: sql });
        const file = path.join(dir, MIGRATIONS, GOOD_NAME);
        const client = await startClient(t, dir);
        assert.deepEqual(codes(await client.openFile(file)), ["require-if-not-exists", "require-if-not-exists"]);
        const actions = await client.codeActions(file, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, ["source.fixAll"]);
        assert.deepEqual(
            actions.map((action) => action.kind),
            ["source.fixAll.supalint"],
        );
        const fixed = applyEdits(sql, actions[0].edit?.changes?.[uriOf(file)] ?? []);
        assert.match(fixed, /create table if not exists public\.tags[\s\S]*create index if not exists tags_name_idx/u);
        await client.edit(file, null, fixed);
        assert.deepEqual(codes(await client.current(uriOf(file))), []);
        assert.equal(await client.shutdown(), 0);
    });

    it("disables fix-all on a migration frozenBefore freezes, saying why, and offers each fix as an explicit action", async (t) => {
        const dir = makeProject(t, {
            "supalint.config.json": JSON.stringify({ frozenBefore: GOOD_NAME.slice(0, 14) }),
            [`${MIGRATIONS}/${GOOD_NAME}`]: BROKEN_SQL,
        });
        const file = path.join(dir, MIGRATIONS, GOOD_NAME);
        const client = await startClient(t, dir);
        assert.deepEqual(codes(await client.openFile(file)), ["require-if-not-exists"]);
        const everything = { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } };
        const [fixAll] = await client.codeActions(file, everything, ["source.fixAll"]);
        assert.equal(fixAll.edit, undefined);
        assert.match(fixAll.disabled?.reason ?? "", /^This migration already ran \(at or before `frozenBefore`\)/u);
        const titles = (await client.codeActions(file, everything, ["quickfix"])).map((action) => action.title);
        assert.ok(titles.includes("Apply this fix, although the migration already ran (at or before `frozenBefore`)"), titles.join("\n"));
        assert.ok(!titles.includes("Fix this require-if-not-exists problem"));
        assert.equal(await client.shutdown(), 0);
    });

    it("shows the rule's summary, why and example on hover, on a finding and on a directive's rule id", async (t) => {
        const sql = `${BROKEN_SQL}-- supalint-disable-next-line require-if-exists, no-such-rule -- reason\ndrop table public.tags;\n`;
        const dir = makeProject(t, { [`${MIGRATIONS}/${GOOD_NAME}`]: sql });
        const file = path.join(dir, MIGRATIONS, GOOD_NAME);
        const client = await startClient(t, dir);
        await client.openFile(file);

        const onFinding = await client.hover(file, { line: 3, character: 16 });
        assert.ok(onFinding !== null);
        const value = /** @type {{ value: string }} */ (onFinding.contents).value;
        assert.match(value, /^\*\*supalint `require-if-not-exists`\*\*: Requires `IF NOT EXISTS`/u);
        assert.match(value, /already exists/u, "the why section");
        assert.match(value, /\*\*Example\*\*\n\n```sql\n/u);
        assert.ok(!value.includes("expect_diagnostic"));
        assert.match(value, /\[Documentation\]\(https:.*#require-if-not-exists\)/u);
        assert.deepEqual(onFinding.range, { start: { line: 3, character: 13 }, end: { line: 3, character: 24 } });

        const line = sql.split("\n").findIndex((text) => text.includes("supalint-disable-next-line"));
        const character = sql.split("\n")[line].indexOf("require-if-exists") + 3;
        const onDirective = await client.hover(file, { line, character });
        assert.ok(onDirective !== null);
        assert.match(/** @type {{ value: string }} */ (onDirective.contents).value, /^\*\*supalint `require-if-exists`\*\*/u);
        const unknown = await client.hover(file, { line, character: sql.split("\n")[line].indexOf("no-such-rule") + 1 });
        assert.ok(unknown !== null);
        assert.match(/** @type {{ value: string }} */ (unknown.contents).value, /no rule `no-such-rule`/u);
        assert.equal(await client.hover(file, { line: 0, character: 1 }), null);
        assert.equal(await client.shutdown(), 0);
    });

    it("re-reads the configuration when it changes, and shows a bad one instead of linting", async (t) => {
        const dir = makeProject(t, {
            "supalint.config.json": JSON.stringify({ rules: { "require-if-not-exists": "off" } }),
            [`${MIGRATIONS}/${GOOD_NAME}`]: BROKEN_SQL,
        });
        const file = path.join(dir, MIGRATIONS, GOOD_NAME);
        const config = path.join(dir, "supalint.config.json");
        const client = await startClient(t, dir);
        assert.deepEqual(codes(await client.openFile(file)), []);
        assert.equal(client.registrations.length, 1, "asks to watch files");

        writeFileSync(config, JSON.stringify({ rules: { "require-if-not-exists": "warn" } }));
        await client.filesChanged([{ file: config, type: FileChangeType.Changed }]);
        const warned = await client.waitFor(uriOf(file), (diagnostics) => diagnostics.length > 0);
        assert.deepEqual(
            warned.map((diagnostic) => [diagnostic.code, diagnostic.severity]),
            [["require-if-not-exists", 2]],
        );

        writeFileSync(config, JSON.stringify({ rules: { "no-such-rule": "error" } }));
        await client.filesChanged([{ file: config, type: FileChangeType.Changed }]);
        const bad = await client.waitFor(uriOf(file), (diagnostics) => diagnostics.some((diagnostic) => diagnostic.code === "config"));
        assert.match(bad[0].message, /no-such-rule/u);
        const onConfig = await client.waitFor(uriOf(config), (diagnostics) => diagnostics.length > 0);
        assert.match(onConfig[0].message, /no-such-rule/u);

        writeFileSync(config, JSON.stringify({}));
        await client.filesChanged([{ file: config, type: FileChangeType.Changed }]);
        await client.waitFor(uriOf(file), (diagnostics) => codes(diagnostics).join() === "require-if-not-exists");
        await client.waitFor(uriOf(config), (diagnostics) => diagnostics.length === 0);
        assert.equal(await client.shutdown(), 0);
    });

    it("notices an edited configuration file on the next lint when the editor reports no file changes", async (t) => {
        const dir = makeProject(t, {
            "supalint.config.json": JSON.stringify({ rules: { "require-if-not-exists": "off" } }),
            [`${MIGRATIONS}/${GOOD_NAME}`]: BROKEN_SQL,
        });
        const file = path.join(dir, MIGRATIONS, GOOD_NAME);
        const client = await startClient(t, dir);
        assert.deepEqual(codes(await client.openFile(file)), []);
        writeFileSync(path.join(dir, "supalint.config.json"), JSON.stringify({ rules: { "require-if-not-exists": "error" } }), { flag: "w" });
        await client.edit(file, null, `${BROKEN_SQL}\n`);
        assert.deepEqual(codes(await client.current(uriOf(file))), ["require-if-not-exists"]);
        assert.equal(await client.shutdown(), 0);
    });

    it("lints each workspace folder with its own configuration", async (t) => {
        const strict = makeProject(t, { "supalint.config.json": "{}", [`${MIGRATIONS}/${GOOD_NAME}`]: BROKEN_SQL });
        const lax = makeProject(t, {
            "supalint.config.json": JSON.stringify({ rules: { "require-if-not-exists": "off" } }),
            [`${MIGRATIONS}/${GOOD_NAME}`]: BROKEN_SQL,
        });
        const client = await startClient(t, strict, { folders: [strict, lax] });
        assert.deepEqual(codes(await client.openFile(path.join(strict, MIGRATIONS, GOOD_NAME))), ["require-if-not-exists"]);
        assert.deepEqual(codes(await client.openFile(path.join(lax, MIGRATIONS, GOOD_NAME))), []);
        assert.equal(await client.shutdown(), 0);
    });

    it("lints a .sql file outside the migrations folder with the per-file rules only", async (t) => {
        const dir = makeProject(t, {
            [`${MIGRATIONS}/${GOOD_NAME}`]: CLEAN_SQL,
            "supabase/seed.sql": "create table public.seeded (id bigint primary key);\n",
        });
        const client = await startClient(t, dir);
        const diagnostics = await client.openFile(path.join(dir, "supabase/seed.sql"));
        assert.ok(codes(diagnostics).includes("require-if-not-exists"), JSON.stringify(diagnostics));
        for (const rule of ["migration-filename", "migration-location", "migration-header", "no-version-suffix"]) {
            assert.ok(!codes(diagnostics).includes(rule), rule);
        }
        assert.equal(await client.shutdown(), 0);
    });

    it("gives a binary file, a huge file and an engine crash a diagnostic, and keeps serving", async (t) => {
        const dir = makeProject(t, {
            [`${MIGRATIONS}/${GOOD_NAME}`]: BROKEN_SQL,
            [`${MIGRATIONS}/20240102000000_binary.sql`]: new Uint8Array([0x2d, 0x2d, 0x20, 0x00, 0xff, 0xfe, 0x00, 0x0a]),
            [`${MIGRATIONS}/20240103000000_trap.sql`]: "-- Migration: trap\n-- TRAP_HERE\nselect 1;\n",
        });
        const client = await startClient(t, dir, { env: trapEnv("TRAP_HERE") });
        const binary = path.join(dir, MIGRATIONS, "20240102000000_binary.sql");
        const binaryDiagnostics = await client.openFile(binary, readFileSync(binary, "latin1"));
        assert.deepEqual(codes(binaryDiagnostics), ["parse-error"]);
        assert.match(binaryDiagnostics[0].message, /binary data/u);

        const huge = path.join(dir, MIGRATIONS, "20240104000000_huge.sql");
        const hugeText = "select 1;\n".repeat(1_700_000);
        writeFileSync(huge, hugeText);
        const hugeDiagnostics = await client.openFile(huge, hugeText);
        assert.deepEqual(codes(hugeDiagnostics), ["parse-error"]);
        assert.match(hugeDiagnostics[0].message, /bytes, over the/u);

        const trap = path.join(dir, MIGRATIONS, "20240103000000_trap.sql");
        const trapDiagnostics = await client.openFile(trap);
        assert.deepEqual(codes(trapDiagnostics), ["parse-error"]);
        assert.match(trapDiagnostics[0].message, /engine crashed/u);

        // The other migrations are still linted, with the rest of the history.
        const good = path.join(dir, MIGRATIONS, GOOD_NAME);
        assert.deepEqual(codes(await client.openFile(good)), ["require-if-not-exists"]);
        assert.ok((await client.hover(good, { line: 3, character: 16 })) !== null);
        assert.equal(await client.shutdown(), 0);
    });
});

describe("supalint lsp on the command line", () => {
    it("prints its help, and exits 2 on an unknown option", () => {
        const help = runCli(["lsp", "--help"]);
        assert.equal(help.status, 0);
        assert.match(help.stdout, /^Usage: supalint lsp \[--stdio\]/u);
        const bad = runCli(["lsp", "--tcp"]);
        assert.equal(bad.status, 2);
        assert.match(bad.stderr, /supalint lsp: unknown option --tcp\./u);
    });
});
