use crate::declare_rule;
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Requires a migration to open with a comment describing the change.
    ///
    /// ## What it does
    /// Flags a migration file whose first statement is not preceded by a comment with some
    /// words in it (`-- …` lines or a `/* … */` block). Directive comments
    /// (`-- supalint-disable …`) do not count. Files without statements are left alone.
    ///
    /// ## Why is this bad?
    /// Migrations are read long after they are written: in review, in `git blame`, when a
    /// deploy fails at 2 a.m. The SQL says what changes; only a comment says why, what the
    /// change depends on, and what to watch for when it runs.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// alter table public.notes add column if not exists pinned boolean not null default false;
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// -- Let users pin notes to the top of their list.
    /// -- Default false keeps every existing note unpinned.
    /// alter table public.notes add column if not exists pinned boolean not null default false;
    /// ```
    ///
    /// ## References
    /// - [Supabase: Database migrations](https://supabase.com/docs/guides/deployment/database-migrations)
    pub MigrationHeader {
        id: "migration-header",
        category: Style,
        severity: Warn,
        fix: None,
        options: [],
        sources: [],
        messages: {
            missingHeader: {
                message: "Migration `{file}` does not open with a comment saying what it changes and why.",
                help: "Start the file with a `--` comment describing the change.",
            },
        },
    }
}

impl Rule for MigrationHeader {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        let text = ctx.text();
        let Some(first_statement) = ctx.statements().first() else {
            return;
        };
        let has_header = ctx
            .file
            .comments
            .iter()
            .take_while(|t| t.span().start < first_statement.span.start)
            .any(|t| describes_something(t.text(text)));
        if !has_header {
            findings.report(
                "missingHeader",
                first_statement.head_span(),
                vec![("file", ctx.file.file_name().to_string())],
            );
        }
    }
}

/// Whether a comment holds words, not only decoration or a lint directive.
fn describes_something(comment: &str) -> bool {
    let body = comment
        .trim_start_matches("--")
        .trim_start_matches("/*")
        .trim_end_matches("*/")
        .trim();
    let is_directive = ["supalint-", "eslint-"]
        .iter()
        .any(|prefix| body.starts_with(prefix));
    !is_directive
        && body
            .split(|c: char| !c.is_alphanumeric())
            .any(|word| word.chars().filter(|c| c.is_alphabetic()).count() >= 2)
}
