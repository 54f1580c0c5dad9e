use crate::declare_rule;
use crate::rules::{Findings, Rule, RuleContext};
use crate::source::Span;

declare_rule! {
    /// Disallows adding a migration older than the newest one that already existed (active only with `--since`).
    ///
    /// ## What it does
    /// With `--since <ref>`, flags a migration that did not exist at the ref and whose
    /// version is older than the newest version that did. Without `--since` the rule is
    /// inactive: it needs to know which migrations are new.
    ///
    /// ## Why is this bad?
    /// Databases that were migrated at the ref have already run the newer migration, so the
    /// added one would run after it there but before it on a fresh database: two
    /// environments end up built in different orders. `supabase db push` refuses such a
    /// migration unless run with `--include-all`. It usually happens when a branch created
    /// its migration before another branch's migration was merged.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic,since=20240301090000
    /// -- file: 20240301090000_add_notes.sql
    /// create table if not exists public.notes (id bigint primary key);
    /// -- file: 20240215120000_add_tags.sql
    /// create table if not exists public.tags (id bigint primary key);
    /// ```
    ///
    /// Use instead:
    /// ```sql,since=20240301090000
    /// -- file: 20240301090000_add_notes.sql
    /// create table if not exists public.notes (id bigint primary key);
    /// -- file: 20240302100000_add_tags.sql
    /// create table if not exists public.tags (id bigint primary key);
    /// ```
    ///
    /// ## References
    /// - [Supabase CLI: `supabase db push`](https://supabase.com/docs/reference/cli/supabase-db-push)
    /// - [Supabase: Database migrations](https://supabase.com/docs/guides/deployment/database-migrations)
    pub MigrationOrder {
        id: "migration-order",
        category: Naming,
        severity: Error,
        fix: None,
        options: [],
        sources: [],
        messages: {
            outOfOrder: {
                message: "Migration `{file}` is new, but its version `{version}` is older than `{newest}`.",
                help: "Rename it with a timestamp after `{newest}`, which databases may already have run.",
            },
        },
    }
}

impl Rule for MigrationOrder {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        let Some(existing) = ctx.since_versions else {
            return;
        };
        let Some(this) = ctx.history.files.get(ctx.file_index) else {
            return;
        };
        let Some(version) = this.version else { return };
        let newest = existing
            .iter()
            .filter(|v| v.len() == 14 && v.bytes().all(|b| b.is_ascii_digit()))
            .max();
        let Some(newest) = newest else { return };
        let is_new = !existing.iter().any(|v| v == version);
        if is_new && version < newest.as_str() {
            findings.report(
                "outOfOrder",
                Span::empty_at(0),
                vec![
                    ("file", this.source.file_name().to_string()),
                    ("version", version.to_string()),
                    ("newest", newest.clone()),
                ],
            );
        }
    }
}
