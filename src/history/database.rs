//! What the history does to the database: tables, row-level security, policies, functions,
//! views, grants and buckets, replayed once per lint in migration order.
//!
//! Objects are followed through their lifetime: a table created in one file, renamed in a
//! second and given RLS in a third is one [`TableRecord`]. `CREATE OR REPLACE` adds a
//! definition to the same record (Postgres keeps its privileges); `DROP` ends it.

use std::collections::HashMap;

use crate::facts::expr::{parse_expr, required_values, Expr};
use crate::facts::{
    identifier, AlterFunction, AlterPolicy, AlterTableActionKind, AlterView, Create, CreateDetail,
    FunctionDef, Grant, GrantObjectKind, Insert, ObjectKind, ObjectName, PolicyCommand, PolicyDef,
    Statement, StatementKind, Update, ViewDef,
};
use crate::source::Span;

use super::HistoryFile;

/// Where something happens: the file's index in the history, then the statement's index in
/// the file. Ordered as the migrations run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Point {
    pub file: usize,
    pub statement: usize,
}

impl Point {
    /// After every statement of the history.
    pub const END: Point = Point {
        file: usize::MAX,
        statement: usize::MAX,
    };
}

/// A statement of the history and where it is.
#[derive(Clone, Copy, Debug)]
pub struct At<'a> {
    pub point: Point,
    pub statement: &'a Statement,
    /// The text of the statement's file (token spans index into it).
    pub source: &'a str,
}

impl<'a> At<'a> {
    /// The text of the statement's tokens in `range`.
    pub fn text(&self, range: std::ops::Range<usize>) -> &'a str {
        self.statement.token_text(self.source, range)
    }
}

/// A schema-qualified name, lower case unless quoted; unqualified names read as `public`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct QualifiedName {
    pub schema: String,
    pub name: String,
}

impl QualifiedName {
    pub fn of(name: &ObjectName) -> Self {
        QualifiedName {
            schema: name.schema.clone().unwrap_or_else(|| "public".into()),
            name: name.name.clone(),
        }
    }

    /// Parses `schema.name` (or `name`, read as `public.name`).
    pub fn parse(qualified: &str) -> Self {
        let lower = qualified.to_lowercase();
        match lower.rsplit_once('.') {
            Some((schema, name)) => QualifiedName {
                schema: schema.trim_matches('"').to_string(),
                name: name.trim_matches('"').to_string(),
            },
            None => QualifiedName {
                schema: "public".into(),
                name: lower.trim_matches('"').to_string(),
            },
        }
    }
}

impl std::fmt::Display for QualifiedName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.schema, self.name)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RlsChange {
    Enable,
    Disable,
    Force,
    NoForce,
}

/// A `GRANT`/`REVOKE` that applies to an object.
#[derive(Clone, Copy, Debug)]
pub struct GrantEvent<'a> {
    pub at: At<'a>,
    pub grant: &'a Grant,
}

impl GrantEvent<'_> {
    /// Whether it grants or revokes `privilege` (`ALL` covers every privilege).
    pub fn covers(&self, privilege: &str) -> bool {
        self.grant
            .privileges
            .iter()
            .any(|p| p == "all" || p == privilege)
    }

    /// Whether it grants or revokes every table privilege.
    pub fn covers_all_table_privileges(&self) -> bool {
        TABLE_PRIVILEGES.iter().all(|p| self.covers(p))
    }

    pub fn names_role(&self, role: &str) -> bool {
        self.grant.roles.iter().any(|r| r == role)
    }
}

const TABLE_PRIVILEGES: &[&str] = &[
    "select",
    "insert",
    "update",
    "delete",
    "truncate",
    "references",
    "trigger",
];

/// Roles Supabase grants everything in `public` through its default privileges.
pub const SUPABASE_API_ROLES: &[&str] = &["anon", "authenticated", "service_role"];

#[derive(Debug)]
pub struct TableRecord<'a> {
    /// The name it was created under.
    pub name: QualifiedName,
    pub created: At<'a>,
    pub create: &'a Create,
    /// Later names, from `ALTER TABLE … RENAME TO`.
    pub renamed: Vec<(Point, QualifiedName)>,
    pub dropped: Option<Point>,
    pub rls: Vec<(At<'a>, RlsChange)>,
    /// Grants and revokes on it (by name or `ALL TABLES IN SCHEMA`), in order.
    pub grants: Vec<GrantEvent<'a>>,
}

impl TableRecord<'_> {
    /// Whether RLS is enabled at the end of the table's lifetime.
    pub fn is_rls_enabled(&self) -> bool {
        let mut enabled = false;
        for (_, change) in &self.rls {
            match change {
                RlsChange::Enable => enabled = true,
                RlsChange::Disable => enabled = false,
                RlsChange::Force | RlsChange::NoForce => {}
            }
        }
        enabled
    }

    /// The name at the end of its lifetime.
    pub fn current_name(&self) -> &QualifiedName {
        self.renamed.last().map(|(_, n)| n).unwrap_or(&self.name)
    }

    /// Whether `name` is one of the names it had.
    pub fn was_named(&self, name: &QualifiedName) -> bool {
        &self.name == name || self.renamed.iter().any(|(_, n)| n == name)
    }
}

