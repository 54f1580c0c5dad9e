use crate::declare_rule;
use crate::rules::{Findings, Rule, RuleContext};
use crate::source::Span;

declare_rule! {
    /// Disallows two migrations with the same 14-digit version.
    ///
    /// ## What it does
    /// Flags a migration whose version (the 14-digit prefix of its name) is already used by a
    /// migration that sorts before it. The first file of each version is left alone; every
    /// later one is reported, naming the file it clashes with.
    ///
    /// ## Why is this bad?
    /// The Supabase CLI records applied migrations by version in
    /// `supabase_migrations.schema_migrations`, where the version is the primary key. Two
    /// files with one version cannot both be recorded: `supabase db push` fails on the second,
    /// or a database that already has the version treats the other file as applied and never
    /// runs it. Duplicates usually come from copying a migration file or from two branches
    /// created in the same second.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// -- file: 20240301090000_add_notes.sql
    /// create table if not exists public.notes (id bigint primary key);
    /// -- file: 20240301090000_add_tags.sql
    /// create table if not exists public.tags (id bigint primary key);
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// -- file: 20240301090000_add_notes.sql
    /// create table if not exists public.notes (id bigint primary key);
    /// -- file: 20240301090100_add_tags.sql
    /// create table if not exists public.tags (id bigint primary key);
    /// ```
    ///
    /// ## References
    /// - [Supabase CLI: `supabase migration list`](https://supabase.com/docs/reference/cli/supabase-migration-list)
    /// - [Supabase: Database migrations](https://supabase.com/docs/guides/deployment/database-migrations)
    pub UniqueMigrationVersion {
        id: "unique-migration-version",
        category: Naming,
        severity: Error,
        fix: None,
        options: [],
        sources: [],
        messages: {
            duplicateVersion: {
                message: "Migration `{file}` has version `{version}`, which `{other}` already uses.",
                help: "Rename this file with a new timestamp.",
            },
        },
    }
}

impl Rule for UniqueMigrationVersion {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        let files = &ctx.history.files;
        let Some(this) = files.get(ctx.file_index) else {
            return;
        };
        let Some(version) = this.version else { return };
        // The history is sorted by version, so files sharing this one's are right before it:
        // the first of them, without reading every earlier file (quadratic on big histories).
        let earlier = files[..ctx.file_index]
            .iter()
            .rev()
            .take_while(|f| f.version == Some(version))
            .last();
        if let Some(other) = earlier {
            findings.report(
                "duplicateVersion",
                Span::empty_at(0),
                vec![
                    ("file", this.source.file_name().to_string()),
                    ("version", version.to_string()),
                    ("other", other.source.path.clone()),
                ],
            );
        }
    }
}
