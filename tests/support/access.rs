//! The access matrix of a real database, probed as each API role, in the shape of the
//! engine's `access_matrix` (`relations[].access.<role>.<command>.rows` and
//! `writableColumns`), for the tables of the `public` schema; and the comparison of the two.
//!
//! How a cell is probed, as `postgres` for privileges and as the role (`set role`) for plans:
//!
//! - **Privilege.** Without it the role reaches no rows: `USAGE` on the schema
//!   (`has_schema_privilege`) and `has_any_column_privilege` for `SELECT`, `INSERT` and
//!   `UPDATE` (a grant on one column is enough to run the command, as the engine counts it)
//!   or `has_table_privilege` for `DELETE`.
//! - **`SELECT`, `UPDATE`, `DELETE`: the plan.** `explain (costs off)` of `select from t`,
//!   `update t set c = null` and `delete from t`, run as the role. None of them has a `WHERE`
//!   clause or reads a column, so every condition in the plan comes from row-level security,
//!   and only the command's own policies apply (Postgres adds the `SELECT` policies to an
//!   `UPDATE` or `DELETE` only when it reads columns). `select from t` rather than
//!   `select *`, which a role with column grants may not run; `c` is the first column the
//!   role may update, set to `default` when it is generated or an identity (they refuse
//!   `null`). [`rows_of_plan`] reads the plan.
//! - **`INSERT`: the catalog.** `explain` does not show `WITH CHECK`, so an insert is judged
//!   from `pg_policies` as Postgres combines them: no privilege → none; RLS off → all; no
//!   permissive policy for the role with a check (`with_check`, or for `ALL` its `qual`) →
//!   none; a permissive `true` and no restrictive check other than `true` → all; else some.
//!   A policy applies to the role when it names `public` or a role the role is a member of.
//!   `explain insert into t default values` is still run as the role: a check Postgres
//!   refuses to run fails it, whatever the policies say.
//! - **Writable columns**, for `INSERT` and `UPDATE`: the columns with
//!   `has_column_privilege(role, t, column, …)`, and none when the role reaches no rows (as
//!   the engine reports them).
//!
//! A statement that fails whatever the data reaches no rows: for lack of a privilege (a table
//! a policy reads) or on a recursive policy ([`rows_of_probe`]); its evidence keeps the
//! server's message. Any other failure, and a partitioned table without partitions (its plan
//! is empty whatever the policies say), give `rows: "error"`.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Map, Value};

pub use super::catalog::Comparison;
use super::postgres::Database;

pub const ROLES: [&str; 2] = ["anon", "authenticated"];
pub const COMMANDS: [&str; 4] = ["select", "insert", "update", "delete"];

/// What a plan of `select from t`, `update t set c = null` or `delete from t` says the role
/// reaches: `none` when the plan's own nodes carry `One-Time Filter: false` (no policy
/// admits a row, or the policies' condition folds to `false`), `some` when they carry any
/// other condition (`Filter`, `One-Time Filter`, an index or recheck condition: with no
/// `WHERE`, these come from policies), `all` when they carry none (RLS off, or a permissive
/// `true` with no restrictive policy that narrows it). The nodes under `InitPlan`, `SubPlan`
/// and `CTE` are left out: they are the queries a policy runs on other tables, under those
/// tables' own policies.
pub fn rows_of_plan(plan: &str) -> &'static str {
    const CONDITIONS: &[&str] = &[
        "Filter:",
        "One-Time Filter:",
        "Index Cond:",
        "Recheck Cond:",
        "TID Cond:",
        "Join Filter:",
    ];
    let mut skipping_deeper_than: Option<usize> = None;
    let mut is_filtered = false;
    for line in plan.lines().filter(|l| !l.trim().is_empty()) {
        let indent = line.len() - line.trim_start().len();
        if skipping_deeper_than.is_some_and(|depth| indent > depth) {
            continue;
        }
        skipping_deeper_than = None;
        let text = line.trim_start().trim_start_matches("->").trim();
        if ["InitPlan ", "SubPlan ", "CTE "]
            .iter()
            .any(|p| text.starts_with(p))
        {
            skipping_deeper_than = Some(indent);
        } else if text == "One-Time Filter: false" {
            return "none";
        } else if CONDITIONS.iter().any(|c| text.starts_with(c)) {
            is_filtered = true;
        }
    }
    if is_filtered {
        "some"
    } else {
        "all"
    }
}

