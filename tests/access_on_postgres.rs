//! The engine's access matrix agrees with a real PostgreSQL 15 built from the same files
//! (issue 15, "Truth"). Every history of the corpus is built as `catalog_on_postgres` builds
//! it (`support::replay`); for each history that applies, every table of `public`, each API
//! role and each command, the rows the role reaches (none, all, some) and the columns it may
//! write are probed on the database (`support::access`) and compared with
//! `supalint::access_matrix`.
//!
//! `SELECT`, `UPDATE` and `DELETE` are probed as the role, from the plan of a statement
//! without `WHERE` ([`access::rows_of_plan`]). `INSERT` is checked against the catalog
//! (privileges and `pg_policies`), not a plan: `explain` does not show `WITH CHECK`.
//!
//! Every cell must agree except the disagreements listed in [`KNOWN`], each with its cause and
//! the engine fix it needs; those must still occur, so that a fix also trims the list.
//!
//! Writes `target/access-mismatches.txt` (agreement figures and every difference, with the
//! plan or policies that decided it) and `target/access-postgres.json` (each history's
//! probed matrix). Skips, saying why, without PostgreSQL or the corpus; fails then under `CI`.

mod support;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

use serde_json::Value;

use support::access::{
    self, compare, rows_of_insert, rows_of_plan, rows_of_probe, Comparison, InsertPolicy,
};
use support::corpus;
use support::postgres::cluster_or_skip;
use support::replay::{self, replay};

#[test]
fn access_matrix_agrees_with_postgres() {
    let Some(root) = corpus::root_or_skip() else {
        return;
    };
    let Some(cluster) = cluster_or_skip() else {
        return;
    };
    let started = Instant::now();
    let projects = corpus::projects(&root);
    assert!(!projects.is_empty(), "no history in {}", root.display());

    let mut matrices = serde_json::Map::new();
    let mut comparison = Comparison::default();
    let failures = replay(&cluster, &projects, |project, database| {
        let probed = access::read(database)
            .unwrap_or_else(|e| panic!("{}: probing access: {e}", project.name));
        let engine = supalint::access_matrix(&project.request(Value::Null));
        comparison.absorb(&project.name, compare(&engine, &probed));
        matrices.insert(project.name.clone(), probed);
    });

    let server = cluster
        .postgres()
        .sql("select version()")
        .unwrap_or_default();
    let mut summary = replay::describe(matrices.len(), projects.len(), &server, &failures);
    let _ = writeln!(summary, "agreement over {} histories:", matrices.len());
    for (facet, agreement) in &comparison.agreement {
        let _ = writeln!(
            summary,
            "  {facet:24} {:5} / {:5}",
            agreement.matching, agreement.total
        );
    }
    let _ = writeln!(summary, "probed cells by rows (none / all / some / error):");
    for command in access::COMMANDS {
        let count = |rows: &str| {
            matrices
                .values()
                .flat_map(|m| m["relations"].as_array().cloned().unwrap_or_default())
                .flat_map(|r| access::ROLES.map(|role| r["access"][role][command]["rows"].clone()))
                .filter(|value| value == rows)
                .count()
        };
        let _ = writeln!(
            summary,
            "  {command:24} {} / {} / {} / {}",
            count("none"),
            count("all"),
            count("some"),
            count("error")
        );
    }
    let _ = writeln!(summary, "differences by kind:");
    for (kind, count) in &comparison.kinds {
        let _ = writeln!(summary, "  {count:5}  {kind}");
    }
    let _ = writeln!(
        summary,
        "{} differences; {:.1}s",
        comparison.differences.len(),
        started.elapsed().as_secs_f64()
    );
    print!("{summary}");

    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    let _ = std::fs::create_dir_all(&target);
    std::fs::write(
        target.join("access-postgres.json"),
        serde_json::to_string_pretty(&Value::Object(matrices.clone()))
            .expect("the report serialises"),
    )
    .expect("target/ is writable");
    std::fs::write(
        target.join("access-mismatches.txt"),
        format!("{summary}\n{}\n", comparison.differences.join("\n")),
    )
    .expect("target/ is writable");

    assert!(!matrices.is_empty(), "no history of the corpus applies");
    let found: BTreeSet<&str> = comparison
        .differences
        .iter()
        .filter_map(|d| d.lines().next())
        .collect();
    let known: BTreeSet<&str> = KNOWN
        .iter()
        .flat_map(|(_, cells)| cells.iter().copied())
        .collect();
    let unexplained: Vec<&&str> = found.difference(&known).collect();
    let gone: Vec<&&str> = known.difference(&found).collect();
    assert!(
        unexplained.is_empty() && gone.is_empty(),
        "new disagreements:\n{unexplained:#?}\nknown ones that no longer occur (remove them \
         from KNOWN):\n{gone:#?}\n(see target/access-mismatches.txt)"
    );
}

/// The disagreements whose cause is understood and needs an engine change beyond the access
/// model's own logic, by cause; every other cell must agree, and these must still occur (a fix
/// removes its entry).
const KNOWN: &[(&str, &[&str])] = &[];

// Plans captured from PostgreSQL 15 with the stand-in, as `anon` or `authenticated`.

#[test]
fn a_plan_without_conditions_reaches_all_rows() {
    // RLS off, or RLS on with a permissive `USING (true)`: the same plan.
    assert_eq!(rows_of_plan("Seq Scan on open\n"), "all");
    assert_eq!(rows_of_plan("Delete on k\n  ->  Seq Scan on k\n"), "all");
}

