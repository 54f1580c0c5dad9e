use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::rules::{Findings, Rule, RuleContext};
use crate::source::Span;

declare_rule! {
    /// Reports a disable directive that suppressed nothing.
    ///
    /// ## What it does
    /// Flags a `supalint-disable…` comment, or an `eslint-disable…` one naming
    /// `supalint/<rule>`, or one rule named in it, when no finding of that rule was silenced
    /// by it. In ESLint, the plugin's rule reports `supalint-disable…` comments; ESLint reports
    /// its own directives (`reportUnusedDisableDirectives`).
    ///
    /// ## Why is this bad?
    /// Stale directives hide future problems: once the statement changes, a real finding
    /// on that line is silenced without anyone deciding so.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// -- supalint-disable-next-line require-if-not-exists
    /// create table if not exists public.notes (id bigint);
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// create table if not exists public.notes (id bigint);
    /// ```
    pub UnusedDisableDirective {
        id: "unused-disable-directive",
        category: Engine,
        severity: Warn,
        fix: None,
        options: [],
        sources: ["eslint:reportUnusedDisableDirectives"],
        messages: {
            unusedRule: {
                message: "This directive disables `{name}`, which reports nothing here.",
                help: "Remove `{name}` from it.",
            },
            unusedDirective: {
                message: "This disable directive suppresses nothing.",
                help: "Remove it.",
            },
        },
    }
}

impl Rule for UnusedDisableDirective {
    /// Reported by the report stage, which reads the directives (`report::directives`).
    fn check(&self, _ctx: &RuleContext, _findings: &mut Findings) {}
}

impl UnusedDisableDirective {
    /// The finding for directive entry `name` (none: the whole directive) at `span`.
    pub fn finding(name: Option<&str>, span: Span) -> Finding {
        let (message_id, data) = match name {
            Some(name) => ("unusedRule", vec![("name", name.to_string())]),
            None => ("unusedDirective", vec![]),
        };
        Finding::new(Self::META.id, message_id, span, data)
    }
}
