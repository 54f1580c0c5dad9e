#!/usr/bin/env node
/**
 * @file Regenerates what is derived from the engine's rule metadata:
 * `docs/rules.md` (the rule reference, as `supalint rules --format markdown`
 * prints it) and the rule table of the root README (between the
 * `<!-- rules:start -->` and `<!-- rules:end -->` markers). With `--check` it
 * writes nothing and exits 1 when either file is stale.
 */

import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { rules } from "../src/index.js";
import { formatRules } from "../src/cli/rules-output.js";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const START = "<!-- rules:start -->";
const END = "<!-- rules:end -->";

/**
 * The README's rule table: one row per rule, grouped by category.
 * @param {import("../src/api.js").RuleMeta[]} catalogue
 * @returns {string}
 */
export function readmeRuleTable(catalogue) {
    const sorted = [...catalogue].sort(
        (a, b) => a.categoryRank - b.categoryRank || a.id.localeCompare(b.id),
    );
    const severity = { error: "error", warn: "warn", off: "off" };
    const fix = { fix: "fix", suggestion: "suggestion" };
    const rows = sorted.map(
        (rule) =>
            `| ${rule.categoryTitle} | [\`${rule.id}\`](docs/rules.md#${rule.id}) | ${severity[rule.severity]} | ${rule.fixable ? fix[rule.fixable] : ""} | ${rule.summary.replaceAll("|", "\\|")} |`,
    );
    return [`${sorted.length} rules.`, "", "| category | rule | default | fix | what it flags |", "|---|---|---|---|---|", ...rows].join("\n");
}

/**
 * The README with its rule table replaced.
 * @param {string} readme
 * @param {string} table
 * @returns {string}
 */
export function withRuleTable(readme, table) {
    const start = readme.indexOf(START);
    const end = readme.indexOf(END);
    if (start === -1 || end === -1 || end < start) {
        throw new Error(`README.md lacks the ${START} … ${END} markers`);
    }
    return `${readme.slice(0, start + START.length)}\n${table}\n${readme.slice(end)}`;
}

/**
 * The files this tool owns, with their expected content.
 * @returns {{ path: string, expected: string }[]}
 */
export function generatedFiles() {
    const catalogue = rules();
    const readmePath = join(repoRoot, "README.md");
    return [
        { path: join(repoRoot, "docs", "rules.md"), expected: formatRules(catalogue, "markdown") },
        { path: readmePath, expected: withRuleTable(readFileSync(readmePath, "utf8"), readmeRuleTable(catalogue)) },
    ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    const check = process.argv.includes("--check");
    let stale = 0;
    for (const { path, expected } of generatedFiles()) {
        let current = null;
        try {
            current = readFileSync(path, "utf8");
        } catch {
            current = null;
        }
        if (current === expected) {
            continue;
        }
        if (check) {
            stale += 1;
            console.error(`${path} is stale: run \`node pkg-js/tools/update-rules-docs.js\``);
        } else {
            writeFileSync(path, expected);
            console.log(`updated ${path}`);
        }
    }
    process.exitCode = stale > 0 ? 1 : 0;
}
