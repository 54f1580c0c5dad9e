//! The end-state catalog as JSON: what `supalint catalog`-style tools print and what the
//! PostgreSQL comparison test reads back from a real database in the same shape.

use serde_json::{json, Value};

use crate::facts::ConstraintKind;

use super::{canonical_type, Database, QualifiedName, TablePrivileges, SUPABASE_API_ROLES};

/// Schemas the platform owns: objects a history creates there are not the project's.
const PLATFORM_SCHEMAS: &[&str] = &[
    "auth",
    "storage",
    "extensions",
    "pg_catalog",
    "information_schema",
    "realtime",
    "supabase_functions",
    "vault",
    "pg_temp",
];

fn is_platform(schema: &str) -> bool {
    PLATFORM_SCHEMAS.contains(&schema)
        || schema.starts_with("graphql")
        || schema.starts_with("pgsodium")
}

/// Postgres keeps the first 63 bytes of an identifier (`NAMEDATALEN - 1`).
fn stored_name(name: &str) -> &str {
    let mut end = name.len().min(63);
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    &name[..end]
}

fn stored(name: &QualifiedName) -> String {
    format!("{}.{}", stored_name(&name.schema), stored_name(&name.name))
}

/// The primary key of tables the platform creates, which foreign keys reference.
fn platform_primary_key(table: &QualifiedName) -> Option<Vec<String>> {
    let known = ["auth.users", "storage.objects", "storage.buckets"];
    known
        .contains(&table.to_string().as_str())
        .then(|| vec!["id".to_string()])
}

/// The grants of the API roles on one relation: table-wide, then per column beyond them.
fn push_grants(
    name: &str,
    privileges_of: impl Fn(&str) -> TablePrivileges,
    table_grants: &mut Vec<Value>,
    column_grants: &mut Vec<Value>,
) {
    for role in SUPABASE_API_ROLES {
        let privileges = privileges_of(role);
        if !privileges.table.is_empty() {
            table_grants.push(json!({
                "table": name, "role": role, "privileges": privileges.table,
            }));
        }
        for (column, set) in &privileges.columns {
            let beyond: Vec<&str> = set
                .iter()
                .copied()
                .filter(|p| !privileges.table.contains(p))
                .collect();
            if !beyond.is_empty() {
                column_grants.push(json!({
                    "table": name, "column": column, "role": role, "privileges": beyond,
                }));
            }
        }
    }
}

fn sorted(mut values: Vec<Value>) -> Value {
    values.sort_by_key(|v| v.to_string());
    Value::Array(values)
}

