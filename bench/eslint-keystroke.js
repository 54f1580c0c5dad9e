#!/usr/bin/env node
/**
 * @file How long the ESLint plugin takes to re-lint one migration in an
 * editor session, as VS Code's ESLint extension drives it: one long-lived
 * `ESLint` instance, `lintText(buffer, { filePath })` after each keystroke.
 * A corpus folder is copied into a temporary `supabase/migrations` beside an
 * `eslint.config.js` that uses `supalint.configs.recommended`; one file is
 * linted a few times to warm up, then typed into `--edits` times. Prints the
 * median and spread of the wall time and the CPU time per keystroke (this
 * process, all threads), which a busy machine inflates less. A benchmark, not
 * a test: it asserts nothing.
 *
 *   node bench/eslint-keystroke.js [--corpus DIR] [--file newest|middle|oldest] [--edits 20] [--warmup 5]
 */

import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { ESLint } from "eslint";

const REPO = path.resolve(import.meta.dirname, "..");

const { values } = parseArgs({
    options: {
        corpus: { type: "string", default: path.resolve(REPO, "../shared/corpus/tutur3u__platform") },
        file: { type: "string", default: "newest" },
        edits: { type: "string", default: "20" },
        warmup: { type: "string", default: "5" },
    },
});

const dir = mkdtempSync(path.join(os.tmpdir(), "supalint-eslint-bench-"));
try {
    const migrations = path.join(dir, "supabase", "migrations");
    mkdirSync(migrations, { recursive: true });
    const names = readdirSync(values.corpus)
        .filter((name) => name.endsWith(".sql"))
        .sort();
    for (const name of names) {
        copyFileSync(path.join(values.corpus, name), path.join(migrations, name));
    }
    const plugin = path.join(REPO, "pkg-js", "src", "eslint", "index.js");
    writeFileSync(
        path.join(dir, "eslint.config.js"),
        `import supalint from ${JSON.stringify(plugin)};\nexport default [supalint.configs.recommended];\n`,
    );
    const pick = { newest: names.length - 1, middle: Math.floor(names.length / 2), oldest: 0 }[values.file] ?? names.length - 1;
    const filePath = path.join(migrations, names[pick]);
    const original = readFileSync(filePath, "utf8");
    const eslint = new ESLint({ cwd: dir });

    /** @param {string} text */
    const lintOnce = async (text) => {
        const cpu = process.cpuUsage();
        const started = performance.now();
        const [result] = await eslint.lintText(text, { filePath });
        const used = process.cpuUsage(cpu);
        return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, problems: result.messages.length };
    };

    for (let i = 0; i < Number(values.warmup); i += 1) {
        await lintOnce(`${original}\n-- warm-up ${i}\n`);
    }
    const runs = [];
    let typed = "";
    for (let i = 0; i < Number(values.edits); i += 1) {
        typed += "x";
        runs.push(await lintOnce(`${original}\n-- ${typed}\n`));
    }
    const sorted = (/** @type {number[]} */ list) => [...list].sort((a, b) => a - b);
    const median = (/** @type {number[]} */ list) => sorted(list)[Math.floor(list.length / 2)];
    const ms = runs.map((r) => r.ms);
    const round = (/** @type {number} */ n) => Math.round(n * 10) / 10;
    console.log(
        JSON.stringify({
            corpus: path.basename(values.corpus),
            files: names.length,
            edited: names[pick],
            edits: runs.length,
            medianMs: round(median(ms)),
            minMs: round(sorted(ms)[0]),
            maxMs: round(sorted(ms).at(-1) ?? 0),
            cpuMsPerEdit: round(median(runs.map((r) => r.cpuMs))),
            problems: runs.at(-1)?.problems,
            loadAverage: os.loadavg().map(round),
            cpus: os.availableParallelism(),
        }),
    );
} finally {
    rmSync(dir, { recursive: true, force: true });
}
