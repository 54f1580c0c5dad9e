use crate::declare_rule;
use crate::facts::expr::{Expr, ExprKind};
use crate::rules::support::policy::policy_statements;
use crate::rules::{Findings, Rule, RuleContext};
use crate::source::Span;

declare_rule! {
    /// Forbids policies that read `user_metadata` or `raw_user_meta_data`, which users can edit.
    ///
    /// ## What it does
    /// Flags a policy expression that reads the column `raw_user_meta_data` (or
    /// `user_metadata`), or the `user_metadata` key of a JSON value such as
    /// `auth.jwt() -> 'user_metadata'`.
    ///
    /// Judges the end state: a clause that a later `ALTER POLICY` replaces, or a policy a
    /// later migration drops, is not reported; the finding sits on the statement that wrote
    /// the live clause.
    ///
    /// ## Why is this bad?
    /// Users can write their own `user_metadata` with `supabase.auth.updateUser()`. A policy
    /// that trusts a role or tenant stored there lets anyone grant themselves that access.
    /// Authorization data belongs in `app_metadata` (only the service role writes it) or in
    /// a table users cannot change.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// create policy admin_all on public.notes for all to authenticated
    ///   using ((select auth.jwt()) -> 'user_metadata' ->> 'role' = 'admin');
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// create policy admin_all on public.notes for all to authenticated
    ///   using ((select auth.jwt()) -> 'app_metadata' ->> 'role' = 'admin');
    /// ```
    ///
    /// ## References
    /// - [Supabase: User management, user metadata](https://supabase.com/docs/guides/auth/managing-user-data#adding-and-retrieving-user-metadata)
    /// - Supabase database linter: `0015_rls_references_user_metadata`
    pub NoUserMetadataInPolicy {
        id: "no-user-metadata-in-policy",
        category: Access,
        severity: Error,
        fix: None,
        options: [],
        sources: ["splinter:0015_rls_references_user_metadata"],
        messages: {
            userMetadata: {
                message: "Policy `{policy}` on `{table}` reads `{field}`, which users can edit themselves.",
                help: "Use `app_metadata` or a table users cannot write.",
            },
        },
    }
}

const EDITABLE: &[&str] = &["user_metadata", "raw_user_meta_data"];

/// Where the expression reads user-editable metadata, and which name it uses.
fn metadata_reads(expr: &Expr) -> Vec<(Span, String)> {
    let mut reads = Vec::new();
    expr.walk(&mut |node, _| match &node.kind {
        ExprKind::Column(parts) => {
            if let Some(last) = parts.last().filter(|p| EDITABLE.contains(&p.as_str())) {
                reads.push((node.span, last.clone()));
            }
        }
        ExprKind::Binary { op, right, .. }
            if matches!(op.as_str(), "->" | "->>" | "#>" | "#>>" | "?") =>
        {
            if let Some(key) = right.string_value() {
                // `#>` paths are `{user_metadata,role}`.
                let first = key
                    .trim_start_matches('{')
                    .split(',')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .trim_matches('"');
                if EDITABLE.contains(&first) {
                    reads.push((node.span, first.to_string()));
                }
            }
        }
        _ => {}
    });
    reads
}

impl Rule for NoUserMetadataInPolicy {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        for policy in policy_statements(ctx) {
            for clause in policy.live_clauses() {
                // One finding per clause: the first read is enough to point at.
                if let Some((span, field)) = metadata_reads(clause.expr).into_iter().next() {
                    findings.report(
                        "userMetadata",
                        span,
                        vec![
                            ("policy", policy.name.clone()),
                            ("table", policy.table_name()),
                            ("field", field),
                        ],
                    );
                }
            }
        }
    }
}
