use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::rules::{Findings, Rule, RuleContext};
use crate::source::Span;

declare_rule! {
    /// Reports a directive or config entry naming a rule that does not exist.
    ///
    /// ## What it does
    /// Flags rule names in `supalint-disable…` comments, and `supalint/<name>` in
    /// `eslint-disable…` ones, that are not supalint rules, with the closest existing id when
    /// there is one. Unknown names in the configuration file are a configuration error (exit
    /// code 2) naming the key. In ESLint, the plugin's rule reports `supalint-disable…`
    /// comments; ESLint itself reports an unknown name in its own directives.
    ///
    /// ## Why is this bad?
    /// A misspelt rule name disables nothing, so the problem it was meant to silence is
    /// still reported, or worse, a later real problem is silenced by a broader directive.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// -- supalint-disable-next-line require-if-not-exist
    /// create table if not exists public.notes (id bigint);
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// -- supalint-disable-next-line require-if-not-exists
    /// create table public.notes (id bigint);
    /// ```
    pub UnknownRule {
        id: "unknown-rule",
        category: Engine,
        severity: Error,
        fix: None,
        options: [],
        sources: ["eslint:no-unused-disable"],
        messages: {
            unknownRule: {
                message: "Rule `{name}` does not exist{hint}",
                help: "Correct the rule id in the directive, or remove it.",
            },
        },
    }
}

impl Rule for UnknownRule {
    /// Reported by the report stage, which reads the directives (`report::directives`).
    fn check(&self, _ctx: &RuleContext, _findings: &mut Findings) {}
}

impl UnknownRule {
    /// The finding for the unknown rule name `name` at `span`.
    pub fn finding(name: &str, span: Span) -> Finding {
        let hint = crate::rules::did_you_mean(name)
            .map(|id| format!("; did you mean `{id}`?"))
            .unwrap_or_else(|| "; run `supalint rules` to list them.".to_string());
        Finding::new(
            Self::META.id,
            "unknownRule",
            span,
            vec![("name", name.to_string()), ("hint", hint)],
        )
    }
}