#[derive(Debug)]
pub struct PolicyRecord<'a> {
    pub name: String,
    pub table: QualifiedName,
    pub created: At<'a>,
    pub def: &'a PolicyDef,
    pub alters: Vec<(At<'a>, &'a AlterPolicy)>,
    pub dropped: Option<Point>,
}

impl PolicyRecord<'_> {
    /// The roles it applies to at the end of its lifetime; empty means PUBLIC.
    pub fn roles(&self) -> &[String] {
        self.alters
            .iter()
            .rev()
            .find_map(|(_, alter)| alter.roles.as_deref())
            .unwrap_or(&self.def.roles)
    }

    /// Whether a `TO` clause was given, at creation or later.
    pub fn has_roles(&self) -> bool {
        self.def.has_to_clause || self.alters.iter().any(|(_, a)| a.roles.is_some())
    }

    /// Whether it has a `WITH CHECK` clause, at creation or later.
    pub fn has_with_check(&self) -> bool {
        self.def.with_check.is_some() || self.alters.iter().any(|(_, a)| a.with_check.is_some())
    }

    /// Whether it has a `USING` clause, at creation or later.
    pub fn has_using(&self) -> bool {
        self.def.using.is_some() || self.alters.iter().any(|(_, a)| a.using.is_some())
    }

    pub fn command(&self) -> PolicyCommand {
        self.def.command
    }

    /// Whether it is alive at the end of the history.
    pub fn is_live(&self) -> bool {
        self.dropped.is_none()
    }
}

/// One `CREATE [OR REPLACE] FUNCTION` of a function.
#[derive(Clone, Copy, Debug)]
pub struct FunctionDefinition<'a> {
    pub at: At<'a>,
    pub create: &'a Create,
    pub def: &'a FunctionDef,
}

#[derive(Debug)]
pub struct FunctionRecord<'a> {
    pub name: QualifiedName,
    /// Argument types, normalised for matching (`int` and `int4` read as `integer`).
    pub arg_types: Vec<String>,
    pub definitions: Vec<FunctionDefinition<'a>>,
    pub alters: Vec<(At<'a>, &'a AlterFunction)>,
    /// Grants and revokes on it (by name or `ALL FUNCTIONS IN SCHEMA`), in order.
    pub grants: Vec<GrantEvent<'a>>,
    pub dropped: Option<Point>,
}

impl<'a> FunctionRecord<'a> {
    pub fn created(&self) -> Point {
        self.definitions
            .first()
            .map(|d| d.at.point)
            .unwrap_or(Point::END)
    }

    /// The point where the definition `index` stops applying: the next definition, the
    /// drop, or the end of the history.
    fn definition_end(&self, index: usize) -> Point {
        self.definitions
            .get(index + 1)
            .map(|d| d.at.point)
            .or(self.dropped)
            .unwrap_or(Point::END)
    }

    /// The `search_path` the function runs with under definition `index`: its own
    /// `SET search_path`, or one set by a later `ALTER FUNCTION` before it is replaced.
    pub fn effective_search_path(&self, index: usize) -> Option<&'a [String]> {
        let definition = self.definitions.get(index)?;
        let end = self.definition_end(index);
        let altered = self
            .alters
            .iter()
            .filter(|(at, _)| at.point > definition.at.point && at.point < end)
            .filter_map(|(_, alter)| alter.search_path.as_deref())
            .next_back();
        altered.or(definition.def.search_path.as_deref())
    }

    /// Whether definition `index` runs as `SECURITY DEFINER`, later `ALTER FUNCTION`s included.
    pub fn is_security_definer(&self, index: usize) -> bool {
        let Some(definition) = self.definitions.get(index) else {
            return false;
        };
        let end = self.definition_end(index);
        self.alters
            .iter()
            .filter(|(at, _)| at.point > definition.at.point && at.point < end)
            .filter_map(|(_, alter)| alter.is_security_definer)
            .next_back()
            .unwrap_or(definition.def.is_security_definer)
    }

    /// The definition a statement created, by index.
    pub fn definition_at(&self, point: Point) -> Option<usize> {
        self.definitions.iter().position(|d| d.at.point == point)
    }
}

/// One `CREATE [OR REPLACE] VIEW` of a view.
#[derive(Clone, Copy, Debug)]
pub struct ViewDefinition<'a> {
    pub at: At<'a>,
    pub create: &'a Create,
    pub def: &'a ViewDef,
}

#[derive(Debug)]
pub struct ViewRecord<'a> {
    pub name: QualifiedName,
    pub is_materialized: bool,
    pub definitions: Vec<ViewDefinition<'a>>,
    pub alters: Vec<(At<'a>, &'a AlterView)>,
    pub dropped: Option<Point>,
}

