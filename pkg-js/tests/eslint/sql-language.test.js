/**
 * @file The `supalint/sql` language on its own: the comments the engine's lexer finds, `parse()`
 * (findings, parsing errors, never throwing), language option checks, and how
 * a file's migrations folder becomes its history.
 */

import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { engine } from "../../src/engine/node.js";
import { engineConfig } from "../../src/eslint/language-options.js";
import { locateMigration } from "../../src/eslint/migration-history.js";
import { SqlLanguage } from "../../src/eslint/sql-language.js";
import { ESLINT_MAJORS } from "./eslint-helpers.js";
import plugin from "../../src/eslint/index.js";

const language = new SqlLanguage();

/**
 * The comments of a text, as their source text.
 * @param {string} text
 * @returns {string[]}
 */
function commentTexts(text) {
    return engine.lexicalRanges(text).comments.map(({ range }) => text.slice(range[0], range[1]));
}

/**
 * A temporary folder of files, removed when the test ends.
 * @param {import("node:test").TestContext} t
 * @param {Record<string, string>} files
 * @returns {string}
 */
function makeFolder(t, files) {
    const dir = mkdtempSync(path.join(tmpdir(), "supalint-sql-language-"));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    for (const [name, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        writeFileSync(path.join(dir, name), text);
    }
    return dir;
}

/**
 * Parses a file and fails unless it parsed.
 * @param {string} filePath
 * @param {string} text
 * @param {Record<string, unknown>} [languageOptions]
 * @returns {import("../../src/eslint/sql-language.js").SqlDocument}
 */
function parseOk(filePath, text, languageOptions = {}) {
    const result = language.parse({ path: filePath, body: text }, { languageOptions });
    assert.ok(result.ok, JSON.stringify(result));
    return result.ast;
}

describe("the engine's comment ranges (lexicalRanges)", () => {
    it("finds line and nested block comments", () => {
        const text = "-- head\nselect 1; /* a /* nested */ still */ select 2; -- tail";
        assert.deepEqual(commentTexts(text), ["-- head", "/* a /* nested */ still */", "-- tail"]);
        assert.deepEqual(engine.lexicalRanges(text).comments[0], { type: "LineComment", range: [0, 7] });
        assert.equal(engine.lexicalRanges(text).comments[1].type, "BlockComment");
    });

    it("skips comment markers inside strings, identifiers and dollar quotes", () => {
        const text = [
            "select '-- no', 'it''s -- no', E'\\' -- no', \"-- no\", U&'-- no', X'2D2D';",
            "select $$ -- no $$, $fn$ /* no $$ */ $fn$, a$b$ -- yes",
            "select n'/* no */' -- yes too",
        ].join("\n");
        assert.deepEqual(commentTexts(text), ["-- yes", "-- yes too"]);
    });

    it("ends operators before a comment and numbers before a second dash", () => {
        assert.deepEqual(commentTexts("select 1*/*c*/2, 3<-- x\n, 1e-5--y"), ["/*c*/", "-- x", "--y"]);
    });

    it("skips psql meta-commands to the line feed or to a `\\\\`, as psql reads them", () => {
        assert.deepEqual(commentTexts("\\echo -- not a comment\n  \\set x -- nor this\nselect 1; \\x -- nor this\n-- but this"), ["-- but this"]);
        assert.deepEqual(commentTexts("\\echo a\r-- not a comment\n\\echo '\\\\' \\\\ select 1 -- a comment"), ["-- a comment"]);
        assert.deepEqual(commentTexts("\\copy t from stdin \\\\ -- still the copy\nselect 1; \\; -- a comment"), ["-- a comment"]);
    });

    it("ends a line comment at a lone carriage return, as PostgreSQL does", () => {
        assert.deepEqual(commentTexts("-- a\rgrant all on t to anon; -- b\r\nselect 1; -- c\n"), ["-- a", "-- b", "-- c"]);
    });

    it("runs an unclosed block comment to the end of the text", () => {
        assert.deepEqual(commentTexts("select 1; /* open /* nested */"), ["/* open /* nested */"]);
    });

    it("counts offsets in UTF-16 units, and lists the quoted tokens", () => {
        const text = "select '😀', \"é\", $$ -- no $$; -- ünïcode";
        assert.deepEqual(commentTexts(text), ["-- ünïcode"]);
        assert.deepEqual(
            engine.lexicalRanges(text).quoted.map(([start, end]) => text.slice(start, end)),
            ["'😀'", '"é"', "$$ -- no $$"],
        );
    });
});

describe("SqlLanguage", () => {
    it("declares what ESLint needs of a language", () => {
        assert.equal(language.fileType, "text");
        assert.equal(language.lineStart, 1);
        assert.equal(language.columnStart, 1);
        assert.equal(language.nodeTypeKey, "type");
        assert.equal(plugin.languages.sql instanceof SqlLanguage, true);
    });

    it("parses a file into a document with its comments and findings", () => {
        const text = "-- Migration: tags\r\n/* eslint-disable */\r\ncreate table public.tags (id int);\r\n";
        const ast = parseOk("<input>", text);
        assert.equal(ast.type, "Document");
        assert.deepEqual(ast.range, [0, text.length]);
        assert.deepEqual(ast.loc, { start: { line: 1, column: 1 }, end: { line: 4, column: 1 } });
        assert.deepEqual(
            ast.comments.map(({ type, value, loc }) => ({ type, value, loc })),
            [
                { type: "LineComment", value: " Migration: tags", loc: { start: { line: 1, column: 1 }, end: { line: 1, column: 19 } } },
                { type: "BlockComment", value: " eslint-disable ", loc: { start: { line: 2, column: 1 }, end: { line: 2, column: 21 } } },
            ],
        );
        assert.deepEqual(
            ast.diagnostics.filter((diagnostic) => diagnostic.ruleId === "require-if-not-exists").map(({ line, column }) => [line, column]),
            [[3, 14]],
        );
        assert.deepEqual(ast.history, ["<input>"]);
    });

    it("turns each kind of lexical error into a parsing error at its opening", () => {
        const cases = [
            ["select $fn$ begin", 1, 8, /`\$fn\$` is never closed/u],
            ["select 1;\n  /* open", 2, 3, /block comment is never closed/u],
            ['select "open', 1, 8, /quoted identifier is never closed/u],
            ["select E'it\\'s", 1, 8, /string literal is never closed/u],
            ["select 1;\0\0", 1, 1, /contains binary data/u],
        ];
        for (const [text, line, column, message] of cases) {
            const result = language.parse({ path: "<input>", body: String(text) }, { languageOptions: {} });
            assert.equal(result.ok, false, String(text));
            assert.equal(result.errors.length, 1);
            assert.deepEqual([result.errors[0].line, result.errors[0].column], [line, column], String(text));
            assert.match(result.errors[0].message, /** @type {RegExp} */ (message));
        }
    });

    it("never throws: an engine failure is a parsing error", () => {
        const result = language.parse({ path: "<input>", body: "select 1;" }, { languageOptions: { exposedSchemas: 3 } });
        assert.equal(result.ok, false);
        assert.match(result.errors[0].message, /^supalint could not lint this file: .*exposedSchemas/u);
        assert.deepEqual([result.errors[0].line, result.errors[0].column], [1, 1]);
    });

    it("reads a body given as bytes", () => {
        const ast = parseOk("<input>", /** @type {any} */ (new TextEncoder().encode("create schema app;")));
        // `<input>` is no migration name and the text has no header: other rules report too.
        const found = ast.diagnostics.filter((diagnostic) => diagnostic.ruleId === "require-if-not-exists");
        assert.deepEqual(
            found.map(({ messageId, line, column }) => [messageId, line, column]),
            [["missingIfNotExists", 1, 15]],
        );
    });

    it("accepts the engine's options and ESLint's JavaScript ones, and rejects anything else", () => {
        language.validateLanguageOptions({
            exposedSchemas: ["public", "api"],
            adminFunction: null,
            authorizationFunctions: ["public.has_role"],
            revokeRoles: ["anon"],
            seedTables: ["public.plans"],
            registeredBuckets: ["avatars"],
            migrationsDir: "supabase/migrations",
            storageBucketsFile: "src/storage.ts",
            versionSuffixWords: ["old"],
            ecmaVersion: "latest",
            sourceType: "module",
            globals: {},
        });
        assert.throws(() => language.validateLanguageOptions({ exposedSchema: ["public"] }), /unknown key `exposedSchema`/u);
        assert.throws(() => language.validateLanguageOptions({ revokeRoles: "anon" }), /`revokeRoles` must be an array of strings/u);
        assert.throws(() => language.validateLanguageOptions({ migrationsDir: 1 }), /`migrationsDir` must be a string/u);
        /** @type {any[]} */
        const cyclic = [];
        cyclic.push(cyclic);
        assert.throws(() => language.validateLanguageOptions({ exposedSchemas: cyclic }), /`exposedSchemas\[0\]` refers back to an object that holds it \(a cycle\)/u);
        const deep = JSON.parse(`${"[".repeat(100_000)}${"]".repeat(100_000)}`);
        assert.throws(() => language.validateLanguageOptions({ seedTables: deep }), /`seedTables(\[0\]){15}` nests deeper than 16 levels/u);
    });

    it("counts CRLF, LF and lone CR line breaks as the engine does, in real ESLint", async () => {
        const { Linter } = await ESLINT_MAJORS[0].load();
        const linter = new Linter({ configType: "flat" });
        const config = [{ files: ["**/*.sql"], plugins: { supalint: plugin }, language: "supalint/sql", rules: { "supalint/require-if-not-exists": "error" } }];
        const text = "-- a\r\n-- b\r-- eslint-disable-next-line supalint/require-if-not-exists\ncreate schema x;\r\ncreate schema y;";
        const messages = linter.verify(text, config, { filename: "m.sql" });
        assert.deepEqual(messages.map(({ line, column, endColumn }) => [line, column, endColumn]), [[5, 15, 16]]);
    });
});

describe("engineConfig", () => {
    it("turns every rule on and passes the engine's options through", () => {
        const config = engineConfig({ revokeRoles: ["anon"], adminFunction: null, ecmaVersion: "latest" }, { migrationsDir: "db", migrationsPath: null, cwd: "/" });
        assert.deepEqual(config, { extends: "all", migrationsDir: "db", revokeRoles: ["anon"], adminFunction: null });
    });

    it("defaults exposedSchemas to [api] schemas of the config.toml beside the migrations folder, as the command does", (t) => {
        const dir = makeFolder(t, { "supabase/config.toml": '[api]\nschemas = ["public", "api"]\n', "supabase/migrations/.keep": "" });
        const where = { migrationsDir: "supabase/migrations", migrationsPath: path.join(dir, "supabase/migrations"), cwd: dir };
        assert.deepEqual(engineConfig({}, where).exposedSchemas, ["public", "api"]);
        assert.deepEqual(engineConfig({ exposedSchemas: ["app"] }, where).exposedSchemas, ["app"]);

        writeFileSync(path.join(dir, "supabase/config.toml"), "[api\n");
        utimesSync(path.join(dir, "supabase/config.toml"), new Date(), new Date(Date.now() + 10_000));
        const result = language.parse({ path: path.join(dir, "supabase/migrations/20240101000000_a.sql"), body: "select 1;" }, { languageOptions: {} });
        assert.equal(result.ok, false);
        assert.match(result.errors[0].message, /exposedSchemas.*config\.toml/u);
    });

    it("reads storageBucketsFile relative to the working directory; registeredBuckets wins", (t) => {
        const dir = makeFolder(t, { "src/storage.ts": "export enum StorageBuckets { Avatars = 'avatars' }\n" });
        const where = { migrationsDir: "supabase/migrations", migrationsPath: null, cwd: dir };
        assert.deepEqual(engineConfig({ storageBucketsFile: "src/storage.ts" }, where).registeredBuckets, ["avatars"]);
        assert.deepEqual(engineConfig({ storageBucketsFile: "src/storage.ts", registeredBuckets: ["x"] }, where).registeredBuckets, ["x"]);
        assert.equal("registeredBuckets" in engineConfig({}, where), false);
        const result = language.parse({ path: path.join(dir, "supabase/migrations/20240101000000_a.sql"), body: "select 1;" }, { languageOptions: { storageBucketsFile: "missing.ts" } });
        assert.equal(result.ok, false);
        assert.match(result.errors[0].message, /storageBucketsFile.*missing\.ts/u);
    });
});

describe("locateMigration", () => {
    const root = path.resolve("/repo");

    it("uses the nearest supabase/migrations folder above the file", () => {
        assert.deepEqual(locateMigration(path.join(root, "apps/web/supabase/migrations/1_a.sql"), undefined, root), {
            root: path.join(root, "apps/web"),
            migrationsDir: "supabase/migrations",
            enginePath: "supabase/migrations/1_a.sql",
            historyDir: path.join(root, "apps/web/supabase/migrations"),
        });
    });

    it("keeps a file in a subfolder of the migrations folder inside it, with that folder's history", () => {
        const location = locateMigration(path.join(root, "supabase/migrations/old/1_a.sql"), undefined, root);
        assert.equal(location.enginePath, "supabase/migrations/old/1_a.sql");
        assert.equal(location.historyDir, path.join(root, "supabase/migrations"));
    });

    it("falls back to the file's own folder", () => {
        assert.deepEqual(locateMigration(path.join(root, "db/changes/1_a.sql"), undefined, root), {
            root: path.join(root, "db"),
            migrationsDir: "changes",
            enginePath: "changes/1_a.sql",
            historyDir: path.join(root, "db/changes"),
        });
    });

    it("takes a configured folder relative to the working directory", () => {
        const location = locateMigration(path.join(root, "sql/1_a.sql"), "sql", root);
        assert.deepEqual([location.root, location.migrationsDir, location.enginePath], [root, "sql", "sql/1_a.sql"]);
        const outside = locateMigration(path.join(root, "elsewhere/1_a.sql"), "sql", root);
        assert.deepEqual([outside.enginePath, outside.historyDir], ["elsewhere/1_a.sql", path.join(root, "elsewhere")]);
    });
});

describe("history from the migrations folder", () => {
    const A = "20240101000000_a.sql";
    const B = "20240102000000_b.sql";
    const C = "20240103000000_c.sql";
    const TEXTS = {
        [A]: [
            "-- Migration: a",
            "create table public.a (id bigint primary key);",
            "alter table public.a enable row level security;",
            "revoke all on public.a from anon, authenticated, service_role;",
            "",
        ].join("\n"),
        [B]: "-- Migration: b\ncreate schema if not exists b;\n",
        [C]: "-- Migration: c\nalter table public.a add column note text;\n",
    };

    it("lints the folder's files together and reports the same findings, file by file or folder-wide", (t) => {
        const dir = makeFolder(t, Object.fromEntries(Object.entries(TEXTS).map(([name, text]) => [`supabase/migrations/${name}`, text])));
        const files = Object.entries(TEXTS).map(([name, text]) => ({ path: `supabase/migrations/${name}`, text }));
        for (const name of [A, B, C, A]) {
            const ast = parseOk(path.join(dir, "supabase/migrations", name), TEXTS[name]);
            const expected = engine.lint({ files, config: { extends: "all" }, inlineConfig: false, reportPaths: [`supabase/migrations/${name}`] });
            const own = expected.results.find((result) => result.path === `supabase/migrations/${name}`);
            assert.deepEqual(ast.diagnostics, own?.diagnostics, name);
            assert.deepEqual(ast.history.toSorted(), files.map((file) => file.path));
        }
    });

    it("lints the text ESLint holds, not the file on disk", (t) => {
        const dir = makeFolder(t, { [`supabase/migrations/${A}`]: TEXTS[A], [`supabase/migrations/${B}`]: TEXTS[B] });
        const file = path.join(dir, "supabase/migrations", A);
        assert.equal(parseOk(file, TEXTS[A]).diagnostics.length, 1);
        const edited = TEXTS[A].replace("create table", "create table if not exists");
        assert.deepEqual(parseOk(file, edited).diagnostics, []);
        assert.deepEqual(parseOk(path.join(dir, "supabase/migrations", "20240109000000_new.sql"), "select 1;").history.length, 3);
    });

    it("reads a file with a byte-order mark as ESLint does, without the mark", (t) => {
        const dir = makeFolder(t, { [`supabase/migrations/${A}`]: `\uFEFF${TEXTS[A]}`, [`supabase/migrations/${B}`]: TEXTS[B] });
        parseOk(path.join(dir, "supabase/migrations", B), TEXTS[B]);
        const ast = parseOk(path.join(dir, "supabase/migrations", A), TEXTS[A]);
        assert.deepEqual(ast.diagnostics.map(({ line, column, range }) => [line, column, range]), [[2, 14, [29, 37]]]);
    });

    it("leaves the disk alone for a file that is not on it", (t) => {
        const dir = makeFolder(t, { "20240101000000_a.sql": TEXTS[A] });
        const previous = process.cwd();
        process.chdir(dir);
        t.after(() => process.chdir(previous));
        assert.deepEqual(parseOk("<input>", "select 1;").history, ["<input>"]);
        assert.deepEqual(parseOk("supabase/migrations/x.sql", "select 1;").history, ["supabase/migrations/x.sql"]);
    });
});
