use crate::declare_rule;
use crate::facts::AlterTableActionKind;
use crate::rules::support::column_types::{is_serial, TypeName};
use crate::rules::support::new_tables::alters_of_existing_tables;
use crate::rules::support::volatility::first_volatile_call;
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Warns when adding a column rewrites an existing table: a volatile default, a stored generated column, an identity or serial column.
    ///
    /// ## What it does
    /// Flags `ALTER TABLE … ADD COLUMN` on a table not created earlier in the same file when
    /// the column's default must be computed row by row: a `DEFAULT` that calls a volatile
    /// function (`gen_random_uuid()`, `random()`, `clock_timestamp()`, or any function not known
    /// to be `STABLE` or `IMMUTABLE`), a `GENERATED … STORED` column, an identity column or a
    /// `serial` column. Constants and non-volatile calls such as `now()` or `'{}'::jsonb` are
    /// fine. A function counts as non-volatile when it is a built-in `STABLE`/`IMMUTABLE`
    /// function, a Supabase `auth` helper, or created `STABLE`/`IMMUTABLE` in the history.
    ///
    /// ## Why is this bad?
    /// Since PostgreSQL 11 a non-volatile default is stored once and existing rows read it
    /// from the catalog. A value that differs per row has to be written into every row: the
    /// whole table and its indexes are rewritten under an `ACCESS EXCLUSIVE` lock, which blocks
    /// every read and write until the rewrite ends.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// alter table public.notes add column if not exists public_id uuid default gen_random_uuid();
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// alter table public.notes add column if not exists public_id uuid;
    /// alter table public.notes alter column public_id set default gen_random_uuid();
    /// -- then backfill existing rows in batches
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: ALTER TABLE … ADD COLUMN (notes)](https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-NOTES)
    /// - [PostgreSQL: Function volatility categories](https://www.postgresql.org/docs/current/xfunc-volatility.html)
    /// - Squawk: `adding-field-with-default`
    pub AddingFieldWithDefault {
        id: "adding-field-with-default",
        category: Safety,
        severity: Warn,
        fix: None,
        options: [],
        sources: ["squawk:adding-field-with-default"],
        messages: {
            volatileDefault: {
                message: "Column `{column}` is added to `{table}` with default `{function}`, rewriting the table.",
                help: "Add the column without the default, then set the default and backfill existing rows in batches.",
            },
            generatedColumn: {
                message: "Column `{column}` is added to `{table}` as a stored generated column, rewriting the table.",
                help: "Add a plain column, backfill it in batches and keep it current with a trigger.",
            },
            identityColumn: {
                message: "Column `{column}` is added to `{table}` as an identity column, rewriting the table.",
                help: "Add a plain column, backfill it in batches, then attach the identity.",
            },
            serialColumn: {
                message: "Column `{column}` is added to `{table}` as `{type}`, rewriting the table.",
                help: "Add a plain column, backfill it in batches, then attach the default.",
            },
        },
    }
}

impl Rule for AddingFieldWithDefault {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        for (statement, alter, table) in alters_of_existing_tables(ctx) {
            for action in &alter.actions {
                let AlterTableActionKind::AddColumn { column, .. } = &action.kind else {
                    continue;
                };
                let data = |extra: Option<(&'static str, String)>| {
                    let mut data =
                        vec![("column", column.name.clone()), ("table", table.display())];
                    data.extend(extra);
                    data
                };
                let type_name = TypeName::parse(&column.data_type);
                if column.is_generated {
                    findings.report("generatedColumn", column.span, data(None));
                } else if column.is_identity {
                    findings.report("identityColumn", column.span, data(None));
                } else if is_serial(&type_name.base) && !type_name.is_array() {
                    findings.report(
                        "serialColumn",
                        column.type_span,
                        data(Some(("type", column.data_type.clone()))),
                    );
                } else if let Some(call) =
                    first_volatile_call(ctx, statement, &column.default_calls)
                {
                    findings.report(
                        "volatileDefault",
                        call.span,
                        data(Some(("function", format!("{}()", call.name)))),
                    );
                }
            }
        }
    }
}
