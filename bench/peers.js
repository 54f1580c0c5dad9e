/**
 * @file supalint beside its peers, as a user runs each: Squawk 2.70.0 (its
 * native binary, from the PyPI `squawk-cli` wheel, installed into a virtual
 * environment under the bench's cache when missing) and postgres-language-server
 * 0.25.5 (npm `@postgres-language-server/cli`, an exact devDependency of the
 * workspace; `pnpm install` runs when it is missing). Runs alternate between
 * the tools, so that a change in the machine's load falls on all of them;
 * wall time is measured here, CPU time (user and system, children included)
 * and peak RSS by `/usr/bin/time`.
 */

import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

export const SQUAWK_VERSION = "2.70.0";
export const PGLS_VERSION = "0.25.5";

/**
 * @typedef {object} Tool
 * @property {string} name
 * @property {(project: string) => { command: string, args: string[] }} command the timed run
 * @property {(project: string) => { findings: number, byRule: Map<string, number> }} findings an untimed run that counts what it reports
 */

/**
 * The three tools, installing the peers when missing.
 * @param {string} repo
 * @param {string} cache the bench's cache folder (the Squawk virtual environment goes in it)
 * @param {(message: string) => void} log
 * @returns {Tool[]}
 */
export function tools(repo, cache, log) {
    const cli = path.join(repo, "pkg-js", "src", "cli", "index.js");
    const squawk = ensureSquawk(cache, log);
    const pgls = ensurePgls(repo, log);
    const migrationFiles = (/** @type {string} */ project) =>
        readdirSync(path.join(project, "supabase", "migrations"))
            .filter((name) => name.endsWith(".sql"))
            .sort()
            .map((name) => path.join("supabase", "migrations", name));
    return [
        {
            name: "supalint",
            command: () => ({ command: process.execPath, args: [cli, "--no-color"] }),
            findings(project) {
                const out = capture(process.execPath, [cli, "--format", "json"], project);
                const byRule = new Map();
                let findings = 0;
                for (const result of JSON.parse(out)) {
                    for (const message of result.messages) {
                        findings += 1;
                        byRule.set(message.ruleId, (byRule.get(message.ruleId) ?? 0) + 1);
                    }
                }
                return { findings, byRule };
            },
        },
        {
            name: `Squawk ${SQUAWK_VERSION}`,
            command: (project) => ({ command: squawk, args: ["--reporter", "gcc", ...migrationFiles(project)] }),
            findings(project) {
                const out = capture(squawk, ["--reporter", "gcc", ...migrationFiles(project)], project);
                const byRule = new Map();
                let findings = 0;
                for (const line of out.split("\n")) {
                    const rule = line.match(/^.+?:\d+:\d+: (?:warning|error): (\S+)/)?.[1];
                    if (rule !== undefined) {
                        findings += 1;
                        byRule.set(rule, (byRule.get(rule) ?? 0) + 1);
                    }
                }
                return { findings, byRule };
            },
        },
        {
            name: `postgres-language-server ${PGLS_VERSION}`,
            command: () => ({ command: pgls, args: ["check", "--disable-db", path.join("supabase", "migrations")] }),
            findings(project) {
                const out = capture(pgls, ["check", "--disable-db", "--reporter=json", "--max-diagnostics=none", path.join("supabase", "migrations")], project);
                const byRule = new Map();
                let findings = 0;
                for (const diagnostic of JSON.parse(out.slice(out.indexOf("{"))).diagnostics ?? []) {
                    findings += 1;
                    const rule = String(diagnostic.category ?? "?").replace(/^lint\/\w+\//, "");
                    byRule.set(rule, (byRule.get(rule) ?? 0) + 1);
                }
                return { findings, byRule };
            },
        },
    ];
}

/**
 * Times every tool `runs` times on one project, alternating.
 * @param {Tool[]} list
 * @param {string} project
 * @param {number} runs
 * @param {string} scratch a folder for `/usr/bin/time`'s output
 * @returns {{ name: string, ms: number, cpuMs: number, rssKb: number, all: number[], status: number | null }[]}
 */
export function timeTools(list, project, runs, scratch) {
    const samples = list.map(() => /** @type {{ ms: number, cpuMs: number, rssKb: number, status: number | null }[]} */ ([]));
    for (let run = 0; run < runs; run += 1) {
        list.forEach((tool, index) => {
            samples[index].push(timeCommand(tool.command(project), project, scratch));
        });
    }
    return list.map((tool, index) => {
        const all = samples[index];
        return {
            name: tool.name,
            ms: median(all.map((s) => s.ms)),
            cpuMs: median(all.map((s) => s.cpuMs)),
            rssKb: Math.max(...all.map((s) => s.rssKb)),
            all: all.map((s) => s.ms),
            status: all[0].status,
        };
    });
}

/**
 * @param {{ command: string, args: string[] }} run
 * @param {string} cwd
 * @param {string} scratch
 */
function timeCommand({ command, args }, cwd, scratch) {
    const out = path.join(scratch, "time.txt");
    rmSync(out, { force: true });
    const started = performance.now();
    const result = spawnSync("/usr/bin/time", ["-f", "%U %S %M", "-o", out, command, ...args], { cwd, stdio: ["ignore", "ignore", "pipe"], maxBuffer: 256 << 20 });
    const ms = performance.now() - started;
    const last = readFileSync(out, "utf8").trim().split("\n").at(-1) ?? "";
    const [user, system, rssKb] = last.split(" ").map(Number);
    if (result.status === null || Number.isNaN(user)) {
        throw new Error(`${command} ${args.slice(0, 3).join(" ")}… failed (${result.status}): ${String(result.stderr).slice(0, 2000)}`);
    }
    return { ms, cpuMs: (user + system) * 1000, rssKb, status: result.status };
}

/**
 * @param {string} command
 * @param {string[]} args
 * @param {string} cwd
 */
function capture(command, args, cwd) {
    return spawnSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 1 << 30 }).stdout;
}

/**
 * @param {string} cache
 * @param {(message: string) => void} log
 */
function ensureSquawk(cache, log) {
    const venv = path.join(cache, "squawk-venv");
    const squawk = path.join(venv, "bin", "squawk");
    const installed = existsSync(squawk) ? spawnSync(squawk, ["--version"], { encoding: "utf8" }).stdout?.trim() : "";
    if (installed !== `squawk ${SQUAWK_VERSION}`) {
        log(`installing squawk-cli ${SQUAWK_VERSION} into ${venv}`);
        execFileSync("python3", ["-m", "venv", venv], { stdio: "inherit" });
        execFileSync(path.join(venv, "bin", "pip"), ["install", "--quiet", `squawk-cli==${SQUAWK_VERSION}`], { stdio: "inherit" });
    }
    return squawk;
}

/**
 * @param {string} repo
 * @param {(message: string) => void} log
 */
function ensurePgls(repo, log) {
    const bin = path.join(repo, "node_modules", ".bin", "postgres-language-server");
    if (!existsSync(bin)) {
        log("installing the workspace's devDependencies (postgres-language-server)");
        execFileSync("pnpm", ["install", "--frozen-lockfile", "--prefer-offline"], { cwd: repo, stdio: "inherit" });
    }
    return bin;
}

/**
 * @param {number[]} values
 */
function median(values) {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
}
