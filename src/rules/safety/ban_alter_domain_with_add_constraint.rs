use crate::declare_rule;
use crate::facts::StatementKind;
use crate::rules::support::display::display;
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Warns about `ALTER DOMAIN … ADD CONSTRAINT` (off by default).
    ///
    /// ## What it does
    /// Flags `ALTER DOMAIN … ADD [CONSTRAINT …] CHECK (…)`. Off in `recommended`: enable it if
    /// your schema uses domains on large tables.
    ///
    /// ## Why is this bad?
    /// PostgreSQL checks the new constraint against every column of the domain's type in every
    /// table, holding locks that block writes to all of them until the check ends.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// alter domain public.email add constraint email_lower check (value = lower(value));
    /// ```
    ///
    /// Use instead: add the `CHECK` to each table column, `NOT VALID` first.
    /// ```sql
    /// alter table public.contacts add constraint contacts_email_lower check (email = lower(email)) not valid;
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: ALTER DOMAIN](https://www.postgresql.org/docs/current/sql-alterdomain.html)
    /// - Squawk: `ban-alter-domain-with-add-constraint`
    pub BanAlterDomainWithAddConstraint {
        id: "ban-alter-domain-with-add-constraint",
        category: Safety,
        severity: Off,
        fix: None,
        options: [],
        sources: ["squawk:ban-alter-domain-with-add-constraint"],
        messages: {
            addConstraint: {
                message: "Adding a constraint to domain `{domain}` checks every column of that type, blocking writes.",
                help: "Put the `CHECK` on the table columns instead, `NOT VALID` first.",
            },
        },
    }
}

impl Rule for BanAlterDomainWithAddConstraint {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        for statement in ctx.statements() {
            if let StatementKind::AlterDomain(domain) = &statement.kind {
                if let Some(span) = domain.add_constraint {
                    findings.report(
                        "addConstraint",
                        span,
                        vec![("domain", display(domain.name.as_ref()))],
                    );
                }
            }
        }
    }
}
