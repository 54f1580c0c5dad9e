/**
 * @file The scaling case of `pnpm bench`: generated projects that grow by
 * doubling (10k, 20k, 40k statements or files) for the shapes that once made
 * a rule quadratic, so that BENCHMARKS.md shows the time grow with the input
 * (about twice the time for twice the input) and not with its square. Each
 * project is one folder with `supabase/migrations/`; the CLI lints it end to
 * end. A benchmark, not a test: nothing is asserted.
 *
 * Run directly, it writes one project, for a profile of the engine on it:
 *
 *   node bench/scaling.js CASE SIZE DIR
 *   cargo bench --bench native -- DIR/supabase/migrations --root DIR --rule-times
 */

import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * A generated input, by size.
 * @typedef {object} ScalingCase
 * @property {string} id
 * @property {string} title what grows, and the rule that was quadratic in it
 * @property {number[]} sizes
 * @property {string} unit
 * @property {(dir: string, size: number) => void} write writes the project's migrations into `dir`
 */

/**
 * The cases: the first three at the sizes the issue measured them (issue 20, item 12), then
 * one migration per table with every kind of object the end-state rules read, and the same
 * objects in one file.
 */
export const SCALING_CASES = Object.freeze([
    {
        id: "policies",
        title: "`CREATE POLICY` on one table, one file (`drop-before-create`, `multiple-permissive-policies`)",
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
    {
        id: "object-files",
        title: "files of one table each, with its key, indexes, policies, function, grants and view (the rules that read the end state: `unindexed-foreign-key`, `duplicate-index`, `policy-without-rls`, `sensitive-columns-exposed`, `function-execute-grants`, `super-admin-bypass`, …)",
        sizes: [2_500, 5_000, 10_000],
        unit: "files",
        write: (/** @type {string} */ dir, /** @type {number} */ size) => {
            writeMigration(dir, "20240101000000_admin.sql", ADMIN_FUNCTION);
            for (let i = 1; i <= size; i += 1) {
                writeMigration(dir, `${20240101000000 + i}_t${i}.sql`, objectStatements(i));
            }
        },
    },
    {
        id: "objects",
        title: "the same tables and their objects in one file (per-statement work on one big file)",
        sizes: [2_500, 5_000, 10_000],
        unit: "tables",
        write: (/** @type {string} */ dir, /** @type {number} */ size) => {
            const lines = [...ADMIN_FUNCTION];
            for (let i = 1; i <= size; i += 1) {
                lines.push(...objectStatements(i));
            }
            writeMigration(dir, "20240101000000_objects.sql", lines);
        },
    },
]);

/** The super admin's function (`adminFunction`'s default), so that `super-admin-bypass` is on. */
const ADMIN_FUNCTION = Object.freeze([
    "create function public.is_super_admin() returns boolean language sql stable security definer set search_path = '' as $$ select coalesce((select auth.jwt() ->> 'role') = 'admin', false) $$;",
]);

/**
 * One table and what the end-state rules read about it: a foreign key to the previous table
 * without an index, an index made twice, a sensitive column readable by `anon`, two
 * permissive policies for one role (one calling the super admin's function) on a table
 * without row level security, a `SECURITY DEFINER` function `anon` may run, a view, a public
 * bucket and a policy listing its files.
 * @param {number} i
 * @returns {string[]}
 */
function objectStatements(i) {
    const t = `public.t${i}`;
    const parent = i > 1 ? `, parent_id bigint references public.t${i - 1} (id)` : "";
    return [
        `create table ${t} (id bigint primary key, owner_id uuid, password text${parent});`,
        `create index t${i}_owner on ${t} (owner_id);`,
        `create index t${i}_owner_again on ${t} (owner_id);`,
        `grant select on ${t} to anon;`,
        `create policy "own_${i}" on ${t} for select to authenticated using (owner_id = (select auth.uid()));`,
        `create policy "admin_${i}" on ${t} for all to authenticated using ((select public.is_super_admin()));`,
        `create function public.f${i}() returns bigint language sql security definer set search_path = '' as $$ select count(*) from ${t} $$;`,
        `grant execute on function public.f${i}() to anon;`,
        `create view public.v${i} as select id from ${t};`,
        `insert into storage.buckets (id, name, public) values ('b${i}', 'b${i}', true);`,
        `create policy "read_b${i}" on storage.objects for select to anon using (bucket_id = 'b${i}');`,
    ];
}

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

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    const [id, size, dir] = process.argv.slice(2);
    const scalingCase = SCALING_CASES.find((c) => c.id === id);
    if (scalingCase === undefined || !(Number(size) > 0) || dir === undefined) {
        process.stderr.write(`usage: node bench/scaling.js CASE SIZE DIR (CASE: ${SCALING_CASES.map((c) => c.id).join(", ")})\n`);
        process.exit(2);
    }
    scalingCase.write(dir, Number(size));
}
