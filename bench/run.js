#!/usr/bin/env node
/**
 * @file `pnpm bench`: measures supalint on the shared migration corpus repeated
 * to at least 20 MB and writes the figures, with the machine's description, to
 * BENCHMARKS.md (between the `bench:begin`/`bench:end` markers; the
 * hand-written analysis around them is kept). A benchmark, not a test: it
 * asserts nothing, and timings taken while the machine is busy are noisy (the
 * load average is recorded next to them).
 *
 *   node bench/run.js [--corpus DIR] [--mb 20] [--runs 3] [--peer-runs 5] [--out BENCHMARKS.md]
 *       [--no-native] [--no-peers] [--scaling-only] [--scaling-budget 120]
 *
 * Side by side (bench/peers.js): supalint, Squawk and postgres-language-server
 * on three sets: a 50-file project (the first 50 migrations of the corpus's
 * largest history), the corpus as one folder, and the big set.
 *
 * Measured: the CLI end to end (process start included) on the big corpus,
 * the engine alone inside Node, the native Rust build (benches/native.rs),
 * the CLI's cold start on one small file, peak RSS, the WASM size raw and
 * gzipped, a 1,000-line migration in the engine, and the time per statement
 * kind. Then the scaling case (bench/scaling.js): generated inputs of 10k,
 * 20k and 40k statements or files, written between the `scaling:begin` and
 * `scaling:end` markers; `--scaling-only` measures only that. A size that
 * takes longer than `--scaling-budget` seconds is stopped there, and the
 * larger sizes of its case are not run.
 */

import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { repeatCorpus, sqlFiles } from "./corpus.js";
import { timeTools, tools } from "./peers.js";
import { SCALING_CASES } from "./scaling.js";

const REPO = fileURLToPath(new URL("..", import.meta.url));
const CLI = path.join(REPO, "pkg-js", "src", "cli", "index.js");
const WASM = path.join(REPO, "pkg-js", "wasm", "supalint_bg.wasm");
const RSS_PRELOAD = path.join(REPO, "bench", "report-rss.js");
const ENGINE_CHILD = path.join(REPO, "bench", "engine-in-node.js");

const TARGETS = {
    cliMbPerSecond: 15,
    coldStartMs: 150,
    wasmGzipKb: 600,
    peakRssMb: 200,
    oneFileMs: 10,
};

const options = parseArgs(process.argv.slice(2));
const work = mkdtempSync(path.join(os.tmpdir(), "supalint-bench-"));
try {
    main();
} finally {
    rmSync(work, { recursive: true, force: true });
}

