/**
 * @file The command line's first hour: a reader that closes the pipe early,
 * `supalint rules <id>`, a mistyped option or rule id answered with the
 * closest one, `--rule` mistakes blamed on the command line, and a
 * `seed.sql` in the migrations folder left to the seed rules.
 */

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, it } from "node:test";
import { closestMatch } from "../src/cli/parse-args.js";
import { CLEAN_SQL, GOOD_NAME, REPO_DIR, jsonResults, makeProject, runCli } from "./helpers.js";

const CLI = `${REPO_DIR}/pkg-js/src/cli/index.js`;

describe("a reader that stops early", () => {
    it("ends the run quietly, with its own exit code", () => {
        // The SARIF report of examples/ is far over a pipe's 64 KiB, so `head` closes the pipe mid-write.
        const shell = spawnSync("bash", ["-c", `set -o pipefail; "${process.execPath}" "${CLI}" --format sarif examples | head -c 100 >/dev/null; echo "status $?"`], {
            cwd: REPO_DIR,
            encoding: "utf8",
            timeout: 60_000,
        });
        assert.equal(shell.stderr, "");
        // examples/ holds deliberate errors: exit 1, as without the pipe, and no stack trace.
        assert.equal(shell.stdout, "status 1\n");
    });
});

describe("supalint rules <id>", () => {
    it("prints that rule's documentation", () => {
        const run = runCli(["rules", "require-if-not-exists"]);
        assert.equal(run.status, 0, run.stderr);
        assert.match(run.stdout, /^## require-if-not-exists\n\nRequires `IF NOT EXISTS`/u);
        assert.match(run.stdout, /^### What it does$/mu);
        assert.match(run.stdout, /^- Fix: safe fix \(`--fix`\)$/mu);
        assert.doesNotMatch(run.stdout, /^## (?!require-if-not-exists)/mu, "no other rule");
        assert.doesNotMatch(run.stdout, /expect_diagnostic/u);

        const json = JSON.parse(runCli(["rules", "rls-enabled", "require-if-not-exists", "--format", "json"]).stdout);
        assert.deepEqual(
            json.map((/** @type {{ id: string }} */ rule) => rule.id),
            ["rls-enabled", "require-if-not-exists"],
        );
    });

    it("answers an unknown id with the closest one", () => {
        const run = runCli(["rules", "require-if-not-exist"]);
        assert.equal(run.status, 2);
        assert.equal(run.stderr, "supalint: no rule `require-if-not-exist`; did you mean `require-if-not-exists`?\nRun `supalint --help` for usage.\n");
        assert.match(runCli(["rules", "zzz"]).stderr, /^supalint: no rule `zzz`; `supalint rules` lists them\.\n/u);
    });
});

describe("a mistyped option", () => {
    it("names the option meant, in every command", (t) => {
        const dir = makeProject(t, { [`supabase/migrations/${GOOD_NAME}`]: CLEAN_SQL });
        const cases = [
            [["--formt", "json"], "supalint: unknown option --formt; did you mean --format?\nRun `supalint --help` for usage.\n"],
            [["--max-warning=3"], "supalint: unknown option --max-warning; did you mean --max-warnings?\nRun `supalint --help` for usage.\n"],
            [["--bogus"], "supalint: unknown option --bogus.\nRun `supalint --help` for usage.\n"],
            [["rules", "--fromat", "json"], "supalint: unknown option --fromat; did you mean --format?\nRun `supalint --help` for usage.\n"],
            [["init", "--forse"], "supalint init: unknown option --forse; did you mean --force?\nRun `supalint init --help` for usage.\n"],
        ];
        for (const [args, stderr] of /** @type {[string[], string][]} */ (cases)) {
            const run = runCli(args, { cwd: dir });
            assert.equal(run.status, 2, args.join(" "));
            assert.equal(run.stderr, stderr, args.join(" "));
        }
    });

    it("suggests only a near match", () => {
        assert.equal(closestMatch("--formt", ["--fix", "--format", "--quiet"]), "--format");
        assert.equal(closestMatch("--bogus", ["--fix", "--format", "--quiet"]), undefined);
        assert.equal(closestMatch("require-if-not-exist", ["rls-enabled", "require-if-not-exists"]), "require-if-not-exists");
    });
});

describe("--rule mistakes", () => {
    it("are the command line's, not the configuration file's", (t) => {
        const dir = makeProject(t, { [`supabase/migrations/${GOOD_NAME}`]: CLEAN_SQL, "supalint.config.json": "{}\n" });
        const unknown = runCli(["--rule", "nope:off"], { cwd: dir });
        assert.equal(unknown.status, 2);
        assert.equal(unknown.stderr, "supalint: --rule nope: unknown rule `nope`.\nRun `supalint --help` for usage.\n");
        const typo = runCli(["--rule", "require-if-not-exist:warn"], { cwd: dir });
        assert.match(typo.stderr, /^supalint: --rule require-if-not-exist: unknown rule `require-if-not-exist`; did you mean `require-if-not-exists`\?\n/u);
        assert.doesNotMatch(unknown.stderr + typo.stderr, /supalint\.config\.json/u);
    });

    it("leave the file's own mistakes to the file", (t) => {
        const dir = makeProject(t, { [`supabase/migrations/${GOOD_NAME}`]: CLEAN_SQL, "supalint.config.json": '{ "rules": { "nope": "off" } }\n' });
        const run = runCli(["--rule", "rls-enabled:warn"], { cwd: dir });
        assert.equal(run.status, 2);
        assert.match(run.stderr, /^supalint: Invalid supalint configuration \(.*supalint\.config\.json\):\n.*`nope`/u);
    });
});

describe("seed.sql in the migrations folder", () => {
    it("is seed data: no migration-filename finding, the seed rules still apply", (t) => {
        const dir = makeProject(t, {
            [`supabase/migrations/${GOOD_NAME}`]: CLEAN_SQL,
            "supabase/migrations/seed.sql": "-- Local seed data.\ninsert into public.notes (id) values (1);\n",
            "supalint.config.json": '{ "seedTables": ["public.notes"] }\n',
        });
        const [, seed] = jsonResults(runCli(["--format", "json"], { cwd: dir }));
        assert.match(seed.filePath, /seed\.sql$/u);
        assert.deepEqual(
            seed.messages.map((/** @type {{ ruleId: string }} */ message) => message.ruleId),
            ["insert-on-conflict"],
        );
    });
});
