/**
 * @file What a `postgresql://` URL means, as libpq (psql, the Supabase CLI)
 * reads it. node-postgres's parser reads the address and the credentials;
 * the TLS parameters are read here, because node-postgres gives `require`
 * and `verify-ca` the meaning of `verify-full` (a pooler's certificate then
 * fails as "self-signed") and prints a ten-line warning about it.
 *
 * libpq's `sslmode`, from the URL or `PGSSLMODE` (default `prefer`):
 * - `disable`: no TLS;
 * - `allow`: without TLS, then with TLS if the server turns that down;
 * - `prefer`: with TLS if the server offers it, else without;
 * - `require`: TLS, the certificate not checked (checked against the root
 *   certificate as `verify-ca` does when there is one);
 * - `verify-ca`: TLS, the certificate signed by the root certificate;
 * - `verify-full`: that, and the certificate names the host.
 * The root certificate is `sslrootcert` (or `PGSSLROOTCERT`, else
 * `~/.postgresql/root.crt` when it exists; `system`: the system's roots).
 * `sslcert`/`sslkey` give a client certificate. Over a Unix socket there is
 * no TLS, whatever the mode, as in libpq.
 */

import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import { parse } from "pg-connection-string";
import { SupalintError } from "../errors.js";

/** The values `sslmode` takes, in libpq's order. */
const SSL_MODES = Object.freeze(["disable", "allow", "prefer", "require", "verify-ca", "verify-full"]);

/** The URL parameters read here rather than by node-postgres. */
const TLS_PARAMETERS = ["sslmode", "sslrootcert", "sslcert", "sslkey", "uselibpqcompat"];

/**
 * How to open one connection: node-postgres's settings, and the TLS options
 * of each attempt in turn (`false`: without TLS); a later attempt is made
 * only when the server turned the previous one down.
 * @typedef {object} ConnectionPlan
 * @property {Record<string, unknown>} settings node-postgres client settings, without `ssl`
 * @property {(false | import("node:tls").ConnectionOptions)[]} attempts
 * @property {string} sslmode
 */

/**
 * The plan for a `postgresql://` URL.
 * @param {string} url
 * @param {Record<string, string | undefined>} env `PGSSLMODE`, `PGSSLROOTCERT`, `HOME`
 * @returns {ConnectionPlan}
 * @throws {SupalintError} for an unknown `sslmode`, or a certificate file that cannot be read
 */
export function connectionPlan(url, env) {
    const { rest, tls } = splitTlsParameters(url);
    const settings = /** @type {Record<string, unknown>} */ (parse(rest));
    delete settings.ssl;
    const sslmode = tls.get("sslmode") ?? nonEmpty(env.PGSSLMODE) ?? "prefer";
    if (!SSL_MODES.includes(sslmode)) {
        throw new SupalintError("database", `sslmode "${sslmode}" is not one of ${SSL_MODES.join(", ")}.`);
    }
    const host = typeof settings.host === "string" ? settings.host : "";
    if (sslmode === "disable" || host.startsWith("/")) {
        return { settings, attempts: [false], sslmode };
    }
    const client = clientCertificate(tls);
    const unverified = { ...client, rejectUnauthorized: false };
    const explicitRoot = tls.get("sslrootcert") ?? nonEmpty(env.PGSSLROOTCERT);
    const defaultRoot = path.join(env.HOME ?? homedir(), ".postgresql", "root.crt");
    const rootFile = explicitRoot ?? (existsSync(defaultRoot) ? defaultRoot : undefined);
    switch (sslmode) {
        case "allow":
            return { settings, attempts: [false, unverified], sslmode };
        case "prefer":
            return { settings, attempts: [unverified, false], sslmode };
        case "require":
            return { settings, attempts: [rootFile === undefined ? unverified : { ...client, ...chainOnly(rootFile) }], sslmode };
        default: {
            if (rootFile === undefined) {
                throw new SupalintError(
                    "database",
                    `sslmode=${sslmode} needs the server's root certificate: add sslrootcert=<file> (or sslrootcert=system) to the URL.`,
                );
            }
            const verified = sslmode === "verify-ca" ? chainOnly(rootFile) : roots(rootFile);
            return { settings, attempts: [{ ...client, ...verified }], sslmode };
        }
    }
}

/**
 * The URL without the TLS parameters, and their values.
 * @param {string} url
 * @returns {{ rest: string, tls: Map<string, string> }}
 */
function splitTlsParameters(url) {
    const query = url.indexOf("?");
    if (query === -1) {
        return { rest: url, tls: new Map() };
    }
    const hash = url.indexOf("#", query);
    const search = url.slice(query + 1, hash === -1 ? url.length : hash);
    /** @type {Map<string, string>} */
    const tls = new Map();
    const kept = [];
    for (const pair of search.split("&")) {
        const equals = pair.indexOf("=");
        const key = equals === -1 ? pair : pair.slice(0, equals);
        if (TLS_PARAMETERS.includes(key)) {
            tls.set(key, decoded(equals === -1 ? "" : pair.slice(equals + 1)));
        } else if (pair !== "") {
            kept.push(pair);
        }
    }
    const rest = url.slice(0, query) + (kept.length > 0 ? `?${kept.join("&")}` : "") + (hash === -1 ? "" : url.slice(hash));
    return { rest, tls };
}

/**
 * TLS options that check the certificate chain but not the host name.
 * @param {string} rootFile
 * @returns {import("node:tls").ConnectionOptions}
 */
function chainOnly(rootFile) {
    return { ...roots(rootFile), checkServerIdentity: () => undefined };
}

/**
 * The trusted roots: the file's certificates, or (`system`) Node's.
 * @param {string} rootFile
 * @returns {import("node:tls").ConnectionOptions}
 */
function roots(rootFile) {
    return rootFile === "system" ? {} : { ca: readCertificate("sslrootcert", rootFile) };
}

/**
 * The client certificate and key, when the URL names them.
 * @param {Map<string, string>} tls
 * @returns {import("node:tls").ConnectionOptions}
 */
function clientCertificate(tls) {
    const cert = tls.get("sslcert");
    const key = tls.get("sslkey");
    return {
        ...(cert === undefined ? {} : { cert: readCertificate("sslcert", cert) }),
        ...(key === undefined ? {} : { key: readCertificate("sslkey", key) }),
    };
}

/**
 * @param {string} parameter
 * @param {string} file
 * @returns {string}
 * @throws {SupalintError}
 */
function readCertificate(parameter, file) {
    try {
        return readFileSync(file, "utf8");
    } catch (error) {
        const code = /** @type {NodeJS.ErrnoException} */ (error).code ?? String(error);
        throw new SupalintError("database", `cannot read the ${parameter} file "${file}" (${code}).`);
    }
}

/**
 * A percent-encoded parameter value, decoded (as written when it is not valid encoding).
 * @param {string} value
 * @returns {string}
 */
function decoded(value) {
    try {
        return decodeURIComponent(value);
    } catch {
        return value;
    }
}

/**
 * @param {string | undefined} value
 * @returns {string | undefined}
 */
function nonEmpty(value) {
    return value === undefined || value === "" ? undefined : value;
}