function main() {
    log(`building the WASM engine (skipped when up to date)`);
    execFileSync(path.join(REPO, "scripts", "build-wasm"), { cwd: REPO, stdio: ["ignore", "ignore", "inherit"] });

    if (options.scalingOnly) {
        writeScaling(measureScaling());
        log(`wrote ${path.relative(process.cwd(), options.out) || options.out}`);
        return;
    }
    const loadBefore = os.loadavg();
    const project = path.join(work, "project");
    const corpus = repeatCorpus(options.corpus, path.join(project, "supabase", "migrations"), options.mb * 1e6);
    log(`corpus: ${corpus.files} files, ${mb(corpus.bytes)} MB (${corpus.copies} copies of ${corpus.sourceFiles} files)`);
    const oneFile = thousandLineMigration(options.corpus, path.join(work, "one-file.sql"));
    const config = path.join(work, "engine-config.json");
    writeFileSync(config, JSON.stringify(engineConfig(project)));

    const wasmBytes = readFileSync(WASM);
    const wasm = { raw: wasmBytes.length, gzip: gzipSync(wasmBytes, { level: 9 }).length };

    /** @type {any} */
    let native = null;
    const samples = path.join(work, "statements.json");
    if (options.native) {
        log("native engine (cargo bench --bench native)");
        native = runNative(project, config, samples, oneFile.path);
    }

    log("engine inside Node");
    const engine = runJson(process.execPath, [ENGINE_CHILD, project, config, oneFile.path, native ? samples : "", String(options.runs)]);

    log(`supalint, Squawk and postgres-language-server side by side, ${options.peerRuns} alternating runs per set`);
    const peers = comparePeers(project, corpus);

    log(`CLI end to end, ${options.runs} runs`);
    const cliRuns = [];
    for (let run = 0; run < options.runs; run += 1) {
        cliRuns.push(timeCli(project, []));
    }
    const cli = medianBy(cliRuns, "ms");
    const cliRss = Math.max(...cliRuns.map((run) => run.rssKb));

    log("cold start on one small file, 10 runs");
    const cold = path.join(work, "cold");
    const small = smallestCorpusFile(options.corpus);
    mkdirSync(path.join(cold, "supabase", "migrations"), { recursive: true });
    copyFileSync(small, path.join(cold, "supabase", "migrations", "20240101000000_small.sql"));
    const coldRuns = Array.from({ length: 10 }, () => timeCli(cold, []));
    const nodeRuns = Array.from({ length: 10 }, () => timeProcess(process.execPath, ["-e", "0"], cold));
    const loadAfter = os.loadavg();

    const figures = {
        date: new Date().toISOString(),
        machine: machine(),
        load: { before: loadBefore, after: loadAfter },
        corpus,
        runs: options.runs,
        cli: { ms: cli.ms, cpuMs: median(cliRuns.map((r) => r.cpuMs)), mbPerSecond: corpus.bytes / 1e6 / (cli.ms / 1e3), filesPerSecond: corpus.files / (cli.ms / 1e3), rssKb: cliRss, exitCode: cli.status, all: cliRuns.map((r) => r.ms) },
        engine,
        native,
        cold: { ms: median(coldRuns.map((r) => r.ms)), cpuMs: median(coldRuns.map((r) => r.cpuMs)), nodeMs: median(nodeRuns.map((r) => r.ms)), bytes: statSync(small).size, rssKb: median(coldRuns.map((r) => r.rssKb)) },
        wasm,
        oneFile: { lines: oneFile.lines, bytes: oneFile.bytes },
        peers,
    };
    writeReport(figures);
    writeScaling(measureScaling());
    log(`wrote ${path.relative(process.cwd(), options.out) || options.out}`);
}

/**
 * @param {string[]} argv
 */
function parseArgs(argv) {
    const parsed = { corpus: path.resolve(REPO, "..", "shared", "corpus"), mb: 20, runs: 3, peerRuns: 5, out: path.join(REPO, "BENCHMARKS.md"), native: true, peers: true, scalingOnly: false, scalingBudget: 120 };
    for (let i = 0; i < argv.length; i += 1) {
        const arg = argv[i];
        const value = () => {
            i += 1;
            if (argv[i] === undefined) {
                throw new Error(`${arg} needs a value`);
            }
            return argv[i];
        };
        if (arg === "--corpus") parsed.corpus = path.resolve(value());
        else if (arg === "--mb") parsed.mb = Number(value());
        else if (arg === "--runs") parsed.runs = Math.max(1, Number(value()));
        else if (arg === "--out") parsed.out = path.resolve(value());
        else if (arg === "--peer-runs") parsed.peerRuns = Math.max(1, Number(value()));
        else if (arg === "--no-native") parsed.native = false;
        else if (arg === "--no-peers") parsed.peers = false;
        else if (arg === "--scaling-only") parsed.scalingOnly = true;
        else if (arg === "--scaling-budget") parsed.scalingBudget = Math.max(1, Number(value()));
        else throw new Error(`unknown option ${arg}`);
    }
    if (!existsSync(parsed.corpus)) {
        throw new Error(`no corpus at ${parsed.corpus} (pass --corpus DIR)`);
    }
    return parsed;
}

