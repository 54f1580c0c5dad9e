/**
 * @file `supalint status` output: a table like `supabase migration list`
 * with a status column and what to do about drift, or JSON.
 */

/** @import { StatusReport, StatusRow } from "./status.js" */

import { createStyle, escapeControl } from "../formatters/ansi.js";
import { plural } from "../formatters/summary.js";

/** The output formats of `supalint status`. */
export const STATUS_FORMATS = Object.freeze(["table", "json"]);

/**
 * The report as JSON, with the applied migrations `frozenBefore` does not
 * cover (`appliedNotFrozen`, their versions).
 * @param {StatusReport} report
 * @param {string} migrationsDir relative to the project root
 * @param {string[]} notFrozen
 * @returns {string}
 */
export function formatStatusJson(report, migrationsDir, notFrozen) {
    return `${JSON.stringify({ migrationsDir, ...report, appliedNotFrozen: notFrozen }, null, 2)}\n`;
}

/**
 * The report as a table, then a summary and advice. Names come from the
 * database and the file system: control characters in them are escaped, so
 * a recorded name cannot style the terminal or forge a line.
 * @param {StatusReport} report
 * @param {{ migrationsDir: string, database: string, color: boolean, notFrozen: string[] }} context
 *   `notFrozen`: the applied migrations `frozenBefore` does not cover
 * @returns {string}
 */
export function formatStatusTable(report, context) {
    const style = createStyle(context.color);
    const rows = [["Local", "Remote", "Name", "Status"]];
    for (const row of report.migrations) {
        rows.push(
            [
                row.file === null ? "" : row.version,
                row.status === "pending" || row.status === "out-of-order" ? "" : row.version,
                row.localName ?? row.remoteName ?? "",
                describe(row, report.newestApplied),
            ].map(escapeControl),
        );
    }
    const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
    const paint = (/** @type {StatusRow} */ row, /** @type {string} */ text) =>
        row.status === "missing-locally" || row.status === "out-of-order"
            ? style.red(text)
            : row.status === "name-mismatch"
              ? style.yellow(text)
              : row.status === "pending"
                ? style.dim(text)
                : text;
    const lines = rows.map((cells, index) => {
        const line = cells
            .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column])))
            .join("  ")
            .trimEnd();
        return index === 0 ? style.bold(line) : paint(report.migrations[index - 1], line);
    });
    const { counts } = report;
    const parts = [
        `${counts.applied + counts["name-mismatch"]} applied`,
        `${counts.pending} pending`,
        `${counts["out-of-order"]} out of order`,
        `${counts["missing-locally"]} missing locally`,
        `${plural(counts["name-mismatch"], "name mismatch").replace(/mismatchs$/u, "mismatches")}`,
    ];
    const out = [
        `Migrations in ${escapeControl(context.migrationsDir)} against ${escapeControl(context.database)}:`,
        "",
        ...lines,
        "",
        `${plural(report.migrations.length, "migration")}: ${parts.join(", ")}.`,
    ];
    if (counts["missing-locally"] > 0) {
        out.push(
            `Drift: ${plural(counts["missing-locally"], "applied migration")} ${counts["missing-locally"] === 1 ? "has" : "have"} no local file. ` +
                "Restore the file (`supabase db pull`), or mark it reverted with `supabase migration repair --status reverted <version>`.",
        );
    }
    if (counts["out-of-order"] > 0) {
        out.push(
            `Out of order: ${plural(counts["out-of-order"], "local migration")} ${counts["out-of-order"] === 1 ? "is" : "are"} older than ` +
                `${report.newestApplied}, the newest applied one; \`supabase db push\` refuses ${counts["out-of-order"] === 1 ? "it" : "them"} ` +
                "without --include-all. Rename to a newer version if the order matters.",
        );
    }
    if (context.notFrozen.length > 0) {
        const newest = context.notFrozen.at(-1);
        out.push(
            `Not frozen: ${plural(context.notFrozen.length, "applied migration")} ${context.notFrozen.length === 1 ? "is" : "are"} after \`frozenBefore\`, ` +
                `so --fix may rewrite ${context.notFrozen.length === 1 ? "it" : "them"}; set "frozenBefore": "${newest}" in the configuration, or fix with --db-url.`,
        );
    }
    if (report.ignored.length > 0) {
        out.push(
            `Ignored (not <version>_<name>.sql, so the Supabase CLI skips ${report.ignored.length === 1 ? "it" : "them"}): ${report.ignored.map(escapeControl).join(", ")}.`,
        );
    }
    return `${out.join("\n")}\n`;
}

/**
 * @param {StatusRow} row
 * @param {string | null} newestApplied
 * @returns {string}
 */
function describe(row, newestApplied) {
    switch (row.status) {
        case "applied":
            return "applied";
        case "name-mismatch":
            return `applied as "${row.remoteName}" (name mismatch)`;
        case "pending":
            return "pending";
        case "out-of-order":
            return `out of order (older than ${newestApplied})`;
        default:
            return "missing locally (drift)";
    }
}
