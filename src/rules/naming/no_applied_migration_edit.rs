use crate::declare_rule;
use crate::rules::{Findings, Rule, RuleContext};
use crate::source::{tokenize, Span, Token, TokenKind};

declare_rule! {
    /// Disallows editing a migration that already ran (active only with `--since`).
    ///
    /// ## What it does
    /// With `--since <ref>`, flags a migration that existed at the ref and whose SQL changed
    /// since, at the first token that differs. Comments, whitespace and the case of keywords
    /// do not count: adding a comment or a directive to an applied migration is fine. Without
    /// `--since` the rule is inactive: it needs the text that ran.
    ///
    /// ## Why is this bad?
    /// The Supabase CLI runs each migration once per database and records its version in
    /// `supabase_migrations.schema_migrations`. An edit to a migration that already ran never
    /// reaches the databases that ran it, but a fresh database (a new developer, a preview
    /// branch, `supabase db reset`) runs the edited text: production and every new database
    /// silently differ. Write a new migration that makes the change instead.
    /// `supalint --fix` leaves such migrations alone for the same reason (`frozenBefore`,
    /// `--fix-applied`; see docs/autofix.md).
    ///
    /// ## Example
    /// A `-- base:` line opens the migration's text at the `--since` ref, a `-- file:` line its
    /// text now.
    ///
    /// ```sql,expect_diagnostic
    /// -- base: 20240101000000_add_events.sql
    /// create table if not exists public.events (id bigint primary key, at timestamp);
    /// -- file: 20240101000000_add_events.sql
    /// create table if not exists public.events (id bigint primary key, at timestamptz);
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// -- base: 20240101000000_add_events.sql
    /// create table if not exists public.events (id bigint primary key, at timestamp);
    /// -- file: 20240101000000_add_events.sql
    /// create table if not exists public.events (id bigint primary key, at timestamp);
    /// -- file: 20240301090000_events_at_with_time_zone.sql
    /// alter table public.events alter column at type timestamptz;
    /// ```
    ///
    /// ## References
    /// - [Supabase: Database migrations](https://supabase.com/docs/guides/deployment/database-migrations)
    /// - [Supabase CLI: `supabase migration repair`](https://supabase.com/docs/reference/cli/supabase-migration-repair)
    pub NoAppliedMigrationEdit {
        id: "no-applied-migration-edit",
        category: Naming,
        severity: Error,
        fix: None,
        options: [],
        sources: [],
        messages: {
            edited: {
                message: "Migration `{file}` was edited after it ran.",
                help: "Undo the edit and make the change in a new migration: databases that ran this one never get it.",
            },
        },
    }
}

impl Rule for NoAppliedMigrationEdit {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        let Some(base) = ctx.base_text else { return };
        let text = ctx.text();
        if base == text {
            return;
        }
        if let Some(span) = first_difference(base, text) {
            findings.report(
                "edited",
                span,
                vec![("file", ctx.file.file_name().to_string())],
            );
        }
    }
}

/// Where `text` first differs from `base` in what PostgreSQL reads, or `None` when only
/// comments, whitespace or the case of unquoted words differ.
fn first_difference(base: &str, text: &str) -> Option<Span> {
    let before = significant_tokens(base);
    let after = significant_tokens(text);
    let same = |old: &Token, new: &Token| {
        let (old_text, new_text) = (old.text(base), new.text(text));
        old.kind == new.kind
            && if new.kind == TokenKind::Word {
                old_text.eq_ignore_ascii_case(new_text)
            } else {
                old_text == new_text
            }
    };
    let common = before
        .iter()
        .zip(&after)
        .take_while(|(old, new)| same(old, new))
        .count();
    match (before.len() == common, after.get(common)) {
        (_, Some(token)) => Some(token.span()),
        // Statements were removed from the end: the finding goes after what is left.
        (false, None) => Some(Span::empty_at(after.last().map_or(0, |t| t.span().end))),
        (true, None) => None,
    }
}

fn significant_tokens(text: &str) -> Vec<Token> {
    tokenize(text, 0)
        .into_iter()
        .filter(|token| !token.is_trivia())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_whitespace_and_keyword_case_are_no_edit() {
        let base = "create table public.t (id int);\n";
        assert_eq!(
            first_difference(
                base,
                "-- supalint-disable-file\nCREATE  TABLE public.t (id int); /* note */\n"
            ),
            None
        );
    }

    #[test]
    fn the_first_changed_token_is_reported() {
        let text = "create table public.t (at timestamptz);\n";
        let span = first_difference("create table public.t (at timestamp);\n", text);
        assert_eq!(span.map(|s| s.text(text)), Some("timestamptz"));
    }

    #[test]
    fn a_quoted_name_or_string_in_another_case_is_an_edit() {
        assert!(first_difference("select 'a';", "select 'A';").is_some());
        assert!(first_difference("select \"a\";", "select \"A\";").is_some());
    }

    #[test]
    fn removed_statements_are_reported_at_the_end_of_what_is_left() {
        let text = "select 1;\n";
        let span = first_difference("select 1;\nselect 2;\n", text);
        assert_eq!(span, Some(Span::empty_at(9)));
    }
}