/**
 * Times supalint and its peers on the three sets, and counts what each reports.
 * @param {string} bigProject the project holding the big set
 * @param {{ files: number, bytes: number }} big
 */
function comparePeers(bigProject, big) {
    if (!options.peers) {
        return null;
    }
    const list = tools(REPO, path.join(REPO, "target", "bench-cache"), log);
    const largest = readdirSync(options.corpus, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => path.join(options.corpus, entry.name))
        .sort((a, b) => sqlFiles(b).length - sqlFiles(a).length)[0];
    const sets = [
        { name: `50-file project (first 50 of \`${path.basename(largest)}\`)`, project: path.join(work, "fifty"), build: (/** @type {string} */ to) => repeatCorpus(largest, to, 0, 50) },
        { name: "the corpus as one folder", project: path.join(work, "whole"), build: (/** @type {string} */ to) => repeatCorpus(options.corpus, to, 0) },
        { name: `the ${options.mb} MB set`, project: bigProject, build: () => big },
    ];
    return sets.map((set) => {
        const built = set.build(path.join(set.project, "supabase", "migrations"));
        log(`  ${set.name}: ${built.files} files, ${mb(built.bytes)} MB`);
        const timed = timeTools(list, set.project, options.peerRuns, work);
        const counted = list.map((tool) => tool.findings(set.project));
        return {
            name: set.name,
            files: built.files,
            bytes: built.bytes,
            tools: timed.map((t, i) => ({ ...t, findings: counted[i].findings, rules: [...counted[i].byRule].sort((a, b) => b[1] - a[1]) })),
        };
    });
}

/**
 * A 1,000-line migration made of whole corpus statements (runs of lines up to
 * one ending in `;`), in corpus order.
 * @param {string} source
 * @param {string} out
 */
function thousandLineMigration(source, out) {
    const lines = [];
    for (const file of sqlFiles(source)) {
        let chunk = [];
        for (const line of readFileSync(file, "utf8").split("\n")) {
            chunk.push(line);
            if (/;\s*$/.test(line)) {
                if (lines.length + chunk.length > 1000) break;
                lines.push(...chunk);
                chunk = [];
            }
        }
        if (lines.length >= 990) break;
    }
    while (lines.length < 1000) lines.push("");
    const text = lines.join("\n");
    writeFileSync(out, text);
    return { path: out, lines: lines.length, bytes: Buffer.byteLength(text) };
}

/**
 * @param {string} dir
 */
function smallestCorpusFile(dir) {
    const sized = sqlFiles(dir).map((file) => ({ file, size: statSync(file).size })).filter((f) => f.size > 200);
    sized.sort((a, b) => a.size - b.size || (a.file < b.file ? -1 : 1));
    return sized[0].file;
}

/**
 * The configuration the CLI resolves for the project (so the native and
 * in-Node runs lint exactly what the CLI lints).
 * @param {string} project
 */
function engineConfig(project) {
    const script = `import(${JSON.stringify(path.join(REPO, "pkg-js", "src", "index.js"))}).then((m) => process.stdout.write(JSON.stringify(m.loadConfig(${JSON.stringify(project)}).config)))`;
    return JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }));
}

/**
 * @param {string} project
 * @param {string} config
 * @param {string} samples
 * @param {string} oneFile
 */
function runNative(project, config, samples, oneFile) {
    const args = ["bench", "--quiet", "--bench", "native", "--", path.join(project, "supabase", "migrations"), "--root", project, "--config", config, "--runs", String(options.runs), "--dump-statements", samples, "--one-file", oneFile];
    return runJson("cargo", args, REPO);
}

/**
 * Runs a command that prints one JSON object.
 * @param {string} command
 * @param {string[]} args
 * @param {string} [cwd]
 */
function runJson(command, args, cwd = REPO) {
    const result = spawnSync(command, args, { cwd, encoding: "utf8", maxBuffer: 64 << 20, stdio: ["ignore", "pipe", "inherit"] });
    if (result.status !== 0) {
        throw new Error(`${command} ${args.join(" ")} exited with ${result.status}`);
    }
    return JSON.parse(result.stdout);
}

