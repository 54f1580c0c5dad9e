//! The problems the access and storage rules name exist on a real database, and only there:
//! each rule's documented examples are applied to a throwaway PostgreSQL with the Supabase
//! stand-in (`support::postgres`), then the rule's `tests/rules/<id>/truth.sql` runs in one
//! session. The script acts as a client where it can (`set role anon`, `set role
//! authenticated` with `request.jwt.claims`), and its last statement returns rows exactly
//! when the problem exists; the statements before it return none. So an invalid example
//! must give rows, and a valid one none. For a valid example, an error saying "permission
//! denied" also shows the problem is absent: the client cannot get in at all.
//!
//! Skipped, with the reason printed, only when no PostgreSQL is installed (failed under `CI`).

mod support;

use std::fs;
use std::path::Path;

use supalint::rules::{self, Example};
use support::postgres::{cluster_or_skip, Cluster};

/// What the truth script says about one applied example.
#[derive(Debug, PartialEq)]
enum Outcome {
    /// The last statement returned these rows.
    Rows(String),
    /// No row: the problem is absent.
    NoRows,
    /// A client was refused (`permission denied`): absent too.
    Denied(String),
}

fn truth_scripts() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rules");
    let mut scripts: Vec<(String, String)> = fs::read_dir(&root)
        .unwrap()
        .filter_map(|entry| {
            let dir = entry.ok()?.path();
            let script = fs::read_to_string(dir.join("truth.sql")).ok()?;
            let id = dir.file_name()?.to_string_lossy().into_owned();
            // Those count the problems of their fixtures, in `splinter_on_postgres.rs`.
            (!support::FIXTURE_TRUTH_RULES.contains(&id.as_str())).then_some((id, script))
        })
        .collect();
    scripts.sort();
    scripts
}

/// Applies the example's files in order, each in its own transaction, then runs the script.
fn run(
    cluster: &Cluster,
    database: &str,
    example: &Example,
    script: &str,
) -> Result<Outcome, String> {
    let db = cluster.create_supabase_database(database)?;
    let outcome = (|| {
        for (name, text) in example.files() {
            db.apply(&text).map_err(|e| {
                format!(
                    "the example ({}) does not apply: {e}",
                    name.unwrap_or_default()
                )
            })?;
        }
        Ok(match db.sql(script) {
            Ok(out) if out.is_empty() => Outcome::NoRows,
            Ok(out) => Outcome::Rows(out),
            Err(error) if error.contains("permission denied") => Outcome::Denied(error),
            Err(error) => return Err(format!("the truth script fails: {error}")),
        })
    })();
    cluster.drop_database(db)?;
    outcome
}

#[test]
fn documented_problems_exist_on_postgres_exactly_for_invalid_examples() {
    let Some(cluster) = cluster_or_skip() else {
        return;
    };
    let scripts = truth_scripts();
    assert!(!scripts.is_empty(), "no tests/rules/*/truth.sql");
    let mut failures = Vec::new();
    for (rule_id, script) in &scripts {
        let rule = rules::find(rule_id).unwrap_or_else(|| panic!("no rule {rule_id}"));
        let examples = rules::examples(rule.meta().docs);
        assert!(
            examples.iter().any(|e| !e.valid) && examples.iter().any(|e| e.valid),
            "{rule_id}: the truth script needs an invalid and a valid example"
        );
        for (index, example) in examples.iter().enumerate() {
            let database = format!("truth_{}_{index}", rule_id.replace('-', "_"));
            let kind = if example.valid { "valid" } else { "invalid" };
            match (example.valid, run(&cluster, &database, example, script)) {
                (_, Err(error)) => {
                    failures.push(format!("{rule_id} {kind} example {index}: {error}"))
                }
                (false, Ok(Outcome::Rows(rows))) => {
                    println!("{rule_id}: invalid example {index} shows the problem: {rows:?}");
                }
                (true, Ok(Outcome::NoRows)) => {
                    println!("{rule_id}: valid example {index} does not have it");
                }
                (true, Ok(Outcome::Denied(error))) => {
                    println!(
                        "{rule_id}: valid example {index} refuses the client: {}",
                        error.trim()
                    );
                }
                (_, Ok(outcome)) => failures.push(format!(
                    "{rule_id} {kind} example {index}: the truth script gave {outcome:?}\n{}",
                    example.code
                )),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// `function-execute-grants` and `function-execute-authenticated` exempt trigger functions:
/// Postgres refuses to call one directly, even for a role that holds `EXECUTE` on it.
#[test]
fn trigger_functions_cannot_be_called_directly() {
    let Some(cluster) = cluster_or_skip() else {
        return;
    };
    let db = cluster
        .create_supabase_database("trigger_call")
        .unwrap_or_else(|e| panic!("{e}"));
    db.apply(
        "create function public.on_signup() returns trigger language plpgsql security definer
           set search_path = '' as $$ begin return new; end $$;",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let executable = db.sql(
        "select has_function_privilege('authenticated', 'public.on_signup()', 'execute')
            and has_function_privilege('anon', 'public.on_signup()', 'execute')",
    );
    assert_eq!(
        executable.as_deref(),
        Ok("t"),
        "the API roles hold EXECUTE on it"
    );
    for role in ["anon", "authenticated"] {
        let call = db.sql(&format!("set role {role}; select public.on_signup();"));
        match call {
            Err(error) => assert!(
                error.contains("trigger functions can only be called as triggers"),
                "{role}: failed differently: {error}"
            ),
            Ok(out) => panic!("{role} called a trigger function directly: {out:?}"),
        }
    }
}
