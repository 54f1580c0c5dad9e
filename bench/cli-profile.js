#!/usr/bin/env node
/**
 * @file Where the CLI's time goes (issue 16): runs `supalint --no-color` under
 * V8's CPU profiler on the three sets the side-by-side table uses (a 50-file
 * project, the corpus as one folder, the 20 MB set) and splits the samples by
 * what they ran: Node's start and module loading, WebAssembly compilation,
 * reading files, the engine (WebAssembly code), the JS ↔ WebAssembly
 * conversion (wasm-bindgen's glue), formatting, garbage collection, and the
 * rest. The engine's own split between analysis and history + rules comes
 * from the native build (`cargo bench --bench native`), whose phases are
 * timed: its shares are applied to the engine's samples. A benchmark, not a
 * test: it asserts nothing. Prints a Markdown table.
 *
 *   node bench/cli-profile.js [--corpus DIR] [--mb 20] [--runs 3]
 */

import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { repeatCorpus, sqlFiles } from "./corpus.js";

const REPO = path.resolve(import.meta.dirname, "..");
const CLI = path.join(REPO, "pkg-js", "src", "cli", "index.js");

const { values } = parseArgs({
    options: {
        corpus: { type: "string", default: path.resolve(REPO, "../shared/corpus") },
        mb: { type: "string", default: "20" },
        runs: { type: "string", default: "3" },
    },
});

/** The categories, in the order the table prints them. */
const CATEGORIES = ["start and modules", "compile WebAssembly", "read files", "engine", "JS ↔ WASM", "format", "garbage collection", "other"];

/**
 * The category of one sampled call frame.
 * @param {{ functionName: string, url: string }} frame
 * @returns {string}
 */
function categoryOf({ functionName, url }) {
    if (url.startsWith("wasm://")) {
        return "engine";
    }
    if (functionName === "(garbage collector)") {
        return "garbage collection";
    }
    if (url.endsWith("/wasm/supalint.js")) {
        return "JS ↔ WASM";
    }
    if (url.includes("/formatters/")) {
        return "format";
    }
    if (/^(openFileHandle|read|readdir|fstat|close|readFileUtf8|lstat|stat|realpath)$/u.test(functionName) || url.includes("/files/")) {
        return "read files";
    }
    if (/compileWasm|WebAssembly|^Module$/u.test(functionName) || url.endsWith("/engine/node.js")) {
        return "compile WebAssembly";
    }
    if (url.startsWith("node:internal/modules") || url.startsWith("node:internal/bootstrap") || url.startsWith("node:internal/main")) {
        return "start and modules";
    }
    return "other";
}

/**
 * Profiles one CLI run and returns the milliseconds per category, and the wall time.
 * @param {string} project
 * @returns {{ wallMs: number, byCategory: Map<string, number> }}
 */
function profileOnce(project) {
    const dir = mkdtempSync(path.join(os.tmpdir(), "supalint-cpuprof-"));
    try {
        const started = performance.now();
        try {
            execFileSync(process.execPath, ["--cpu-prof", `--cpu-prof-dir=${dir}`, CLI, "--no-color"], { cwd: project, stdio: "ignore" });
        } catch {
            // Exit code 1: problems found.
        }
        const wallMs = performance.now() - started;
        const [file] = readdirSync(dir);
        const profile = JSON.parse(readFileSync(path.join(dir, file), "utf8"));
        /** @type {Map<number, { functionName: string, url: string }>} */
        const frames = new Map(profile.nodes.map((/** @type {any} */ node) => [node.id, node.callFrame]));
        const byCategory = new Map(CATEGORIES.map((c) => [c, 0]));
        profile.samples.forEach((/** @type {number} */ id, /** @type {number} */ index) => {
            const frame = frames.get(id);
            if (frame === undefined || frame.functionName === "(idle)") {
                return;
            }
            const category = categoryOf(frame);
            byCategory.set(category, (byCategory.get(category) ?? 0) + profile.timeDeltas[index] / 1000);
        });
        return { wallMs, byCategory };
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

/**
 * The median of each category over `runs` runs.
 * @param {string} project
 * @param {number} runs
 */
function profile(project, runs) {
    const all = Array.from({ length: runs }, () => profileOnce(project));
    const median = (/** @type {number[]} */ list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
    return {
        wallMs: median(all.map((r) => r.wallMs)),
        byCategory: new Map(CATEGORIES.map((c) => [c, median(all.map((r) => r.byCategory.get(c) ?? 0))])),
    };
}

/**
 * The native engine's analysis share of its analysis + rules time on `project`.
 * @param {string} project
 * @returns {number | null}
 */
function nativeAnalysisShare(project) {
    try {
        const out = execFileSync("cargo", ["bench", "--quiet", "--bench", "native", "--", path.join(project, "supabase", "migrations"), "--runs", "1"], {
            cwd: REPO,
            encoding: "utf8",
            stdio: ["ignore", "pipe", "ignore"],
        });
        const { analyzeMs, rulesMs } = JSON.parse(out.slice(out.indexOf("{")));
        return analyzeMs / (analyzeMs + rulesMs);
    } catch {
        return null;
    }
}

const work = mkdtempSync(path.join(os.tmpdir(), "supalint-profile-"));
try {
    const largest = readdirSync(values.corpus, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => path.join(values.corpus, entry.name))
        .sort((a, b) => sqlFiles(b).length - sqlFiles(a).length)[0];
    const sets = [
        { name: `50 files (first 50 of \`${path.basename(largest)}\`)`, dir: path.join(work, "fifty"), build: (/** @type {string} */ to) => repeatCorpus(largest, to, 0, 50) },
        { name: "the corpus as one folder", dir: path.join(work, "corpus"), build: (/** @type {string} */ to) => repeatCorpus(values.corpus, to, 0) },
        { name: `the ${values.mb} MB set`, dir: path.join(work, "big"), build: (/** @type {string} */ to) => repeatCorpus(values.corpus, to, Number(values.mb) * 1e6) },
    ];
    const rows = [];
    for (const set of sets) {
        const built = set.build(path.join(set.dir, "supabase", "migrations"));
        const measured = profile(set.dir, Number(values.runs));
        const share = nativeAnalysisShare(set.dir);
        rows.push({ set, built, measured, share });
    }
    const header = ["set", "wall", "profiled CPU", ...CATEGORIES];
    console.log(`| ${header.join(" | ")} |`);
    console.log(`|${header.map((_, i) => (i === 0 ? "---" : "---:")).join("|")}|`);
    for (const { set, built, measured, share } of rows) {
        const total = [...measured.byCategory.values()].reduce((a, b) => a + b, 0);
        const cell = (/** @type {string} */ category) => {
            const ms = measured.byCategory.get(category) ?? 0;
            const text = `${Math.round(ms)} ms (${Math.round((100 * ms) / total)} %)`;
            if (category === "engine" && share !== null) {
                return `${text}: analysis ≈ ${Math.round(ms * share)}, history + rules ≈ ${Math.round(ms * (1 - share))}`;
            }
            return text;
        };
        console.log(`| ${set.name}: ${built.files} files, ${(built.bytes / 1e6).toFixed(1)} MB | ${Math.round(measured.wallMs)} ms | ${Math.round(total)} ms | ${CATEGORIES.map(cell).join(" | ")} |`);
    }
    console.log(`\nLoad average: ${os.loadavg().map((n) => n.toFixed(2)).join(" / ")}; medians of ${values.runs} runs.`);
} finally {
    rmSync(work, { recursive: true, force: true });
}
