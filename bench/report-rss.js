/**
 * @file Preloaded (`node --import`) into the processes `pnpm bench` times:
 * writes the process's peak resident set size, in KiB, to the file named by
 * `SUPALINT_BENCH_RSS_FILE` when it exits.
 */

import { writeFileSync } from "node:fs";

const file = process.env.SUPALINT_BENCH_RSS_FILE;
if (file) {
    process.on("exit", () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
}
