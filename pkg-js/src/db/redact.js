/**
 * @file Keeps database passwords out of everything the database commands
 * print: one function, `createRedactor`, through which standard output,
 * standard error, JSON reports, report files and error messages all pass. It
 * hides the password of any `scheme://user:password@host` URL in the text
 * (the password may hold an unencoded `@`), `password=` values (URL query
 * parameters and libpq's `key=value` connection strings, quoted or not), and
 * every occurrence of the passwords of the URL the command was given and of
 * `PGPASSWORD`, as written, percent-decoded or percent-encoded, wherever they
 * appear (a URL without a scheme, a server's error message).
 */

/** What a hidden secret is shown as. */
const HIDDEN = "***";

/**
 * A `password=` or `sslpassword=` value: a URL query parameter (after `?` or
 * `&`) or a `key=value` connection string setting (after a blank or at the
 * start, its value maybe single-quoted). A value already hidden is left as is, with the
 * punctuation a message puts after it (`…?password=***: connection refused`).
 */
const SECRET_PARAMETERS = /(^|[\s?&])((?:ssl)?password\s*=\s*)(?!\*\*\*[:;,.)]?(?:[&#\s"'<>]|$))('(?:\\.|[^'\\])*'?|[^&#\s"'<>]*)/giu;

/** A URL with a scheme, up to the first blank or quote. */
const SCHEME_URL = /[a-z][a-z\d+.-]*:\/\/[^\s"'<>`]*/giu;

/** Passwords shorter than this are hidden only where a URL shows them: hiding every "ab" in a report would make it unreadable. */
const MIN_FREE_SECRET = 3;

/**
 * Text with the secrets of `url` (and of any URL it contains) hidden.
 * @typedef {(text: string) => string} Redactor
 */

/**
 * The redactor for a command given `url` (undefined: none given; the
 * redactor then hides URL passwords and `PGPASSWORD` only).
 * @param {string | undefined} url
 * @param {Record<string, string | undefined>} [env] `PGPASSWORD`, which node-postgres uses when the URL has no password
 * @returns {Redactor}
 */
export function createRedactor(url, env = {}) {
    const given = [...(url === undefined ? [] : secretsOf(url)), ...(env.PGPASSWORD ? encodings(env.PGPASSWORD) : [])];
    const secrets = [...new Set(given)].filter((secret) => secret.length >= MIN_FREE_SECRET);
    // Longest first, so that a secret containing another is hidden whole.
    secrets.sort((a, b) => b.length - a.length);
    return (text) => {
        let out = String(text).replace(SCHEME_URL, (match) => hideInUrl(match, match.indexOf("://") + 3));
        out = out.replace(SECRET_PARAMETERS, `$1$2${HIDDEN}`);
        if (url !== undefined && !/^[a-z][a-z\d+.-]*:\/\//iu.test(url)) {
            // A value without a scheme (a mistyped URL) is hidden as a URL's authority would be.
            out = out.split(url).join(hideInUrl(url, 0));
        }
        for (const secret of secrets) {
            out = out.split(secret).join(HIDDEN);
        }
        return out;
    };
}

/**
 * A URL (or a value meant as one) with its password hidden, for messages.
 * @param {string} url
 * @returns {string}
 */
export function redactUrl(url) {
    return createRedactor(url)(url);
}

/**
 * The passwords a URL holds: the userinfo password and `password=` values,
 * each as written, percent-decoded and percent-encoded.
 * @param {string} url
 * @returns {string[]}
 */
export function secretsOf(url) {
    const start = /^[a-z][a-z\d+.-]*:\/\//iu.exec(url)?.[0].length ?? 0;
    const raw = [];
    const userinfo = userinfoRange(url, start);
    if (userinfo !== null) {
        const colon = url.indexOf(":", start);
        if (colon !== -1 && colon < userinfo.end) {
            raw.push(url.slice(colon + 1, userinfo.end));
        }
    }
    for (const match of url.matchAll(SECRET_PARAMETERS)) {
        const value = match[3];
        raw.push(value);
        if (value.startsWith("'")) {
            // libpq's quoting: 'a b\'c' is the value a b'c.
            raw.push(value.replace(/^'|'$/gu, "").replace(/\\(.)/gu, "$1"));
        }
    }
    return [...new Set(raw.filter((value) => value !== "").flatMap(encodings))];
}

/**
 * A secret as written, percent-decoded and percent-encoded.
 * @param {string} secret
 * @returns {string[]}
 */
function encodings(secret) {
    const decoded = decode(secret);
    return [secret, decoded, encodeURIComponent(decoded)];
}

/**
 * `url` with the password after `start` (where the authority begins) and the
 * `password=` values hidden.
 * @param {string} url
 * @param {number} start
 * @returns {string}
 */
function hideInUrl(url, start) {
    let out = url;
    const userinfo = userinfoRange(url, start);
    if (userinfo !== null) {
        const colon = url.indexOf(":", start);
        if (colon !== -1 && colon < userinfo.end) {
            out = `${url.slice(0, colon + 1)}${HIDDEN}${url.slice(userinfo.end)}`;
        }
    }
    return out.replace(SECRET_PARAMETERS, `$1$2${HIDDEN}`);
}

/**
 * Where the userinfo of a URL ends (at its last `@`), or null when it has
 * none. A password may hold `@`, `/`, `?` or `#` unencoded: the userinfo is
 * taken to run to the last `@` before the first `?` or `#` that follows the
 * first `@`, which hides too much rather than too little.
 * @param {string} url
 * @param {number} start where the authority begins
 * @returns {{ end: number } | null}
 */
function userinfoRange(url, start) {
    const firstAt = url.indexOf("@", start);
    if (firstAt === -1) {
        return null;
    }
    const after = url.slice(firstAt).search(/[?#]/u);
    const limit = after === -1 ? url.length : firstAt + after;
    return { end: url.lastIndexOf("@", limit - 1) };
}

/**
 * @param {string} text
 * @returns {string}
 */
function decode(text) {
    try {
        return decodeURIComponent(text);
    } catch {
        return text;
    }
}
