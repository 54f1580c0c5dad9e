/**
 * @file `supalint verify`'s core: applies each migration, in version order
 * and in its own transaction, then applies it again, and says per file what
 * happened. The database is given: a scratch cluster or one named by URL,
 * with the Supabase stand-in already installed.
 */

/** @import { Client } from "pg" */
/** @import { ApplyOutcome } from "./apply.js" */

import { applyMigration } from "./apply.js";

/**
 * When a migration is applied the second time: right after its first
 * application (`immediate`: does the file survive running twice?), or once
 * every migration has been applied (`after-all`: does it survive a replay on
 * the finished schema?).
 * @typedef {"immediate" | "after-all"} ReapplyMode
 */

/** The values of `--reapply`. */
export const REAPPLY_MODES = Object.freeze(["immediate", "after-all"]);

/**
 * A migration to verify: its text, or why it could not be read.
 * @typedef {{ path: string, text: string, problem?: undefined } | { path: string, text?: undefined, problem: string }} VerifyInput
 */

/**
 * What happened to one migration.
 * - `applied`: both applications succeeded
 * - `failed`: the first application failed (so it was not applied again)
 * - `not-idempotent`: the first succeeded, the second failed
 * - `unreadable`: the file is not text, so it was not applied
 * @typedef {object} VerifyFileResult
 * @property {string} path
 * @property {"applied" | "failed" | "not-idempotent" | "unreadable"} status
 * @property {ApplyOutcome} [first]
 * @property {ApplyOutcome} [second]
 * @property {string} [problem] why an unreadable file was not applied
 */

/**
 * @typedef {object} VerifyOptions
 * @property {ReapplyMode} [reapply] default `immediate`
 * @property {(done: number, total: number) => void} [onProgress]
 */

/**
 * Applies every migration twice.
 * @param {Client} client a connection to the prepared database
 * @param {VerifyInput[]} migrations in the order to apply them
 * @param {VerifyOptions} [options]
 * @returns {Promise<VerifyFileResult[]>} one per migration, in the same order
 */
export async function verifyMigrations(client, migrations, options = {}) {
    const reapply = options.reapply ?? "immediate";
    /** @type {VerifyFileResult[]} */
    const results = [];
    const total = migrations.length * 2;
    let done = 0;
    const step = () => {
        done += 1;
        options.onProgress?.(done, total);
    };
    for (const migration of migrations) {
        if (migration.problem !== undefined) {
            results.push({ path: migration.path, status: "unreadable", problem: migration.problem });
            step();
            step();
            continue;
        }
        const first = await applyMigration(client, migration.text);
        step();
        /** @type {VerifyFileResult} */
        const result = { path: migration.path, status: first.ok ? "applied" : "failed", first };
        results.push(result);
        if (reapply === "immediate") {
            if (first.ok) {
                await applySecond(client, migration.text, result);
            }
            step();
        }
    }
    if (reapply === "after-all") {
        for (const [index, migration] of migrations.entries()) {
            const result = results[index];
            if (result.status === "applied" && migration.text !== undefined) {
                await applySecond(client, migration.text, result);
            }
            step();
        }
    }
    return results;
}

/**
 * @param {Client} client
 * @param {string} text
 * @param {VerifyFileResult} result updated in place
 * @returns {Promise<void>}
 */
async function applySecond(client, text, result) {
    const second = await applyMigration(client, text);
    result.second = second;
    if (!second.ok) {
        result.status = "not-idempotent";
    }
}