impl ViewRecord<'_> {
    /// Whether definition `index` ends up with `security_invoker` on: its own option, or a
    /// later `ALTER VIEW … SET (security_invoker = …)` before `CREATE OR REPLACE VIEW`
    /// resets the options.
    pub fn is_security_invoker(&self, index: usize) -> bool {
        let Some(definition) = self.definitions.get(index) else {
            return false;
        };
        let end = self
            .definitions
            .get(index + 1)
            .map(|d| d.at.point)
            .or(self.dropped)
            .unwrap_or(Point::END);
        self.alters
            .iter()
            .filter(|(at, _)| at.point > definition.at.point && at.point < end)
            .filter_map(|(_, alter)| alter.security_invoker)
            .next_back()
            .unwrap_or(definition.def.is_security_invoker)
    }

    pub fn definition_at(&self, point: Point) -> Option<usize> {
        self.definitions.iter().position(|d| d.at.point == point)
    }
}

/// A row inserted into `storage.buckets`.
#[derive(Clone, Debug)]
pub struct BucketRecord<'a> {
    pub id: String,
    pub id_span: Span,
    pub at: At<'a>,
    pub insert: &'a Insert,
    /// `public` when given as `true` or `false`.
    pub public: Option<bool>,
    pub public_span: Option<Span>,
    /// A non-null `file_size_limit` is given.
    pub has_file_size_limit: bool,
    /// A non-null, non-empty `allowed_mime_types` is given.
    pub has_allowed_mime_types: bool,
}

/// An `UPDATE storage.buckets SET … [WHERE id = '…']`.
#[derive(Clone, Debug)]
pub struct BucketUpdate<'a> {
    pub at: At<'a>,
    /// The ids its `WHERE` requires (`id = '…'`, `id IN (…)`, or the same on `name`);
    /// `None` without a `WHERE`: every bucket.
    pub ids: Option<Vec<String>>,
    /// `public = <boolean literal>`, with the value's span.
    pub public: Option<(bool, Span)>,
    /// `file_size_limit = …`: whether it sets a limit (not `NULL`).
    pub file_size_limit: Option<bool>,
    /// `allowed_mime_types = …`: whether it sets a limit (not `NULL` or an empty array).
    pub allowed_mime_types: Option<bool>,
}

impl BucketUpdate<'_> {
    pub fn applies_to(&self, id: &str) -> bool {
        self.ids
            .as_ref()
            .is_none_or(|ids| ids.iter().any(|i| i == id))
    }
}

/// Whether a `file_size_limit` / `allowed_mime_types` value restricts uploads: not `NULL`
/// and not an empty array (Supabase Storage reads both as "no limit").
fn sets_a_limit(value: &Expr) -> bool {
    !value.is_null_literal() && !value.is_empty_array()
}

/// The replayed history.
#[derive(Debug, Default)]
pub struct Database<'a> {
    pub tables: Vec<TableRecord<'a>>,
    pub policies: Vec<PolicyRecord<'a>>,
    pub functions: Vec<FunctionRecord<'a>>,
    pub views: Vec<ViewRecord<'a>>,
    pub buckets: Vec<BucketRecord<'a>>,
    /// `UPDATE storage.buckets` statements whose buckets are known, in order.
    pub bucket_updates: Vec<BucketUpdate<'a>>,
    /// `ALTER DEFAULT PRIVILEGES` statements, in order.
    pub default_privileges: Vec<GrantEvent<'a>>,
    /// Schemas extensions were installed into: `(extension, schema)`.
    pub extensions: Vec<(String, Option<String>)>,
    table_by_point: HashMap<Point, usize>,
    policy_by_point: HashMap<Point, usize>,
    function_by_point: HashMap<Point, usize>,
    view_by_point: HashMap<Point, usize>,
}

#[derive(Default)]
struct Live {
    tables: HashMap<QualifiedName, usize>,
    policies: HashMap<(QualifiedName, String), usize>,
    functions: HashMap<(QualifiedName, Vec<String>), usize>,
    views: HashMap<QualifiedName, usize>,
}

