use crate::declare_rule;
use crate::rules::support::column_types::{is_int2, is_serial2, report_narrow_keys};
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Warns about 16-bit `smallint` / `smallserial` primary-key, identity and serial columns.
    ///
    /// ## What it does
    /// Flags `smallint` (`int2`) and `smallserial` (`serial2`) columns that are a primary key,
    /// an identity column or a serial column, in `CREATE TABLE` and `ADD COLUMN`. Plain
    /// `smallint` columns (ratings, small counters) are fine.
    ///
    /// ## Why is this bad?
    /// A 16-bit key runs out at 32,767, and sequences skip values on rollbacks and conflicts,
    /// so even a small lookup table can reach it; then every insert fails. Widening the column
    /// later rewrites the table (and every referencing column) under an `ACCESS EXCLUSIVE`
    /// lock.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// create table if not exists public.categories (id smallserial primary key, name text not null);
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// create table if not exists public.categories (id bigint generated always as identity primary key, name text not null);
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes `bigint` for `smallint` and `bigserial` for `smallserial`, which
    /// PostgreSQL accepts in the same place; foreign keys from `smallint` columns to a `bigint`
    /// key keep working. Editing a migration that has already been applied changes nothing in
    /// those databases: widen the column there with a new migration.
    ///
    /// ## References
    /// - [PostgreSQL: Numeric types](https://www.postgresql.org/docs/current/datatype-numeric.html)
    /// - Squawk: `prefer-bigint-over-smallint`
    pub PreferBigintOverSmallint {
        id: "prefer-bigint-over-smallint",
        category: Safety,
        severity: Warn,
        fix: Fix,
        options: [],
        sources: ["squawk:prefer-bigint-over-smallint"],
        messages: {
            smallintKey: {
                message: "Column `{column}` of `{table}` is a 16-bit `{type}` key, which runs out at 32,767.",
                help: "Use `{replacement}`.",
            },
        },
    }
}

impl Rule for PreferBigintOverSmallint {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        report_narrow_keys(ctx, findings, "smallintKey", |base| {
            if is_int2(base) {
                Some("bigint")
            } else if is_serial2(base) {
                Some("bigserial")
            } else {
                None
            }
        });
    }
}
