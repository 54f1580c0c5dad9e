#!/usr/bin/env node
/**
 * @file Writes every diagnostic supalint gives (rule, message, data, positions,
 * fix, suggestions) and the statistics, as the Node API returns them, to one
 * text file, so that a speed change can be checked to leave results byte for
 * byte identical (`cmp before.txt after.txt`):
 *
 *   node bench/dump-diagnostics.js OUT [--corpus DIR] [--mb 20] [--no-big]
 *
 * Linted: each history of the corpus on its own (one folder is one history,
 * and each subfolder of a folder is one too, as tests/support/corpus.rs reads
 * them), then the set `pnpm bench` builds (the corpus copied into one folder
 * until it holds `--mb` MB). Each goes through `lintFiles` in a project of its
 * own, with the default configuration, as the CLI lints it.
 */

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { repeatCorpus } from "./corpus.js";

const REPO = fileURLToPath(new URL("..", import.meta.url));
const { lintFiles } = await import(path.join(REPO, "pkg-js", "src", "index.js"));

const args = process.argv.slice(2);
const out = args[0];
if (out === undefined || out.startsWith("--")) {
    throw new Error("usage: node bench/dump-diagnostics.js OUT [--corpus DIR] [--mb 20] [--no-big]");
}
const corpus = path.resolve(option("--corpus") ?? path.join(REPO, "..", "shared", "corpus"));
const megabytes = Number(option("--mb") ?? 20);

const work = mkdtempSync(path.join(os.tmpdir(), "supalint-dump-"));
const lines = [];
try {
    for (const [name, dir] of histories(corpus)) {
        const project = path.join(work, name.replace(/\//g, "__"));
        const migrations = path.join(project, "supabase", "migrations");
        mkdirSync(migrations, { recursive: true });
        for (const file of sqlFilesIn(dir)) {
            writeFileSync(path.join(migrations, file), readFileSync(path.join(dir, file)));
        }
        dump(name, project);
    }
    if (!args.includes("--no-big")) {
        const project = path.join(work, "big");
        repeatCorpus(corpus, path.join(project, "supabase", "migrations"), megabytes * 1e6);
        dump(`the ${megabytes} MB set`, project);
    }
} finally {
    rmSync(work, { recursive: true, force: true });
}
writeFileSync(out, lines.join("\n") + "\n");
process.stderr.write(`dump: ${lines.length} lines to ${out}\n`);

/**
 * @param {string} name
 */
function option(name) {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : undefined;
}

/**
 * Lints a project and appends its results: one line per file, then one per message.
 * @param {string} name
 * @param {string} project
 */
function dump(name, project) {
    const report = lintFiles([], { cwd: project });
    lines.push(`# ${name}: ${JSON.stringify(report.stats)}`);
    for (const result of report.results) {
        const { filePath, messages, source, output, ...counts } = result;
        lines.push(`${path.relative(project, filePath)} ${JSON.stringify(counts)} source:${source === undefined ? "no" : source.length} output:${output === undefined ? "no" : JSON.stringify(output)}`);
        for (const message of messages) {
            lines.push(`  ${JSON.stringify(message)}`);
        }
    }
    if (report.engineCrashes) {
        lines.push(`crashes ${JSON.stringify(report.engineCrashes)}`);
    }
}

/**
 * The histories under the corpus, as [name, folder], by name.
 * @param {string} root
 * @returns {[string, string][]}
 */
function histories(root) {
    const found = [];
    for (const dir of subfolders(root)) {
        const name = path.basename(dir);
        if (sqlFilesIn(dir).length > 0) found.push([name, dir]);
        for (const sub of subfolders(dir)) {
            if (sqlFilesIn(sub).length > 0) found.push([`${name}/${path.basename(sub)}`, sub]);
        }
    }
    return found;
}

/**
 * @param {string} dir
 */
function subfolders(dir) {
    return readdirSync(dir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => path.join(dir, entry.name))
        .sort();
}

/**
 * @param {string} dir
 */
function sqlFilesIn(dir) {
    return readdirSync(dir, { withFileTypes: true })
        .filter((entry) => entry.isFile() && entry.name.endsWith(".sql"))
        .map((entry) => entry.name)
        .sort();
}
