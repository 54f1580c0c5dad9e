//! The end-state catalog of a real database, in the JSON shape of the engine's
//! `catalog_snapshot`, and the comparison of the two.
//!
//! The shape: `tables` (name, rls, forceRls, columns, primaryKey, foreignKeys, indexes),
//! `policies`, `tableGrants`, `columnGrants`, `functions`, `views`, `extensions`, `buckets`.
//! Names are `schema.name` as stored. Lists of objects and sets (roles, privileges) are
//! sorted; key-column lists (primary key, foreign key and index columns) keep key order.
//! Grants name only `anon`, `authenticated` and `service_role`.
//!
//! In scope are the objects migrations create: not those in the schemas Supabase manages
//! ([`is_managed_schema`]) except the policies on `storage.objects` and the rows of
//! `storage.buckets`, not members of extensions, and not the Supabase stand-in's own objects
//! (subtract a database holding only the stand-in with [`without`]).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Value};

use super::postgres::Database;

/// Reads `database`'s end state; both sides of a comparison pass through [`scoped`].
pub fn read(database: &Database) -> Result<Value, String> {
    let text = database.sql(CATALOG_QUERY)?;
    let catalog: Value = serde_json::from_str(&text)
        .map_err(|e| format!("the catalog query gave no JSON ({e}): {text}"))?;
    Ok(scoped(&catalog))
}

/// The schemas Supabase manages: migrations' objects there are out of the comparison's scope.
pub fn is_managed_schema(schema: &str) -> bool {
    matches!(
        schema,
        "auth"
            | "storage"
            | "extensions"
            | "pg_catalog"
            | "information_schema"
            | "realtime"
            | "supabase_functions"
            | "vault"
    ) || ["graphql", "pgsodium", "pg_toast", "pg_temp"]
        .iter()
        .any(|prefix| schema.starts_with(prefix))
}

/// A catalog section: its JSON key, the noun messages use, and the fields that identify an
/// object in it.
struct Section {
    key: &'static str,
    noun: &'static str,
    identity: &'static [&'static str],
}

const SECTIONS: &[Section] = &[
    Section {
        key: "tables",
        noun: "table",
        identity: &["name"],
    },
    Section {
        key: "policies",
        noun: "policy",
        identity: &["table", "name"],
    },
    Section {
        key: "tableGrants",
        noun: "table grant",
        identity: &["table", "role"],
    },
    Section {
        key: "columnGrants",
        noun: "column grant",
        identity: &["table", "column", "role"],
    },
    Section {
        key: "functions",
        noun: "function",
        identity: &["name", "args"],
    },
    Section {
        key: "views",
        noun: "view",
        identity: &["name"],
    },
    Section {
        key: "foreignTables",
        noun: "foreign table",
        identity: &["name"],
    },
    Section {
        key: "extensions",
        noun: "extension",
        identity: &["name"],
    },
    Section {
        key: "buckets",
        noun: "bucket",
        identity: &["id"],
    },
];

/// Fields holding sets: compared sorted.
const SET_FIELDS: &[&str] = &["roles", "privileges", "executableBy"];

/// Table fields holding lists of objects, compared element by element: the field, the noun
/// messages use, and the fields that identify an element (all of them when empty).
const TABLE_PARTS: &[(&str, &str, &[&str])] = &[
    ("columns", "column", &["name"]),
    ("foreignKeys", "foreign key", &[]),
    ("indexes", "index", &[]),
];

/// The objects of `catalog` in scope, every list sorted.
pub fn scoped(catalog: &Value) -> Value {
    let mut out = serde_json::Map::new();
    for section in SECTIONS {
        let Some(items) = catalog.get(section.key).and_then(Value::as_array) else {
            continue;
        };
        let mut kept: Vec<Value> = items
            .iter()
            .filter(|item| is_in_scope(section.key, item))
            .map(canonical)
            .collect();
        kept.sort_by_key(|item| (identity(section, item), item.to_string()));
        kept.dedup();
        out.insert(section.key.into(), Value::Array(kept));
    }
    Value::Object(out)
}