impl<'a> Database<'a> {
    pub fn build(files: &[HistoryFile<'a>]) -> Self {
        let mut db = Database::default();
        let mut live = Live::default();
        for (file_index, file) in files.iter().enumerate() {
            for statement in &file.facts.statements {
                let at = At {
                    point: Point {
                        file: file_index,
                        statement: statement.index,
                    },
                    statement,
                    source: &file.source.text,
                };
                db.replay(at, &mut live);
            }
        }
        db
    }

    fn replay(&mut self, at: At<'a>, live: &mut Live) {
        match &at.statement.kind {
            StatementKind::Create(create) => self.replay_create(at, create, live),
            StatementKind::Drop(drop) => {
                for name in &drop.names {
                    let key = QualifiedName::of(name);
                    match drop.object {
                        ObjectKind::Table => self.drop_table(&key, at.point, live),
                        ObjectKind::View | ObjectKind::MaterializedView => {
                            if let Some(id) = live.views.remove(&key) {
                                self.views[id].dropped = Some(at.point);
                            }
                        }
                        ObjectKind::Function | ObjectKind::Procedure => {
                            let ids: Vec<_> = live
                                .functions
                                .iter()
                                .filter(|((n, _), _)| *n == key)
                                .map(|(k, id)| (k.clone(), *id))
                                .collect();
                            for (k, id) in ids {
                                live.functions.remove(&k);
                                self.functions[id].dropped = Some(at.point);
                            }
                        }
                        ObjectKind::Policy => {
                            if let Some(table) = &drop.on_table {
                                let policy_key = (QualifiedName::of(table), name.name.clone());
                                if let Some(id) = live.policies.remove(&policy_key) {
                                    self.policies[id].dropped = Some(at.point);
                                }
                            }
                        }
                        _ => {}
                    }
                }
            }
            StatementKind::AlterTable(alter) => {
                let Some(name) = &alter.table else { return };
                let key = QualifiedName::of(name);
                let Some(&id) = live.tables.get(&key) else {
                    return;
                };
                for action in &alter.actions {
                    let change = match &action.kind {
                        AlterTableActionKind::EnableRls => Some(RlsChange::Enable),
                        AlterTableActionKind::DisableRls => Some(RlsChange::Disable),
                        AlterTableActionKind::ForceRls => Some(RlsChange::Force),
                        AlterTableActionKind::RenameTable { to } => {
                            let new_key = QualifiedName {
                                schema: key.schema.clone(),
                                name: to.clone(),
                            };
                            live.tables.remove(&key);
                            live.tables.insert(new_key.clone(), id);
                            self.tables[id].renamed.push((at.point, new_key.clone()));
                            let moved: Vec<_> = live
                                .policies
                                .keys()
                                .filter(|(table, _)| *table == key)
                                .cloned()
                                .collect();
                            for old in moved {
                                if let Some(policy) = live.policies.remove(&old) {
                                    self.policies[policy].table = new_key.clone();
                                    live.policies.insert((new_key.clone(), old.1), policy);
                                }
                            }
                            None
                        }
                        AlterTableActionKind::Other { keyword } if keyword == "no" => {
                            Some(RlsChange::NoForce)
                        }
                        _ => None,
                    };
                    if let Some(change) = change {
                        self.tables[id].rls.push((at, change));
                    }
                }
            }
            StatementKind::AlterPolicy(alter) => {
                let Some(table) = &alter.table else { return };
                let key = (QualifiedName::of(table), alter.name.clone());
                let Some(id) = live.policies.remove(&key) else {
                    return;
                };
                self.policies[id].alters.push((at, alter));
                let name = alter.rename_to.clone().unwrap_or(key.1);
                if alter.rename_to.is_some() {
                    self.policies[id].name = name.clone();
                }
                live.policies.insert((key.0, name), id);
            }
            StatementKind::AlterFunction(alter) => {
                let Some(name) = &alter.name else { return };
                for id in self.live_functions(live, name, alter.arg_types.as_deref()) {
                    self.functions[id].alters.push((at, alter));
                }
            }
            StatementKind::AlterView(alter) => {
                let Some(name) = &alter.name else { return };
                let key = QualifiedName::of(name);
                let Some(&id) = live.views.get(&key) else {
                    return;
                };
                self.views[id].alters.push((at, alter));
                if let Some(to) = &alter.rename_to {
                    live.views.remove(&key);
                    let new_key = QualifiedName {
                        schema: key.schema,
                        name: to.clone(),
                    };
                    self.views[id].name = new_key.clone();
                    live.views.insert(new_key, id);
                }
            }
            StatementKind::Grant(grant) => self.replay_grant(at, grant, live),
            StatementKind::Insert(insert) => self.replay_insert(at, insert),
            StatementKind::Update(update) => self.replay_update(at, update),
            _ => {}
        }
    }

    fn replay_create(&mut self, at: At<'a>, create: &'a Create, live: &mut Live) {
        let Some(name) = &create.name else { return };
        let mut key = QualifiedName::of(name);
        if create.is_temporary {
            key.schema = "pg_temp".into();
        }
        match (&create.detail, create.object) {
            (CreateDetail::Table(_), ObjectKind::Table) => {
                if create.if_not_exists && live.tables.contains_key(&key) {
                    return;
                }
                if let Some(old) = live.tables.get(&key).copied() {
                    self.tables[old].dropped.get_or_insert(at.point);
                }
                let id = self.tables.len();
                self.tables.push(TableRecord {
                    name: key.clone(),
                    created: at,
                    create,
                    renamed: Vec::new(),
                    dropped: None,
                    rls: Vec::new(),
                    grants: Vec::new(),
                });
                live.tables.insert(key, id);
                self.table_by_point.insert(at.point, id);
            }
            (CreateDetail::Policy(def), _) => {
                let Some(table) = &def.table else { return };
                let policy_key = (QualifiedName::of(table), name.name.clone());
                if let Some(old) = live.policies.remove(&policy_key) {
                    self.policies[old].dropped.get_or_insert(at.point);
                }
                let id = self.policies.len();
                self.policies.push(PolicyRecord {
                    name: name.name.clone(),
                    table: policy_key.0.clone(),
                    created: at,
                    def,
                    alters: Vec::new(),
                    dropped: None,
                });
                live.policies.insert(policy_key, id);
                self.policy_by_point.insert(at.point, id);
            }
            (CreateDetail::Function(def), _) => {
                let arg_types: Vec<String> = def
                    .arg_types
                    .iter()
                    .map(|t| normalize_arg_type(t))
                    .collect();
                let function_key = (key.clone(), arg_types.clone());
                let definition = FunctionDefinition { at, create, def };
                let id = match live.functions.get(&function_key) {
                    Some(&id) => {
                        self.functions[id].definitions.push(definition);
                        id
                    }
                    None => {
                        let id = self.functions.len();
                        self.functions.push(FunctionRecord {
                            name: key,
                            arg_types,
                            definitions: vec![definition],
                            alters: Vec::new(),
                            grants: Vec::new(),
                            dropped: None,
                        });
                        live.functions.insert(function_key, id);
                        id
                    }
                };
                self.function_by_point.insert(at.point, id);
            }
            (CreateDetail::View(def), ObjectKind::View | ObjectKind::MaterializedView) => {
                let definition = ViewDefinition { at, create, def };
                let id = match live.views.get(&key).copied() {
                    Some(_) if create.if_not_exists => return,
                    Some(id) if create.or_replace => {
                        self.views[id].definitions.push(definition);
                        id
                    }
                    existing => {
                        if let Some(old) = existing {
                            self.views[old].dropped.get_or_insert(at.point);
                        }
                        let id = self.views.len();
                        self.views.push(ViewRecord {
                            name: key.clone(),
                            is_materialized: create.object == ObjectKind::MaterializedView,
                            definitions: vec![definition],
                            alters: Vec::new(),
                            dropped: None,
                        });
                        live.views.insert(key, id);
                        id
                    }
                };
                self.view_by_point.insert(at.point, id);
            }
            (_, ObjectKind::Extension) => {
                let schema = at
                    .statement
                    .tokens
                    .windows(2)
                    .find(|w| w[0].is_word(at.source, "schema"))
                    .and_then(|w| identifier(&w[1], at.source));
                self.extensions.push((name.name.clone(), schema));
            }
            _ => {}
        }
    }

    fn drop_table(&mut self, key: &QualifiedName, point: Point, live: &mut Live) {
        if let Some(id) = live.tables.remove(key) {
            self.tables[id].dropped = Some(point);
        }
        let policies: Vec<_> = live
            .policies
            .keys()
            .filter(|(table, _)| table == key)
            .cloned()
            .collect();
        for policy in policies {
            if let Some(id) = live.policies.remove(&policy) {
                self.policies[id].dropped = Some(point);
            }
        }
    }

    fn live_functions(
        &self,
        live: &Live,
        name: &ObjectName,
        arg_types: Option<&[String]>,
    ) -> Vec<usize> {
        let key = QualifiedName::of(name);
        let wanted: Option<Vec<String>> =
            arg_types.map(|types| types.iter().map(|t| normalize_arg_type(t)).collect());
        let mut ids: Vec<usize> = live
            .functions
            .iter()
            .filter(|((n, types), _)| {
                *n == key && wanted.as_ref().is_none_or(|wanted| wanted == types)
            })
            .map(|(_, id)| *id)
            .collect();
        ids.sort_unstable();
        ids
    }

    fn replay_grant(&mut self, at: At<'a>, grant: &'a Grant, live: &Live) {
        let event = GrantEvent { at, grant };
        if grant.is_default_privileges {
            self.default_privileges.push(event);
            return;
        }
        match grant.object_kind {
            GrantObjectKind::Table => {
                for object in &grant.objects {
                    if let Some(&id) = live.tables.get(&QualifiedName::of(object)) {
                        self.tables[id].grants.push(event);
                    }
                }
            }
            GrantObjectKind::AllTablesInSchema => {
                let schemas: Vec<&str> = grant.objects.iter().map(|o| o.name.as_str()).collect();
                for (key, &id) in &live.tables {
                    if schemas.contains(&key.schema.as_str()) {
                        self.tables[id].grants.push(event);
                    }
                }
            }
            GrantObjectKind::Function | GrantObjectKind::Procedure => {
                for (object, arg_types) in grant.objects.iter().zip(&grant.object_arg_types) {
                    for id in self.live_functions(live, object, arg_types.as_deref()) {
                        self.functions[id].grants.push(event);
                    }
                }
            }
            GrantObjectKind::AllFunctionsInSchema => {
                let schemas: Vec<&str> = grant.objects.iter().map(|o| o.name.as_str()).collect();
                for ((key, _), &id) in &live.functions {
                    if schemas.contains(&key.schema.as_str()) {
                        self.functions[id].grants.push(event);
                    }
                }
            }
            _ => {}
        }
    }

    fn replay_insert(&mut self, at: At<'a>, insert: &'a Insert) {
        let Some(table) = &insert.table else { return };
        if !table.is("storage.buckets") {
            return;
        }
        // Without a column list the values follow the table's column order.
        const COLUMNS: &[&str] = &[
            "id",
            "name",
            "owner",
            "created_at",
            "updated_at",
            "public",
            "avif_autodetection",
            "file_size_limit",
            "allowed_mime_types",
        ];
        for row in &insert.rows {
            let column_of = |i: usize| -> Option<&str> {
                if insert.columns.is_empty() {
                    COLUMNS.get(i).copied()
                } else {
                    insert.columns.get(i).map(String::as_str)
                }
            };
            let mut bucket = BucketRecord {
                id: String::new(),
                id_span: at.statement.head_span(),
                at,
                insert,
                public: None,
                public_span: None,
                has_file_size_limit: false,
                has_allowed_mime_types: false,
            };
            let mut found_id = false;
            for (i, value) in row.iter().enumerate() {
                let Some(column) = column_of(i) else { continue };
                let Some(tokens) = at.statement.tokens.get(value.clone()) else {
                    continue;
                };
                let expr = parse_expr(at.source, tokens);
                match column {
                    // `'avatars'` or `'avatars'::text`.
                    "id" => {
                        if let Some(id) = expr.string_value() {
                            bucket.id = id.to_string();
                            bucket.id_span = expr.span;
                            found_id = true;
                        }
                    }
                    "public" => {
                        bucket.public = expr.bool_value();
                        bucket.public_span = Some(expr.span);
                    }
                    "file_size_limit" => bucket.has_file_size_limit = sets_a_limit(&expr),
                    "allowed_mime_types" => bucket.has_allowed_mime_types = sets_a_limit(&expr),
                    _ => {}
                }
            }
            if found_id {
                self.buckets.push(bucket);
            }
        }
    }

    fn replay_update(&mut self, at: At<'a>, update: &'a Update) {
        let Some(table) = &update.table else { return };
        if !table.is("storage.buckets") {
            return;
        }
        let ids = match &update.where_clause {
            None => None,
            Some(range) => {
                let Some(tokens) = at.statement.tokens.get(range.clone()) else {
                    return;
                };
                let condition = parse_expr(at.source, tokens);
                // `name` is the bucket's display name, which migrations set to its id.
                match required_values(&condition, "id")
                    .or_else(|| required_values(&condition, "name"))
                {
                    Some(ids) => Some(ids),
                    None => return,
                }
            }
        };
        let mut change = BucketUpdate {
            at,
            ids,
            public: None,
            file_size_limit: None,
            allowed_mime_types: None,
        };
        for assignment in &update.assignments {
            let Some(tokens) = assignment
                .value
                .clone()
                .and_then(|range| at.statement.tokens.get(range))
            else {
                continue;
            };
            let expr = parse_expr(at.source, tokens);
            match assignment.column.as_str() {
                "public" => change.public = expr.bool_value().map(|value| (value, expr.span)),
                "file_size_limit" => change.file_size_limit = Some(sets_a_limit(&expr)),
                "allowed_mime_types" => change.allowed_mime_types = Some(sets_a_limit(&expr)),
                _ => {}
            }
        }
        self.bucket_updates.push(change);
    }

    /// The `UPDATE storage.buckets` statements after the bucket's insert that change it, in
    /// order.
    pub fn bucket_updates_of<'s>(
        &'s self,
        bucket: &'s BucketRecord<'a>,
    ) -> impl Iterator<Item = &'s BucketUpdate<'a>> + 's {
        self.bucket_updates
            .iter()
            .filter(move |u| u.at.point > bucket.at.point && u.applies_to(&bucket.id))
    }

    /// Whether the bucket ends with a `file_size_limit` and with `allowed_mime_types`, after
    /// later updates.
    pub fn bucket_limits(&self, bucket: &BucketRecord<'a>) -> (bool, bool) {
        let mut limits = (bucket.has_file_size_limit, bucket.has_allowed_mime_types);
        for update in self.bucket_updates_of(bucket) {
            limits.0 = update.file_size_limit.unwrap_or(limits.0);
            limits.1 = update.allowed_mime_types.unwrap_or(limits.1);
        }
        limits
    }

    /// Whether the bucket is public at the end of the history (`public` defaults to false).
    pub fn bucket_is_public(&self, bucket: &BucketRecord<'a>) -> bool {
        self.bucket_updates_of(bucket)
            .filter_map(|u| u.public.map(|(public, _)| public))
            .last()
            .unwrap_or(bucket.public == Some(true))
    }

    /// The table a `CREATE TABLE` statement created (none for a no-op `IF NOT EXISTS`).
    pub fn table_created_at(&self, point: Point) -> Option<&TableRecord<'a>> {
        self.table_by_point.get(&point).map(|&id| &self.tables[id])
    }

    pub fn policy_created_at(&self, point: Point) -> Option<&PolicyRecord<'a>> {
        self.policy_by_point
            .get(&point)
            .map(|&id| &self.policies[id])
    }

    /// The function a `CREATE FUNCTION` statement defined, and the definition's index.
    pub fn function_defined_at(&self, point: Point) -> Option<(&FunctionRecord<'a>, usize)> {
        let record = &self.functions[*self.function_by_point.get(&point)?];
        Some((record, record.definition_at(point)?))
    }

    pub fn view_defined_at(&self, point: Point) -> Option<(&ViewRecord<'a>, usize)> {
        let record = &self.views[*self.view_by_point.get(&point)?];
        Some((record, record.definition_at(point)?))
    }

    /// The policy an `ALTER POLICY` at `point` changed, by its name before the change.
    pub fn policy_altered_at(&self, point: Point) -> Option<&PolicyRecord<'a>> {
        self.policies
            .iter()
            .find(|p| p.alters.iter().any(|(at, _)| at.point == point))
    }

    /// Policies on the table (under any of its names) that are alive at the end.
    pub fn live_policies_on(
        &self,
        table: &QualifiedName,
    ) -> impl Iterator<Item = &PolicyRecord<'a>> {
        let table = table.clone();
        self.policies
            .iter()
            .filter(move |p| p.is_live() && p.table == table)
    }

    /// Whether RLS is enabled on the table after `after`: an `ENABLE ROW LEVEL SECURITY`
    /// in any later statement, not undone, while the table exists.
    pub fn rls_enabled_later(&self, table: &TableRecord<'a>, after: Point) -> bool {
        let mut enabled = false;
        for (at, change) in &table.rls {
            if at.point <= after {
                continue;
            }
            match change {
                RlsChange::Enable => enabled = true,
                RlsChange::Disable => enabled = false,
                _ => {}
            }
        }
        enabled
    }

    /// Functions with this name in any schema (for unqualified references).
    pub fn functions_named<'s>(
        &'s self,
        name: &'s str,
    ) -> impl Iterator<Item = &'s FunctionRecord<'a>> + 's {
        self.functions.iter().filter(move |f| f.name.name == name)
    }

    /// The schemas holding a table or view with this name.
    pub fn relation_schemas(&self, name: &str) -> Vec<String> {
        let mut schemas: Vec<String> = self
            .tables
            .iter()
            .map(|t| t.current_name())
            .chain(self.views.iter().map(|v| &v.name))
            .filter(|n| n.name == name)
            .map(|n| n.schema.clone())
            .collect();
        schemas.sort();
        schemas.dedup();
        schemas
    }

    /// Whether new objects of `kind` created in `schema` at `point` start with `privilege`
    /// granted to `role` (`public` for PUBLIC), from Postgres' built-in defaults, Supabase's
    /// default grants on `public`, and every earlier `ALTER DEFAULT PRIVILEGES`.
    ///
    /// Per-schema defaults add to the global ones and cannot take away what those grant.
    pub fn default_privilege(
        &self,
        kind: GrantObjectKind,
        schema: &str,
        role: &str,
        privilege: &str,
        point: Point,
    ) -> bool {
        // Postgres grants EXECUTE on new functions to PUBLIC; Supabase grants everything in
        // `public` to its API roles.
        let mut global =
            kind == GrantObjectKind::FutureFunctions && role == "public" && privilege == "execute";
        let mut in_schema = schema == "public" && SUPABASE_API_ROLES.contains(&role);
        for event in &self.default_privileges {
            if event.at.point >= point
                || event.grant.object_kind != kind
                || !event.names_role(role)
                || !event.covers(privilege)
            {
                continue;
            }
            // Defaults for another role's objects do not apply to what migrations create.
            let for_us = event.grant.default_for_roles.is_empty()
                || event
                    .grant
                    .default_for_roles
                    .iter()
                    .any(|r| r == "postgres" || r == "current_user" || r == "current_role");
            if !for_us {
                continue;
            }
            let granted = !event.grant.is_revoke;
            if event.grant.default_schemas.is_empty() {
                global = granted;
            } else if event.grant.default_schemas.iter().any(|s| s == schema) {
                in_schema = granted;
            }
        }
        global || in_schema
    }

    /// Whether `role` can execute the function at the end of its lifetime, directly or
    /// through PUBLIC (every role is a member of PUBLIC).
    pub fn function_executable_by(&self, function: &FunctionRecord<'a>, role: &str) -> bool {
        let created = function.created();
        let schema = function.name.schema.as_str();
        let default = |role: &str| {
            self.default_privilege(
                GrantObjectKind::FutureFunctions,
                schema,
                role,
                "execute",
                created,
            )
        };
        let mut public = default("public");
        let mut direct = role != "public" && default(role);
        for event in &function.grants {
            if !event.covers("execute") {
                continue;
            }
            let granted = !event.grant.is_revoke;
            if event.names_role("public") {
                public = granted;
            }
            if role != "public" && event.names_role(role) {
                direct = granted;
            }
        }
        public || direct
    }

    /// Whether every table privilege of `role` on the table was taken away after Supabase's
    /// defaults gave it: by an `ALTER DEFAULT PRIVILEGES … REVOKE` before the table was
    /// created, or a `REVOKE ALL` on it (or on all tables in its schema) afterwards.
    pub fn table_privileges_revoked(&self, table: &TableRecord<'a>, role: &str) -> bool {
        let schema = table.name.schema.as_str();
        let created = table.created.point;
        let mut revoked = !TABLE_PRIVILEGES.iter().any(|p| {
            self.default_privilege(GrantObjectKind::FutureTables, schema, role, p, created)
        });
        for event in &table.grants {
            if event.grant.is_revoke
                && event.covers_all_table_privileges()
                && event.names_role(role)
            {
                revoked = true;
            }
        }
        revoked
    }
}

