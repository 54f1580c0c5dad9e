/**
 * @file `supalint --fix` over a temporary copy of the shared corpus of
 * real-world migrations (`../shared/corpus` from the repository root), one
 * project per folder: no file gains a parse error or a finding of any rule,
 * no finding that has a fix is left in a file whose fixes were applied, a
 * file whose fixes were refused is byte for byte what it was, and a second
 * run has nothing left to fix. Prints the problems fixed per rule and the
 * files left untouched, with the reason.
 */

import assert from "node:assert/strict";
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { it } from "node:test";
import { lintFiles, rules } from "../src/index.js";
import { REPO_DIR, jsonResults, makeProject, runCli } from "./helpers.js";

const CORPUS = path.resolve(REPO_DIR, "../shared/corpus");
const MIGRATIONS = "supabase/migrations";

/**
 * Folders that directly hold `.sql` files: each is one project's migrations.
 * @param {string} dir
 * @returns {string[]}
 */
function migrationFolders(dir) {
    const entries = readdirSync(dir, { withFileTypes: true });
    const here = entries.some((entry) => entry.isFile() && entry.name.endsWith(".sql")) ? [dir] : [];
    const below = entries.filter((entry) => entry.isDirectory()).flatMap((entry) => migrationFolders(path.join(dir, entry.name)));
    return [...here, ...below];
}

/**
 * How many messages of each rule.
 * @param {import("../src/api.js").LintMessage[]} messages
 * @returns {Map<string, number>}
 */
function countByRule(messages) {
    const counts = new Map();
    for (const message of messages) {
        counts.set(message.ruleId, (counts.get(message.ruleId) ?? 0) + 1);
    }
    return counts;
}

/**
 * Adds `count` to `key` of a tally.
 * @param {Record<string, number>} tally
 * @param {string} key
 * @param {number} count
 * @returns {void}
 */
function add(tally, key, count) {
    tally[key] = (tally[key] ?? 0) + count;
}

const skip = existsSync(CORPUS) ? false : `no corpus at ${CORPUS}`;
if (skip) {
    process.stdout.write(`# skipped: ${skip}\n`);
}

it("--fix over a copy of the corpus makes nothing worse and leaves nothing fixable", { skip, timeout: 180_000 }, (t) => {
    const fixable = new Set(rules().filter((rule) => rule.fixable === "fix").map((rule) => rule.id));
    const root = makeProject(t, {});
    /** @type {Record<string, number>} */
    const fixedPerRule = {};
    /** @type {Record<string, number>} */
    const unfixablePerRule = {};
    /** @type {string[]} */
    const refused = [];
    /** @type {string[]} */
    const failures = [];
    const totals = { files: 0, changed: 0, clean: 0, fixedCount: 0 };

    for (const folder of migrationFolders(CORPUS)) {
        const name = path.relative(CORPUS, folder).split(path.sep).join("__");
        const project = path.join(root, name);
        mkdirSync(path.join(project, MIGRATIONS), { recursive: true });
        const names = readdirSync(folder).filter((file) => file.endsWith(".sql")).sort();
        for (const file of names) {
            const copy = path.join(project, MIGRATIONS, file);
            copyFileSync(path.join(folder, file), copy);
            // The corpus is read-only, and --fix refuses read-only files.
            chmodSync(copy, 0o644);
        }
        const before = lintFiles([], { cwd: project }).results;
        const originals = before.map((result) => readFileSync(result.filePath));

        const run = runCli(["--fix", "--format", "json"], { cwd: project });
        assert.notEqual(run.status, 2, `${name}: ${run.stderr}`);
        const reported = new Map(jsonResults(run).map((result) => [result.filePath, result]));
        const refusals = new Map(
            [...run.stderr.matchAll(/^supalint: left (.+) untouched, none of its fixes applied: (.+)$/gmu)].map((match) => [match[1], match[2]]),
        );
        assert.equal(run.stderr.split("\n").filter(Boolean).length, refusals.size, `${name}: unexpected stderr:\n${run.stderr}`);

        const after = lintFiles([], { cwd: project }).results;
        for (const [index, result] of after.entries()) {
            const where = `${name}/${path.basename(result.filePath)}`;
            const was = countByRule(before[index].messages);
            const is = countByRule(result.messages);
            for (const [rule, count] of is) {
                if (count > (was.get(rule) ?? 0)) {
                    failures.push(`${where}: ${rule} ${was.get(rule) ?? 0} -> ${count}`);
                }
            }
            for (const [rule, count] of was) {
                if (fixable.has(rule) && count > (is.get(rule) ?? 0)) {
                    add(fixedPerRule, rule, count - (is.get(rule) ?? 0));
                }
            }
            totals.files += 1;
            const fixedCount = reported.get(result.filePath)?.fixedCount ?? 0;
            totals.fixedCount += fixedCount;
            if (fixedCount !== before[index].messages.length - result.messages.length) {
                failures.push(`${where}: the CLI says ${fixedCount} fixed, the findings went ${before[index].messages.length} -> ${result.messages.length}`);
            }
            const text = readFileSync(result.filePath);
            const reason = refusals.get(result.filePath);
            if (reason !== undefined) {
                refused.push(`${where}: ${reason}`);
                if (!text.equals(originals[index])) {
                    failures.push(`${where}: refused, yet changed`);
                }
                continue;
            }
            if (text.equals(originals[index])) {
                totals.clean += 1;
            } else {
                totals.changed += 1;
            }
            for (const message of result.messages) {
                if (message.fix) {
                    failures.push(`${where}:${message.line}: ${message.ruleId} still has a fix after --fix`);
                } else if (fixable.has(message.ruleId)) {
                    add(unfixablePerRule, `${message.ruleId} ${message.messageId}`, 1);
                }
            }
        }

        const again = runCli(["--fix-dry-run", "--format", "json"], { cwd: project });
        for (const result of jsonResults(again)) {
            if (result.output !== undefined) {
                failures.push(`${name}/${path.basename(result.filePath)}: a second --fix changes it again`);
            }
        }
    }

    const lines = [
        `corpus --fix: ${totals.files} files, ${totals.changed} changed, ${totals.fixedCount} problems fixed`,
        `problems fixed per rule: ${JSON.stringify(fixedPerRule)}`,
        `left untouched: ${totals.clean} files with nothing to fix, ${refused.length} refused${refused.length > 0 ? `:\n  ${refused.join("\n  ")}` : ""}`,
        `findings of fixable rules that have no fix (left for a person): ${JSON.stringify(unfixablePerRule)}`,
    ];
    for (const line of lines) {
        t.diagnostic(line);
    }
    assert.deepEqual(failures, []);
    assert.ok(totals.changed > 0, "the corpus has something to fix");
});
