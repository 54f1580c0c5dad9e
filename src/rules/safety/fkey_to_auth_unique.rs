use crate::declare_rule;
use crate::history::QualifiedName;
use crate::rules::support::access::quoted_list;
use crate::rules::{EndStateFindings, Findings, Rule, RuleContext};

declare_rule! {
    /// Disallows foreign keys to a unique key of a Supabase Auth table other than its primary key.
    ///
    /// ## What it does
    /// Checks the database the whole history leaves. Flags a live foreign key that references
    /// a table in the `auth` schema by columns other than that table's primary key, such as
    /// `references auth.users (phone)`. The primary key of an `auth` table the history does not
    /// create is taken to be `id`, as it is for every table Supabase Auth creates. A later
    /// migration dropping the key (or its table) silences the rule. Splinter's check
    /// `0021_fkey_to_auth_unique` reports the same, on the live database.
    ///
    /// Error by default: splinter rates it `ERROR`, and the fix (reference `id`) is cheap
    /// before the key holds data.
    ///
    /// ## Why is this bad?
    /// Supabase Auth owns the `auth` schema and changes its unique constraints and indexes in
    /// its own migrations. A foreign key depends on the unique index it references, so an Auth
    /// upgrade that replaces that index fails on your project (or must drop your key), and
    /// Supabase may hold back upgrades and security fixes for it.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// create table public.sms_optins (
    ///   phone text primary key references auth.users (phone) on delete cascade
    /// );
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// create table public.sms_optins (
    ///   user_id uuid primary key references auth.users (id) on delete cascade
    /// );
    /// ```
    ///
    /// ## References
    /// - [Supabase database linter: 0021 foreign key to auth unique constraint](https://supabase.com/docs/guides/database/database-linter?lint=0021_fkey_to_auth_unique)
    /// - [Supabase: User Management, referencing `auth.users`](https://supabase.com/docs/guides/auth/managing-user-data)
    pub FkeyToAuthUnique {
        id: "fkey-to-auth-unique",
        category: Safety,
        severity: Error,
        fix: None,
        options: [],
        sources: ["splinter:0021_fkey_to_auth_unique"],
        messages: {
            notPrimaryKey: {
                message: "Foreign key `{key}` of `{table}` references `{references}` by {columns}, not its primary key.",
                help: "Reference `{references}` by {primaryKey}: Supabase Auth upgrades may change that unique constraint.",
            },
        },
    }
}

impl Rule for FkeyToAuthUnique {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        ctx.report_from_end_state(findings, &|all| walk(ctx, all));
    }
}

fn walk(ctx: &RuleContext, findings: &mut EndStateFindings) {
    let db = &ctx.history.database;
    for table in db.tables.live() {
        for key in table.foreign_keys() {
            let Some(references) = &key.references else {
                continue;
            };
            if references.schema != "auth" || key.referenced_columns.is_empty() {
                continue;
            }
            let primary_key = primary_key_of(ctx, references);
            if key.referenced_columns == primary_key {
                continue;
            }
            findings.report(
                key.at.point.file,
                "notPrimaryKey",
                key.span,
                vec![
                    ("key", key.name.clone()),
                    ("table", table.current_name().to_string()),
                    ("references", references.to_string()),
                    ("columns", quoted_list(&key.referenced_columns)),
                    ("primaryKey", quoted_list(&primary_key)),
                ],
            );
        }
    }
}

/// The primary key columns of an `auth` table: as the history defines it, else `id`.
fn primary_key_of(ctx: &RuleContext, table: &QualifiedName) -> Vec<String> {
    ctx.history
        .database
        .live_table(table)
        .and_then(|t| t.primary_key())
        .map(|k| k.columns.clone())
        .unwrap_or_else(|| vec!["id".into()])
}
