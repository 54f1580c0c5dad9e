use crate::declare_rule;
use crate::rules::support::column_types::{is_serial, type_sites, TypeName};
use crate::rules::support::display::display;
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Warns about `serial` columns where an identity column does the job without a separately owned sequence.
    ///
    /// ## What it does
    /// Flags `serial`, `smallserial` and `bigserial` (and `serial2/4/8`) columns in
    /// `CREATE TABLE` and `ADD COLUMN`.
    ///
    /// ## Why is this bad?
    /// A serial column is an ordinary column whose default calls `nextval()` on a sequence
    /// created beside it. That sequence needs its own `USAGE` grant before `anon` or
    /// `authenticated` can insert through the Data API (`permission denied for sequence …`),
    /// anyone with `INSERT` can still write explicit ids, and copying the table or changing
    /// ownership leaves the sequence behind. An identity column (`generated … as identity`)
    /// is part of the column: inserting needs only `INSERT` on the table.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// create table if not exists public.events (id bigserial primary key);
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// create table if not exists public.events (id bigint generated always as identity primary key);
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: CREATE TABLE … GENERATED AS IDENTITY](https://www.postgresql.org/docs/current/sql-createtable.html#SQL-CREATETABLE-PARMS-GENERATED-IDENTITY)
    /// - [PostgreSQL wiki: Don't use serial](https://wiki.postgresql.org/wiki/Don%27t_Do_This#Don.27t_use_serial)
    /// - Squawk: `prefer-identity`
    pub PreferIdentity {
        id: "prefer-identity",
        category: Safety,
        severity: Warn,
        fix: None,
        options: [],
        sources: ["squawk:prefer-identity"],
        messages: {
            serialColumn: {
                message: "Column `{column}` of `{table}` is `{type}`, whose sequence needs a grant of its own.",
                help: "Use `bigint generated always as identity` instead.",
            },
        },
    }
}

impl Rule for PreferIdentity {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        for site in type_sites(ctx) {
            let type_name = TypeName::parse(site.data_type);
            if site.is_type_change || !is_serial(&type_name.base) {
                continue;
            }
            findings.report(
                "serialColumn",
                site.type_span,
                vec![
                    ("column", site.column.to_string()),
                    ("table", display(site.table)),
                    ("type", site.data_type.to_string()),
                ],
            );
        }
    }
}