/// What a probe's result says the role reaches: [`rows_of_plan`] for a plan. A statement
/// that fails reaches no rows when it fails for lack of a privilege (`42501`: the schema, or
/// a table a policy reads) or on a recursive policy (`42P17`), whatever its data; any other
/// failure is the probe's and gives `error`.
pub fn rows_of_probe(result: &str) -> &'static str {
    match result.strip_prefix("ERROR ") {
        Some(error) if error.starts_with("42501:") || error.starts_with("42P17:") => "none",
        Some(_) => "error",
        None if result.starts_with("ERROR") => "error",
        None => rows_of_plan(result),
    }
}

/// A policy that decides an insert: whether it is permissive, and its check's text.
pub struct InsertPolicy {
    pub is_permissive: bool,
    pub check: Option<String>,
}

/// What an insert reaches, from privileges and policies (see the module's docs).
pub fn rows_of_insert(
    has_privilege: bool,
    is_rls: bool,
    policies: &[InsertPolicy],
) -> &'static str {
    if !has_privilege {
        return "none";
    }
    if !is_rls {
        return "all";
    }
    // `pg_policies` prints the check as Postgres stored it: a `false` or `NULL` check admits
    // no row, folded to `false`, as in the plans.
    let is_false = |check: &str| check == "false" || check == "NULL::boolean";
    let checks = |permissive: bool| {
        policies
            .iter()
            .filter(move |p| p.is_permissive == permissive)
            .filter_map(|p| p.check.as_deref())
    };
    if checks(true).all(is_false) || checks(false).any(is_false) {
        "none"
    } else if checks(true).any(|c| c == "true") && checks(false).all(|c| c == "true") {
        "all"
    } else {
        "some"
    }
}

/// Every table of `public` with, per role, its privileges, the columns it may insert and
/// update, and the policies that decide its inserts.
const TABLES_QUERY: &str = r#"
with api_roles (role) as (values ('anon'), ('authenticated'))
select coalesce(json_agg(json_build_object(
    'name', n.nspname || '.' || c.relname,
    'quoted', format('%I.%I', n.nspname, c.relname),
    'rls', c.relrowsecurity,
    'isEmptyPartitioned', c.relkind = 'p'
        and not exists (select from pg_catalog.pg_inherits i where i.inhparent = c.oid),
    'roles', (select json_object_agg(r.role, json_build_object(
        'usage', u.usage,
        'select', u.usage and has_any_column_privilege(r.role, c.oid, 'SELECT'),
        'insert', u.usage and has_any_column_privilege(r.role, c.oid, 'INSERT'),
        'update', u.usage and has_any_column_privilege(r.role, c.oid, 'UPDATE'),
        'delete', u.usage and has_table_privilege(r.role, c.oid, 'DELETE'),
        'insertColumns', coalesce((
            select json_agg(a.attname order by a.attnum)
              from pg_catalog.pg_attribute a
             where u.usage and a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
               and has_column_privilege(r.role, c.oid, a.attnum, 'INSERT')), '[]'),
        'updateColumns', coalesce((
            select json_agg(json_build_object(
                       'name', a.attname,
                       'quoted', quote_ident(a.attname),
                       'isPlain', a.attgenerated = '' and a.attidentity = '')
                   order by a.attnum)
              from pg_catalog.pg_attribute a
             where u.usage and a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
               and has_column_privilege(r.role, c.oid, a.attnum, 'UPDATE')), '[]'),
        'insertPolicies', coalesce((
            select json_agg(json_build_object(
                       'name', p.policyname,
                       'permissive', p.permissive = 'PERMISSIVE',
                       'check', coalesce(p.with_check, case when p.cmd = 'ALL' then p.qual end))
                   order by p.policyname)
              from pg_catalog.pg_policies p
             where p.schemaname = n.nspname and p.tablename = c.relname
               and p.cmd in ('INSERT', 'ALL')
               and exists (
                   select from unnest(p.roles) as pr
                    where case when pr = 'public' then true
                               else pg_has_role(r.role, pr, 'MEMBER') end)), '[]')
    )) from api_roles r,
              lateral (select has_schema_privilege(r.role, n.oid, 'USAGE') as usage) u)
) order by c.relname), '[]')
  from pg_catalog.pg_class c
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
 where n.nspname = 'public' and c.relkind in ('r', 'p')
   and c.oid not in (select objid from pg_catalog.pg_depend
                      where deptype = 'e' and classid = 'pg_catalog.pg_class'::regclass)
"#;

/// `explain`s `query` as `role_name`: the plan's text, or `ERROR <sqlstate>: ` and the
/// server's message. The failed block rolls back, and `set role` with it.
const PLAN_AS: &str = r#"
create function pg_temp.plan_as(role_name text, query text) returns text
language plpgsql as $plan_as$
declare
    line text;
    plan text := '';
begin
    execute format('set role %I', role_name);
    for line in execute query loop
        plan := plan || line || E'\n';
    end loop;
    reset role;
    return plan;
