/**
 * @file Node module hooks for tests (never shipped): the functions that
 * resolve a configuration and read its files are wrapped to count their
 * calls from other modules, and the counts are appended to the file
 * `SUPALINT_TEST_READ_LOG` names when the process exits, one `name count`
 * line each. Loaded by `read-count-preload.js`.
 */

/** The wrapped exports, by the module path that ends with the key. */
const COUNTED = new Map([
    ["/src/config/load-config.js", ["loadConfig", "resolveConfig"]],
    ["/src/config/read-config-file.js", ["readConfigFile"]],
    ["/src/config/registered-buckets.js", ["resolveRegisteredBuckets"]],
]);

/**
 * @param {string} url
 * @param {object} context
 * @param {(url: string, context: object) => Promise<object>} nextLoad
 */
export async function load(url, context, nextLoad) {
    const parsed = new URL(url);
    const suffix = [...COUNTED.keys()].find((key) => parsed.pathname.endsWith(key));
    if (suffix === undefined || parsed.searchParams.has("real")) {
        return nextLoad(url, context);
    }
    parsed.searchParams.set("real", "1");
    const real = JSON.stringify(parsed.href);
    const wrapped = /** @type {string[]} */ (COUNTED.get(suffix))
        .map((name) => `export const ${name} = (...args) => { count(${JSON.stringify(name)}); return real.${name}(...args); };`)
        .join("\n");
    const source = `import { appendFileSync } from "node:fs";
import * as real from ${real};
export * from ${real};
const counts = (globalThis.__supalintReadCounts ??= new Map());
if (!globalThis.__supalintReadLogHooked) {
    globalThis.__supalintReadLogHooked = true;
    process.on("exit", () => {
        const lines = [...counts].map(([name, count]) => name + " " + count + "\\n").join("");
        appendFileSync(process.env.SUPALINT_TEST_READ_LOG, lines);
    });
}
const count = (name) => counts.set(name, (counts.get(name) ?? 0) + 1);
${wrapped}
`;
    return { format: "module", source, shortCircuit: true };
}
