use crate::declare_rule;
use crate::history::RlsChange;
use crate::rules::support::access::{append_statement, exposed_tables_created, first_keyword};
use crate::rules::support::text::keyword_case;
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Requires row-level security on every table in an exposed schema, somewhere in the migration history.
    ///
    /// ## What it does
    /// Flags a `CREATE TABLE` in an exposed schema when no statement of the history (this
    /// file or a later one) runs `ALTER TABLE … ENABLE ROW LEVEL SECURITY` on it, or when a
    /// later `DISABLE ROW LEVEL SECURITY` undoes it. Tables dropped later in the history and
    /// temporary tables are not flagged.
    ///
    /// ## Why is this bad?
    /// The Data API serves every table of an exposed schema. Without row-level security,
    /// Postgres checks only table privileges, and Supabase grants those to `anon` and
    /// `authenticated` by default: anyone holding the public anon key can read, change and
    /// delete every row.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// create table public.notes (id bigint primary key, body text);
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// create table public.notes (id bigint primary key, body text);
    /// alter table public.notes enable row level security;
    /// ```
    ///
    /// ## Fix safety
    /// The fix appends `ALTER TABLE <table> ENABLE ROW LEVEL SECURITY;` after the
    /// `CREATE TABLE`. It is safe for data but changes access: until policies are added,
    /// clients see no rows. Tables created inside a `DO` block, and tables a later
    /// migration disables RLS on, get no fix.
    ///
    /// ## Options
    /// - `exposedSchemas`: the schemas the Data API serves (default `["public"]`).
    ///
    /// ## References
    /// - [Supabase: Row Level Security](https://supabase.com/docs/guides/database/postgres/row-level-security)
    /// - [PostgreSQL: Row Security Policies](https://www.postgresql.org/docs/current/ddl-rowsecurity.html)
    /// - Supabase database linter: `0013_rls_disabled_in_public`
    pub RlsEnabled {
        id: "rls-enabled",
        category: Access,
        severity: Error,
        fix: Fix,
        options: ["exposedSchemas"],
        sources: ["splinter:0013_rls_disabled_in_public"],
        messages: {
            missingRls: {
                message: "Table `{table}` never gets row-level security, so API roles can read and change every row.",
                help: "Add `ALTER TABLE {written} ENABLE ROW LEVEL SECURITY;`.",
            },
        },
    }
}

impl Rule for RlsEnabled {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        let db = &ctx.history.database;
        for (statement, name, table) in exposed_tables_created(ctx) {
            if db.rls_enabled_later(table, table.created.point) {
                continue;
            }
            let written = name.span.text(ctx.text());
            let finding = findings.report(
                "missingRls",
                name.span,
                vec![
                    ("table", table.current_name().to_string()),
                    ("written", written.to_string()),
                ],
            );
            // Enabling RLS right after CREATE TABLE cannot outlast a later DISABLE.
            let is_disabled_later = table.rls.iter().any(|(_, c)| *c == RlsChange::Disable);
            if is_disabled_later {
                continue;
            }
            let case = first_keyword(ctx, statement);
            let enable = format!(
                "{} {written} {};",
                keyword_case(case, "alter table"),
                keyword_case(case, "enable row level security"),
            );
            if let Some(edit) = append_statement(ctx, statement, &enable) {
                finding.fix(edit);
            }
        }
    }
}
