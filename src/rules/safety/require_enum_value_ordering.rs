use crate::declare_rule;
use crate::facts::StatementKind;
use crate::rules::support::display::display;
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Requires `BEFORE` or `AFTER` when adding an enum value (off by default).
    ///
    /// ## What it does
    /// Flags `ALTER TYPE … ADD VALUE` without `BEFORE` or `AFTER`. Off in `recommended`:
    /// enable it where enum order carries meaning (statuses, levels).
    ///
    /// ## Why is this bad?
    /// Enum values sort in declaration order, not alphabetically. A value added without a
    /// position goes last, so `ORDER BY`, `<` and `>` on the column (and the order clients show)
    /// put it after every existing value, whatever it means.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// alter type public.order_status add value if not exists 'packed';
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// alter type public.order_status add value if not exists 'packed' after 'paid';
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: ALTER TYPE … ADD VALUE](https://www.postgresql.org/docs/current/sql-altertype.html)
    /// - [PostgreSQL: Enum ordering](https://www.postgresql.org/docs/current/datatype-enum.html#DATATYPE-ENUM-ORDERING)
    /// - Squawk: `require-enum-value-ordering`
    pub RequireEnumValueOrdering {
        id: "require-enum-value-ordering",
        category: Safety,
        severity: Off,
        fix: None,
        options: [],
        sources: ["squawk:require-enum-value-ordering"],
        messages: {
            unordered: {
                message: "Enum value `{value}` is added to `{type}` without `BEFORE` or `AFTER`, so it sorts last.",
                help: "Say where it belongs with `BEFORE '…'` or `AFTER '…'`.",
            },
        },
    }
}

impl Rule for RequireEnumValueOrdering {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        for statement in ctx.statements() {
            let StatementKind::AlterType(alter) = &statement.kind else {
                continue;
            };
            let Some(value) = alter.add_value.as_ref().filter(|v| !v.has_position) else {
                continue;
            };
            findings.report(
                "unordered",
                statement.span,
                vec![
                    ("value", value.value.clone()),
                    ("type", display(alter.name.as_ref())),
                ],
            );
        }
    }
}
