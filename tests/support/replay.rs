//! Corpus histories built on a real PostgreSQL: each on a fresh database with the Supabase
//! stand-in, its files in migration order, each in its own transaction, as the Supabase CLI
//! applies them. The tests that compare the engine's end state with a real one
//! (`catalog_on_postgres`, `access_on_postgres`) share this selection of histories.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::corpus::Project;
use super::postgres::{Cluster, Database};

/// Why a history does not apply: the first file that fails and the server's message.
#[derive(Debug, Clone)]
pub struct DoesNotApply {
    pub file: String,
    pub error: String,
}

/// Builds every history of `projects` on its own database and calls `visit` with those that
/// apply; returns, by history name, why the others do not. Each database is dropped after
/// its visit, and so are the roles its history created.
pub fn replay(
    cluster: &Cluster,
    projects: &[Project],
    mut visit: impl FnMut(&Project, &Database),
) -> BTreeMap<String, DoesNotApply> {
    let roles = role_names(cluster).unwrap_or_else(|e| panic!("{e}"));
    let mut failures = BTreeMap::new();
    for (index, project) in projects.iter().enumerate() {
        let database = cluster
            .create_supabase_database(&format!("history_{index}"))
            .unwrap_or_else(|e| panic!("{}: {e}", project.name));
        match apply_history(&database, project) {
            Ok(()) => visit(project, &database),
            Err(failure) => {
                failures.insert(project.name.clone(), failure);
            }
        }
        cluster
            .drop_database(database)
            .unwrap_or_else(|e| panic!("{}: {e}", project.name));
        drop_roles_since(cluster, &roles).unwrap_or_else(|e| panic!("{}: {e}", project.name));
    }
    failures
}

/// One line per history that does not apply, under a count of those that do.
pub fn describe(
    applied: usize,
    total: usize,
    server: &str,
    failures: &BTreeMap<String, DoesNotApply>,
) -> String {
    let mut text = format!("{applied} of {total} histories apply on {server}\n");
    for (project, failure) in failures {
        let _ = writeln!(
            text,
            "  does not apply: {project}/{}: {}",
            failure.file, failure.error
        );
    }
    text
}

/// Applies the history's files in migration order, each in its own transaction.
pub fn apply_history(database: &Database, project: &Project) -> Result<(), DoesNotApply> {
    for (name, text) in project.files_in_migration_order() {
        database.apply(text).map_err(|error| DoesNotApply {
            file: name.clone(),
            error: first_error_line(&error),
        })?;
    }
    Ok(())
}

fn role_names(cluster: &Cluster) -> Result<BTreeSet<String>, String> {
    let text = cluster
        .postgres()
        .sql("select rolname from pg_catalog.pg_roles")?;
    Ok(text.lines().map(str::to_string).collect())
}

/// Drops the roles a history created: roles belong to the cluster, not the database, and the
/// next history may create them again.
fn drop_roles_since(cluster: &Cluster, before: &BTreeSet<String>) -> Result<(), String> {
    for role in role_names(cluster)?.difference(before) {
        let quoted = format!("\"{}\"", role.replace('"', "\"\""));
        cluster
            .postgres()
            .sql(&format!("drop owned by {quoted}; drop role {quoted}"))?;
    }
    Ok(())
}

/// The server's message without psql's `psql:<stdin>:LINE:` prefix and detail lines.
pub fn first_error_line(error: &str) -> String {
    let line = error
        .lines()
        .find(|l| l.contains("ERROR:"))
        .or_else(|| error.lines().next())
        .unwrap_or("");
    line.split_once("ERROR:")
        .map(|(_, message)| message.trim())
        .unwrap_or(line)
        .trim()
        .to_string()
}
