//! The rules stay near-linear in the history: checked by counting work, not by timing it
//! (`bench/scaling.js` and BENCHMARKS.md give the times). A rule that reads every table,
//! policy or function again for each file, or for each statement, asks the registries for
//! all their records more often on a longer history; a rule that reads them once per run
//! asks as often for 20 objects as for 40.

use crate::history::WHOLE_READS;
use crate::{InputFile, LintRequest};

/// One table and what the end-state rules read about it, as `bench/scaling.js` writes it:
/// a foreign key without an index, an index made twice, a sensitive column `anon` can read,
/// two overlapping policies (one for the super admin), a `SECURITY DEFINER` function `anon`
/// may run, a view, a public bucket and a policy listing it.
fn objects(i: usize) -> String {
    let t = format!("public.t{i}");
    let parent = if i > 1 {
        format!(", parent_id bigint references public.t{} (id)", i - 1)
    } else {
        String::new()
    };
    [
        format!("create table {t} (id bigint primary key, owner_id uuid, password text{parent});"),
        format!("create index t{i}_owner on {t} (owner_id);"),
        format!("create index t{i}_owner_again on {t} (owner_id);"),
        format!("grant select on {t} to anon;"),
        format!("create policy \"own_{i}\" on {t} for select to authenticated using (owner_id = (select auth.uid()));"),
        format!("create policy \"admin_{i}\" on {t} for all to authenticated using ((select public.is_super_admin()));"),
        format!("create function public.f{i}() returns bigint language sql security definer set search_path = '' as $$ select count(*) from {t} $$;"),
        format!("grant execute on function public.f{i}() to anon;"),
        format!("create view public.v{i} as select id from {t};"),
        format!("insert into storage.buckets (id, name, public) values ('b{i}', 'b{i}', true);"),
        format!("create policy \"read_b{i}\" on storage.objects for select to anon using (bucket_id = 'b{i}');"),
    ]
    .join("\n")
        + "\n"
}

const ADMIN_FUNCTION: &str = "create function public.is_super_admin() returns boolean language sql stable security definer set search_path = '' as $$ select true $$;\n";

fn migration(version: usize, text: String) -> InputFile {
    InputFile {
        path: format!("supabase/migrations/{}_m.sql", 20240101000000 + version),
        text,
    }
}

/// One file per table, after the admin function's.
fn file_per_table(tables: usize) -> Vec<InputFile> {
    let mut files = vec![migration(0, ADMIN_FUNCTION.to_string())];
    files.extend((1..=tables).map(|i| migration(i, objects(i))));
    files
}

/// Every table in one file.
fn one_file(tables: usize) -> Vec<InputFile> {
    let text = ADMIN_FUNCTION.to_string() + &(1..=tables).map(objects).collect::<String>();
    vec![migration(0, text)]
}

/// How many times a lint with every rule on asks a registry for all its records.
fn whole_reads(files: Vec<InputFile>) -> usize {
    let mut request = LintRequest::new(files);
    request.config = serde_json::json!({ "extends": "all" });
    request.now = Some("2026-01-01T00:00:00Z".into());
    WHOLE_READS.with(|reads| reads.set(0));
    let response = crate::lint(&request);
    assert!(response.results.iter().any(|r| !r.diagnostics.is_empty()));
    WHOLE_READS.with(|reads| reads.get())
}

#[test]
fn rules_read_the_whole_history_as_often_for_twice_the_files() {
    assert_eq!(
        whole_reads(file_per_table(20)),
        whole_reads(file_per_table(40))
    );
}

#[test]
fn rules_read_the_whole_history_as_often_for_twice_the_statements() {
    assert_eq!(whole_reads(one_file(20)), whole_reads(one_file(40)));
}
