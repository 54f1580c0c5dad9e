use crate::declare_rule;
use crate::rules::support::migration_name::MigrationName;
use crate::rules::{Findings, Rule, RuleContext};
use crate::source::Span;

declare_rule! {
    /// Disallows migration names that describe a revision (`_v2`, `_new`, `_fixed_final`) instead of the change.
    ///
    /// ## What it does
    /// Flags a migration whose description ends with one of the words in
    /// `versionSuffixWords` (`new`, `old`, `updated`, `temp`, `backup`, `copy`, …), or
    /// contains a word `v<digits>` anywhere (`add_notes_v2`, `v3_profiles`).
    ///
    /// ## Why is this bad?
    /// Migrations never replace one another: `add_notes_v2` runs after `add_notes`, on top
    /// of what it did, on every database. A name that says "second try" hides what the
    /// migration actually changes, and usually means an earlier migration was copied and
    /// edited instead of writing a new one for the difference.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic,file=20240301090000_add_notes_v2.sql
    /// alter table public.notes add column if not exists body text;
    /// ```
    ///
    /// Use instead:
    /// ```sql,file=20240301090000_add_notes_body.sql
    /// alter table public.notes add column if not exists body text;
    /// ```
    ///
    /// ## Options
    /// - `versionSuffixWords` (string array): the words not allowed at the end of a
    ///   description. Default: `new old enhanced improved better optimized simplified modern
    ///   updated modified refactored temp tmp draft test backup copy`. A `v<digits>` word is
    ///   always flagged.
    ///
    /// ## References
    /// - [Supabase: Database migrations](https://supabase.com/docs/guides/deployment/database-migrations)
    pub NoVersionSuffix {
        id: "no-version-suffix",
        category: Naming,
        severity: Error,
        fix: None,
        options: ["versionSuffixWords"],
        sources: [],
        messages: {
            versionWord: {
                message: "Migration `{file}` is named with `{word}`, which numbers a revision, not a change.",
                help: "Name it for the change it makes: each migration runs once, on top of the earlier ones.",
            },
            suffixWord: {
                message: "Migration `{file}` ends its name with `{word}`, which refers to another migration.",
                help: "Name it for the change it makes: each migration runs once, on top of the earlier ones.",
            },
        },
    }
}

impl Rule for NoVersionSuffix {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        let name = MigrationName::parse(&ctx.file.path);
        let file = name.file_name.to_string();
        let words: Vec<String> = name.words().collect();
        if let Some(word) = words.iter().find(|w| is_version_word(w)) {
            findings.report(
                "versionWord",
                Span::empty_at(0),
                vec![("file", file), ("word", word.clone())],
            );
            return;
        }
        let Some(last) = words.last() else { return };
        let listed = ctx
            .config
            .version_suffix_words
            .iter()
            .any(|w| w.eq_ignore_ascii_case(last));
        if listed {
            findings.report(
                "suffixWord",
                Span::empty_at(0),
                vec![("file", file), ("word", last.clone())],
            );
        }
    }
}

/// `v2`, `v10`: a `v` followed by digits only.
fn is_version_word(word: &str) -> bool {
    word.strip_prefix('v')
        .is_some_and(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
}
