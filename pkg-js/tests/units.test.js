/**
 * @file Small pieces without the engine: command-line parsing, UTF-8
 * validation, the progress line, atomic writes.
 */

import assert from "node:assert/strict";
import { chmodSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { parseCommandLine } from "../src/cli/options.js";
import { SupalintError } from "../src/errors.js";
import { createProgress } from "../src/cli/progress.js";
import { firstInvalidUtf8Offset } from "../src/files/utf8.js";
import { writeFileAtomic } from "../src/files/write-atomic.js";
import { makeProject } from "./helpers.js";

describe("parseCommandLine", () => {
    it("reads every lint flag", () => {
        const command = parseCommandLine([
            "-c",
            "cfg.json",
            "--format=json",
            "-o",
            "out.json",
            "--max-warnings",
            "3",
            "--quiet",
            "--fix-dry-run",
            "--fix-applied",
            "--db-url",
            "postgresql://localhost/app",
            "--rule",
            "a-rule:warn",
            "--rule",
            "b-rule:0",
            "--rule",
            'c-rule:["error", {"x": 1}]',
            "--no-inline-config",
            "--report-unused-disable-directives",
            "--no-color",
            "--since",
            "origin/main",
            "--cache",
            "--cache-location",
            ".cache/",
            "migrations",
            "*.sql",
        ]);
        assert.deepEqual(command, {
            command: "lint",
            patterns: ["migrations", "*.sql"],
            config: "cfg.json",
            format: "json",
            outputFile: "out.json",
            maxWarnings: 3,
            quiet: true,
            fix: false,
            fixDryRun: true,
            fixApplied: true,
            dbUrl: "postgresql://localhost/app",
            rules: { "a-rule": "warn", "b-rule": 0, "c-rule": ["error", { x: 1 }] },
            inlineConfig: false,
            reportUnusedDisableDirectives: true,
            stdin: false,
            stdinFilename: undefined,
            color: false,
            since: "origin/main",
            cache: true,
            cacheLocation: ".cache/",
        });
    });

    it("defaults to stylish, no warning limit, colour decided later", () => {
        const command = parseCommandLine([]);
        assert.equal(command.command, "lint");
        if (command.command === "lint") {
            assert.equal(command.format, "stylish");
            assert.equal(command.maxWarnings, -1);
            assert.equal(command.color, undefined);
            assert.equal(command.inlineConfig, true);
        }
    });

    it("rejects what cannot run, with a reason", () => {
        for (const [args, reason] of [
            [["--rule", "a-rule:loud"], /severity must be/u],
            [["--rule", ":warn"], /rule-id:severity/u],
            [["--max-warnings=-2"], /at least -1/u],
            [["--stdin-filename", "x.sql"], /only applies with --stdin/u],
            [["--stdin", "--stdin-filename", "x.sql", "a.sql"], /do not pass paths/u],
            [["--stdin", "--stdin-filename", "x.sql", "--fix"], /--fix-dry-run/u],
            [["--color", "--no-color"], /cannot be combined/u],
            [["--cache-location", ".cache"], /only applies with --cache/u],
            [["--since", "main", "--stdin", "--stdin-filename", "x.sql"], /does not apply to --stdin/u],
            [["rules", "--format", "sarif"], /unknown format/u],
        ]) {
            assert.throws(() => parseCommandLine(/** @type {string[]} */ (args)), (error) => error instanceof SupalintError && error.kind === "usage" && reason.test(error.message), String(args));
        }
    });

    it("parses the rules subcommand and help", () => {
        assert.deepEqual(parseCommandLine(["rules", "-f", "markdown"]), { command: "rules", ids: [], format: "markdown", outputFile: undefined });
        assert.deepEqual(parseCommandLine(["rules", "rls-enabled", "--format", "json"]), { command: "rules", ids: ["rls-enabled"], format: "json", outputFile: undefined });
        assert.deepEqual(parseCommandLine(["rules", "--help"]), { command: "help", topic: "rules" });
        assert.deepEqual(parseCommandLine(["-h"]), { command: "help", topic: "lint" });
        assert.deepEqual(parseCommandLine(["-v"]), { command: "version" });
    });
});

describe("firstInvalidUtf8Offset", () => {
    it("accepts well-formed UTF-8 and finds the first bad byte", () => {
        assert.equal(firstInvalidUtf8Offset(Buffer.from("plain é ✓ 𝄞 text")), -1);
        assert.equal(firstInvalidUtf8Offset(Uint8Array.from([0x61, 0xe9, 0x62])), 1);
        assert.equal(firstInvalidUtf8Offset(Uint8Array.from([0xc0, 0x80])), 0, "overlong");
        assert.equal(firstInvalidUtf8Offset(Uint8Array.from([0x61, 0xed, 0xa0, 0x80])), 1, "surrogate");
        assert.equal(firstInvalidUtf8Offset(Uint8Array.from([0xf4, 0x90, 0x80, 0x80])), 0, "above U+10FFFF");
        assert.equal(firstInvalidUtf8Offset(Uint8Array.from([0x61, 0x62, 0xe2, 0x9c])), 2, "truncated");
    });
});

describe("progress", () => {
    /**
     * @param {boolean} isTTY
     * @returns {{ isTTY: boolean, written: string[], write: (text: string) => boolean }}
     */
    function fakeStream(isTTY) {
        /** @type {string[]} */
        const written = [];
        return { isTTY, written, write: (text) => Boolean(written.push(text)) };
    }

    it("draws on a terminal for long runs and erases the line at the end", () => {
        const stream = fakeStream(true);
        const progress = createProgress(/** @type {any} */ (stream));
        progress.update({ phase: "read", done: 500, total: 500 });
        progress.update({ phase: "lint", done: 0, total: 500 });
        progress.done();
        assert.deepEqual(stream.written, ["\r\u001B[Ksupalint: reading 500/500 files", "\r\u001B[Ksupalint: linting 500 files…", "\r\u001B[K"]);
    });

    it("stays silent on pipes and for short runs", () => {
        const pipe = fakeStream(false);
        createProgress(/** @type {any} */ (pipe)).update({ phase: "lint", done: 0, total: 500 });
        const short = fakeStream(true);
        const progress = createProgress(/** @type {any} */ (short));
        progress.update({ phase: "lint", done: 0, total: 3 });
        progress.done();
        assert.deepEqual([pipe.written, short.written], [[], []]);
    });
});

describe("writeFileAtomic", () => {
    it("replaces the content, keeps the mode and leaves no temporary file", (t) => {
        const dir = makeProject(t, { "a.sql": "old" });
        const file = path.join(dir, "a.sql");
        chmodSync(file, 0o600);
        writeFileAtomic(file, "new");
        assert.equal(readFileSync(file, "utf8"), "new");
        assert.equal(statSync(file).mode & 0o777, 0o600);
        assert.deepEqual(readdirSync(dir), ["a.sql"]);
    });
});
