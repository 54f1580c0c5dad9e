/**
 * @file Preloaded (`node --import`) into the processes `pnpm bench` times:
 * writes the process's peak resident set size (KiB) and CPU time (ms, user
 * and system, all threads) as JSON to the file named by
 * `SUPALINT_BENCH_RSS_FILE` when it exits.
 */

import { writeFileSync } from "node:fs";

const file = process.env.SUPALINT_BENCH_RSS_FILE;
if (file) {
    process.on("exit", () => {
        const usage = process.resourceUsage();
        writeFileSync(file, JSON.stringify({ rssKb: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 }));
    });
}
