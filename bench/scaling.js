/**
 * @file The scaling case of `pnpm bench`: generated projects that grow by
 * doubling (10k, 20k, 40k statements or files) for the shapes that once made
 * a rule quadratic, so that BENCHMARKS.md shows the time grow with the input
 * (about twice the time for twice the input) and not with its square. Each
 * project is one folder with `supabase/migrations/`; the CLI lints it end to
 * end. A benchmark, not a test: nothing is asserted.
 */

import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * A generated input, by size.
 * @typedef {object} ScalingCase
 * @property {string} id
 * @property {string} title what grows, and the rule that was quadratic in it
 * @property {number[]} sizes
 * @property {string} unit
 * @property {(dir: string, size: number) => void} write writes the project's migrations into `dir`
 */

/** The cases, each at the sizes the issue measured them (issue 20, item 12). */
export const SCALING_CASES = Object.freeze([
    {
        id: "policies",
        title: "`CREATE POLICY` on one table, one file (`drop-before-create`)",
        sizes: [10_000, 20_000, 40_000],
        unit: "policies",
        write: (/** @type {string} */ dir, /** @type {number} */ size) => {
            const lines = ["create table if not exists public.t (id bigint primary key);", "alter table public.t enable row level security;"];
            for (let i = 0; i < size; i += 1) {
                lines.push(`create policy "p${i}" on public.t for select to authenticated using (true);`);
            }
            writeMigration(dir, "20240101000000_policies.sql", lines);
        },
    },
    {
        id: "tables",
        title: "`CREATE TABLE` without row level security, one file (`rls-enabled`)",
        sizes: [10_000, 20_000, 40_000, 100_000],
        unit: "tables",
        write: (/** @type {string} */ dir, /** @type {number} */ size) => {
            const lines = [];
            for (let i = 0; i < size; i += 1) {
                lines.push(`create table if not exists public.t${String(i).padStart(6, "0")} (id bigint primary key);`);
            }
            writeMigration(dir, "20240101000000_tables.sql", lines);
        },
    },
    {
        id: "files",
        title: "files with an unqualified name each (`schema-qualified-names`, which replayed every earlier file per file)",
        sizes: [2_500, 5_000, 10_000],
        unit: "files",
        write: (/** @type {string} */ dir, /** @type {number} */ size) => {
            for (let i = 0; i < size; i += 1) {
                const version = String(20240101000000 + i);
                writeMigration(dir, `${version}_t${i}.sql`, [
                    `create table if not exists t${i} (id bigint primary key);`,
                    `alter table t${i} enable row level security;`,
                ]);
            }
        },
    },
]);

/**
 * @param {string} dir the project
 * @param {string} name
 * @param {string[]} lines
 * @returns {void}
 */
function writeMigration(dir, name, lines) {
    const migrations = path.join(dir, "supabase", "migrations");
    mkdirSync(migrations, { recursive: true });
    writeFileSync(path.join(migrations, name), `${lines.join("\n")}\n`);
}
