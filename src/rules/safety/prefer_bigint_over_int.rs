use crate::declare_rule;
use crate::rules::support::column_types::{is_int4, is_serial4, report_narrow_keys};
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Warns about 32-bit `integer` / `serial` primary-key, identity and serial columns.
    ///
    /// ## What it does
    /// Flags `integer` (`int`, `int4`) and `serial` (`serial4`) columns that are a primary key,
    /// an identity column or a serial column, in `CREATE TABLE` and `ADD COLUMN`. Plain
    /// `integer` columns (counts, positions, amounts) are fine.
    ///
    /// ## Why is this bad?
    /// A 32-bit key runs out at 2,147,483,647. Sequences skip values on rollbacks and
    /// conflicts, so busy tables get there sooner than their row count suggests, and then
    /// every insert fails. Widening the column later rewrites the table (and every referencing
    /// column) under an `ACCESS EXCLUSIVE` lock. `bigint` costs 4 more bytes per row.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// create table if not exists public.events (id integer generated always as identity primary key);
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// create table if not exists public.events (id bigint generated always as identity primary key);
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes `bigint` for `integer` and `bigserial` for `serial`, which PostgreSQL
    /// accepts in the same place; foreign keys from `integer` columns to a `bigint` key keep
    /// working. Editing a migration that has already been applied changes nothing in those
    /// databases: widen the column there with a new migration.
    ///
    /// ## References
    /// - [PostgreSQL: Numeric types](https://www.postgresql.org/docs/current/datatype-numeric.html)
    /// - Squawk: `prefer-bigint-over-int`
    pub PreferBigintOverInt {
        id: "prefer-bigint-over-int",
        category: Safety,
        severity: Warn,
        fix: Fix,
        options: [],
        sources: ["squawk:prefer-bigint-over-int"],
        messages: {
            intKey: {
                message: "Column `{column}` of `{table}` is a 32-bit `{type}` key, which runs out at 2,147,483,647.",
                help: "Use `{replacement}`.",
            },
        },
    }
}

impl Rule for PreferBigintOverInt {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        report_narrow_keys(ctx, findings, "intKey", |base| {
            if is_int4(base) {
                Some("bigint")
            } else if is_serial4(base) {
                Some("bigserial")
            } else {
                None
            }
        });
    }
}
