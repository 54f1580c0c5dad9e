/**
 * @file Node module hooks for tests (never shipped): the engine's wasm-bindgen
 * glue is replaced by a wrapper whose calls trap, as a panicking engine would,
 * for a request with a file containing `SUPALINT_TRAP_MARKER`. Each spare copy
 * of the glue (`?instance=N`) wraps its own copy. Loaded by `trap-preload.js`.
 */

/**
 * @param {string} url
 * @param {object} context
 * @param {(url: string, context: object) => Promise<object>} nextLoad
 */
export async function load(url, context, nextLoad) {
    const parsed = new URL(url);
    if (!parsed.pathname.endsWith("/wasm/supalint.js") || parsed.searchParams.has("real")) {
        return nextLoad(url, context);
    }
    parsed.searchParams.set("real", "1");
    const real = JSON.stringify(parsed.href);
    const source = `import * as real from ${real};
export * from ${real};
const marker = process.env.SUPALINT_TRAP_MARKER;
const trapping = (method) => (request) => {
    if (marker && request.files.some((file) => file.text.includes(marker))) {
        throw new WebAssembly.RuntimeError("unreachable (a test's trap)");
    }
    return real[method](request);
};
export const lint = trapping("lint");
export const fix = trapping("fix");
export const accessMatrix = trapping("accessMatrix");
export const catalog = trapping("catalog");
`;
    return { format: "module", source, shortCircuit: true };
}
