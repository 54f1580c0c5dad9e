use crate::declare_rule;
use crate::diagnostic::Edit;
use crate::facts::{CreateDetail, ObjectKind, StatementKind};
use crate::rules::support::access::{first_keyword, is_exposed, point_of};
use crate::rules::support::text::keyword_case;
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Requires views in exposed schemas to run with the caller's rights (`security_invoker`).
    ///
    /// ## What it does
    /// Flags a `CREATE VIEW` in an exposed schema without `WITH (security_invoker = true)`,
    /// unless a later `ALTER VIEW … SET (security_invoker = true)` in the history sets it
    /// before a `CREATE OR REPLACE VIEW` resets the options. Materialized views cannot take
    /// the option and are not flagged.
    /// Only the definition the database keeps is checked: one a later `CREATE OR REPLACE
    /// VIEW` replaces, or a view dropped later, is not flagged.
    ///
    /// ## Why is this bad?
    /// A view runs with its owner's rights by default, and the owner of a migration's view
    /// is `postgres`, which bypasses row-level security. Every row of the tables behind the
    /// view is visible to anyone who can select from the view, `anon` included, whatever
    /// the tables' policies say.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// create or replace view public.recent_notes as
    ///   select id, body from public.notes where created_at > now() - interval '7 days';
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// create or replace view public.recent_notes with (security_invoker = true) as
    ///   select id, body from public.notes where created_at > now() - interval '7 days';
    /// ```
    ///
    /// ## Fix safety
    /// The fix adds `WITH (security_invoker = true)` (or adds the option to an existing
    /// `WITH` list). It is safe for data but changes what the view returns: each caller
    /// now sees only the rows the tables' policies give them. A view with an explicit
    /// `security_invoker = false`, or one a later `ALTER VIEW` turns it off on, gets no fix.
    ///
    /// ## Options
    /// - `exposedSchemas`: the schemas the Data API serves.
    ///
    /// ## References
    /// - [PostgreSQL: CREATE VIEW, security_invoker](https://www.postgresql.org/docs/current/sql-createview.html)
    /// - Supabase database linter: `0010_security_definer_view`
    pub ViewSecurityInvoker {
        id: "view-security-invoker",
        category: Access,
        severity: Error,
        fix: Fix,
        options: ["exposedSchemas"],
        sources: ["splinter:0010_security_definer_view"],
        messages: {
            ownerRights: {
                message: "View `{view}` runs with its owner's rights, so it bypasses row-level security.",
                help: "Add `WITH (security_invoker = true)`.",
            },
            explicitlyOff: {
                message: "View `{view}` sets `security_invoker = false`, so it bypasses row-level security.",
                help: "Set `security_invoker = true`, or move the view out of the exposed schemas.",
            },
        },
    }
}

impl Rule for ViewSecurityInvoker {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        let db = &ctx.history.database;
        for statement in ctx.statements() {
            let StatementKind::Create(create) = &statement.kind else {
                continue;
            };
            let (ObjectKind::View, CreateDetail::View(view), Some(name)) =
                (create.object, &create.detail, &create.name)
            else {
                continue;
            };
            let statement_point = point_of(ctx, statement);
            let Some((record, index)) = db.view_defined_at(statement_point) else {
                continue;
            };
            // Only the definition the database keeps: `CREATE OR REPLACE VIEW` resets options.
            let is_current = index + 1 == record.definitions.len();
            if record.dropped.is_some()
                || !is_current
                || !is_exposed(ctx.config, &record.name.schema)
                || record.is_security_invoker(index)
            {
                continue;
            }
            let data = vec![("view", record.name.to_string())];
            // An option set here cannot outlast a later `ALTER VIEW … RESET`/`SET (… = false)`.
            let is_turned_off_later = record.alters.iter().any(|(at, alter)| {
                at.point > statement_point && alter.security_invoker == Some(false)
            });
            if view.security_invoker == Some(false) {
                findings.report("explicitlyOff", name.span, data);
                continue;
            }
            let finding = findings.report("ownerRights", name.span, data);
            if is_turned_off_later {
                continue;
            }
            let case = first_keyword(ctx, statement);
            let option = format!("security_invoker = {}", keyword_case(case, "true"));
            let edit = match &view.options {
                // Add to the existing list, before its closing parenthesis.
                Some(options) if !options.is_empty() => {
                    let last = statement.token_span(options.clone());
                    Edit::insert(last.end, format!(", {option}"))
                }
                Some(options) => {
                    let close = statement.tokens.get(options.start).map(|t| t.span().start);
                    Edit::insert(close.unwrap_or(view.options_insert_at), option)
                }
                None => Edit::insert(
                    view.options_insert_at,
                    format!(" {} ({option})", keyword_case(case, "with")),
                ),
            };
            finding.fix(edit);
        }
    }
}
