/**
 * @file Every file of the shared corpus of real-world migrations
 * (`../shared/corpus` from the repository root): no crash, every file
 * reported; prints the share of statements the token fallback analysed.
 */

import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { it } from "node:test";
import { sourceFromBytes } from "../src/files/read-source.js";
import { lintFiles } from "../src/index.js";
import { REPO_DIR } from "./helpers.js";

const CORPUS = path.resolve(REPO_DIR, "../shared/corpus");

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

it("lints every corpus file without a crash", { skip: existsSync(CORPUS) ? false : `no corpus at ${CORPUS}` }, (t) => {
    const totals = { files: 0, statements: 0, parsed: 0, fallback: 0, problems: 0 };
    for (const folder of migrationFolders(CORPUS)) {
        const names = readdirSync(folder).filter((name) => name.endsWith(".sql")).sort();
        const sources = names.map((name) => sourceFromBytes(readFileSync(path.join(folder, name)), `supabase/migrations/${name}`));
        const { results, stats } = lintFiles(sources, { cwd: folder, config: {}, now: "2026-01-01T00:00:00Z" });
        assert.deepEqual(
            results.map((result) => path.basename(result.filePath)),
            names,
            `every file of ${path.relative(CORPUS, folder)} is reported`,
        );
        assert.ok(stats);
        totals.files += names.length;
        totals.statements += stats.statements;
        totals.parsed += stats.parsed;
        totals.fallback += stats.fallback;
        totals.problems += results.reduce((sum, result) => sum + result.messages.length, 0);
    }
    const share = totals.statements === 0 ? 0 : (100 * totals.fallback) / totals.statements;
    t.diagnostic(
        `corpus: ${totals.files} files, ${totals.statements} statements, ${totals.parsed} parsed fully, ` +
            `${totals.fallback} by the fallback (${share.toFixed(2)}%), ${totals.problems} problems`,
    );
    console.log(`corpus fallback share: ${totals.fallback}/${totals.statements} = ${share.toFixed(2)}%`);
    assert.ok(totals.files > 0);
});
