#!/usr/bin/env node
/**
 * @file How long `supalint lsp` takes to re-lint a migration after one
 * keystroke, end to end as an editor sees it: from `didChange` sent to the
 * new diagnostics received, with the debounce set to 0. A corpus folder is
 * copied into a temporary `supabase/migrations`, one of its files is opened,
 * warmed up, then typed into; the median and the spread are printed, and
 * (on Linux) the server's CPU time per keystroke, which a busy machine
 * inflates less than the wall-clock figures. A
 * benchmark, not a test: it asserts nothing, and the load average is printed
 * beside the figures.
 *
 *   node bench/lsp-keystroke.js [--corpus DIR] [--file newest|middle|oldest] [--edits 20] [--warmup 10]
 */

import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { TestClient, uriOf } from "../pkg-js/tests/lsp-client.js";

const { values } = parseArgs({
    options: {
        corpus: { type: "string", default: "/work/shared/corpus/tutur3u__platform" },
        file: { type: "string", default: "newest" },
        edits: { type: "string", default: "20" },
        warmup: { type: "string", default: "10" },
    },
});

const dir = mkdtempSync(path.join(os.tmpdir(), "supalint-lsp-bench-"));
const migrations = path.join(dir, "supabase", "migrations");
mkdirSync(migrations, { recursive: true });
const names = readdirSync(values.corpus)
    .filter((name) => name.endsWith(".sql"))
    .sort();
for (const name of names) {
    copyFileSync(path.join(values.corpus, name), path.join(migrations, name));
}
const pick = { newest: names.length - 1, middle: Math.floor(names.length / 2), oldest: 0 }[values.file] ?? names.length - 1;
const file = path.join(migrations, names[pick]);

/**
 * The CPU time a process has used, in ms (Linux `/proc`), or null elsewhere.
 * @param {number | undefined} pid
 * @returns {number | null}
 */
function cpuMs(pid) {
    const stat = `/proc/${pid}/stat`;
    if (pid === undefined || !existsSync(stat)) {
        return null;
    }
    const fields = readFileSync(stat, "utf8").split(") ")[1].split(" ");
    // utime and stime, fields 14 and 15 of the line (11 and 12 after the command name), in clock ticks (100 per second).
    return (Number(fields[11]) + Number(fields[12])) * 10;
}

const client = await TestClient.start({ cwd: dir, folders: [dir], initializationOptions: { debounceMs: 0 } });
try {
    await client.openFile(file);
    const uri = uriOf(file);
    /** @returns {Promise<number>} ms from the change to its diagnostics */
    const keystroke = async () => {
        const text = client.textOf(file);
        const lines = text.split("\n");
        const line = lines.length - 1;
        const started = performance.now();
        await client.edit(file, { start: { line, character: lines[line].length }, end: { line, character: lines[line].length } }, " ");
        await client.current(uri);
        return performance.now() - started;
    };
    for (let i = 0; i < Number(values.warmup); i += 1) {
        await keystroke();
    }
    const times = [];
    const cpuBefore = cpuMs(client.child.pid);
    for (let i = 0; i < Number(values.edits); i += 1) {
        times.push(await keystroke());
    }
    const cpuAfter = cpuMs(client.child.pid);
    times.sort((a, b) => a - b);
    const median = times.length % 2 === 1 ? times[(times.length - 1) / 2] : (times[times.length / 2 - 1] + times[times.length / 2]) / 2;
    console.log(
        JSON.stringify({
            corpus: path.basename(values.corpus),
            files: names.length,
            edited: names[pick],
            edits: times.length,
            medianMs: Number(median.toFixed(1)),
            minMs: Number(times[0].toFixed(1)),
            maxMs: Number(times[times.length - 1].toFixed(1)),
            serverCpuMsPerEdit: cpuBefore === null || cpuAfter === null ? null : Number(((cpuAfter - cpuBefore) / times.length).toFixed(1)),
            loadAverage: os.loadavg().map((load) => Number(load.toFixed(2))),
            cpus: os.cpus().length,
        }),
    );
    await client.shutdown();
} finally {
    client.kill();
    rmSync(dir, { recursive: true, force: true });
}
