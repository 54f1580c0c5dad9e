/**
 * @file Share links: the editor text, file name and configuration, as JSON
 * compressed with the platform's `CompressionStream("deflate-raw")` and
 * written as base64url into the URL hash (`#share=…`). Nothing leaves the
 * browser: the hash is never sent to a server. A link is someone else's
 * input: what it unpacks to is capped (`MAX_SHARED_BYTES`), so a small link
 * that inflates to hundreds of megabytes is refused instead of taking the tab
 * down.
 */

const PREFIX = "share=";

/** The most text a link may unpack to: well past any migration, far short of what hurts a tab. */
export const MAX_SHARED_BYTES = 8 * 1024 * 1024;

/** A link holding more than `MAX_SHARED_BYTES` once unpacked. */
export class ShareLinkTooLargeError extends Error {
    constructor() {
        super(`the link unpacks to more than ${MAX_SHARED_BYTES / (1024 * 1024)} MB`);
        this.name = "ShareLinkTooLargeError";
    }
}

/**
 * @typedef {object} SharedState
 * @property {string} text
 * @property {string} fileName
 * @property {object} config the playground's configuration (see config.js)
 */

/**
 * @param {Uint8Array} bytes
 * @returns {Promise<Uint8Array>}
 */
async function compress(bytes) {
    const output = new Blob([bytes]).stream().pipeThrough(new CompressionStream("deflate-raw"));
    return new Uint8Array(await new Response(output).arrayBuffer());
}

/**
 * Inflates, a chunk at a time, stopping as soon as the output passes `limit`.
 * @param {Uint8Array} bytes
 * @param {number} limit
 * @returns {Promise<Uint8Array>}
 * @throws {ShareLinkTooLargeError}
 */
async function inflate(bytes, limit) {
    const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw")).getReader();
    /** @type {Uint8Array[]} */
    const chunks = [];
    let total = 0;
    for (;;) {
        const { done, value } = await reader.read();
        if (done) {
            break;
        }
        total += value.length;
        if (total > limit) {
            await reader.cancel().catch(() => {});
            throw new ShareLinkTooLargeError();
        }
        chunks.push(value);
    }
    const out = new Uint8Array(total);
    let offset = 0;
    for (const chunk of chunks) {
        out.set(chunk, offset);
        offset += chunk.length;
    }
    return out;
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
    const compressed = await compress(new TextEncoder().encode(json));
    return `#${PREFIX}${toBase64Url(compressed)}`;
}

/**
 * The state in a hash, `null` when the hash holds none, and an `Error` when it
 * holds a damaged one.
 * @param {string} hash `location.hash`, with or without its `#`
 * @returns {Promise<SharedState | null>}
 * @throws {Error} when the hash is a share link that cannot be read; a
 *   `ShareLinkTooLargeError` when it unpacks to more than `MAX_SHARED_BYTES`
 */
export async function decodeShareHash(hash) {
    const body = hash.replace(/^#/u, "");
    if (!body.startsWith(PREFIX)) {
        return null;
    }
    const json = new TextDecoder().decode(await inflate(fromBase64Url(body.slice(PREFIX.length)), MAX_SHARED_BYTES));
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
