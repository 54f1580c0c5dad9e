/**
 * @file Connections with node-postgres, and the one-line messages for
 * everything that keeps a command from reaching its database (exit code 2):
 * a malformed URL, an unreachable server, a wrong password, a missing
 * database.
 */

import { createRequire } from "node:module";
import { redactUrl } from "./redact.js";

// `pg` is loaded when a connection is opened, not when the CLI starts: importing it cost
// every lint run about 100 ms (bench/run.js, cold start).
const require = createRequire(import.meta.url);

/** How long connecting may take. */
const CONNECT_TIMEOUT_MS = 10_000;

/** Statements a migration runs may take at most this long. */
const STATEMENT_TIMEOUT_MS = 300_000;

/** A database that cannot be used: exit code 2 with the message. */
export class DatabaseError extends Error {
    /**
     * @param {string} message
     */
    constructor(message) {
        super(message);
        this.name = "DatabaseError";
    }
}

/**
 * Connection settings: a `postgresql://` URL, or node-postgres's fields.
 * @typedef {string | { host: string, port: number, user: string, database: string }} ConnectionTarget
 */

/**
 * Checks a `--db-url` value.
 * @param {string} url
 * @returns {string} the URL
 * @throws {DatabaseError} when it is not a `postgres://` or `postgresql://` URL
 */
export function checkDatabaseUrl(url) {
    if (!/^postgres(?:ql)?:\/\/[^\s]*$/iu.test(url)) {
        throw new DatabaseError(`--db-url must be a postgresql:// URL (got "${redactUrl(url)}").`);
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
 * Opens a connection.
 * @param {ConnectionTarget} target
 * @returns {Promise<import("pg").Client>}
 * @throws {DatabaseError} with a one-line reason when it cannot connect
 */
export async function connect(target) {
    const options = {
        ...(typeof target === "string" ? { connectionString: target } : target),
        connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
        statement_timeout: STATEMENT_TIMEOUT_MS,
        application_name: "supalint",
    };
    const pg = /** @type {typeof import("pg")} */ (require("pg"));
    const client = new pg.Client(options);
    // A connection that drops later surfaces as a failed query; the event
    // itself must not crash the process.
    client.on("error", () => {});
    try {
        await client.connect();
    } catch (error) {
        await client.end().catch(() => {});
        throw new DatabaseError(connectionFailure(error, describeTarget(target)));
    }
    return client;
}

/**
 * The one-line message for a failed connection.
 * @param {unknown} error
 * @param {string} where
 * @returns {string}
 */
export function connectionFailure(error, where) {
    const code = /** @type {{ code?: string }} */ (error)?.code;
    const message = error instanceof Error ? error.message : String(error);
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
