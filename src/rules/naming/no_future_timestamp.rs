use crate::declare_rule;
use crate::rules::{Findings, Rule, RuleContext};
use crate::source::Span;

declare_rule! {
    /// Disallows migration versions dated more than a day in the future.
    ///
    /// ## What it does
    /// Flags a migration whose version, read as a UTC date-time `YYYYMMDDHHMMSS`, is later
    /// than now plus one day (the day absorbs clock skew and time zones). Versions that are
    /// not real date-times are left to `migration-filename`. "Now" is the `now` the host
    /// passes, else the system clock; where there is neither (WebAssembly called without
    /// `now`) the rule is inactive.
    ///
    /// ## Why is this bad?
    /// Migrations run in version order. Every migration written between now and that future
    /// date gets a smaller version and sorts before this one, although it was written after
    /// it: a fresh database applies them in a different order than the databases that
    /// already ran this one, and `supabase db push` refuses to insert them before it. A
    /// future version is almost always a typo or a hand-made timestamp in local time.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic,file=20990101000000_add_notes.sql
    /// create table if not exists public.notes (id bigint primary key);
    /// ```
    ///
    /// Use instead:
    /// ```sql,file=20240301090000_add_notes.sql
    /// create table if not exists public.notes (id bigint primary key);
    /// ```
    ///
    /// ## References
    /// - [Supabase CLI: `supabase migration new`](https://supabase.com/docs/reference/cli/supabase-migration-new)
    /// - [Supabase CLI: `supabase db push`](https://supabase.com/docs/reference/cli/supabase-db-push)
    pub NoFutureTimestamp {
        id: "no-future-timestamp",
        category: Naming,
        severity: Warn,
        fix: None,
        options: [],
        sources: [],
        messages: {
            futureVersion: {
                message: "Migration `{file}` is dated {date} UTC, more than a day from now.",
                help: "Rename it with the current UTC time (`supabase migration new` does this).",
            },
        },
    }
}

/// Versions up to this far ahead of the clock are clock skew, not mistakes.
const TOLERANCE_SECONDS: i64 = 86_400;

impl Rule for NoFutureTimestamp {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        // Without a clock (a host that passed no `now`), every version would look future.
        if ctx.now <= 0 {
            return;
        }
        let Some(this) = ctx.history.files.get(ctx.file_index) else {
            return;
        };
        let Some(version) = this.version else { return };
        let Ok(time) = crate::time::parse_version(version) else {
            return;
        };
        if time > ctx.now.saturating_add(TOLERANCE_SECONDS) {
            findings.report(
                "futureVersion",
                Span::empty_at(0),
                vec![
                    ("file", this.source.file_name().to_string()),
                    ("date", format_version(version)),
                ],
            );
        }
    }
}

/// `20990101093000` → `2099-01-01 09:30:00`.
fn format_version(version: &str) -> String {
    let part = |range: std::ops::Range<usize>| version.get(range).unwrap_or("");
    format!(
        "{}-{}-{} {}:{}:{}",
        part(0..4),
        part(4..6),
        part(6..8),
        part(8..10),
        part(10..12),
        part(12..14)
    )
}
