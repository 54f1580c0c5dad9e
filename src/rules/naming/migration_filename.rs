use crate::declare_rule;
use crate::rules::support::migration_name::{
    is_lower_snake_case, to_lower_snake_case, MigrationName,
};
use crate::rules::{Findings, Rule, RuleContext};
use crate::source::Span;

declare_rule! {
    /// Requires migration file names of the form `YYYYMMDDHHMMSS_snake_case_description.sql`.
    ///
    /// ## What it does
    /// Flags a migration whose name has no version or one that is not 14 digits, a version
    /// that is not a real UTC date-time (month 13, hour 30, …), no `_` after the version, a
    /// missing or non-snake_case description, or an extension other than `.sql`. Each
    /// problem is reported on its own, at the start of the file. A `seed.sql` is seed data,
    /// not a migration (the Supabase CLI runs `supabase/seed.sql` after the migrations), so
    /// its name is left alone wherever it sits; `insert-on-conflict` still checks its rows.
    ///
    /// ## Why is this bad?
    /// The Supabase CLI runs only files matching `<digits>_<name>.sql` and silently skips the
    /// rest, so a misnamed migration never reaches the database. Versions are creation
    /// timestamps that decide the order migrations run in; one that is short, long or not a
    /// real date sorts away from the migrations it was written after.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic,file=add_notes.sql
    /// create table if not exists public.notes (id bigint primary key);
    /// ```
    ///
    /// ```sql,expect_diagnostic,file=20241301090000_add_notes.sql
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
    /// - [Supabase: Database migrations](https://supabase.com/docs/guides/deployment/database-migrations)
    pub MigrationFilename {
        id: "migration-filename",
        category: Naming,
        severity: Error,
        fix: None,
        options: [],
        sources: [],
        messages: {
            missingVersion: {
                message: "Migration `{file}` does not start with a version, so the Supabase CLI skips it.",
                help: "Rename it to `<YYYYMMDDHHMMSS>_{description}.sql` with its creation time in UTC.",
            },
            versionLength: {
                message: "Migration `{file}` has the {count}-digit version `{version}`, not a 14-digit timestamp.",
                help: "Rename it with its 14-digit UTC creation time (`YYYYMMDDHHMMSS`).",
            },
            invalidTimestamp: {
                message: "Migration `{file}` has version `{version}`, whose {field} is out of range.",
                help: "Rename it with the UTC time it was created (`YYYYMMDDHHMMSS`).",
            },
            missingSeparator: {
                message: "Migration `{file}` has no `_` right after its version, so the Supabase CLI skips it.",
                help: "Put `_` between the version and the description.",
            },
            missingDescription: {
                message: "Migration `{file}` has no description after its version.",
                help: "Add one in snake_case, as in `{version}_add_notes_table.sql`.",
            },
            description: {
                message: "Migration `{file}` has description `{description}`, which is not lower snake_case.",
                help: "Rename it to `{suggestion}`.",
            },
            wrongExtension: {
                message: "Migration `{file}` does not end in `.sql`, so the Supabase CLI skips it.",
                help: "Rename it to `{suggestion}`.",
            },
        },
    }
}

/// The Supabase CLI's seed data file (`[db.seed] sql_paths` defaults to `./seed.sql`).
const SEED_FILE: &str = "seed.sql";

impl Rule for MigrationFilename {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        let name = MigrationName::parse(&ctx.file.path);
        if name.file_name == SEED_FILE {
            return;
        }
        let file = name.file_name.to_string();
        let at = Span::empty_at(0);
        if name.digits.is_empty() {
            findings.report(
                "missingVersion",
                at,
                vec![
                    ("file", file.clone()),
                    ("description", to_lower_snake_case(name.description)),
                ],
            );
        } else if name.digits.len() != 14 {
            findings.report(
                "versionLength",
                at,
                vec![
                    ("file", file.clone()),
                    ("count", name.digits.len().to_string()),
                    ("version", name.digits.to_string()),
                ],
            );
        } else if let Err(field) = crate::time::parse_version(name.digits) {
            findings.report(
                "invalidTimestamp",
                at,
                vec![
                    ("file", file.clone()),
                    ("version", name.digits.to_string()),
                    ("field", field.to_string()),
                ],
            );
        }
        let has_version = !name.digits.is_empty();
        if has_version && name.separator != Some('_') {
            findings.report("missingSeparator", at, vec![("file", file.clone())]);
        }
        if name.description.is_empty() {
            if has_version {
                findings.report(
                    "missingDescription",
                    at,
                    vec![("file", file.clone()), ("version", name.digits.to_string())],
                );
            }
        } else if !is_lower_snake_case(name.description) {
            let version = if has_version {
                format!("{}_", name.digits)
            } else {
                String::new()
            };
            findings.report(
                "description",
                at,
                vec![
                    ("file", file.clone()),
                    ("description", name.description.to_string()),
                    (
                        "suggestion",
                        format!("{version}{}.sql", to_lower_snake_case(name.description)),
                    ),
                ],
            );
        }
        if name.extension != Some("sql") {
            let stem = match name.extension {
                Some(extension) => &file[..file.len() - extension.len() - 1],
                None => file.as_str(),
            };
            findings.report(
                "wrongExtension",
                at,
                vec![
                    ("file", file.clone()),
                    ("suggestion", format!("{stem}.sql")),
                ],
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{lint, InputFile, LintRequest};

    /// The message ids of this rule for a file at `path`.
    fn problems(path: &str) -> Vec<String> {
        let request = LintRequest::new(vec![InputFile {
            path: path.into(),
            text: "select 1;\n".into(),
        }]);
        lint(&request).results[0]
            .diagnostics
            .iter()
            .filter(|d| d.rule_id == "migration-filename")
            .map(|d| d.message_id.clone())
            .collect()
    }

    // The fixture harness only picks up `.sql` files, so other extensions are tested here.
    #[test]
    fn other_extensions_are_flagged() {
        assert_eq!(
            problems("supabase/migrations/20240301090000_add_notes.SQL"),
            vec!["wrongExtension"]
        );
        assert_eq!(
            problems("supabase/migrations/20240301090000_add_notes"),
            vec!["wrongExtension"]
        );
        assert_eq!(
            problems("supabase/migrations/20240301090000_add_notes.up.sql"),
            vec!["description"]
        );
    }

    #[test]
    fn every_problem_of_a_name_is_reported() {
        assert_eq!(
            problems("supabase\\migrations\\AddNotes.txt"),
            vec!["missingVersion", "description", "wrongExtension"]
        );
    }
}