/// `catalog` without the objects equal to one of `baseline` (the stand-in's own).
pub fn without(catalog: &Value, baseline: &Value) -> Value {
    let mut out = scoped(catalog);
    let baseline = scoped(baseline);
    for section in SECTIONS {
        let Some(base) = baseline.get(section.key).and_then(Value::as_array) else {
            continue;
        };
        if let Some(items) = out.get_mut(section.key).and_then(Value::as_array_mut) {
            items.retain(|item| !base.contains(item));
        }
    }
    out
}

fn is_in_scope(section: &str, item: &Value) -> bool {
    let field = |name: &str| item.get(name).and_then(Value::as_str).unwrap_or("");
    let schema_of = |name: &str| field(name).split('.').next().unwrap_or("").to_string();
    match section {
        "extensions" | "buckets" => true,
        "policies" => {
            field("table") == "storage.objects" || !is_managed_schema(&schema_of("table"))
        }
        "tableGrants" | "columnGrants" => !is_managed_schema(&schema_of("table")),
        _ => !is_managed_schema(&schema_of("name")),
    }
}

/// `item` with its set fields and its lists of objects sorted.
fn canonical(item: &Value) -> Value {
    let mut item = item.clone();
    if let Some(object) = item.as_object_mut() {
        for (key, value) in object.iter_mut() {
            let is_set = SET_FIELDS.contains(&key.as_str())
                || TABLE_PARTS.iter().any(|(part, _, _)| part == key);
            if let (true, Some(list)) = (is_set, value.as_array_mut()) {
                list.sort_by_key(Value::to_string);
                list.dedup();
            }
        }
    }
    item
}

