/**
 * @file Share links: the editor text, file name and configuration, as JSON
 * compressed with the platform's `CompressionStream("deflate-raw")` and
 * written as base64url into the URL hash (`#share=…`). Nothing leaves the
 * browser: the hash is never sent to a server.
 */

const PREFIX = "share=";

/**
 * @typedef {object} SharedState
 * @property {string} text
 * @property {string} fileName
 * @property {object} config the playground's configuration (see config.js)
 */

/**
 * @param {Uint8Array} bytes
 * @param {"compress" | "decompress"} direction
 * @returns {Promise<Uint8Array>}
 */
async function transform(bytes, direction) {
    const stream = direction === "compress" ? new CompressionStream("deflate-raw") : new DecompressionStream("deflate-raw");
    const output = new Blob([bytes]).stream().pipeThrough(stream);
    return new Uint8Array(await new Response(output).arrayBuffer());
}

/**
 * @param {Uint8Array} bytes
 * @returns {string}
 */
export function toBase64Url(bytes) {
    let binary = "";
    for (let start = 0; start < bytes.length; start += 0x8000) {
        binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
    }
    return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/u, "");
}

/**
 * @param {string} text
 * @returns {Uint8Array}
 */
export function fromBase64Url(text) {
    const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
    return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/**
 * The hash (with its `#`) that restores a state.
 * @param {SharedState} state
 * @returns {Promise<string>}
 */
export async function encodeShareHash(state) {
    const json = JSON.stringify({ v: 1, f: state.fileName, t: state.text, c: state.config });
    const compressed = await transform(new TextEncoder().encode(json), "compress");
    return `#${PREFIX}${toBase64Url(compressed)}`;
}

/**
 * The state in a hash, `null` when the hash holds none, and an `Error` when it
 * holds a damaged one.
 * @param {string} hash `location.hash`, with or without its `#`
 * @returns {Promise<SharedState | null>}
 * @throws {Error} when the hash is a share link that cannot be read
 */
export async function decodeShareHash(hash) {
    const body = hash.replace(/^#/u, "");
    if (!body.startsWith(PREFIX)) {
        return null;
    }
    const json = new TextDecoder().decode(await transform(fromBase64Url(body.slice(PREFIX.length)), "decompress"));
    const data = JSON.parse(json);
    if (data === null || typeof data !== "object" || data.v !== 1 || typeof data.t !== "string") {
        throw new Error("the link is not a supalint playground link");
    }
    return {
        text: data.t,
        fileName: typeof data.f === "string" ? data.f : "",
        config: data.c !== null && typeof data.c === "object" ? data.c : {},
    };
}
