/**
 * @file Applies one migration the way the Supabase CLI does: the whole file
 * in one transaction, committed when every statement succeeds and rolled
 * back otherwise. A failure carries PostgreSQL's error and the place in the
 * file it points at.
 */

/** @import { FileLocation } from "./error-location.js" */
/** @import { Client } from "pg" */

import { lineAndColumn, lineLocation, positionToOffset, spanLocation, tokenLocation } from "./error-location.js";
import { splitStatements } from "./statements.js";

/**
 * An error PostgreSQL reported.
 * @typedef {object} PostgresError
 * @property {string} message the primary message
 * @property {string} code the SQLSTATE
 * @property {string} [detail]
 * @property {string} [hint]
 * @property {string} [where] the context (function, line)
 */

/**
 * @typedef {{ ok: true } | { ok: false, error: PostgresError, location: FileLocation | null }} ApplyOutcome
 */

/**
 * Applies a migration in its own transaction on a connection with no
 * transaction open. Session state a previous migration left (`SET ROLE`,
 * `search_path`, temporary tables) is discarded first.
 * @param {Client} client
 * @param {string} text the migration (a leading byte-order mark is ignored)
 * @returns {Promise<ApplyOutcome>}
 * @throws {Error} when the connection fails (anything but an SQL error)
 */
export async function applyMigration(client, text) {
    const bom = text.startsWith("\uFEFF") ? 1 : 0;
    const sql = text.slice(bom);
    await client.query("DISCARD ALL");
    await client.query("BEGIN");
    try {
        await client.query(sql);
        await client.query("COMMIT");
        return { ok: true };
    } catch (error) {
        if (!isSqlError(error)) {
            throw error;
        }
        await client.query("ROLLBACK");
        const location = await locateError(client, sql, error);
        const shifted = location === null || bom === 0 ? location : shiftLocation(text, location, bom);
        return { ok: false, error: postgresError(error), location: shifted };
    }
}

/**
 * Whether an error came from PostgreSQL (it has an SQLSTATE), rather than
 * from the connection.
 * @param {unknown} error
 * @returns {error is Error & PgErrorFields}
 */
function isSqlError(error) {
    return error instanceof Error && typeof (/** @type {{ code?: unknown }} */ (error).code) === "string" &&
        /^[0-9A-Z]{5}$/u.test(/** @type {{ code: string }} */ (error).code) && "severity" in error;
}

/**
 * @typedef {object} PgErrorFields
 * @property {string} code
 * @property {string} [position]
 * @property {string} [detail]
 * @property {string} [hint]
 * @property {string} [where]
 */

/**
 * The fields of a node-postgres error that a report shows.
 * @param {Error & PgErrorFields} error
 * @returns {PostgresError}
 */
function postgresError(error) {
    /** @type {PostgresError} */
    const result = { message: error.message, code: error.code };
    for (const key of /** @type {const} */ (["detail", "hint", "where"])) {
        if (typeof error[key] === "string" && error[key] !== "") {
            result[key] = error[key];
        }
    }
    return result;
}

/**
 * Where in the file an error is. PostgreSQL's cursor position when it gave
 * one; otherwise the statement that fails alone the same way, found by
 * running the statements one by one in a transaction that is rolled back
 * (refined to the line of a `DO` block that PL/pgSQL names). Null when
 * neither works.
 * @param {Client} client
 * @param {string} sql
 * @param {Error & PgErrorFields} error
 * @returns {Promise<FileLocation | null>}
 */
async function locateError(client, sql, error) {
    if (error.position !== undefined && Number(error.position) > 0) {
        return tokenLocation(sql, positionToOffset(sql, Number(error.position)));
    }
    const spans = splitStatements(sql);
    if (spans.length === 0) {
        return null;
    }
    await client.query("BEGIN");
    try {
        for (const span of spans) {
            const statement = sql.slice(span.tokenStart, span.end);
            try {
                await client.query(statement);
            } catch (again) {
                if (!isSqlError(again) || again.code !== error.code || again.message !== error.message) {
                    return null;
                }
                if (again.position !== undefined && Number(again.position) > 0) {
                    return tokenLocation(sql, span.tokenStart + positionToOffset(statement, Number(again.position)));
                }
                return doBlockLineLocation(sql, span.tokenStart, statement, error.where) ?? statementLocation(sql, span.tokenStart, statement);
            }
        }
        return null;
    } finally {
        await client.query("ROLLBACK");
    }
}

/**
 * The statement's first line, from its first token.
 * @param {string} sql
 * @param {number} start
 * @param {string} statement
 * @returns {FileLocation}
 */
function statementLocation(sql, start, statement) {
    return spanLocation(sql, start, start + statement.split("\n")[0].trimEnd().length);
}

/**
 * For a failing `DO` block, the body line PL/pgSQL names in its context
 * (`PL/pgSQL function inline_code_block line 3 at RAISE`): line 1 is the
 * line the body's opening quote is on.
 * @param {string} sql
 * @param {number} start the statement's offset in the file
 * @param {string} statement
 * @param {string | undefined} where
 * @returns {FileLocation | null}
 */
function doBlockLineLocation(sql, start, statement, where) {
    const line = /inline_code_block line (\d+)/u.exec(where ?? "");
    if (line === null || !/^do\b/iu.test(statement)) {
        return null;
    }
    const body = /\$(?:[A-Za-z_][\w]*)?\$|'/u.exec(statement);
    if (body === null) {
        return null;
    }
    const bodyLine = lineAndColumn(sql, start + body.index).line;
    return lineLocation(sql, bodyLine + Number(line[1]) - 1);
}

/**
 * Moves a location found in the text without its byte-order mark back onto
 * the file (the mark is one UTF-16 unit on the first line).
 * @param {string} text
 * @param {FileLocation} location
 * @param {number} shift
 * @returns {FileLocation}
 */
function shiftLocation(text, location, shift) {
    return {
        line: location.line,
        column: location.line === 1 ? location.column + shift : location.column,
        endLine: location.endLine,
        endColumn: location.endLine === 1 ? location.endColumn + shift : location.endColumn,
        offset: Math.min(location.offset + shift, text.length),
    };
}