/**
 * Runs the CLI in `cwd` (its migrations folder), output to nowhere.
 * @param {string} cwd
 * @param {string[]} args
 */
function timeCli(cwd, args) {
    return timeProcess(process.execPath, ["--import", RSS_PRELOAD, CLI, "--no-color", ...args], cwd);
}

/**
 * Lints each scaling input with the CLI, end to end, one run per size (the
 * point is the ratio between sizes). A run past the budget is stopped, and
 * the larger sizes of its case are skipped.
 */
function measureScaling() {
    const loadBefore = os.loadavg();
    const rows = [];
    for (const scalingCase of SCALING_CASES) {
        let stopped = false;
        for (const size of scalingCase.sizes) {
            const row = { id: scalingCase.id, title: scalingCase.title, unit: scalingCase.unit, size, bytes: 0, ms: 0, cpuMs: 0, rssKb: 0, outcome: "done" };
            if (stopped) {
                rows.push({ ...row, outcome: "skipped" });
                continue;
            }
            log(`scaling: ${size} ${scalingCase.unit}`);
            const dir = path.join(work, `scaling-${scalingCase.id}-${size}`);
            scalingCase.write(dir, size);
            const migrations = path.join(dir, "supabase", "migrations");
            row.bytes = readdirSync(migrations).reduce((sum, name) => sum + statSync(path.join(migrations, name)).size, 0);
            const rssFile = path.join(work, "rss.txt");
            rmSync(rssFile, { force: true });
            const started = performance.now();
            const result = spawnSync(process.execPath, ["--import", RSS_PRELOAD, CLI, "--no-color"], {
                cwd: dir,
                stdio: ["ignore", "ignore", "ignore"],
                env: { ...process.env, SUPALINT_BENCH_RSS_FILE: rssFile },
                timeout: options.scalingBudget * 1000,
                killSignal: "SIGKILL",
            });
            row.ms = performance.now() - started;
            if (result.status === null) {
                row.outcome = "stopped";
                stopped = true;
            } else if (result.status === 2) {
                row.outcome = "failed";
                stopped = true;
            }
            if (existsSync(rssFile)) {
                Object.assign(row, JSON.parse(readFileSync(rssFile, "utf8")));
            }
            rows.push(row);
            rmSync(dir, { recursive: true, force: true });
        }
    }
    return { date: new Date().toISOString(), budget: options.scalingBudget, load: { before: loadBefore, after: os.loadavg() }, rows };
}

/**
 * Writes the scaling table between its markers.
 * @param {any} s the scaling figures
 */
