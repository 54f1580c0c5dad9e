/**
 * @file A trapped WebAssembly instance (an engine panic): the files that trap
 * are isolated and reported, the instance is re-created, and the other files
 * are still linted with their history. Traps are injected: through a mocked
 * engine for the isolation, and for the CLI through module hooks that wrap
 * the engine's glue (`trap-hooks.js`, never shipped).
 */

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { callIsolatingTraps, isTrap } from "../src/engine/isolate-traps.js";
import { commitAll, git } from "./git-helpers.js";
import { BROKEN_SQL, CLEAN_SQL, GOOD_NAME, jsonResults, makeProject, runCli, trapEnv } from "./helpers.js";

/**
 * A fake engine: `trapsOn(request)` says whether a call traps. Each result
 * lists the paths of the call's files, so tests can see the history a
 * reported file was linted with.
 * @param {(request: any) => boolean} trapsOn
 */
function fakeEngine(trapsOn) {
    const engine = {
        instances: 1,
        calls: 0,
        lint(/** @type {any} */ request) {
            engine.calls += 1;
            if (trapsOn(request)) {
                throw new WebAssembly.RuntimeError("unreachable");
            }
            const reported = new Set(request.reportPaths ?? request.files.map((/** @type {any} */ f) => f.path));
            const history = request.files.map((/** @type {any} */ f) => f.path).join(",");
            return {
                results: request.files.map((/** @type {any} */ f) => ({ path: f.path, diagnostics: reported.has(f.path) ? [history] : [] })),
                stats: { files: request.files.length, statements: 0, parsed: 0, fallback: 0 },
                configErrors: [],
            };
        },
        fix() {
            throw new Error("not used");
        },
        accessMatrix(/** @type {any} */ request) {
            engine.calls += 1;
            if (trapsOn(request)) {
                throw new WebAssembly.RuntimeError("unreachable");
            }
            return { relations: request.files.map((/** @type {any} */ f) => f.path), configErrors: [] };
        },
        rules: () => [],
        version: () => "0",
        recreate() {
            engine.instances += 1;
            return engine.instances <= 5;
        },
    };
    return engine;
}

const files = ["a", "b", "c"].map((name) => ({ path: `${name}.sql`, text: name === "b" ? "BOOM" : name }));

describe("callIsolatingTraps", () => {
    it("passes a call that does not trap through unchanged", () => {
        const engine = fakeEngine(() => false);
        const { response, crashed } = callIsolatingTraps(engine, "lint", { files, config: {} });
        assert.equal(crashed.size, 0);
        assert.equal(engine.calls, 1);
        assert.deepEqual(response.results[1].diagnostics, ["a.sql,b.sql,c.sql"]);
    });

    it("isolates a file that traps alone and lints the others with the rest of the history", () => {
        const engine = fakeEngine((request) => request.files.some((/** @type {any} */ f) => f.text === "BOOM"));
        const { response, crashed } = callIsolatingTraps(engine, "lint", { files, config: {} });
        assert.deepEqual([...crashed.keys()], ["b.sql"]);
        assert.match(crashed.get("b.sql") ?? "", /RuntimeError: unreachable/u);
        assert.deepEqual(
            response.results.map((/** @type {any} */ r) => [r.path, r.diagnostics]),
            [
                ["a.sql", ["a.sql,c.sql"]],
                ["c.sql", ["a.sql,c.sql"]],
            ],
        );
        assert.ok(engine.instances > 1, "the instance was re-created");
    });

    it("isolates a reported file that traps only with its history", () => {
        // c.sql traps only when a.sql is in its history and c.sql is reported.
        const engine = fakeEngine(
            (request) => request.files.some((/** @type {any} */ f) => f.path === "a.sql") && (request.reportPaths ?? ["c.sql"]).includes("c.sql"),
        );
        const history = files.map((file) => ({ ...file, text: file.path }));
        const { response, crashed } = callIsolatingTraps(engine, "lint", { files: history, config: {} });
        assert.deepEqual([...crashed.keys()], ["c.sql"]);
        assert.deepEqual(
            response.results.map((/** @type {any} */ r) => [r.path, r.diagnostics]),
            [
                ["a.sql", ["a.sql,b.sql,c.sql"]],
                ["b.sql", ["a.sql,b.sql,c.sql"]],
            ],
        );
    });

    it("rethrows errors that are not traps, and traps when no fresh instance is left", () => {
        const failing = fakeEngine(() => false);
        failing.lint = () => {
            throw new Error("invalid lint request");
        };
        assert.throws(() => callIsolatingTraps(failing, "lint", { files, config: {} }), /invalid lint request/u);
        const exhausted = fakeEngine(() => true);
        exhausted.recreate = () => false;
        assert.throws(() => callIsolatingTraps(exhausted, "lint", { files, config: {} }), WebAssembly.RuntimeError);
        assert.ok(isTrap(new WebAssembly.RuntimeError("unreachable")));
        assert.ok(!isTrap(new TypeError("x")));
    });
});

