use crate::declare_rule;
use crate::diagnostic::Edit;
use crate::facts::expr::Call;
use crate::rules::support::access::first_keyword;
use crate::rules::support::policy::policy_statements;
use crate::rules::support::text::keyword_case;
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Requires `auth.uid()` and similar calls in policies to be wrapped as `(select auth.uid())`.
    ///
    /// ## What it does
    /// Flags calls of `auth.uid()`, `auth.jwt()`, `auth.role()`, `auth.email()` and
    /// `current_setting(…)` in a policy's `USING` or `WITH CHECK` expression that are not
    /// the select list of a subquery without `FROM`, such as `(select auth.uid())`. The
    /// expression is read as a tree, so a call inside `(select …)` is fine and one inside
    /// a subquery's `WHERE` is not.
    ///
    /// Judges the end state: a clause that a later `ALTER POLICY` replaces, or a policy a
    /// later migration drops, is not reported; the finding sits on the statement that wrote
    /// the live clause.
    ///
    /// ## Why is this bad?
    /// Postgres evaluates a bare call once for every row the policy checks. Wrapped in a
    /// scalar subquery it becomes an InitPlan, evaluated once per statement and compared as
    /// a constant: on large tables Supabase measured queries going from seconds to
    /// milliseconds.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// create policy notes_read on public.notes for select to authenticated
    ///   using (auth.uid() = user_id);
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// create policy notes_read on public.notes for select to authenticated
    ///   using ((select auth.uid()) = user_id);
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the fix wraps the call as `(select <call>)`, which returns the same value.
    ///
    /// ## References
    /// - [Supabase: RLS performance, wrap functions with SELECT](https://supabase.com/docs/guides/database/postgres/row-level-security#call-functions-with-select)
    /// - Supabase database linter: `0003_auth_rls_initplan`
    pub AuthFunctionInitplan {
        id: "auth-function-initplan",
        category: Access,
        severity: Warn,
        fix: Fix,
        options: [],
        sources: ["splinter:0003_auth_rls_initplan"],
        messages: {
            perRowCall: {
                message: "`{call}` in policy `{policy}` on `{table}` runs once for every row.",
                help: "Wrap it as `(select {call})` so PostgreSQL evaluates it once per query.",
            },
        },
    }
}

/// Calls that return the same value for every row of a statement.
const PER_STATEMENT_CALLS: &[&str] = &["auth.uid", "auth.jwt", "auth.role", "auth.email"];

fn is_per_statement(call: &Call) -> bool {
    PER_STATEMENT_CALLS.iter().any(|name| call.name.is(name))
        || (call.name.name == "current_setting"
            && call
                .name
                .schema
                .as_deref()
                .is_none_or(|s| s == "pg_catalog"))
}

impl Rule for AuthFunctionInitplan {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        let text = ctx.text();
        for policy in policy_statements(ctx) {
            let select = keyword_case(first_keyword(ctx, policy.statement), "select");
            for clause in policy.live_clauses() {
                for (call, span, scope) in clause.expr.calls() {
                    if scope.in_initplan || !call.has_parens || !is_per_statement(call) {
                        continue;
                    }
                    let call_text = span.text(text);
                    findings
                        .report(
                            "perRowCall",
                            span,
                            vec![
                                ("call", call_text.to_string()),
                                ("policy", policy.name.clone()),
                                ("table", policy.table_name()),
                            ],
                        )
                        .fix(Edit::replace(span, format!("({select} {call_text})")));
                }
            }
        }
    }
}