function writeScaling(s) {
    const lines = [
        "<!-- scaling:begin (generated by `pnpm bench`; edit outside these markers) -->",
        "",
        `Measured ${s.date.slice(0, 16).replace("T", " ")} UTC; load average before ${s.load.before.map((x) => x.toFixed(2)).join(" / ")}, after ${s.load.after.map((x) => x.toFixed(2)).join(" / ")}. The CLI end to end (process start included), one run per size, stopped after ${s.budget} s; "× CPU" is the CPU time over the previous size's, for an input "× input" times larger (CPU rather than wall time: the machine is shared).`,
        "",
        "| input | size | SQL | wall | CPU | × input | × CPU | peak RSS |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ];
    let previous = null;
    for (const row of s.rows) {
        const sameCase = previous !== null && previous.id === row.id;
        const title = sameCase ? "" : row.title;
        const size = `${row.size.toLocaleString("en-US")} ${row.unit}`;
        if (row.outcome === "skipped") {
            lines.push(`| ${title} | ${size} | | not run (a smaller size went over the budget) | | | | |`);
        } else if (row.outcome !== "done") {
            lines.push(`| ${title} | ${size} | ${mb(row.bytes)} MB | ${row.outcome === "stopped" ? `stopped after ${fixed(row.ms / 1e3, 0)} s` : `failed (exit 2) after ${fixed(row.ms / 1e3, 1)} s`} | | | | |`);
        } else {
            const ratio = sameCase && previous.outcome === "done";
            lines.push(
                `| ${title} | ${size} | ${mb(row.bytes)} MB | ${fixed(row.ms / 1e3, 2)} s | ${fixed(row.cpuMs / 1e3, 2)} s | ${ratio ? fixed(row.size / previous.size, 1) : ""} | ${ratio ? fixed(row.cpuMs / previous.cpuMs, 2) : ""} | ${fixed(row.rssKb / 1024, 0)} MB |`,
            );
        }
        previous = row;
    }
    lines.push("", "<!-- scaling:end -->");
    replaceBlock("scaling", lines.join("\n"));
}

/**
 * Replaces the block between `<!-- NAME:begin …-->` and `<!-- NAME:end -->`
 * in the report (appended when it has none).
 * @param {string} name
 * @param {string} block the new block, markers included
 */
function replaceBlock(name, block) {
    const existing = existsSync(options.out) ? readFileSync(options.out, "utf8") : "# Benchmarks\n";
    const begin = existing.indexOf(`<!-- ${name}:begin`);
    const endMarker = `<!-- ${name}:end -->`;
    const end = existing.indexOf(endMarker);
    const next = begin >= 0 && end > begin ? existing.slice(0, begin) + block + existing.slice(end + endMarker.length) : `${existing.trimEnd()}\n\n${block}\n`;
    writeFileSync(options.out, next);
}

/**
 * Wall time and peak RSS of a child process.
 * @param {string} command
 * @param {string[]} args
 * @param {string} cwd
 */
function timeProcess(command, args, cwd) {
    const rssFile = path.join(work, "rss.txt");
    rmSync(rssFile, { force: true });
    const started = performance.now();
    const result = spawnSync(command, args, { cwd, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, SUPALINT_BENCH_RSS_FILE: rssFile }, maxBuffer: 64 << 20 });
    const ms = performance.now() - started;
    if (result.status === 2 || result.status === null) {
        throw new Error(`${args.join(" ")} failed (${result.status}): ${result.stderr}`);
    }
    const { rssKb, cpuMs } = existsSync(rssFile) ? JSON.parse(readFileSync(rssFile, "utf8")) : { rssKb: 0, cpuMs: 0 };
    return { ms, rssKb, cpuMs, status: result.status };
}

function machine() {
    const lscpu = spawnSync("lscpu", [], { encoding: "utf8" }).stdout ?? "";
    const field = (name) => lscpu.match(new RegExp(`^${name}:\\s*(.+)$`, "m"))?.[1]?.trim() ?? "?";
    const rustc = spawnSync("rustc", ["--version"], { encoding: "utf8" }).stdout?.trim() ?? "?";
    return {
        cpu: field("Model name"),
        cpus: field("CPU\\(s\\)"),
        threadsPerCore: field("Thread\\(s\\) per core"),
        memoryGb: os.totalmem() / 2 ** 30,
        kernel: `${os.type()} ${os.release()}`,
        node: process.version,
        rustc,
    };
}

/**
 * @param {number[]} values
 */
function median(values) {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
}

/**
 * @template T
 * @param {T[]} items
 * @param {keyof T} key
 * @returns {T}
 */
function medianBy(items, key) {
    const sorted = [...items].sort((a, b) => Number(a[key]) - Number(b[key]));
    return sorted[Math.floor(sorted.length / 2)];
}

/**
 * @param {number} bytes
 */
function mb(bytes) {
    return (bytes / 1e6).toFixed(1);
}

/**
 * @param {string} message
 */
function log(message) {
    process.stderr.write(`bench: ${message}\n`);
}

/**
 * @param {number} value
 * @param {number} digits
 */
function fixed(value, digits = 1) {
    return value === undefined || value === null || Number.isNaN(value) ? "–" : value.toFixed(digits);
}

