/**
 * @file The engine alone inside Node, for `pnpm bench` (bench/run.js runs it
 * as a child process and reads the JSON it prints):
 *
 *   node bench/engine-in-node.js PROJECT CONFIG_JSON ONE_FILE [STATEMENTS_JSON] [RUNS]
 *
 * Times instantiating the WASM, one `lint` call over every migration of the
 * project (the first call apart: it runs while V8 still compiles the hot
 * functions), a single file (ONE_FILE) linted alone, and each statement of
 * STATEMENTS_JSON (written by benches/native.rs) linted alone, by kind.
 */

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const [project, configFile, oneFile, statementsFile = "", runsArg = "3"] = process.argv.slice(2);
const runs = Math.max(1, Number(runsArg));
const NOW = "2026-01-01T00:00:00Z";
const config = JSON.parse(readFileSync(configFile, "utf8"));

const instantiateStart = performance.now();
const { engine } = await import("../pkg-js/src/engine/node.js");
const instantiateMs = performance.now() - instantiateStart;

const dir = path.join(project, "supabase", "migrations");
const files = readdirSync(dir)
    .filter((name) => name.endsWith(".sql"))
    .sort()
    .map((name) => ({ path: `supabase/migrations/${name}`, text: readFileSync(path.join(dir, name), "utf8") }));
const bytes = files.reduce((sum, file) => sum + Buffer.byteLength(file.text), 0);

const times = [];
let response;
for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    response = engine.lint({ files, config, now: NOW });
    times.push(performance.now() - started);
}
const [firstMs, ...later] = times;
const warmMs = later.length > 0 ? median(later) : firstMs;
const rssKb = process.resourceUsage().maxRSS;

const one = readFileSync(oneFile, "utf8");
const oneRequest = { files: [{ path: "supabase/migrations/20240101000000_one_file.sql", text: one }], config, now: NOW };
for (let i = 0; i < 10; i += 1) engine.lint(oneRequest);
const oneTimes = [];
for (let i = 0; i < 50; i += 1) {
    const started = performance.now();
    engine.lint(oneRequest);
    oneTimes.push(performance.now() - started);
}

/** @type {{ kind: string, count: number, totalMs: number, meanUs: number }[]} */
let statementKinds = [];
if (statementsFile !== "") {
    const samples = JSON.parse(readFileSync(statementsFile, "utf8"));
    /** @type {Map<string, { count: number, totalMs: number }>} */
    const byKind = new Map();
    for (const { kind, text } of samples) {
        const request = { files: [{ path: "supabase/migrations/20240101000000_statement.sql", text }], config, now: NOW };
        const started = performance.now();
        engine.lint(request);
        const elapsed = performance.now() - started;
        const entry = byKind.get(kind) ?? { count: 0, totalMs: 0 };
        entry.count += 1;
        entry.totalMs += elapsed;
        byKind.set(kind, entry);
    }
    statementKinds = [...byKind].map(([kind, { count, totalMs }]) => ({ kind, count, totalMs, meanUs: (totalMs * 1000) / count }));
    statementKinds.sort((a, b) => b.totalMs - a.totalMs);
}

const diagnostics = response.results.reduce((sum, file) => sum + file.diagnostics.length, 0);
process.stdout.write(
    JSON.stringify({
        instantiateMs,
        files: files.length,
        bytes,
        statements: response.stats.statements,
        diagnostics,
        firstMs,
        warmMs,
        firstMbPerSecond: bytes / 1e6 / (firstMs / 1e3),
        warmMbPerSecond: bytes / 1e6 / (warmMs / 1e3),
        rssKb,
        oneFile: { lines: one.split("\n").length, medianMs: median(oneTimes) },
        statementKinds,
    }),
);

/**
 * @param {number[]} values
 * @returns {number}
 */
function median(values) {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
}