/// Normalises an argument type for matching overloads: aliases resolved, length modifiers,
/// quotes and `public.`/`pg_catalog.` prefixes dropped.
pub fn normalize_arg_type(text: &str) -> String {
    let mut t = text.trim().to_lowercase().replace('"', "");
    for prefix in ["pg_catalog.", "public."] {
        if let Some(rest) = t.strip_prefix(prefix) {
            t = rest.to_string();
        }
    }
    let is_array = t.ends_with("[]");
    let base = t.trim_end_matches("[]");
    let base = match base.find('(') {
        Some(open) => {
            let close = base.rfind(')').map_or(base.len(), |c| c + 1);
            format!("{}{}", &base[..open], &base[close..])
                .trim()
                .to_string()
        }
        None => base.to_string(),
    };
    let canonical = match base.as_str() {
        "int" | "int4" | "integer" => "integer",
        "int8" | "bigint" => "bigint",
        "int2" | "smallint" => "smallint",
        "bool" | "boolean" => "boolean",
        "varchar" | "character varying" => "character varying",
        "char" | "character" | "bpchar" => "character",
        "float8" | "double precision" => "double precision",
        "float4" | "real" => "real",
        "decimal" | "numeric" => "numeric",
        "timestamptz" | "timestamp with time zone" => "timestamp with time zone",
        "timestamp" | "timestamp without time zone" => "timestamp without time zone",
        "timetz" | "time with time zone" => "time with time zone",
        "time" | "time without time zone" => "time without time zone",
        other => other,
    };
    if is_array {
        format!("{canonical}[]")
    } else {
        canonical.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::FileFacts;
    use crate::history::History;
    use crate::source::SourceFile;

    fn with_history(texts: &[&str], check: impl FnOnce(&Database)) {
        let sources: Vec<SourceFile> = texts
            .iter()
            .enumerate()
            .map(|(i, text)| SourceFile::new(format!("2024010100000{i}_m.sql"), *text))
            .collect();
        let facts: Vec<FileFacts> = sources.iter().map(FileFacts::new).collect();
        let history = History::new(sources.iter().zip(&facts).collect());
        check(&history.database);
    }

    #[test]
    fn bucket_rows_are_read_with_or_without_a_column_list() {
        with_history(
            &[
                "insert into storage.buckets (id, name, public, file_size_limit)
               values ('avatars', 'avatars', true, 1024), ('docs', 'docs', false, null)
               on conflict (id) do nothing;
               insert into storage.buckets values ('raw', 'raw', null, now(), now(), true);",
            ],
            |db| {
                let summary: Vec<(&str, Option<bool>, bool)> = db
                    .buckets
                    .iter()
                    .map(|b| (b.id.as_str(), b.public, b.has_file_size_limit))
                    .collect();
                assert_eq!(
                    summary,
                    vec![
                        ("avatars", Some(true), true),
                        ("docs", Some(false), false),
                        ("raw", Some(true), false)
                    ]
                );
            },
        );
    }

    #[test]
    fn bucket_updates_apply_to_the_buckets_their_where_names() {
        with_history(
            &[
                "insert into storage.buckets (id, name, public, allowed_mime_types)
               values ('a', 'a', 'true', '{}'), ('b', 'b', false, array['image/png']);",
                "update storage.buckets set public = false, file_size_limit = 10 where id = 'a';
                 update storage.buckets set allowed_mime_types = null where name in ('b');
                 update storage.buckets set public = true where owner = 'x';
                 update storage.buckets set file_size_limit = null;",
            ],
            |db| {
                assert_eq!(db.bucket_updates.len(), 3, "an unknown WHERE is skipped");
                let [a, b] = [&db.buckets[0], &db.buckets[1]];
                assert_eq!((a.public, a.has_allowed_mime_types), (Some(true), false));
                assert!(!db.bucket_is_public(a));
                assert_eq!(db.bucket_limits(a), (false, false));
                assert_eq!(db.bucket_limits(b), (false, false));
                assert_eq!(db.bucket_updates_of(b).count(), 2);
            },
        );
    }

    #[test]
    fn renamed_tables_keep_their_rls_and_policies() {
        with_history(
            &[
                "create table public.a (id int);",
                "alter table public.a rename to b;
                 create policy p on public.b for select to authenticated using (true);",
                "alter table public.b enable row level security;",
            ],
            |db| {
                let table = &db.tables[0];
                assert_eq!(table.current_name().to_string(), "public.b");
                assert!(db.rls_enabled_later(table, table.created.point));
                let name = QualifiedName::parse("public.b");
                assert_eq!(db.live_policies_on(&name).count(), 1);
            },
        );
    }

    #[test]
    fn grants_match_overloads_by_argument_types() {
        with_history(
            &[
                "create function public.f(n int4) returns int language sql as $$ select n $$;
               create function public.f(t text) returns int language sql as $$ select 1 $$;
               revoke execute on function public.f(integer) from public, anon;",
            ],
            |db| {
                let executable: Vec<bool> = db
                    .functions
                    .iter()
                    .map(|f| db.function_executable_by(f, "anon"))
                    .collect();
                assert_eq!(executable, vec![false, true]);
            },
        );
    }

    #[test]
    fn drop_ends_a_function_and_recreating_starts_a_new_one() {
        with_history(
            &[
                "create function public.f() returns int language sql as $$ select 1 $$;
               revoke execute on function public.f() from public, anon;
               drop function public.f();
               create function public.f() returns int language sql as $$ select 1 $$;",
            ],
            |db| {
                assert_eq!(db.functions.len(), 2);
                assert!(db.functions[0].dropped.is_some());
                assert!(db.function_executable_by(&db.functions[1], "anon"));
            },
        );
    }
}