/**
 * The side-by-side table, and what each tool reported.
 * @param {any[]} peers
 * @returns {string[]}
 */
function peerTable(peers) {
    const lines = [
        "### Side by side",
        "",
        `Each tool as a user runs it, runs alternating, median of ${options.peerRuns}: \`supalint --no-color\` (stylish), \`squawk --reporter gcc <files>\`, \`postgres-language-server check --disable-db supabase/migrations\` (through its npm launcher, as \`npx\` runs it). CPU is user + system of the process and its children (\`/usr/bin/time\`); peak RSS is the largest of the runs. The work differs: each tool runs its own rules (below), so the ratio compares the same files, not the same checks.`,
        "",
        "| set | tool | wall | CPU | peak RSS | supalint / tool (wall) | findings |",
        "|---|---|---:|---:|---:|---:|---:|",
    ];
    for (const set of peers) {
        const ours = set.tools[0];
        for (const tool of set.tools) {
            const ratio = tool === ours ? "" : `${fixed(ours.ms / tool.ms, 2)}×`;
            lines.push(`| ${set.name}: ${set.files} files, ${mb(set.bytes)} MB | ${tool.name} | ${fixed(tool.ms / 1e3, 3)} s | ${fixed(tool.cpuMs / 1e3, 3)} s | ${fixed(tool.rssKb / 1024, 0)} MB | ${ratio} | ${tool.findings} |`);
        }
    }
    const last = peers.at(-1);
    lines.push("", `Rules that reported, on ${last.name} (findings per rule):`, "");
    for (const tool of last.tools) {
        lines.push(`- ${tool.name}: ${tool.rules.length} rules: ${tool.rules.map(([rule, count]) => `\`${rule}\` ${count}`).join(", ")}.`);
    }
    return lines;
}

/**
 * @param {any} f the figures
 */
function writeReport(f) {
    const met = (ok) => (ok ? "✅ met" : "❌ missed");
    const m = f.machine;
    const engine = f.engine;
    const lines = [
        "<!-- bench:begin (generated by `pnpm bench`; edit outside these markers) -->",
        "",
        `Measured ${f.date.slice(0, 16).replace("T", " ")} UTC on ${m.cpu}, ${m.cpus} CPUs (${m.threadsPerCore} thread(s) per core), ${fixed(m.memoryGb)} GiB RAM, ${m.kernel}; Node ${m.node}; ${m.rustc}.`,
        `Load average (1/5/15 min) before: ${f.load.before.map((x) => x.toFixed(2)).join(" / ")}; after: ${f.load.after.map((x) => x.toFixed(2)).join(" / ")} (the machine is shared: figures taken under load are slower).`,
        "",
        `Corpus: \`../shared/corpus\` (${f.corpus.sourceFiles} files, ${mb(f.corpus.sourceBytes)} MB) copied ${f.corpus.copies} times into one migrations folder: **${f.corpus.files} files, ${mb(f.corpus.bytes)} MB**. Times are medians of ${f.runs} runs.`,
        "",
        "| figure | value | target | |",
        "|---|---|---|---|",
        `| CLI end to end (process start included), ${mb(f.corpus.bytes)} MB | **${fixed(f.cli.mbPerSecond)} MB/s**, ${fixed(f.cli.filesPerSecond, 0)} files/s (${fixed(f.cli.ms / 1e3, 2)} s wall; ${fixed(f.cli.cpuMs / 1e3, 2)} s of CPU, all threads) | ≥ ${TARGETS.cliMbPerSecond} MB/s | ${met(f.cli.mbPerSecond >= TARGETS.cliMbPerSecond)} |`,
        `| CLI peak RSS on that run | **${fixed(f.cli.rssKb / 1024, 0)} MB** | ≤ ${TARGETS.peakRssMb} MB | ${met(f.cli.rssKb / 1024 <= TARGETS.peakRssMb)} |`,
        `| CLI cold start, one ${f.cold.bytes}-byte file | **${fixed(f.cold.ms, 0)} ms** wall, ${fixed(f.cold.cpuMs, 0)} ms of CPU (bare \`node -e 0\`: ${fixed(f.cold.nodeMs, 0)} ms) | ≤ ${TARGETS.coldStartMs} ms | ${met(f.cold.ms <= TARGETS.coldStartMs)} |`,
        `| WASM size | ${fixed(f.wasm.raw / 1024, 0)} KiB raw, **${fixed(f.wasm.gzip / 1024, 0)} KiB gzip** (-9) | ≤ ${TARGETS.wasmGzipKb} KB gzip | ${met(f.wasm.gzip / 1000 <= TARGETS.wasmGzipKb)} |`,
        `| ${f.oneFile.lines}-line migration (${f.oneFile.bytes} bytes) in the engine, WASM in Node | **${fixed(engine.oneFile.medianMs, 2)} ms** | ≤ ${TARGETS.oneFileMs} ms | ${met(engine.oneFile.medianMs <= TARGETS.oneFileMs)} |`,
        `| engine alone in Node (WASM), first call | ${fixed(engine.firstMbPerSecond)} MB/s (${fixed(engine.firstMs / 1e3, 2)} s) | | |`,
        `| engine alone in Node (WASM), later calls | ${fixed(engine.warmMbPerSecond)} MB/s (${fixed(engine.warmMs / 1e3, 2)} s); instantiation ${fixed(engine.instantiateMs, 0)} ms; peak RSS ${fixed(engine.rssKb / 1024, 0)} MB | | |`,
    ];
    if (f.native) {
        lines.push(
            `| native engine (\`cargo bench --bench native\`) | ${fixed(f.native.mbPerSecond)} MB/s (${fixed(f.native.totalMs / 1e3, 2)} s: analysis ${fixed(f.native.analyzeMs / 1e3, 2)} s, history and rules ${fixed(f.native.rulesMs / 1e3, 2)} s); heap ${fixed(f.native.heap.afterAnalysisMb, 0)} MB after analysis, ${fixed(f.native.heap.peakMb, 0)} MB at the peak (64-bit) | | |`,
            `| ${f.oneFile.lines}-line migration, native | ${fixed(f.native.oneFile.medianMs, 2)} ms | | |`,
        );
    }
    lines.push(
        "",
        `The CLI run: \`supalint --no-color\` in the project (default stylish output, to /dev/null), exit code ${f.cli.exitCode}; runs: ${f.cli.all.map((ms) => `${fixed(ms / 1e3, 2)} s`).join(", ")}. ${engine.statements} statements, ${engine.diagnostics} diagnostics.`,
        "",
    );
    if (f.peers) {
        lines.push(...peerTable(f.peers), "");
    }
    if (engine.statementKinds?.length) {
        const nativeByKind = new Map((f.native?.statementKinds ?? []).map((row) => [row.kind, row]));
        lines.push(
            "### Time per statement kind",
            "",
            "Each statement of the corpus (once) linted on its own as a one-statement file; mean per statement. The WASM figure includes the JS ↔ WASM call (about the cost of an empty statement).",
            "",
            "| kind | statements | WASM in Node, mean µs | native, mean µs | WASM total ms |",
            "|---|---:|---:|---:|---:|",
        );
        for (const row of engine.statementKinds.slice(0, 20)) {
            const nativeRow = nativeByKind.get(row.kind);
            lines.push(`| ${row.kind} | ${row.count} | ${fixed(row.meanUs, 0)} | ${fixed(nativeRow?.meanUs, 0)} | ${fixed(row.totalMs)} |`);
        }
        lines.push("");
    }
    lines.push("<!-- bench:end -->");
    const block = lines.join("\n");
    replaceBlock("bench", block);
    writeFileSync(path.join(REPO, "target", "bench-figures.json"), JSON.stringify(f, null, 2));
}