exception when others then
    return 'ERROR ' || sqlstate || ': ' || sqlerrm;
end
$plan_as$;
"#;

fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

fn as_bool(value: &Value) -> bool {
    value.as_bool().unwrap_or(false)
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect()
}

/// The statement whose plan shows what `command` reaches on `table` for a role allowed to
/// run it (`grants`: the role's entry of [`TABLES_QUERY`]); `None` for an update of a table
/// without columns.
fn probe_statement(command: &str, table: &str, grants: &Value) -> Option<String> {
    match command {
        "select" => Some(format!("explain (costs off) select from {table}")),
        "delete" => Some(format!("explain (costs off) delete from {table}")),
        "insert" => Some(format!(
            "explain (costs off) insert into {table} default values"
        )),
        _ => {
            let columns = grants["updateColumns"].as_array()?;
            let (column, value) = match columns.iter().find(|c| as_bool(&c["isPlain"])) {
                Some(column) => (column, "null"),
                None => (columns.first()?, "default"),
            };
            let column = column["quoted"].as_str()?;
            Some(format!(
                "explain (costs off) update {table} set {column} = {value}"
            ))
        }
    }
}

/// The access matrix of `database`'s `public` tables (see the module's docs). Each cell has
/// `rows` (`none`, `all`, `some` or `error`), `evidence` (the plan, the insert policies or
/// the error) and, for `insert` and `update`, `writableColumns`.
pub fn read(database: &Database) -> Result<Value, String> {
    let text = database.sql(TABLES_QUERY)?;
    let tables: Vec<Value> = serde_json::from_str(&text)
        .map_err(|e| format!("the tables query gave no JSON ({e}): {text}"))?;

    // Every plan of the database in one session: (table index, role, command) → statement.
    let mut probes: Vec<((usize, &str, &str), String)> = Vec::new();
    for (index, table) in tables.iter().enumerate() {
        if as_bool(&table["isEmptyPartitioned"]) {
            continue;
        }
        let quoted = table["quoted"].as_str().unwrap_or_default();
        for role in ROLES {
            let grants = &table["roles"][role];
            for command in COMMANDS {
                if !as_bool(&grants[command]) {
                    continue;
                }
                if let Some(statement) = probe_statement(command, quoted, grants) {
                    probes.push(((index, role, command), statement));
                }
            }
        }
    }
    let mut plans: BTreeMap<(usize, &str, &str), String> = BTreeMap::new();
    if !probes.is_empty() {
        let rows: Vec<String> = probes
            .iter()
            .enumerate()
            .map(|(n, ((_, role, _), statement))| {
                format!("({n}, {}, {})", literal(role), literal(statement))
            })
            .collect();
        let text = database.sql(&format!(
            "{PLAN_AS}\nselect json_agg(pg_temp.plan_as(role_name, query) order by n) \
             from (values {}) as probe (n, role_name, query)",
            rows.join(",\n")
        ))?;
        let texts: Vec<String> = serde_json::from_str(&text)
            .map_err(|e| format!("the plans gave no JSON ({e}): {text}"))?;
        for ((key, _), plan) in probes.into_iter().zip(texts) {
            plans.insert(key, plan);
        }
    }

    let relations: Vec<Value> = tables
        .iter()
        .enumerate()
        .map(|(index, table)| {
            let is_rls = as_bool(&table["rls"]);
            let mut roles = Map::new();
            for role in ROLES {
                let grants = &table["roles"][role];
                let mut commands = Map::new();
                for command in COMMANDS {
                    let (rows, evidence) = if !as_bool(&grants["usage"]) {
                        ("none", json!("no USAGE on the schema"))
                    } else if !as_bool(&grants[command]) {
                        (
                            "none",
                            json!(format!("no {} privilege", command.to_uppercase())),
                        )
                    } else if command == "insert" {
                        // The plan shows no check, but a check Postgres refuses to run
                        // (an unreadable table, recursion) fails it.
                        let policies = insert_policies(&grants["insertPolicies"]);
                        match plans.get(&(index, role, command)) {
                            Some(plan) if plan.starts_with("ERROR") => {
                                (rows_of_probe(plan), json!(plan))
                            }
                            _ => (
                                rows_of_insert(true, is_rls, &policies),
                                grants["insertPolicies"].clone(),
                            ),
                        }
                    } else if as_bool(&table["isEmptyPartitioned"]) {
                        ("error", json!("a partitioned table without partitions"))
                    } else {
                        let plan = plans
                            .get(&(index, role, command))
                            .map_or("ERROR: a table without columns", String::as_str);
                        let rows = rows_of_probe(plan);
                        (rows, json!(plan.trim_end()))
                    };
                    let mut cell = Map::new();
                    cell.insert("rows".into(), json!(rows));
                    cell.insert("evidence".into(), evidence);
                    if command == "insert" || command == "update" {
                        let writable: Vec<String> = match (rows, command) {
                            ("none", _) => Vec::new(),
                            (_, "insert") => strings(&grants["insertColumns"]),
                            _ => grants["updateColumns"]
                                .as_array()
                                .into_iter()
                                .flatten()
                                .filter_map(|c| c["name"].as_str().map(str::to_string))
                                .collect(),
                        };
                        cell.insert("writableColumns".into(), json!(writable));
                    }
                    commands.insert(command.into(), Value::Object(cell));
                }
                roles.insert(role.into(), Value::Object(commands));
            }
            json!({ "name": table["name"], "rls": is_rls, "access": roles })
        })
        .collect();
    Ok(json!({ "relations": relations }))
}

