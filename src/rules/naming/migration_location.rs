use crate::declare_rule;
use crate::rules::{Findings, Rule, RuleContext};
use crate::source::Span;

declare_rule! {
    /// Requires migrations to sit directly in the migrations folder.
    ///
    /// ## What it does
    /// Flags a migration in a subfolder of the migrations folder
    /// (`supabase/migrations/archive/…`), and a migration outside the migrations folder
    /// altogether. The folder is `migrationsDir`; a path whose folders end with it is inside,
    /// wherever it starts, so absolute paths and other Supabase projects of a monorepo count.
    ///
    /// ## Why is this bad?
    /// The Supabase CLI reads only the files directly in `supabase/migrations`: it silently
    /// skips subfolders, so a migration moved into one never runs on a new database, while
    /// databases that already applied it keep its changes, and environments drift apart. A
    /// migration elsewhere in the repository is never applied at all.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic,file=supabase/migrations/notes/20240301090000_add_notes.sql
    /// create table if not exists public.notes (id bigint primary key);
    /// ```
    ///
    /// Use instead:
    /// ```sql,file=supabase/migrations/20240301090000_add_notes.sql
    /// create table if not exists public.notes (id bigint primary key);
    /// ```
    ///
    /// ## Options
    /// - `migrationsDir` (string): the migrations folder, relative to the project root.
    ///   Default: `supabase/migrations` (the CLI finds `apps/*/supabase/migrations` too).
    ///
    /// ## References
    /// - [Supabase: Database migrations](https://supabase.com/docs/guides/deployment/database-migrations)
    /// - [Supabase CLI: `supabase db push`](https://supabase.com/docs/reference/cli/supabase-db-push)
    pub MigrationLocation {
        id: "migration-location",
        category: Naming,
        severity: Error,
        fix: None,
        options: ["migrationsDir"],
        sources: [],
        messages: {
            subfolder: {
                message: "Migration `{path}` is in subfolder `{subfolder}`, which the Supabase CLI skips.",
                help: "Move it directly into `{dir}`.",
            },
            outside: {
                message: "Migration `{path}` is outside the migrations folder `{dir}`, so it is never applied.",
                help: "Move it into `{dir}`.",
            },
        },
    }
}

impl Rule for MigrationLocation {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        let dir = normalize(&ctx.config.migrations_dir);
        let dir_segments: Vec<&str> = segments(&dir).collect();
        if dir_segments.is_empty() {
            return;
        }
        let path = normalize(&ctx.file.path);
        let mut folders: Vec<&str> = segments(&path).collect();
        folders.pop();
        if folders.ends_with(&dir_segments) {
            return;
        }
        let inside_at = folders
            .windows(dir_segments.len())
            .position(|window| window == dir_segments.as_slice());
        let data = |extra: Option<(&'static str, String)>| {
            let mut data = vec![("path", ctx.file.path.clone()), ("dir", dir.clone())];
            data.extend(extra);
            data
        };
        match inside_at {
            Some(start) => {
                let subfolder = folders[start + dir_segments.len()..].join("/");
                findings.report(
                    "subfolder",
                    Span::empty_at(0),
                    data(Some(("subfolder", subfolder))),
                );
            }
            None => {
                findings.report("outside", Span::empty_at(0), data(None));
            }
        }
    }
}

/// `/` separators, no `./` segments, no trailing `/`.
fn normalize(path: &str) -> String {
    segments(&path.replace('\\', "/"))
        .collect::<Vec<_>>()
        .join("/")
}

fn segments(path: &str) -> impl Iterator<Item = &str> {
    path.split('/').filter(|s| !s.is_empty() && *s != ".")
}
