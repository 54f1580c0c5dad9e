use crate::declare_rule;
use crate::facts::{ObjectKind, StatementKind};
use crate::history::{At, ExtensionRecord};
use crate::rules::support::access::is_exposed;
use crate::rules::{EndStateFindings, Findings, Rule, RuleContext};
use crate::source::Span;

declare_rule! {
    /// Disallows extensions installed into `public` or another schema the Data API serves.
    ///
    /// ## What it does
    /// Checks the database the whole history leaves. Flags a live extension whose schema is
    /// `public` or an exposed schema: installed `WITH SCHEMA public`, or without `SCHEMA`
    /// (it lands in the first schema of the `search_path`: `public` on Supabase, unless the
    /// file set `search_path` before it), or moved there by `ALTER EXTENSION … SET SCHEMA`.
    /// The finding points at that `CREATE EXTENSION` or `ALTER EXTENSION`. A later
    /// `ALTER EXTENSION … SET SCHEMA extensions` or `DROP EXTENSION` silences it. Splinter's
    /// check `0014_extension_in_public` reports the same, on the live database.
    ///
    /// Not flagged: `plpgsql`; the extensions Supabase installs in every project (`pgcrypto`,
    /// `uuid-ossp`, `pg_stat_statements`, `pgjwt`, `pg_graphql`, `supabase_vault`,
    /// `pgsodium`), for which `CREATE EXTENSION IF NOT EXISTS` changes nothing unless the
    /// history dropped them first; and extensions that install into a fixed schema of their
    /// own whatever the statement says (`pg_cron`, `pg_tle`, `pgmq`, `postgis_topology`,
    /// `postgis_tiger_geocoder`).
    ///
    /// ## Why is this bad?
    /// Everything an extension creates in `public` (functions, types, operators, and for some
    /// extensions tables such as PostGIS's `spatial_ref_sys`) sits among the project's own
    /// objects in the schema the Data API serves: its functions become callable RPC endpoints
    /// for `anon`, its tables are served without row-level security, and its names collide
    /// with the project's.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// create extension if not exists vector;
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// create extension if not exists vector with schema extensions;
    /// ```
    ///
    /// ## Options
    /// - `exposedSchemas`: the schemas the Data API serves (default `["public"]`); `public` is
    ///   checked whether or not it is listed.
    ///
    /// ## References
    /// - [Supabase database linter: 0014 extension in public](https://supabase.com/docs/guides/database/database-linter?lint=0014_extension_in_public)
    /// - [PostgreSQL: CREATE EXTENSION](https://www.postgresql.org/docs/current/sql-createextension.html)
    pub ExtensionInPublic {
        id: "extension-in-public",
        category: Access,
        severity: Warn,
        fix: None,
        options: ["exposedSchemas"],
        sources: ["splinter:0014_extension_in_public"],
        messages: {
            inPublic: {
                message: "Extension `{extension}` is installed in schema `{schema}`, which the Data API serves.",
                help: "Install it `WITH SCHEMA extensions`.",
            },
        },
    }
}

/// Extensions that are never in `public` on Supabase: `plpgsql` (in `pg_catalog`), those
/// Supabase installs in every project, and those with a fixed schema of their own.
const NEVER_IN_PUBLIC: &[&str] = &[
    "plpgsql",
    "pgcrypto",
    "uuid-ossp",
    "pg_stat_statements",
    "pgjwt",
    "pg_graphql",
    "supabase_vault",
    "pgsodium",
    "pg_cron",
    "pg_tle",
    "pgmq",
    "postgis_topology",
    "postgis_tiger_geocoder",
];

impl Rule for ExtensionInPublic {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        ctx.report_from_end_state(findings, &|all| walk(ctx, all));
    }
}

fn walk(ctx: &RuleContext, findings: &mut EndStateFindings) {
    let db = &ctx.history.database;
    for extension in db.extensions.live() {
        let (schema, by, span) = end_schema(ctx, extension);
        if !(schema == "public" || is_exposed(ctx.config, &schema))
            || (NEVER_IN_PUBLIC.contains(&extension.name.as_str())
                && !is_dropped_before(ctx, &extension.name, extension.created))
        {
            continue;
        }
        findings.report(
            by.point.file,
            "inPublic",
            span,
            vec![("extension", extension.name.clone()), ("schema", schema)],
        );
    }
}

/// The extension's schema at the end of the history, the statement that put it there and
/// where to point at in that statement.
fn end_schema<'a>(ctx: &RuleContext, extension: &ExtensionRecord<'a>) -> (String, At<'a>, Span) {
    if let Some((at, schema)) = extension.moves.last() {
        return (schema.clone(), *at, at.statement.head_span());
    }
    let created = extension.created;
    let span = match &created.statement.kind {
        StatementKind::Create(create) => create
            .name
            .as_ref()
            .map_or(created.statement.head_span(), |n| n.span),
        _ => created.statement.head_span(),
    };
    let schema = extension
        .schema
        .clone()
        .or_else(|| search_path_schema(ctx, created))
        .unwrap_or_else(|| "public".into());
    (schema, created, span)
}

/// The first schema of the `search_path` the statement's file set before it, if any (a
/// `RESET` or `SET … DEFAULT` goes back to the database's).
fn search_path_schema(ctx: &RuleContext, at: At) -> Option<String> {
    let file = ctx.history.files.get(at.point.file)?;
    let mut search_path: Option<&str> = None;
    for statement in file
        .facts
        .statements
        .iter()
        .take_while(|s| s.index < at.statement.index)
    {
        match &statement.kind {
            StatementKind::Set { name, value } if name == "search_path" => {
                search_path = (!value.eq_ignore_ascii_case("default")).then_some(value.as_str());
            }
            StatementKind::Other { keyword } if keyword == "reset" => {
                let source = file.source.text.as_str();
                let resets = statement
                    .tokens
                    .get(1)
                    .is_some_and(|t| t.is_word(source, "search_path") || t.is_word(source, "all"));
                if resets {
                    search_path = None;
                }
            }
            _ => {}
        }
    }
    search_path?
        .split([',', ' '])
        .map(|s| s.trim().trim_matches('"'))
        .find(|s| !s.is_empty() && *s != "$user")
        .map(str::to_lowercase)
}

/// Whether the history drops the extension before `created` (then even one Supabase
/// installs lands where this statement puts it).
fn is_dropped_before(ctx: &RuleContext, name: &str, created: At) -> bool {
    ctx.history
        .statements_before(created.point.file, created.point.statement)
        .any(|(_, s)| match &s.kind {
            StatementKind::Drop(drop) => {
                drop.object == ObjectKind::Extension && drop.names.iter().any(|n| n.name == name)
            }
            _ => false,
        })
}
