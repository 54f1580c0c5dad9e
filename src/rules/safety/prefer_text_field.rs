use crate::declare_rule;
use crate::rules::support::column_types::{type_sites, TypeName};
use crate::rules::support::display::display;
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Warns about `varchar(n)` columns, whose limit cannot change without an `ACCESS EXCLUSIVE` lock.
    ///
    /// ## What it does
    /// Flags columns declared (or changed to) `varchar(n)` / `character varying(n)` in
    /// `CREATE TABLE`, `ADD COLUMN` and `ALTER COLUMN … TYPE`. `varchar` without a length is
    /// the same as `text` and is fine.
    ///
    /// ## Why is this bad?
    /// The limit is part of the column type. Raising it later is an `ALTER COLUMN … TYPE` that
    /// takes an `ACCESS EXCLUSIVE` lock, blocking reads and writes of the table; lowering it
    /// also scans every row under that lock. A `CHECK (char_length(col) <= n)` constraint on a
    /// `text` column says the same thing and can be swapped with `NOT VALID` and
    /// `VALIDATE CONSTRAINT` without blocking anyone.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// create table if not exists public.profiles (id uuid primary key, username varchar(32));
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// create table if not exists public.profiles (id uuid primary key, username text check (char_length(username) <= 32));
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: Character types](https://www.postgresql.org/docs/current/datatype-character.html)
    /// - [PostgreSQL wiki: Don't use varchar(n) by default](https://wiki.postgresql.org/wiki/Don%27t_Do_This#Don.27t_use_varchar.28n.29_by_default)
    /// - Squawk: `prefer-text-field`
    pub PreferTextField {
        id: "prefer-text-field",
        category: Safety,
        severity: Warn,
        fix: None,
        options: [],
        sources: ["squawk:prefer-text-field"],
        messages: {
            varcharField: {
                message: "Column `{column}` of `{table}` is `{type}`: changing its limit later locks the table.",
                help: "Use `text` with a `CHECK (char_length({column}) <= n)` constraint, which can change without blocking.",
            },
        },
    }
}

impl Rule for PreferTextField {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        for site in type_sites(ctx) {
            let type_name = TypeName::parse(site.data_type);
            let is_varchar = matches!(
                type_name.base.as_str(),
                "varchar" | "character varying" | "char varying"
            );
            if is_varchar && type_name.modifiers.is_some() {
                findings.report(
                    "varcharField",
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
}
