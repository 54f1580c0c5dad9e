use crate::declare_rule;
use crate::facts::body::{BodyLanguage, ReferenceKind};
use crate::history::Database;
use crate::rules::support::function::{function_statements, is_locked_search_path};
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Requires schema-qualified names inside functions that run with an empty `search_path`.
    ///
    /// ## What it does
    /// Inside a function with `SET search_path = ''` (or only `pg_catalog`/`pg_temp`),
    /// flags each table, view or `%ROWTYPE` named without its schema, and each call of a
    /// function the history defines (or an extension it installs, such as `uuid-ossp` or
    /// `pgcrypto`) without its schema. PL/pgSQL bodies are scanned as tokens and SQL bodies
    /// read as statements; the diagnostic points at the name inside the body. Built-in
    /// `pg_catalog` functions and tables, CTE names and temporary tables need no schema.
    /// SQL-standard bodies (`BEGIN ATOMIC … END`, `RETURN …`) are not checked: Postgres
    /// binds their names when the function is created, under the session's `search_path`.
    /// A PL/pgSQL body is checked only in the definition the database keeps; a SQL body is
    /// checked in every definition, since Postgres validates it when it is created.
    ///
    /// ## Why is this bad?
    /// With an empty `search_path` Postgres finds only `pg_catalog` and `pg_temp` objects.
    /// An unqualified `accounts` fails with `relation "accounts" does not exist`: a
    /// `LANGUAGE sql` function when the migration creates it, a PL/pgSQL function each time
    /// it runs, which is often only in production, inside a trigger or sign-up flow.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// create or replace function public.note_count() returns bigint
    ///   language plpgsql set search_path = ''
    ///   as $$ begin return (select count(*) from notes); end $$;
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// create or replace function public.note_count() returns bigint
    ///   language plpgsql set search_path = ''
    ///   as $$ begin return (select count(*) from public.notes); end $$;
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: search_path](https://www.postgresql.org/docs/current/ddl-schemas.html#DDL-SCHEMAS-PATH)
    /// - [Supabase: Database functions, security definer](https://supabase.com/docs/guides/database/functions#security-definer-vs-invoker)
    pub SearchPathQualifiedReferences {
        id: "search-path-qualified-references",
        category: Access,
        severity: Error,
        fix: None,
        options: [],
        sources: [],
        messages: {
            unqualifiedRelation: {
                message: "`{name}` in {kind} `{function}` has no schema, so the empty `search_path` finds nothing.",
                help: "Write `{suggestion}`.",
            },
            unqualifiedFunction: {
                message: "`{name}()` in {kind} `{function}` has no schema, so the empty `search_path` finds nothing.",
                help: "Write `{suggestion}()`.",
            },
        },
    }
}

/// Functions of common extensions, which Supabase installs into the `extensions` schema.
const EXTENSION_FUNCTIONS: &[(&str, &[&str])] = &[
    (
        "uuid-ossp",
        &[
            "uuid_generate_v1",
            "uuid_generate_v1mc",
            "uuid_generate_v3",
            "uuid_generate_v4",
            "uuid_generate_v5",
            "uuid_nil",
        ],
    ),
    (
        "pgcrypto",
        &[
            "crypt",
            "gen_salt",
            "digest",
            "hmac",
            "gen_random_bytes",
            "pgp_sym_encrypt",
            "pgp_sym_decrypt",
            "pgp_pub_encrypt",
            "pgp_pub_decrypt",
            "armor",
            "dearmor",
        ],
    ),
    (
        "pg_trgm",
        &[
            "similarity",
            "word_similarity",
            "strict_word_similarity",
            "show_trgm",
        ],
    ),
    ("unaccent", &["unaccent"]),
];

/// The schema an unqualified function call should name, when the history or an installed
/// extension defines it outside `pg_catalog`.
fn function_schema(db: &Database, name: &str) -> Option<String> {
    let mut schemas: Vec<&str> = db
        .functions_named(name)
        .map(|f| f.name.schema.as_str())
        .filter(|s| *s != "pg_catalog")
        .collect();
    schemas.sort_unstable();
    schemas.dedup();
    if let Some(schema) = schemas.first() {
        let schema = if schemas.len() == 1 {
            schema
        } else {
            &"public"
        };
        return Some(schema.to_string());
    }
    EXTENSION_FUNCTIONS
        .iter()
        .find_map(|(extension, functions)| {
            if !functions.contains(&name) {
                return None;
            }
            db.extensions
                .all()
                .iter()
                .find(|installed| installed.name == *extension)
                .map(|installed| installed.schema.clone().unwrap_or_else(|| "public".into()))
        })
}

impl Rule for SearchPathQualifiedReferences {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        let db = &ctx.history.database;
        let text = ctx.text();
        for function in function_statements(ctx) {
            if !function.search_path().is_some_and(is_locked_search_path) {
                continue;
            }
            // A SQL-standard body binds its names when created, under the session's path.
            let Some(body) = function.def.body.as_ref().filter(|b| !b.is_standard) else {
                continue;
            };
            // A SQL body is checked when it is created, so every definition must resolve;
            // a PL/pgSQL body only when it runs, so only the one the database keeps.
            let when = match body.language {
                BodyLanguage::Sql => "when this migration creates it",
                BodyLanguage::PlPgSql if function.is_current() => "each time it runs",
                BodyLanguage::PlPgSql | BodyLanguage::Other => continue,
            };
            let temporary = body.temporary_tables(text);
            for reference in body.references(text) {
                let name = &reference.name;
                if name.schema.is_some() {
                    continue;
                }
                let (message, suggestion) = match reference.kind {
                    ReferenceKind::Relation | ReferenceKind::RowType => {
                        if name.name.starts_with("pg_") || temporary.contains(&name.name) {
                            continue;
                        }
                        // Without the empty path the name resolved through `public`.
                        let schemas = db.relation_schemas(&name.name);
                        let schema = match schemas.as_slice() {
                            [only] => only.clone(),
                            _ => "public".to_string(),
                        };
                        ("unqualifiedRelation", format!("{schema}.{}", name.name))
                    }
                    ReferenceKind::Function => match function_schema(db, &name.name) {
                        Some(schema) => ("unqualifiedFunction", format!("{schema}.{}", name.name)),
                        None => continue,
                    },
                };
                findings.report(
                    message,
                    name.span,
                    vec![
                        ("name", name.name.clone()),
                        ("kind", function.noun()),
                        ("function", function.display()),
                        ("when", when.to_string()),
                        ("suggestion", suggestion),
                    ],
                );
            }
        }
    }
}