/// The live objects of the end state: tables (columns, keys, indexes, RLS), policies, table
/// and column grants of the API roles, functions with who may execute them, views,
/// extensions and buckets. Every list is sorted.
pub fn snapshot(db: &Database) -> Value {
    let mut tables = Vec::new();
    let mut table_grants = Vec::new();
    let mut column_grants = Vec::new();
    let mut foreign_tables = Vec::new();
    for (id, table) in db.tables.all().iter().enumerate() {
        let name = table.current_name();
        if table.dropped.is_some() || is_platform(&name.schema) {
            continue;
        }
        // A foreign table has no storage of its own: no RLS, keys or indexes to compare.
        if table.is_foreign() {
            foreign_tables.push(json!({ "name": stored(name) }));
            continue;
        }
        let key_columns = |kind: ConstraintKind| {
            table
                .keys
                .iter()
                .filter(move |k| k.kind == kind)
                .map(|k| k.columns.clone())
        };
        let mut indexes: Vec<Value> = db
            .live_indexes_of(id)
            .map(|i| json!({"columns": i.columns, "unique": i.is_unique}))
            .collect();
        indexes.extend(
            key_columns(ConstraintKind::Unique).map(|c| json!({"columns": c, "unique": true})),
        );
        let foreign_keys: Vec<Value> = table
            .foreign_keys()
            .map(|k| {
                // `REFERENCES t` without columns means t's primary key.
                let referenced = match (&k.references, k.referenced_columns.is_empty()) {
                    (Some(target), true) => db
                        .live_table(target)
                        .and_then(|t| t.primary_key().map(|pk| pk.columns.clone()))
                        .or_else(|| platform_primary_key(target))
                        .unwrap_or_default(),
                    _ => k.referenced_columns.clone(),
                };
                json!({
                    "columns": k.columns,
                    "references": k.references.as_ref().map(stored),
                    "referencedColumns": referenced,
                })
            })
            .collect();
        tables.push(json!({
            "name": stored(name),
            "rls": table.is_rls_enabled(),
            "forceRls": table.is_rls_forced(),
            "columns": table.columns.iter().map(|c| json!({"name": stored_name(&c.name), "type": canonical_type(&c.data_type)})).collect::<Vec<_>>(),
            "primaryKey": table.primary_key().map(|k| k.columns.clone()).unwrap_or_default(),
            "foreignKeys": sorted(foreign_keys),
            "indexes": sorted(indexes),
        }));
        push_grants(
            &stored(name),
            |role| db.table_privileges(table, role),
            &mut table_grants,
            &mut column_grants,
        );
    }
    for view in db.views.live().filter(|v| !is_platform(&v.name.schema)) {
        push_grants(
            &stored(&view.name),
            |role| db.view_privileges(view, role),
            &mut table_grants,
            &mut column_grants,
        );
    }
    let policies: Vec<Value> = db
        .policies
        .live()
        .filter(|p| !is_platform(&p.table.schema) || p.table.to_string() == "storage.objects")
        .map(|p| {
            let mut roles: Vec<String> = p.roles().to_vec();
            if roles.is_empty() {
                roles.push("public".into());
            }
            roles.sort();
            json!({
                "table": stored(&p.table),
                "name": stored_name(&p.name),
                "command": p.command().keyword().to_ascii_lowercase(),
                "permissive": p.is_permissive(),
                "roles": roles,
            })
        })
        .collect();
    let functions: Vec<Value> = db
        .functions
        .live()
        .filter(|f| !is_platform(&f.name.schema))
        .map(|f| {
            let last = f.definitions.len().saturating_sub(1);
            let executable_by: Vec<&str> = SUPABASE_API_ROLES
                .iter()
                .copied()
                .filter(|role| db.function_executable_by(f, role))
                .collect();
            json!({
                "name": stored(&f.name),
                "args": f.arg_types,
                "securityDefiner": f.is_security_definer(last),
                "executableBy": executable_by,
            })
        })
        .collect();
    let views: Vec<Value> = db
        .views
        .live()
        .filter(|v| !is_platform(&v.name.schema))
        .map(|v| {
            let last = v.definitions.len().saturating_sub(1);
            json!({
                "name": stored(&v.name),
                "materialized": v.is_materialized,
                "securityInvoker": v.is_security_invoker(last),
            })
        })
        .collect();
    let extensions: Vec<Value> = db
        .extensions
        .live()
        .filter(|e| !e.is_platform)
        .map(|e| json!({"name": e.name, "schema": e.current_schema().unwrap_or("public")}))
        .collect();
    // A second insert of the same id is `ON CONFLICT DO NOTHING` (or fails): the first stays.
    let mut seen = std::collections::HashSet::new();
    let buckets: Vec<Value> = db
        .buckets
        .iter()
        .filter(|b| seen.insert(b.id.as_str()))
        .map(|b| json!({"id": b.id, "public": db.bucket_is_public(b)}))
        .collect();
    json!({
        "tables": sorted(tables),
        "policies": sorted(policies),
        "tableGrants": sorted(table_grants),
        "columnGrants": sorted(column_grants),
        "functions": sorted(functions),
        "views": sorted(views),
        "foreignTables": sorted(foreign_tables),
        "extensions": sorted(extensions),
        "buckets": sorted(buckets),
    })
}