describe("callIsolatingTraps for the access matrix", () => {
    it("leaves out a file that traps alone", () => {
        const engine = fakeEngine((request) => request.files.some((/** @type {any} */ f) => f.text === "BOOM"));
        const { response, crashed } = callIsolatingTraps(engine, "accessMatrix", { files, config: {} });
        assert.deepEqual([...crashed.keys()], ["b.sql"]);
        assert.deepEqual(response.relations, ["a.sql", "c.sql"]);
    });

    it("grows the history one file at a time when only the whole history traps", () => {
        // c.sql traps only after a.sql: the matrix covers a.sql and b.sql.
        const engine = fakeEngine((request) => {
            const paths = request.files.map((/** @type {any} */ f) => f.path);
            return paths.includes("a.sql") && paths.includes("c.sql");
        });
        const history = files.map((file) => ({ ...file, text: file.path }));
        const { response, crashed } = callIsolatingTraps(engine, "accessMatrix", { files: history, config: {} });
        assert.deepEqual([...crashed.keys()], ["c.sql"]);
        assert.deepEqual(response.relations, ["a.sql", "b.sql"]);
    });
});

describe("the CLI when the engine traps", () => {
    it("reports the file with exit code 2 and a message, and still reports the others", (t) => {
        const marker = "-- supalint-test-trap";
        const dir = makeProject(t, {
            [`supabase/migrations/${GOOD_NAME}`]: CLEAN_SQL,
            "supabase/migrations/20240102120000_create_tags.sql": BROKEN_SQL,
            "supabase/migrations/20240103120000_crashes.sql": `${marker}\nselect 1;\n`,
        });
        const run = runCli(["--format", "json"], { cwd: dir, env: trapEnv(marker) });
        assert.equal(run.status, 2, run.stderr);
        assert.match(run.stderr, /internal error on supabase\/migrations\/20240103120000_crashes\.sql: RuntimeError: unreachable/u);
        const results = jsonResults(run);
        assert.equal(results.length, 3);
        const crashed = results.find((r) => r.filePath.endsWith("_crashes.sql"));
        assert.equal(crashed?.messages[0].messageId, "engineCrash");
        assert.equal(crashed?.errorCount, 1);
        const broken = results.find((r) => r.filePath.endsWith("_create_tags.sql"));
        assert.ok(broken?.messages.some((m) => m.ruleId === "require-if-not-exists"));
        const clean = results.find((r) => r.filePath.endsWith(GOOD_NAME));
        assert.equal(clean?.errorCount, 0);
    });

    it("prints the access matrix without the file, and exits 2 naming it", (t) => {
        const marker = "-- supalint-test-trap";
        const dir = makeProject(t, {
            [`supabase/migrations/${GOOD_NAME}`]: CLEAN_SQL,
            "supabase/migrations/20240103120000_crashes.sql": `${marker}\ncreate table public.crashes (id bigint primary key);\n`,
        });
        const run = runCli(["access"], { cwd: dir, env: trapEnv(marker) });
        assert.equal(run.status, 2, run.stderr);
        assert.match(run.stdout, /^public\.notes {2}RLS on$/mu);
        assert.doesNotMatch(run.stdout, /public\.crashes/u);
        assert.match(run.stderr, /20240103120000_crashes\.sql: left out of the matrix and the findings: supalint's engine crashed on .*RuntimeError: unreachable/u);

        // With --since, the same file at the ref is left out as well, without trapping again.
        git(dir, "init", "-q", "-b", "main");
        commitAll(dir, "initial");
        const since = runCli(["access", "--since", "main"], { cwd: dir, env: trapEnv(marker) });
        assert.equal(since.status, 2, since.stderr);
        assert.match(since.stdout, /^No change in who can do what\.$/mu);
        assert.match(since.stderr, /20240103120000_crashes\.sql \(at main\): left out of the matrix and the findings/u);
    });

    it("keeps the exit code of a run without traps", (t) => {
        const dir = makeProject(t, { [`supabase/migrations/${GOOD_NAME}`]: CLEAN_SQL });
        const run = runCli(["--format", "json"], { cwd: dir, env: trapEnv("-- never present") });
        assert.equal(run.status, 0, run.stderr);
    });
});
