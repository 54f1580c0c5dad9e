use crate::declare_rule;
use crate::rules::support::column_types::{retype, type_sites, TypeName};
use crate::rules::support::display::display;
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Warns about `timestamp` columns without a time zone.
    ///
    /// ## What it does
    /// Flags columns declared (or changed to) `timestamp` / `timestamp without time zone`, with
    /// or without a precision, in `CREATE TABLE`, `ADD COLUMN` and `ALTER COLUMN … TYPE`.
    ///
    /// ## Why is this bad?
    /// `timestamp` stores a wall-clock reading with no time zone. A value written as `now()`
    /// from a session in one zone and read in another is silently off by hours; Supabase clients,
    /// edge functions and the dashboard do not share a zone. `timestamptz` stores an instant
    /// and converts on the way in and out, in the same 8 bytes.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// create table if not exists public.events (id bigint primary key, happened_at timestamp not null default now());
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// create table if not exists public.events (id bigint primary key, happened_at timestamptz not null default now());
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes `timestamptz`, keeping any precision and array suffix, which PostgreSQL
    /// accepts wherever `timestamp` stood. In a new column nothing else changes. In
    /// `ALTER COLUMN … TYPE`, existing values are read as local times of the session's
    /// `TimeZone` (UTC on Supabase) while converting.
    ///
    /// ## References
    /// - [PostgreSQL: Date/time types](https://www.postgresql.org/docs/current/datatype-datetime.html)
    /// - [PostgreSQL wiki: Don't use timestamp (without time zone)](https://wiki.postgresql.org/wiki/Don%27t_Do_This#Don.27t_use_timestamp_.28without_time_zone.29)
    /// - Squawk: `prefer-timestamptz`
    pub PreferTimestamptz {
        id: "prefer-timestamptz",
        category: Safety,
        severity: Warn,
        fix: Fix,
        options: [],
        sources: ["squawk:prefer-timestamptz"],
        messages: {
            timestampField: {
                message: "Column `{column}` of `{table}` is `{type}`, which stores no time zone.",
                help: "Use `timestamptz`.",
            },
        },
    }
}

impl Rule for PreferTimestamptz {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        for site in type_sites(ctx) {
            let type_name = TypeName::parse(site.data_type);
            if !matches!(
                type_name.base.as_str(),
                "timestamp" | "timestamp without time zone"
            ) {
                continue;
            }
            findings
                .report(
                    "timestampField",
                    site.type_span,
                    vec![
                        ("column", site.column.to_string()),
                        ("table", display(site.table)),
                        ("type", site.data_type.to_string()),
                    ],
                )
                .fix(retype(&site, ctx.text(), "timestamptz"));
        }
    }
}
