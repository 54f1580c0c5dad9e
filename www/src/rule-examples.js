/**
 * @file What "Open in editor" does with an example of the rule docs, as the
 * engine's metadata gives it (`RuleMeta.examples`: flagged or passing, the
 * file it is linted as, the versions of a `--since` ref, its registered bucket
 * ids, the migrations it holds, and the text applied migrations had at the
 * `--since` ref). The playground opens an example only when it is one file
 * and needs no `--since`.
 */

import { effectiveSeverity } from "./config.js";
import { DOC_EXAMPLE_FILE } from "./paths.js";

/** @import { PlaygroundConfig, Severity } from "./config.js" */

/**
 * @typedef {import("supalint").RuleMeta["examples"][number]} DocExample
 */

/**
 * @typedef {{ openable: true, text: string, fileName: string, registeredBuckets?: string[] }
 *   | { openable: false, reason: string }} TryTarget
 * What "Open in editor" loads (text, file name, and the bucket ids to
 * register), or why the example cannot be opened.
 */

/**
 * What the playground loads for an example, so the editor shows what the docs
 * say: the file it names (or the docs' default file), and its bucket ids.
 * @param {DocExample} example
 * @returns {TryTarget}
 */
export function tryTarget(example) {
    const { files } = example;
    if (files.length > 1) {
        return {
            openable: false,
            reason: `This example is ${files.length} migrations, and the playground lints one file at a time; the CLI lints them together.`,
        };
    }
    if (example.since !== undefined || example.baseFiles !== undefined) {
        return { openable: false, reason: "This example needs `--since` (the migrations that existed at a git ref), which the playground does not have." };
    }
    const [only] = files;
    /** @type {TryTarget} */
    const target = { openable: true, text: only.text, fileName: only.name ?? DOC_EXAMPLE_FILE };
    if (example.registeredBuckets !== undefined) {
        target.registeredBuckets = [...example.registeredBuckets];
    }
    return target;
}

/**
 * The configuration an opened example is linted with: the visitor's, with the
 * example's bucket ids registered and its rule turned on (as a warning) when
 * the configuration has it off, the way the engine's docs tests lint it.
 * @param {PlaygroundConfig} config
 * @param {Extract<TryTarget, { openable: true }>} target
 * @param {{ id: string, presets: Record<PlaygroundConfig["extends"], Severity> }} rule
 * @returns {{ config: PlaygroundConfig, changes: string[] }} the same object when nothing changes; `changes` in words, for a notice
 */
export function configForExample(config, target, rule) {
    let next = config;
    /** @type {string[]} */
    const changes = [];
    const buckets = target.registeredBuckets;
    if (buckets !== undefined && JSON.stringify(next.registeredBuckets) !== JSON.stringify(buckets)) {
        next = { ...next, registeredBuckets: [...buckets] };
        changes.push(`registered buckets set to ${buckets.map((id) => `\`${id}\``).join(", ")}`);
    }
    if (effectiveSeverity(next, rule) === "off") {
        next = { ...next, rules: { ...next.rules, [rule.id]: "warn" } };
        changes.push(`\`${rule.id}\` turned on (warn)`);
    }
    return { config: next, changes };
}
