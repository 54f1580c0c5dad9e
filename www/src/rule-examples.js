/**
 * @file The examples in the rule docs, read the way the engine's catalog
 * reads them (`src/rules/catalog.rs`): a fenced `sql` block, `expect_diagnostic`
 * when it is flagged, and the tags `file=<name>.sql` (the file it is linted
 * as), `since=<v>|<v>` (the versions that existed at a `--since` ref) and
 * `registeredBuckets=<id>|<id>` (the bucket ids the application registers).
 * A block can hold several migrations, each opened by a `-- file: <name>.sql`
 * line, and the text an applied migration had at the `--since` ref, opened by
 * `-- base: <name>.sql`. The playground opens an example in the editor only
 * when it is one file and needs no `--since`.
 */

import { effectiveSeverity } from "./config.js";
import { DOC_EXAMPLE_FILE } from "./paths.js";

/** @import { PlaygroundConfig, Severity } from "./config.js" */

/** The line that opens each file of a multi-file example. */
const FILE_LINE = "-- file:";

/** The line that opens the text an applied migration had at the `--since` ref. */
const BASE_LINE = "-- base:";

/**
 * @typedef {object} DocExample the shape of `RuleMeta.examples[]`
 * @property {boolean} valid
 * @property {string} code
 * @property {string} [file]
 * @property {string[]} [since]
 * @property {string[]} [registeredBuckets]
 */

/**
 * @typedef {{ name: string | undefined, text: string }} ExampleFile
 */

/**
 * @typedef {{ openable: true, text: string, fileName: string, registeredBuckets?: string[] }
 *   | { openable: false, reason: string }} TryTarget
 * What "Open in editor" loads (text, file name, and the bucket ids to
 * register), or why the example cannot be opened.
 */

/**
 * An example from a fenced block's info tags (after the language) and code.
 * @param {string[]} tags
 * @param {string} code
 * @returns {DocExample}
 */
export function docExample(tags, code) {
    /** @type {DocExample} */
    const example = { valid: !tags.includes("expect_diagnostic"), code: code.endsWith("\n") ? code : `${code}\n` };
    const tag = (/** @type {string} */ name) => tags.find((item) => item.startsWith(`${name}=`))?.slice(name.length + 1);
    const file = tag("file");
    const since = tag("since");
    const registeredBuckets = tag("registeredBuckets");
    if (file !== undefined) {
        example.file = file;
    }
    if (since !== undefined) {
        example.since = since.split("|");
    }
    if (registeredBuckets !== undefined) {
        example.registeredBuckets = registeredBuckets.split("|");
    }
    return example;
}

/**
 * The migrations an example holds: its code split at `-- file: <name>` lines,
 * without the `-- base: <name>` sections (the text an applied migration had).
 * Text before the first such line is the file `file` names (undefined: the
 * docs' default file). Mirrors `Example::files` in the engine.
 * @param {DocExample} example
 * @returns {ExampleFile[]}
 */
export function exampleFiles(example) {
    return exampleSections(example)
        .filter((section) => !section.isBase)
        .map(({ name, text }) => ({ name, text }));
}

/**
 * Whether an example holds the text an applied migration had at the `--since` ref.
 * @param {DocExample} example
 * @returns {boolean}
 */
export function hasBaseText(example) {
    return exampleSections(example).some((section) => section.isBase);
}

/**
 * An example's code split at `-- file:` and `-- base:` lines. Mirrors `Example::sections`.
 * @param {DocExample} example
 * @returns {(ExampleFile & { isBase: boolean })[]}
 */
function exampleSections(example) {
    /** @type {(ExampleFile & { isBase: boolean })[]} */
    const sections = [];
    let current = { name: example.file, text: "", isBase: false };
    for (const line of example.code.replace(/\n$/u, "").split("\n")) {
        const trimmed = line.trim();
        const opener = [FILE_LINE, BASE_LINE].find((prefix) => trimmed.startsWith(prefix));
        if (opener !== undefined) {
            if (current.text !== "" || current.name !== undefined) {
                sections.push(current);
            }
            current = { name: trimmed.slice(opener.length).trim(), text: "", isBase: opener === BASE_LINE };
        } else {
            current.text += `${line}\n`;
        }
    }
    if (current.text !== "" || sections.every((section) => section.isBase)) {
        sections.push(current);
    }
    return sections;
}

/**
 * What the playground loads for an example, so the editor shows what the docs
 * say: the file it names (or the docs' default file), and its bucket ids.
 * @param {DocExample} example
 * @returns {TryTarget}
 */
export function tryTarget(example) {
    const files = exampleFiles(example);
    if (files.length > 1) {
        return {
            openable: false,
            reason: `This example is ${files.length} migrations, and the playground lints one file at a time; the CLI lints them together.`,
        };
    }
    if (example.since !== undefined || hasBaseText(example)) {
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
 * @param {{ id: string, severity: Severity }} rule
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
