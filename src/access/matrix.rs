//! The access matrix as JSON: what `supalint access` prints and diffs, and the playground
//! shows. The shape is documented in `docs/access.md`.

use std::collections::BTreeSet;

use serde_json::{json, Map, Value};

use crate::facts::PolicyCommand;
use crate::history::LiveClause;

use super::conditions::{called_functions, owner_columns, tables_read};

use super::{AccessModel, Rows, API_ROLES, COMMANDS};

/// The text of a clause, on one line.
fn clause_text(clause: &LiveClause) -> String {
    clause
        .expr
        .span
        .text(clause.at.source)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// What the deciding conditions admit by: `owner` (columns tied to the caller, as in
/// `user_id = (select auth.uid())`), `functions` (authorization calls: `adminFunction`,
/// `authorizationFunctions`, and `SECURITY DEFINER` functions that check the caller) and
/// `reads` (tables read in subqueries).
fn admits<'c>(model: &AccessModel, clauses: impl Iterator<Item = &'c LiveClause<'c>>) -> Value {
    let mut owner = BTreeSet::new();
    let mut functions = BTreeSet::new();
    let mut reads = BTreeSet::new();
    for clause in clauses {
        owner.extend(owner_columns(clause.expr));
        for called in called_functions(clause.expr) {
            if model.is_authorization_function(&called) {
                functions.insert(called.to_string());
            }
        }
        for read in tables_read(clause.expr, model.db) {
            reads.insert(read.table.to_string());
        }
    }
    json!({ "owner": owner, "functions": functions, "reads": reads })
}

/// Conditions joined with `joiner`, each in parentheses when there are several.
fn joined(texts: Vec<String>, joiner: &str) -> String {
    if texts.len() == 1 {
        return texts.into_iter().next().unwrap_or_default();
    }
    texts
        .iter()
        .map(|t| format!("({t})"))
        .collect::<Vec<_>>()
        .join(joiner)
}

fn command_name(command: PolicyCommand) -> String {
    command.keyword().to_ascii_lowercase()
}

/// Every relation with its RLS state and, per API role and command, `rows` (`none`, `all`,
/// `some`), the `condition` for `some`, the `policies` that decide, and for `insert` and
/// `update` the `writableColumns`.
pub fn matrix(model: &AccessModel) -> Value {
    let relations: Vec<Value> = model
        .relations()
        .iter()
        .map(|relation| {
            let mut roles = Map::new();
            for role in API_ROLES {
                let mut commands = Map::new();
                for command in COMMANDS {
                    let access = relation.access(model.db, role, command);
                    let rows = match access.rows {
                        Rows::None => "none",
                        Rows::All => "all",
                        Rows::Some => "some",
                    };
                    let mut entry = Map::new();
                    entry.insert("rows".into(), json!(rows));
                    if access.rows == Rows::Some {
                        entry.insert(
                            "admits".into(),
                            admits(model, access.permissive.iter().map(|(_, c)| *c)),
                        );
                        let permissive = joined(
                            access
                                .permissive
                                .iter()
                                .map(|(_, c)| clause_text(c))
                                .collect(),
                            " OR ",
                        );
                        let mut parts = vec![permissive];
                        parts.extend(access.restrictive.iter().map(|(_, c)| clause_text(c)));
                        entry.insert("condition".into(), json!(joined(parts, " AND ")));
                    }
                    if access.rows != Rows::None {
                        let policies: Vec<&str> = access
                            .permissive
                            .iter()
                            .chain(&access.restrictive)
                            .map(|(p, _)| p.name.as_str())
                            .collect();
                        entry.insert("policies".into(), json!(policies));
                    }
                    if matches!(command, PolicyCommand::Insert | PolicyCommand::Update)
                        && relation.table.is_some()
                    {
                        entry.insert("writableColumns".into(), json!(access.writable_columns));
                    }
                    commands.insert(command_name(command), Value::Object(entry));
                }
                roles.insert(role.into(), Value::Object(commands));
            }
            json!({
                "name": relation.name.to_string(),
                "bucket": relation.bucket,
                "rls": relation.rls,
                "access": roles,
            })
        })
        .collect();
    json!({ "relations": relations })
}
