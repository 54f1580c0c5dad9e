/**
 * @file Connections with node-postgres, and the one-line messages for
 * everything that keeps a command from reaching its database (exit code 2):
 * a malformed URL, an unreachable server, a wrong password, a missing
 * database.
 */

import { createRequire } from "node:module";
import { connectionPlan } from "./connection-settings.js";
import { redactUrl } from "./redact.js";
import { SupalintError } from "../errors.js";

// `pg` is loaded when a connection is opened, not when the CLI starts: importing it cost
// every lint run about 100 ms (bench/run.js, cold start).
const require = createRequire(import.meta.url);

/** How long connecting may take. */
const CONNECT_TIMEOUT_MS = 10_000;

/** What node-postgres says when the server answers a TLS request with "no". */
const NO_TLS_MESSAGE = "The server does not support SSL connections";

/** Node's codes for a certificate chain that does not lead to a trusted root. */
const CERTIFICATE_ERRORS = new Set([
    "DEPTH_ZERO_SELF_SIGNED_CERT",
    "SELF_SIGNED_CERT_IN_CHAIN",
    "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
    "UNABLE_TO_GET_ISSUER_CERT",
    "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
    "CERT_SIGNATURE_FAILURE",
    "CERT_HAS_EXPIRED",
    "CERT_NOT_YET_VALID",
]);

/** Statements a migration runs may take at most this long. */
const STATEMENT_TIMEOUT_MS = 300_000;

/**
 * Connection settings: a `postgresql://` URL, or node-postgres's fields.
 * @typedef {string | { host: string, port: number, user: string, database: string }} ConnectionTarget
 */

/**
 * Checks a `--db-url` value.
 * @param {string} url
 * @returns {string} the URL
 * @throws {SupalintError} when it is not a `postgres://` or `postgresql://` URL
 */
export function checkDatabaseUrl(url) {
    if (!/^postgres(?:ql)?:\/\/[^\s]*$/iu.test(url)) {
        throw new SupalintError("database", `--db-url must be a postgresql:// URL (got "${redactUrl(url)}").`);
    }
    return url;
}

/**
 * The same server's URL for another database.
 * @param {string} url
 * @param {string} database
 * @returns {string}
 */
export function withDatabase(url, database) {
    const [, authority, , rest] = /^([a-z]+:\/\/[^/?#]*)(\/[^?#]*)?(.*)$/isu.exec(url) ?? [url, url, "", ""];
    return `${authority}/${encodeURIComponent(database)}${rest}`;
}

/**
 * Opens a connection. A URL's TLS settings mean what they mean to libpq
 * (db/connection-settings.js): with `allow` and `prefer` a second attempt
 * follows when the server turns the first one down.
 * @param {ConnectionTarget} target
 * @param {Record<string, string | undefined>} [env] `PGSSLMODE`, `PGSSLROOTCERT`
 * @returns {Promise<import("pg").Client>}
 * @throws {SupalintError} with a one-line reason when it cannot connect
 */
export async function connect(target, env = process.env) {
    const where = describeTarget(target);
    let plan;
    try {
        plan = typeof target === "string" ? connectionPlan(target, env) : { settings: target, attempts: [false], sslmode: "disable" };
    } catch (error) {
        throw new SupalintError("database", `cannot connect to ${where}: ${messageOf(error)}`);
    }
    const pg = /** @type {typeof import("pg")} */ (require("pg"));
    let failure;
    for (const ssl of plan.attempts) {
        const client = new pg.Client({
            ...plan.settings,
            ssl,
            connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
            statement_timeout: STATEMENT_TIMEOUT_MS,
            application_name: "supalint",
        });
        // A connection that drops later surfaces as a failed query; the event
        // itself must not crash the process.
        client.on("error", () => {});
        try {
            await client.connect();
            return client;
        } catch (error) {
            await client.end().catch(() => {});
            failure = error;
            // The server turned this attempt down (it offers no TLS, or refused the start-up
            // with an error of its own): libpq's `allow` and `prefer` then try the other way.
            if (!(error instanceof pg.DatabaseError || messageOf(error) === NO_TLS_MESSAGE)) {
                break;
            }
        }
    }
    throw new SupalintError("database", connectionFailure(failure, where, plan.sslmode));
}

/**
 * The one-line message for a failed connection.
 * @param {unknown} error
 * @param {string} where
 * @param {string} [sslmode]
 * @returns {string}
 */
function connectionFailure(error, where, sslmode = "prefer") {
    const code = /** @type {{ code?: string }} */ (error)?.code;
    const message = messageOf(error);
    if (message === NO_TLS_MESSAGE) {
        return `cannot connect to ${where}: the server does not offer TLS, which sslmode=${sslmode} requires.`;
    }
    if (code === "ERR_TLS_CERT_ALTNAME_INVALID") {
        return `cannot connect to ${where}: the server's certificate does not name the host (sslmode=${sslmode}).`;
    }
    if (code !== undefined && CERTIFICATE_ERRORS.has(code)) {
        return `cannot connect to ${where}: the server's certificate is not signed by the root certificate (${message}; sslmode=${sslmode}).`;
    }
    switch (code) {
        case "ECONNREFUSED":
            return `cannot connect to ${where}: connection refused (is PostgreSQL running there?).`;
        case "ENOTFOUND":
        case "EAI_AGAIN":
            return `cannot connect to ${where}: unknown host.`;
        case "ENOENT":
            return `cannot connect to ${where}: no server socket there (is PostgreSQL running?).`;
        case "ETIMEDOUT":
        case "EHOSTUNREACH":
        case "ENETUNREACH":
            return `cannot connect to ${where}: the server does not answer.`;
        case "28P01":
        case "28000":
            return `cannot connect to ${where}: ${message}.`;
        case "3D000":
            return `cannot connect to ${where}: ${message}.`;
        default:
            break;
    }
    if (/timeout/iu.test(message)) {
        return `cannot connect to ${where}: no answer within ${CONNECT_TIMEOUT_MS / 1000} s.`;
    }
    return `cannot connect to ${where}: ${message.split("\n")[0]}`;
}

/**
 * The message of anything thrown.
 * @param {unknown} error
 * @returns {string}
 */
export function messageOf(error) {
    return error instanceof Error ? error.message : String(error);
}

/**
 * Where a connection goes, for messages (no password).
 * @param {ConnectionTarget} target
 * @returns {string}
 */
export function describeTarget(target) {
    if (typeof target === "string") {
        return redactUrl(target);
    }
    return `database "${target.database}" on ${target.host}`;
}