#[test]
fn one_time_filter_false_reaches_no_rows() {
    // No policy for the role, a policy without `USING`, or `USING (false)`.
    assert_eq!(rows_of_plan("Result\n  One-Time Filter: false\n"), "none");
    assert_eq!(
        rows_of_plan("Update on m\n  ->  Result\n        One-Time Filter: false\n"),
        "none"
    );
}

#[test]
fn a_policy_filter_reaches_some_rows() {
    // A permissive `true` and a restrictive condition: the restrictive one is ANDed in.
    assert_eq!(
        rows_of_plan("Seq Scan on t\n  Filter: (team IS NOT NULL)\n"),
        "some"
    );
    // Two permissive policies, ORed.
    assert_eq!(
        rows_of_plan(
            "Update on k\n  ->  Seq Scan on k\n        \
             Filter: ((team = 1) OR (owner = (current_setting('request.jwt.claim.sub'))::uuid))\n"
        ),
        "some"
    );
    // `(select auth.uid())` as an init plan.
    assert_eq!(
        rows_of_plan(
            "Seq Scan on t\n  Filter: (owner = $0)\n  InitPlan 1 (returns $0)\n    ->  Result\n"
        ),
        "some"
    );
    // The planner used the key's index for the policy's condition.
    assert_eq!(
        rows_of_plan(
            "Update on t\n  ->  Index Scan using t_pkey on t\n        \
             Index Cond: (id = (current_setting('request.jwt.claim.sub'))::uuid)\n"
        ),
        "some"
    );
    // Partitions: the policy prunes one and filters the other through a bitmap.
    assert_eq!(
        rows_of_plan(
            "Update on customers\n  Update on customers_a customers_1\n  \
             ->  Bitmap Heap Scan on customers_a customers_1\n        \
             Recheck Cond: (country = 'US'::text)\n        \
             ->  Bitmap Index Scan on customers_a_pkey\n              \
             Index Cond: (country = 'US'::text)\n"
        ),
        "some"
    );
}

#[test]
fn the_plans_a_policy_runs_on_other_tables_are_not_read() {
    // `exists (select … from m …)` where `m` admits no row to the role: the sub-plan's
    // `false` is about `m`; the filter on `t` is what counts.
    assert_eq!(
        rows_of_plan(
            "Delete on t\n  ->  Seq Scan on t\n        Filter: (hashed SubPlan 2)\n        \
             SubPlan 2\n          ->  Seq Scan on m\n                \
             Filter: (false AND (uid = auth.uid()))\n          \
             ->  Result\n                One-Time Filter: false\n"
        ),
        "some"
    );
    // A condition that needs only an init plan filters on `$0` in the scan below it.
    assert_eq!(
        rows_of_plan(
            "Delete on k\n  InitPlan 1 (returns $0)\n    ->  Result\n          \
             One-Time Filter: false\n  ->  Seq Scan on k\n        Filter: ($0 IS NOT NULL)\n"
        ),
        "some"
    );
}

fn policy(is_permissive: bool, check: Option<&str>) -> InsertPolicy {
    InsertPolicy {
        is_permissive,
        check: check.map(str::to_string),
    }
}

#[test]
fn inserts_follow_privileges_rls_and_checks() {
    let open = [policy(true, Some("true"))];
    assert_eq!(rows_of_insert(false, true, &open), "none");
    assert_eq!(rows_of_insert(true, false, &[]), "all");
    assert_eq!(rows_of_insert(true, true, &[]), "none");
    assert_eq!(rows_of_insert(true, true, &open), "all");
    // A policy without a check (`FOR INSERT` with no `WITH CHECK`, `FOR ALL` with neither
    // clause) admits nothing: Postgres refuses the row.
    assert_eq!(rows_of_insert(true, true, &[policy(true, None)]), "none");
    assert_eq!(
        rows_of_insert(
            true,
            true,
            &[
                policy(true, Some("(user_id = auth.uid())")),
                policy(true, Some("true"))
            ]
        ),
        "all"
    );
    assert_eq!(
        rows_of_insert(
            true,
            true,
            &[
                policy(true, Some("true")),
                policy(false, Some("(team IS NOT NULL)"))
            ]
        ),
        "some"
    );
    // `WITH CHECK (false)` or `(null)` admits nothing, permissive or restrictive.
    assert_eq!(
        rows_of_insert(true, true, &[policy(true, Some("false"))]),
        "none"
    );
    assert_eq!(
        rows_of_insert(
            true,
            true,
            &[
                policy(true, Some("NULL::boolean")),
                policy(true, Some("false"))
            ]
        ),
        "none"
    );
    assert_eq!(
        rows_of_insert(
            true,
            true,
            &[policy(true, Some("true")), policy(false, Some("false"))]
        ),
        "none"
    );
    // Restrictive policies alone admit nothing.
    assert_eq!(
        rows_of_insert(true, true, &[policy(false, Some("true"))]),
        "none"
    );
}

#[test]
fn a_statement_refused_whatever_the_data_reaches_no_rows() {
    // A policy reads `auth.users`, which `authenticated` may not read.
    assert_eq!(
        rows_of_probe("ERROR 42501: permission denied for table users"),
        "none"
    );
    assert_eq!(
        rows_of_probe("ERROR 42P17: infinite recursion detected in policy for relation \"rec\""),
        "none"
    );
    assert_eq!(
        rows_of_probe("ERROR 42601: syntax error at or near \"set\""),
        "error"
    );
    assert_eq!(rows_of_probe("Seq Scan on open\n"), "all");
}
