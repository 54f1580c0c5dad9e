use crate::declare_rule;
use crate::facts::{CreateDetail, StatementKind};
use crate::rules::support::display::display;
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Warns about domains created with a `CHECK` constraint (off by default).
    ///
    /// ## What it does
    /// Flags `CREATE DOMAIN … CHECK (…)` / `CONSTRAINT …`. Off in `recommended`: enable it if
    /// your schema changes domains on large tables.
    ///
    /// ## Why is this bad?
    /// A domain's constraint applies to every column of that type in every table. Changing it
    /// later means `ALTER DOMAIN`, which checks every such column while holding locks that
    /// block writes to all those tables, and which lacks the online tools table constraints
    /// have. A `CHECK` on each column is changed one table at a time with `NOT VALID`.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// create domain public.email as text check (value ~* '^[^@]+@[^@]+$');
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// create table if not exists public.contacts (email text check (email ~* '^[^@]+@[^@]+$'));
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: CREATE DOMAIN](https://www.postgresql.org/docs/current/sql-createdomain.html)
    /// - Squawk: `ban-create-domain-with-constraint`
    pub BanCreateDomainWithConstraint {
        id: "ban-create-domain-with-constraint",
        category: Safety,
        severity: Off,
        fix: None,
        options: [],
        sources: ["squawk:ban-create-domain-with-constraint"],
        messages: {
            domainConstraint: {
                message: "Domain `{domain}` is created with a constraint, which is costly to change later.",
                help: "Put the `CHECK` on the table columns instead.",
            },
        },
    }
}

impl Rule for BanCreateDomainWithConstraint {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        for statement in ctx.statements() {
            let StatementKind::Create(create) = &statement.kind else {
                continue;
            };
            if let CreateDetail::Domain(domain) = &create.detail {
                if domain.has_constraint {
                    findings.report(
                        "domainConstraint",
                        statement.span,
                        vec![("domain", display(create.name.as_ref()))],
                    );
                }
            }
        }
    }
}