fn insert_policies(value: &Value) -> Vec<InsertPolicy> {
    value
        .as_array()
        .into_iter()
        .flatten()
        .map(|p| InsertPolicy {
            is_permissive: as_bool(&p["permissive"]),
            check: p["check"].as_str().map(str::to_string),
        })
        .collect()
}

/// The `public` tables of a matrix (engine or database), by name; the engine's buckets of
/// `storage.objects` are left out.
fn public_tables(matrix: &Value) -> BTreeMap<String, &Value> {
    matrix["relations"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|r| r["bucket"].is_null())
        .filter_map(|r| Some((r["name"].as_str()?.to_string(), r)))
        .filter(|(name, _)| name.starts_with("public."))
        .collect()
}

/// Compares the engine's access matrix with the database's, cell by cell.
pub fn compare(engine: &Value, database: &Value) -> Comparison {
    let mut comparison = Comparison::default();
    let engine = public_tables(engine);
    let database = public_tables(database);
    let names: BTreeSet<&String> = engine.keys().chain(database.keys()).collect();
    for name in names {
        let (Some(claimed), Some(actual)) = (engine.get(name), database.get(name)) else {
            let side = if engine.contains_key(name) {
                "database"
            } else {
                "engine"
            };
            comparison.count("tables", false);
            comparison.differ(
                format!("missing in {side}: table"),
                format!("missing in {side}: table {name}"),
            );
            continue;
        };
        comparison.count("tables", true);
        for role in ROLES {
            for command in COMMANDS {
                let claimed = &claimed["access"][role][command];
                let actual = &actual["access"][role][command];
                let evidence = || {
                    let text = match &actual["evidence"] {
                        Value::String(text) => text.clone(),
                        other => other.to_string(),
                    };
                    text.lines()
                        .map(|l| format!("\n      | {l}"))
                        .collect::<String>()
                };
                let (rows, db_rows) = (&claimed["rows"], &actual["rows"]);
                comparison.count(command, rows == db_rows);
                if rows != db_rows {
                    let values = format!(
                        "engine={} db={}",
                        rows.as_str().unwrap_or("?"),
                        db_rows.as_str().unwrap_or("?")
                    );
                    let condition = claimed["condition"]
                        .as_str()
                        .map(|c| format!("\n      engine's condition: {c}"))
                        .unwrap_or_default();
                    comparison.differ(
                        format!("{command} rows {values}"),
                        format!(
                            "{name} {role} {command} rows {values}{condition}{}",
                            evidence()
                        ),
                    );
                }
                if command == "insert" || command == "update" {
                    let sorted = |value: &Value| -> Vec<String> {
                        let mut columns = strings(value);
                        columns.sort();
                        columns
                    };
                    let claimed_columns = sorted(&claimed["writableColumns"]);
                    let actual_columns = sorted(&actual["writableColumns"]);
                    let facet = format!("{command}.writableColumns");
                    comparison.count(&facet, claimed_columns == actual_columns);
                    if claimed_columns != actual_columns {
                        comparison.differ(
                            format!("{facet} ({})", column_difference(&claimed_columns, &actual_columns)),
                            format!(
                                "{name} {role} {facet} engine={claimed_columns:?} db={actual_columns:?}"
                            ),
                        );
                    }
                }
            }
        }
    }
    comparison
}

/// Which side has more columns, for grouping: `engine has more`, `database has more`, or
/// `both differ`.
fn column_difference(engine: &[String], database: &[String]) -> &'static str {
    let engine_set: BTreeSet<&String> = engine.iter().collect();
    let database_set: BTreeSet<&String> = database.iter().collect();
    if engine_set.is_superset(&database_set) {
        "engine has more"
    } else if database_set.is_superset(&engine_set) {
        "database has more"
    } else {
        "both differ"
    }
}