fn identity(section: &Section, item: &Value) -> String {
    let part = |field: &str| match item.get(field) {
        Some(Value::String(text)) => text.clone(),
        Some(Value::Array(list)) => list.iter().map(display).collect::<Vec<_>>().join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    match section.key {
        "functions" => format!("{}({})", part("name"), part("args")),
        "tableGrants" => format!("{} to {}", part("table"), part("role")),
        "columnGrants" => format!("{}.{} to {}", part("table"), part("column"), part("role")),
        _ => section
            .identity
            .iter()
            .map(|field| part(field))
            .collect::<Vec<_>>()
            .join("."),
    }
}

/// A value in a message: strings bare, the rest as compact JSON.
fn display(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// How many objects (or table facets) agree, of those either side has.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Agreement {
    pub matching: usize,
    pub total: usize,
}

/// Every difference between the engine's catalog and the database's, how many differences
/// of each kind (`differs: table column type`, `missing in engine: policy`, …), and the
/// agreement per section (`tables`, `policies`, …) and per table facet (`tables.rls`,
/// `tables.columns`, …). A section the engine's catalog leaves out, or a field its objects
/// leave out, is not claimed: not compared and not counted.
#[derive(Debug, Default)]
pub struct Comparison {
    pub differences: Vec<String>,
    pub kinds: BTreeMap<String, usize>,
    pub agreement: BTreeMap<String, Agreement>,
}

impl Comparison {
    /// Adds `other`'s differences (each prefixed with `label: `) and counts to these.
    pub fn absorb(&mut self, label: &str, other: Comparison) {
        self.differences.extend(
            other
                .differences
                .into_iter()
                .map(|d| format!("{label}: {d}")),
        );
        for (kind, count) in other.kinds {
            *self.kinds.entry(kind).or_default() += count;
        }
        for (section, agreement) in other.agreement {
            let total = self.agreement.entry(section).or_default();
            total.matching += agreement.matching;
            total.total += agreement.total;
        }
    }

    /// Records a difference: `kind` is its message without names or values, `message` the
    /// whole of it.
    pub fn differ(&mut self, kind: String, message: String) {
        *self.kinds.entry(kind).or_default() += 1;
        self.differences.push(message);
    }

    /// Counts one compared value of `facet`, matching or not.
    pub fn count(&mut self, facet: impl Into<String>, is_matching: bool) {
        let agreement = self.agreement.entry(facet.into()).or_default();
        agreement.total += 1;
        agreement.matching += usize::from(is_matching);
    }
}

/// Compares the engine's end-state catalog with the database's, both in the catalog shape.
pub fn compare(engine: &Value, database: &Value) -> Comparison {
    let engine = scoped(engine);
    let database = scoped(database);
    let mut comparison = Comparison::default();
    for section in SECTIONS {
        let Some(engine_items) = engine.get(section.key).and_then(Value::as_array) else {
            continue;
        };
        let empty = Vec::new();
        let database_items = database
            .get(section.key)
            .and_then(Value::as_array)
            .unwrap_or(&empty);
        let by_identity = |items: &[Value]| -> BTreeMap<String, Value> {
            items
                .iter()
                .map(|item| (identity(section, item), item.clone()))
                .collect()
        };
        let engine_items = by_identity(engine_items);
        let database_items = by_identity(database_items);
        let keys: BTreeSet<&String> = engine_items.keys().chain(database_items.keys()).collect();
        for key in keys {
            let noun = section.noun;
            let (in_engine, in_database) = match (engine_items.get(key), database_items.get(key)) {
                (Some(e), Some(d)) => (e, d),
                (Some(_), None) => {
                    comparison.differ(
                        format!("missing in database: {noun}"),
                        format!("missing in database: {noun} {key}"),
                    );
                    comparison.count(section.key, false);
                    continue;
                }
                (None, _) => {
                    comparison.differ(
                        format!("missing in engine: {noun}"),
                        format!("missing in engine: {noun} {key}"),
                    );
                    comparison.count(section.key, false);
                    continue;
                }
            };
            let before = comparison.differences.len();
            compare_fields(section, key, in_engine, in_database, &mut comparison);
            let is_matching = comparison.differences.len() == before;
            comparison.count(section.key, is_matching);
        }
    }
    comparison
}

/// Compares the fields of one object both sides have; the engine's fields are the claims.
fn compare_fields(
    section: &Section,
    key: &str,
    engine: &Value,
    database: &Value,
    comparison: &mut Comparison,
) {
    let Some(fields) = engine.as_object() else {
        return;
    };
    let noun = section.noun;
    for (field, claimed) in fields {
        if section.identity.contains(&field.as_str()) {
            continue;
        }
        let actual = database.get(field).unwrap_or(&Value::Null);
        let before = comparison.differences.len();
        match TABLE_PARTS.iter().find(|(part, _, _)| part == field) {
            Some((_, part_noun, part_identity)) if section.key == "tables" => {
                let part_key = |item: &Value| -> String {
                    if part_identity.is_empty() {
                        describe_part(item)
                    } else {
                        part_identity
                            .iter()
                            .map(|f| item.get(*f).map(display).unwrap_or_default())
                            .collect::<Vec<_>>()
                            .join(".")
                    }
                };
                let index = |value: &Value| -> BTreeMap<String, Value> {
                    value
                        .as_array()
                        .map(|items| items.iter().map(|i| (part_key(i), i.clone())).collect())
                        .unwrap_or_default()
                };
                let (claimed, actual) = (index(claimed), index(actual));
                let keys: BTreeSet<&String> = claimed.keys().chain(actual.keys()).collect();
                for part in keys {
                    let what = format!("{noun} {key} {part_noun} {part}");
                    match (claimed.get(part), actual.get(part)) {
                        (Some(c), Some(a)) => {
                            for (name, value) in c.as_object().into_iter().flatten() {
                                let other = a.get(name).unwrap_or(&Value::Null);
                                if value != other {
                                    comparison.differ(
                                        format!("differs: {noun} {part_noun} {name}"),
                                        format!(
                                            "differs: {what} {name} engine={} db={}",
                                            display(value),
                                            display(other)
                                        ),
                                    );
                                }
                            }
                        }
                        (Some(_), None) => comparison.differ(
                            format!("missing in database: {noun} {part_noun}"),
                            format!("missing in database: {what}"),
                        ),
                        (None, _) => comparison.differ(
                            format!("missing in engine: {noun} {part_noun}"),
                            format!("missing in engine: {what}"),
                        ),
                    }
                }
            }
            _ => {
                if claimed != actual {
                    comparison.differ(
                        format!("differs: {noun} {field}"),
                        format!(
                            "differs: {noun} {key} {field} engine={} db={}",
                            display(claimed),
                            display(actual)
                        ),
                    );
                }
            }
        }
        if section.key == "tables" {
            let is_matching = comparison.differences.len() == before;
            comparison.count(format!("tables.{field}"), is_matching);
        }
    }
}

/// A foreign key or index in a message: `(owner) → auth.users(id)`, `unique (a, b)`.
fn describe_part(item: &Value) -> String {
    let columns = |field: &str| {
        item.get(field)
            .and_then(Value::as_array)
            .map(|c| c.iter().map(display).collect::<Vec<_>>().join(", "))
            .unwrap_or_default()
    };
    if let Some(target) = item.get("references") {
        format!(
            "({}) → {}({})",
            columns("columns"),
            display(target),
            columns("referencedColumns")
        )
    } else if item.get("unique") == Some(&json!(true)) {
        format!("unique ({})", columns("columns"))
    } else {
        format!("({})", columns("columns"))
    }
}

/// One query that builds the whole catalog as JSON. Only PostgreSQL's own schemas and
/// extension members are left out here; the Supabase scope is [`scoped`]'s.
const CATALOG_QUERY: &str = r#"
with ns as (
    select oid, nspname::text as nspname
      from pg_catalog.pg_namespace
     where nspname not in ('pg_catalog', 'information_schema')
       and nspname !~ '^pg_(toast|temp)'
),
api_roles as (
    select oid, rolname::text as rolname
      from pg_catalog.pg_roles
     where rolname in ('anon', 'authenticated', 'service_role')
),
extension_members as (
    select classid, objid from pg_catalog.pg_depend where deptype = 'e'
),
relations as (
    select c.*, n.nspname || '.' || c.relname as qualified
      from pg_catalog.pg_class c
      join ns n on n.oid = c.relnamespace
     where (c.oid not in (select objid from extension_members
                           where classid = 'pg_catalog.pg_class'::regclass))
),
tables as (
    select json_build_object(
        'name', c.qualified,
        'rls', c.relrowsecurity,
        'forceRls', c.relforcerowsecurity,
        'columns', coalesce((
            select json_agg(json_build_object(
                       'name', a.attname,
                       'type', pg_catalog.format_type(a.atttypid, a.atttypmod))
                   order by a.attname)
              from pg_catalog.pg_attribute a
             where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped), '[]'),
        'primaryKey', coalesce((
            select json_agg(a.attname order by k.position)
              from pg_catalog.pg_constraint p,
                   unnest(p.conkey) with ordinality as k (attnum, position),
                   pg_catalog.pg_attribute a
             where p.conrelid = c.oid and p.contype = 'p'
               and a.attrelid = p.conrelid and a.attnum = k.attnum), '[]'),
        'foreignKeys', coalesce((
            select json_agg(json_build_object(
                       'columns', (
                           select json_agg(a.attname order by k.position)
                             from unnest(f.conkey) with ordinality as k (attnum, position)
                             join pg_catalog.pg_attribute a
                               on a.attrelid = f.conrelid and a.attnum = k.attnum),
                       'references', rn.nspname || '.' || r.relname,
                       'referencedColumns', (
                           select json_agg(a.attname order by k.position)
                             from unnest(f.confkey) with ordinality as k (attnum, position)
                             join pg_catalog.pg_attribute a
                               on a.attrelid = f.confrelid and a.attnum = k.attnum)))
              from pg_catalog.pg_constraint f
              join pg_catalog.pg_class r on r.oid = f.confrelid
              join pg_catalog.pg_namespace rn on rn.oid = r.relnamespace
             -- A foreign key to a partitioned table also has one row per partition.
             where f.conrelid = c.oid and f.contype = 'f' and not r.relispartition), '[]'),
        'indexes', coalesce((
            select json_agg(json_build_object(
                       'columns', (
                           select json_agg(case when k.attnum = 0 then '(expr)'
                                                else a.attname::text end
                                           order by k.position)
                             from unnest(i.indkey::int2[]) with ordinality as k (attnum, position)
                             left join pg_catalog.pg_attribute a
                               on a.attrelid = i.indrelid and a.attnum = k.attnum
                            where k.position <= i.indnkeyatts),
                       'unique', i.indisunique))
              from pg_catalog.pg_index i
             where i.indrelid = c.oid and not i.indisprimary), '[]')
    ) as item
      from relations c
     where c.relkind in ('r', 'p')
),
policies as (
    select json_build_object(
        'table', p.schemaname || '.' || p.tablename,
        'name', p.policyname,
        'command', lower(p.cmd),
        'permissive', p.permissive = 'PERMISSIVE',
        'roles', (select json_agg(r order by r) from unnest(p.roles) as r)
    ) as item
      from pg_catalog.pg_policies p
     where p.schemaname in (select nspname from ns)
),
table_grants as (
    select json_build_object(
        'table', c.qualified,
        'role', r.rolname,
        'privileges', to_json(array_agg(distinct lower(x.privilege_type)))
    ) as item
      from relations c,
           aclexplode(c.relacl) as x
      join api_roles r on r.oid = x.grantee
     where c.relkind in ('r', 'p', 'v', 'm', 'f')
     group by c.qualified, r.rolname
),
column_grants as (
    select json_build_object(
        'table', c.qualified,
        'column', a.attname,
        'role', r.rolname,
        'privileges', to_json(array_agg(distinct lower(x.privilege_type)))
    ) as item
      from relations c
      join pg_catalog.pg_attribute a
        on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped,
           aclexplode(a.attacl) as x
      join api_roles r on r.oid = x.grantee
     where not exists (
               select from aclexplode(c.relacl) as t
                where t.grantee = x.grantee and t.privilege_type = x.privilege_type)
     group by c.qualified, a.attname, r.rolname
),
functions as (
    select json_build_object(
        'name', n.nspname || '.' || p.proname,
        'args', coalesce((
            select json_agg(pg_catalog.format_type(t.oid, null) order by t.position)
              from unnest(p.proargtypes::oid[]) with ordinality as t (oid, position)), '[]'),
        'securityDefiner', p.prosecdef,
        'executableBy', coalesce((
            select json_agg(r.rolname order by r.rolname)
              from api_roles r
             where has_function_privilege(r.oid, p.oid, 'EXECUTE')), '[]')
    ) as item
      from pg_catalog.pg_proc p
      join ns n on n.oid = p.pronamespace
     where p.prokind in ('f', 'p')
       and p.oid not in (select objid from extension_members
                          where classid = 'pg_catalog.pg_proc'::regclass)
),
views as (
    select json_build_object(
        'name', c.qualified,
        'materialized', c.relkind = 'm',
        'securityInvoker', coalesce((
            select bool_or(lower(split_part(o, '=', 2)) in ('true', 'on', 'yes', '1'))
              from unnest(c.reloptions) as o
             where o like 'security\_invoker=%'), false)
    ) as item
      from relations c
     where c.relkind in ('v', 'm')
),
foreign_tables as (
    select json_build_object('name', c.qualified) as item
      from relations c
     where c.relkind = 'f'
),
extensions as (
    select json_build_object('name', e.extname, 'schema', n.nspname) as item
      from pg_catalog.pg_extension e
      join pg_catalog.pg_namespace n on n.oid = e.extnamespace
),
buckets as (
    select json_build_object('id', b.id, 'public', coalesce(b.public, false)) as item
      from storage.buckets b
)
select json_build_object(
    'tables', (select coalesce(json_agg(item), '[]') from tables),
    'policies', (select coalesce(json_agg(item), '[]') from policies),
    'tableGrants', (select coalesce(json_agg(item), '[]') from table_grants),
    'columnGrants', (select coalesce(json_agg(item), '[]') from column_grants),
    'functions', (select coalesce(json_agg(item), '[]') from functions),
    'views', (select coalesce(json_agg(item), '[]') from views),
    'foreignTables', (select coalesce(json_agg(item), '[]') from foreign_tables),
    'extensions', (select coalesce(json_agg(item), '[]') from extensions),
    'buckets', (select coalesce(json_agg(item), '[]') from buckets)
)
"#;
