use crate::declare_rule;
use crate::facts::{GrantObjectKind, StatementKind};
use crate::history::{Point, QualifiedName, TABLE_PRIVILEGES};
use crate::rules::support::access::{is_exposed, point_of};
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Forbids granting write privileges on tables to `anon` or PUBLIC.
    ///
    /// ## What it does
    /// Flags `GRANT INSERT`, `UPDATE`, `DELETE`, `TRUNCATE` or `ALL` on a table in an exposed
    /// schema (by name, `ON ALL TABLES IN SCHEMA`, or `ALTER DEFAULT PRIVILEGES … ON TABLES`)
    /// to `anon` or PUBLIC.
    ///
    /// Judges the end state: a grant on tables that later migrations drop, or whose write
    /// privileges they revoke from that role again, is not reported. Grants on tables the
    /// history does not create (made outside the migrations) are reported as written.
    ///
    /// ## Why is this bad?
    /// Anyone holding the public anon key acts as `anon`. With write privileges, row-level
    /// security is all that stands between them and the table's rows, and `TRUNCATE` is
    /// not covered by row-level security at all: one request empties the table.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// grant select, insert, update, delete on public.notes to anon;
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// grant select on public.notes to anon;
    /// grant select, insert, update, delete on public.notes to authenticated;
    /// ```
    ///
    /// ## Options
    /// - `exposedSchemas`: the schemas the Data API serves.
    ///
    /// ## References
    /// - [PostgreSQL: GRANT](https://www.postgresql.org/docs/current/sql-grant.html)
    /// - [Supabase: Securing your API](https://supabase.com/docs/guides/api/securing-your-api)
    pub AnonWriteGrant {
        id: "anon-write-grant",
        category: Access,
        severity: Warn,
        fix: None,
        options: ["exposedSchemas"],
        sources: [],
        messages: {
            writeGrant: {
                message: "This grants `{privileges}` on {target} to `{role}`, so anyone with the anon key can write there.",
                help: "Grant writes to `authenticated` only, and guard them with row-level security.",
            },
            truncateGrant: {
                message: "This grants `{privileges}` on {target} to `{role}`, and `TRUNCATE` ignores row-level security.",
                help: "Grant writes to `authenticated` only, and `TRUNCATE` to no API role.",
            },
        },
    }
}

const WRITES: &[&str] = &["insert", "update", "delete", "truncate", "all"];

impl Rule for AnonWriteGrant {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        for statement in ctx.statements() {
            let StatementKind::Grant(grant) = &statement.kind else {
                continue;
            };
            if grant.is_revoke {
                continue;
            }
            let writes: Vec<String> = grant
                .privileges
                .iter()
                .filter(|p| WRITES.contains(&p.as_str()))
                .map(|p| p.to_uppercase())
                .collect();
            if writes.is_empty() {
                continue;
            }
            let point = point_of(ctx, statement);
            let Some((role, span)) = grant
                .roles
                .iter()
                .zip(&grant.role_spans)
                .find(|(role, _)| *role == "anon" || *role == "public")
            else {
                continue;
            };
            if !still_granted(ctx, point, role, &writes) {
                continue;
            }
            let target = match grant.object_kind {
                GrantObjectKind::Table => {
                    // Tables the history knows are named as they end up (renamed or moved
                    // later); others as written.
                    let db = &ctx.history.database;
                    let reached: Vec<QualifiedName> = db
                        .tables_granted_at(point)
                        .map(|t| t.current_name().clone())
                        .collect();
                    let names = if reached.is_empty() {
                        grant.objects.iter().map(QualifiedName::of).collect()
                    } else {
                        reached
                    };
                    let exposed: Vec<String> = names
                        .iter()
                        .filter(|name| is_exposed(ctx.config, &name.schema))
                        .map(|name| format!("`{name}`"))
                        .collect();
                    if exposed.is_empty() {
                        continue;
                    }
                    exposed.join(", ")
                }
                GrantObjectKind::AllTablesInSchema => {
                    let schemas: Vec<&str> = grant
                        .objects
                        .iter()
                        .map(|o| o.name.as_str())
                        .filter(|schema| is_exposed(ctx.config, schema))
                        .collect();
                    if schemas.is_empty() {
                        continue;
                    }
                    format!("all tables in schema `{}`", schemas.join("`, `"))
                }
                GrantObjectKind::FutureTables => {
                    let schemas = &grant.default_schemas;
                    if !schemas.is_empty() && !schemas.iter().any(|s| is_exposed(ctx.config, s)) {
                        continue;
                    }
                    "the tables created from now on".to_string()
                }
                _ => continue,
            };
            let message = if writes.iter().any(|p| p == "TRUNCATE" || p == "ALL") {
                "truncateGrant"
            } else {
                "writeGrant"
            };
            findings.report(
                message,
                *span,
                vec![
                    ("privileges", writes.join(", ")),
                    ("target", target),
                    (
                        "role",
                        if role == "public" {
                            "PUBLIC".into()
                        } else {
                            role.clone()
                        },
                    ),
                ],
            );
        }
    }
}

/// Whether a grant at `point` still gives `role` one of `writes` at the end of the history
/// on some table it reached; true when it reached no table the history knows (a table made
/// outside the migrations, or default privileges), as nothing later can be seen to undo it.
fn still_granted(ctx: &RuleContext, point: Point, role: &str, writes: &[String]) -> bool {
    let db = &ctx.history.database;
    let mut reached = db.tables_granted_at(point).peekable();
    if reached.peek().is_none() {
        return true;
    }
    reached.any(|table| {
        let held = db.table_privileges(table, role);
        table.dropped.is_none()
            && writes.iter().any(|w| {
                let w = w.to_lowercase();
                if w == "all" {
                    TABLE_PRIVILEGES[1..5].iter().any(|p| held.has_any(p))
                } else {
                    held.has_any(&w)
                }
            })
    })
}
