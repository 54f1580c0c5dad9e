//! The end-state catalog: what the history does to the database, replayed once per lint in
//! migration order. Tables (columns, keys, indexes, RLS, grants), policies, functions,
//! views, extensions, default privileges and storage buckets.
//!
//! Objects are followed through their lifetime: a table created in one file, renamed in a
//! second and given RLS in a third is one [`TableRecord`]. `CREATE OR REPLACE` adds a
//! definition to the same record (Postgres keeps its privileges); `DROP` ends it. Every kind
//! is kept in one [`Registry`] shape.

use crate::facts::{
    identifier, AlterTable, AlterTableActionKind, Create, CreateDetail, Drop, Grant,
    GrantObjectKind, ObjectKind, ObjectName, StatementKind,
};

use super::registry::{Lifetime, Registry};
use super::{
    default_index_name, normalize_arg_type, At, BucketRecord, BucketUpdate, FunctionDefinition,
    FunctionRecord, GrantEvent, HistoryFile, IndexRecord, Point, PolicyRecord, QualifiedName,
    RlsChange, TableRecord, TriggerRecord, ViewDefinition, ViewRecord,
};

/// An extension and the schema it was installed into (`None`: the first schema of the
/// `search_path`, normally `public`).
#[derive(Clone, Debug)]
pub struct ExtensionRecord<'a> {
    pub name: String,
    pub schema: Option<String>,
    pub created: At<'a>,
    /// `ALTER EXTENSION … SET SCHEMA s`, in order.
    pub moves: Vec<(At<'a>, String)>,
    pub dropped: Option<Point>,
    /// One every Supabase project starts with, which this statement found already there.
    pub is_platform: bool,
}

impl ExtensionRecord<'_> {
    /// The schema at the end of its lifetime, when known: the last `SET SCHEMA`, else the
    /// one it was installed into.
    pub fn current_schema(&self) -> Option<&str> {
        self.moves
            .last()
            .map(|(_, schema)| schema.as_str())
            .or(self.schema.as_deref())
    }
}

impl Lifetime for ExtensionRecord<'_> {
    fn dropped(&self) -> Option<Point> {
        self.dropped
    }
    fn end(&mut self, at: Point) {
        self.dropped.get_or_insert(at);
    }
}

/// Extensions every Supabase project starts with: `CREATE EXTENSION IF NOT EXISTS` of one
/// changes nothing.
const PLATFORM_EXTENSIONS: &[&str] = &[
    "plpgsql",
    "uuid-ossp",
    "pgcrypto",
    "pgjwt",
    "pg_stat_statements",
    "pg_graphql",
    "supabase_vault",
];

/// The replayed history.
#[derive(Debug, Default)]
pub struct Database<'a> {
    pub tables: Registry<QualifiedName, TableRecord<'a>>,
    pub indexes: Registry<QualifiedName, IndexRecord<'a>>,
    /// Keyed by table and policy name.
    pub policies: Registry<(QualifiedName, String), PolicyRecord<'a>>,
    /// Keyed by name and normalised argument types.
    pub functions: Registry<(QualifiedName, Vec<String>), FunctionRecord<'a>>,
    pub views: Registry<QualifiedName, ViewRecord<'a>>,
    pub extensions: Registry<String, ExtensionRecord<'a>>,
    /// Keyed by table and trigger name.
    pub triggers: Registry<(QualifiedName, String), TriggerRecord<'a>>,
    pub buckets: Vec<BucketRecord<'a>>,
    /// `UPDATE storage.buckets` statements whose buckets are known, in order.
    pub bucket_updates: Vec<BucketUpdate<'a>>,
    /// `ALTER DEFAULT PRIVILEGES` statements, in order.
    pub default_privileges: Vec<GrantEvent<'a>>,
    /// `GRANT`/`REVOKE … ON SCHEMA`, in order.
    pub schema_grants: Vec<GrantEvent<'a>>,
    /// The tables each `GRANT`/`REVOKE` on tables reached, by its point.
    granted_tables: std::collections::HashMap<Point, Vec<usize>>,
    /// The live indexes of each table (by table id), in index order; filled once the
    /// history is replayed, so that `live_indexes_of` does not read every index of the
    /// history for each table (the splinter rules ask for every table, for every file).
    live_indexes_by_table: Vec<Vec<usize>>,
    /// The live policies on each table name, in policy order; filled once the history is
    /// replayed (rules ask for every table, for every file).
    live_policies_by_table: std::collections::HashMap<QualifiedName, Vec<usize>>,
    /// The first live table under each name at the end; filled as `live_policies_by_table`.
    live_table_by_name: std::collections::HashMap<QualifiedName, usize>,
    /// The functions of the history (live or not) by name without schema, in function order;
    /// filled once the history is replayed (rules ask for each reference of each body).
    functions_by_name: std::collections::HashMap<String, Vec<usize>>,
    /// The schemas of the tables (under their names at the end) and views of the history, by
    /// name; filled as `functions_by_name`.
    relation_schemas_by_name: std::collections::HashMap<String, Vec<String>>,
    /// `default_privilege`'s answers: rules ask the same question for every file.
    pub(super) default_privilege_answers: DefaultPrivilegeAnswers,
}

/// `default_privilege`'s answers by kind, schema, role, privilege and point.
pub(super) type DefaultPrivilegeAnswers = std::cell::RefCell<
    std::collections::HashMap<(GrantObjectKind, String, String, String, Point), bool>,
>;

impl<'a> Database<'a> {
    pub fn build(files: &[HistoryFile<'a>]) -> Self {
        let mut db = Database::default();
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
                db.replay(at);
            }
        }
        db.live_indexes_by_table = vec![Vec::new(); db.tables.all().len()];
        for (id, index) in db.indexes.all().iter().enumerate() {
            if index.dropped.is_none() {
                if let Some(ids) = db.live_indexes_by_table.get_mut(index.table) {
                    ids.push(id);
                }
            }
        }
        for (id, policy) in db.policies.all().iter().enumerate() {
            if policy.dropped().is_none() {
                let ids = db.live_policies_by_table.entry(policy.table.clone());
                ids.or_default().push(id);
            }
        }
        for (id, table) in db.tables.all().iter().enumerate() {
            if table.dropped().is_none() {
                let name = table.current_name().clone();
                db.live_table_by_name.entry(name).or_insert(id);
            }
        }
        for (id, function) in db.functions.all().iter().enumerate() {
            let ids = db.functions_by_name.entry(function.name.name.clone());
            ids.or_default().push(id);
        }
        let relations = db.tables.all().iter().map(|t| t.current_name());
        for name in relations.chain(db.views.all().iter().map(|v| &v.name)) {
            let schemas = db.relation_schemas_by_name.entry(name.name.clone());
            schemas.or_default().push(name.schema.clone());
        }
        for schemas in db.relation_schemas_by_name.values_mut() {
            schemas.sort();
            schemas.dedup();
        }
        db
    }

    fn replay(&mut self, at: At<'a>) {
        match &at.statement.kind {
            StatementKind::Create(create) => self.replay_create(at, create),
            StatementKind::Drop(drop) => self.replay_drop(at, drop),
            StatementKind::AlterTable(alter) => self.replay_alter_table(at, alter),
            StatementKind::AlterPolicy(alter) => {
                let Some(table) = &alter.table else { return };
                let key = (QualifiedName::of(table), alter.name.clone());
                let Some(id) = self.policies.live_id(&key) else {
                    return;
                };
                self.policies.redefine(id, at.point);
                self.policies.get_mut(id).alter(at, alter);
                if let Some(to) = &alter.rename_to {
                    self.policies.rekey(&key, (key.0.clone(), to.clone()));
                }
            }
            StatementKind::AlterFunction(alter) => {
                let Some(name) = &alter.name else { return };
                for id in self.live_functions(name, alter.arg_types.as_deref()) {
                    self.functions.get_mut(id).alters.push((at, alter));
                }
            }
            StatementKind::AlterView(alter) => {
                let Some(name) = &alter.name else { return };
                let key = QualifiedName::of(name);
                let Some(id) = self.views.live_id(&key) else {
                    return;
                };
                self.views.get_mut(id).alters.push((at, alter));
                if let Some(to) = &alter.rename_to {
                    let new_key = QualifiedName {
                        schema: key.schema.clone(),
                        name: to.clone(),
                    };
                    self.views.get_mut(id).name = new_key.clone();
                    self.views.rekey(&key, new_key);
                }
            }
            StatementKind::AlterOther {
                object: ObjectKind::Extension,
                name: Some(name),
            } => {
                let Some(id) = self.extensions.live_id(&name.name) else {
                    return;
                };
                let schema = at
                    .statement
                    .tokens
                    .windows(3)
                    .find(|w| w[0].is_word(at.source, "set") && w[1].is_word(at.source, "schema"))
                    .and_then(|w| identifier(&w[2], at.source));
                if let Some(schema) = schema {
                    self.extensions.get_mut(id).moves.push((at, schema));
                }
            }
            StatementKind::Grant(grant) => self.replay_grant(at, grant),
            StatementKind::Insert(insert) => self.replay_insert(at, insert),
            StatementKind::Update(update) => self.replay_update(at, update),
            _ => {}
        }
    }

    fn replay_create(&mut self, at: At<'a>, create: &'a Create) {
        let Some(name) = &create.name else {
            if let CreateDetail::Index(index) = &create.detail {
                self.create_index(at, None, index);
            }
            return;
        };
        let mut key = QualifiedName::of(name);
        if create.is_temporary {
            key.schema = "pg_temp".into();
        }
        match (&create.detail, create.object) {
            (CreateDetail::Table(def), ObjectKind::Table | ObjectKind::ForeignTable) => {
                if create.if_not_exists && self.tables.live_id(&key).is_some() {
                    return;
                }
                let mut table = TableRecord::new(key.clone(), at, create);
                for column in &def.columns {
                    table.add_column(column, at);
                }
                for constraint in &def.constraints {
                    table.add_constraint(constraint, at, None);
                }
                table.merge_duplicate_keys();
                let parent = def.partition_of.as_ref().map(QualifiedName::of);
                if let Some(parent) = parent.and_then(|p| self.tables.live_id(&p)) {
                    table.inherit(self.tables.get(parent));
                }
                self.tables.create(key, at.point, table);
            }
            (CreateDetail::Index(index), _) => self.create_index(at, Some(name), index),
            (CreateDetail::Trigger(def), _) => {
                let Some(table) = &def.table else { return };
                let table = QualifiedName::of(table);
                let record = TriggerRecord {
                    name: name.name.clone(),
                    table: table.clone(),
                    def,
                    created: at,
                    dropped: None,
                };
                self.triggers
                    .create((table, name.name.clone()), at.point, record);
            }
            (CreateDetail::Policy(def), _) => {
                let Some(table) = &def.table else { return };
                let policy_key = (QualifiedName::of(table), name.name.clone());
                let record = PolicyRecord::new(name.name.clone(), policy_key.0.clone(), at, def);
                self.policies.create(policy_key, at.point, record);
            }
            (CreateDetail::Function(def), _) => {
                let arg_types: Vec<String> = def
                    .arg_types
                    .iter()
                    .map(|t| normalize_arg_type(t))
                    .collect();
                let function_key = (key.clone(), arg_types.clone());
                let definition = FunctionDefinition { at, create, def };
                match self.functions.live_id(&function_key) {
                    Some(id) => {
                        self.functions.get_mut(id).definitions.push(definition);
                        self.functions.redefine(id, at.point);
                    }
                    None => {
                        let record = FunctionRecord {
                            name: key,
                            arg_types,
                            definitions: vec![definition],
                            alters: Vec::new(),
                            grants: Vec::new(),
                            dropped: None,
                        };
                        self.functions.create(function_key, at.point, record);
                    }
                }
            }
            (CreateDetail::View(def), ObjectKind::View | ObjectKind::MaterializedView) => {
                let definition = ViewDefinition { at, create, def };
                match self.views.live_id(&key) {
                    Some(_) if create.if_not_exists => {}
                    Some(id) if create.or_replace => {
                        self.views.get_mut(id).definitions.push(definition);
                        self.views.redefine(id, at.point);
                    }
                    _ => {
                        let record = ViewRecord {
                            name: key.clone(),
                            is_materialized: create.object == ObjectKind::MaterializedView,
                            definitions: vec![definition],
                            alters: Vec::new(),
                            grants: Vec::new(),
                            dropped: None,
                        };
                        self.views.create(key, at.point, record);
                    }
                }
            }
            (_, ObjectKind::Extension) => {
                if create.if_not_exists && self.extensions.live_id(&name.name).is_some() {
                    return;
                }
                let is_platform =
                    create.if_not_exists && PLATFORM_EXTENSIONS.contains(&name.name.as_str());
                let schema = at
                    .statement
                    .tokens
                    .windows(2)
                    .find(|w| w[0].is_word(at.source, "schema"))
                    .and_then(|w| identifier(&w[1], at.source));
                let record = ExtensionRecord {
                    name: name.name.clone(),
                    // Supabase installs its extensions into `extensions`.
                    schema: if is_platform {
                        Some("extensions".into())
                    } else {
                        schema
                    },
                    created: at,
                    moves: Vec::new(),
                    dropped: None,
                    is_platform,
                };
                self.extensions.create(name.name.clone(), at.point, record);
            }
            _ => {}
        }
    }

    fn create_index(
        &mut self,
        at: At<'a>,
        name: Option<&ObjectName>,
        index: &crate::facts::IndexDef,
    ) {
        let Some(table) = &index.table else { return };
        let Some(table_id) = self.tables.live_id(&QualifiedName::of(table)) else {
            return;
        };
        let table_name = self.tables.get(table_id).current_name().clone();
        // An index lives in its table's schema.
        let key = QualifiedName {
            schema: table_name.schema.clone(),
            name: name
                .map(|n| n.name.clone())
                .unwrap_or_else(|| default_index_name(&table_name.name, &index.columns)),
        };
        let create_if_not_exists = matches!(
            &at.statement.kind,
            StatementKind::Create(c) if c.if_not_exists
        );
        if create_if_not_exists && self.indexes.live_id(&key).is_some() {
            return;
        }
        let record = IndexRecord {
            name: key.clone(),
            table: table_id,
            columns: index.columns.clone(),
            is_unique: index.is_unique,
            is_partial: index.is_partial,
            created: at,
            dropped: None,
        };
        self.indexes.create(key, at.point, record);
    }

    fn replay_drop(&mut self, at: At<'a>, drop: &Drop) {
        for name in &drop.names {
            let key = QualifiedName::of(name);
            match drop.object {
                ObjectKind::Table | ObjectKind::ForeignTable => self.drop_table(&key, at.point),
                ObjectKind::View | ObjectKind::MaterializedView => {
                    self.views.drop_key(&key, at.point);
                }
                ObjectKind::Index => {
                    // An unqualified index name is looked up through the search path.
                    let found = self.indexes.live_id(&key).map(|_| key.clone()).or_else(|| {
                        self.indexes
                            .live_entries()
                            .find(|(k, _)| name.schema.is_none() && k.name == key.name)
                            .map(|(k, _)| k.clone())
                    });
                    if let Some(found) = found {
                        self.indexes.drop_key(&found, at.point);
                    }
                }
                ObjectKind::Function | ObjectKind::Procedure => {
                    for id in self.live_functions(name, None) {
                        let record = self.functions.get(id);
                        let function_key = (record.name.clone(), record.arg_types.clone());
                        self.functions.drop_key(&function_key, at.point);
                    }
                }
                ObjectKind::Policy => {
                    if let Some(table) = &drop.on_table {
                        let policy_key = (QualifiedName::of(table), name.name.clone());
                        self.policies.drop_key(&policy_key, at.point);
                    }
                }
                ObjectKind::Extension => {
                    self.extensions.drop_key(&name.name, at.point);
                }
                ObjectKind::Trigger => {
                    if let Some(table) = &drop.on_table {
                        let trigger_key = (QualifiedName::of(table), name.name.clone());
                        self.triggers.drop_key(&trigger_key, at.point);
                    }
                }
                _ => {}
            }
        }
    }

    fn replay_alter_table(&mut self, at: At<'a>, alter: &'a AlterTable) {
        let Some(name) = &alter.table else { return };
        let mut key = QualifiedName::of(name);
        let Some(id) = self.tables.live_id(&key) else {
            return;
        };
        for action in &alter.actions {
            let table = self.tables.get_mut(id);
            let change = match &action.kind {
                AlterTableActionKind::EnableRls => Some(RlsChange::Enable),
                AlterTableActionKind::DisableRls => Some(RlsChange::Disable),
                AlterTableActionKind::ForceRls => Some(RlsChange::Force),
                AlterTableActionKind::Other { keyword } if keyword == "no" => {
                    Some(RlsChange::NoForce)
                }
                AlterTableActionKind::AddColumn { column, .. } => {
                    table.add_column(column, at);
                    None
                }
                AlterTableActionKind::DropColumn { name, .. } => {
                    table.drop_column(name);
                    self.drop_indexes_of(id, at.point, |index| index.columns.contains(name));
                    None
                }
                AlterTableActionKind::RenameColumn { from, to } => {
                    table.rename_column(from, to);
                    for (_, index) in self.live_index_ids_of(id) {
                        for column in &mut self.indexes.get_mut(index).columns {
                            if column == from {
                                *column = to.clone();
                            }
                        }
                    }
                    None
                }
                AlterTableActionKind::AlterColumnType {
                    column, data_type, ..
                } => {
                    table.set_column_type(column, data_type);
                    None
                }
                AlterTableActionKind::AddConstraint(constraint) => {
                    // `… USING INDEX idx`: the index becomes the constraint's.
                    let index = constraint.index_name.as_ref().and_then(|name| {
                        let index_key = QualifiedName {
                            schema: key.schema.clone(),
                            name: name.clone(),
                        };
                        let id = self.indexes.live_id(&index_key)?;
                        let columns = self.indexes.get(id).columns.clone();
                        self.indexes.drop_key(&index_key, at.point);
                        Some(columns)
                    });
                    self.tables
                        .get_mut(id)
                        .add_constraint(constraint, at, index);
                    None
                }
                AlterTableActionKind::DropConstraint { name, .. } => {
                    table.drop_constraint(name);
                    None
                }
                AlterTableActionKind::RenameTable { to } => {
                    let new_key = QualifiedName {
                        schema: key.schema.clone(),
                        name: to.clone(),
                    };
                    self.move_table(id, &key, new_key.clone(), at.point);
                    key = new_key;
                    None
                }
                AlterTableActionKind::SetSchema { to } => {
                    let new_key = QualifiedName {
                        schema: to.clone(),
                        name: key.name.clone(),
                    };
                    self.move_table(id, &key, new_key.clone(), at.point);
                    key = new_key;
                    None
                }
                _ => None,
            };
            if let Some(change) = change {
                self.tables.get_mut(id).rls.push((at, change));
            }
        }
    }

    /// Renames or moves a table; its policies follow it, and with `SET SCHEMA` its indexes.
    fn move_table(&mut self, id: usize, old: &QualifiedName, new: QualifiedName, at: Point) {
        self.tables.rekey(old, new.clone());
        self.tables.get_mut(id).renamed.push((at, new.clone()));
        self.policies.move_table(old, &new);
        self.triggers.move_table(old, &new);
        if old.schema != new.schema {
            for (index_key, index) in self.live_index_ids_of(id) {
                let moved = QualifiedName {
                    schema: new.schema.clone(),
                    name: index_key.name.clone(),
                };
                self.indexes.get_mut(index).name = moved.clone();
                self.indexes.rekey(&index_key, moved);
            }
        }
    }

    fn live_index_ids_of(&self, table: usize) -> Vec<(QualifiedName, usize)> {
        let mut ids: Vec<(QualifiedName, usize)> = self
            .indexes
            .live_entries()
            .filter(|(_, id)| self.indexes.get(*id).table == table)
            .map(|(key, id)| (key.clone(), id))
            .collect();
        ids.sort_by_key(|(_, id)| *id);
        ids
    }

    fn drop_indexes_of(
        &mut self,
        table: usize,
        at: Point,
        which: impl Fn(&IndexRecord<'a>) -> bool,
    ) {
        for (key, id) in self.live_index_ids_of(table) {
            if which(self.indexes.get(id)) {
                self.indexes.drop_key(&key, at);
            }
        }
    }

    fn drop_table(&mut self, key: &QualifiedName, at: Point) {
        let Some(id) = self.tables.drop_key(key, at) else {
            return;
        };
        self.drop_indexes_of(id, at, |_| true);
        self.policies.drop_table(key, at);
        self.triggers.drop_table(key, at);
    }

    /// The live overloads of `name`; all of them when no argument types are given.
    fn live_functions(&self, name: &ObjectName, arg_types: Option<&[String]>) -> Vec<usize> {
        let key = QualifiedName::of(name);
        let wanted: Option<Vec<String>> =
            arg_types.map(|types| types.iter().map(|t| normalize_arg_type(t)).collect());
        let mut ids: Vec<usize> = self
            .functions
            .live_entries()
            .filter(|((n, types), _)| {
                *n == key && wanted.as_ref().is_none_or(|wanted| wanted == types)
            })
            .map(|(_, id)| id)
            .collect();
        ids.sort_unstable();
        ids
    }

    fn replay_grant(&mut self, at: At<'a>, grant: &'a Grant) {
        let event = GrantEvent { at, grant };
        if grant.is_default_privileges {
            self.default_privileges.push(event);
            return;
        }
        let in_schemas = |schema: &str| grant.objects.iter().any(|o| o.name == schema);
        match grant.object_kind {
            // `ON TABLE` and `ALL TABLES IN SCHEMA` reach views and materialized views too.
            GrantObjectKind::Table => {
                for object in &grant.objects {
                    let key = QualifiedName::of(object);
                    if let Some(id) = self.tables.live_id(&key) {
                        self.tables.get_mut(id).grants.push(event);
                        self.granted_tables.entry(at.point).or_default().push(id);
                    } else if let Some(id) = self.views.live_id(&key) {
                        self.views.get_mut(id).grants.push(event);
                    }
                }
            }
            GrantObjectKind::AllTablesInSchema => {
                let mut ids: Vec<usize> = self
                    .tables
                    .live_entries()
                    .filter(|(key, _)| in_schemas(&key.schema))
                    .map(|(_, id)| id)
                    .collect();
                ids.sort_unstable();
                for &id in &ids {
                    self.tables.get_mut(id).grants.push(event);
                }
                self.granted_tables.insert(at.point, ids);
                let mut views: Vec<usize> = self
                    .views
                    .live_entries()
                    .filter(|(key, _)| in_schemas(&key.schema))
                    .map(|(_, id)| id)
                    .collect();
                views.sort_unstable();
                for id in views {
                    self.views.get_mut(id).grants.push(event);
                }
            }
            GrantObjectKind::Function | GrantObjectKind::Procedure => {
                for (object, arg_types) in grant.objects.iter().zip(&grant.object_arg_types) {
                    for id in self.live_functions(object, arg_types.as_deref()) {
                        self.functions.get_mut(id).grants.push(event);
                    }
                }
            }
            GrantObjectKind::Schema => self.schema_grants.push(event),
            GrantObjectKind::AllFunctionsInSchema => {
                let mut ids: Vec<usize> = self
                    .functions
                    .live_entries()
                    .filter(|((key, _), _)| in_schemas(&key.schema))
                    .map(|(_, id)| id)
                    .collect();
                ids.sort_unstable();
                for id in ids {
                    self.functions.get_mut(id).grants.push(event);
                }
            }
            _ => {}
        }
    }

    /// The tables a `GRANT`/`REVOKE` on tables (by name or in a schema) reached.
    pub fn tables_granted_at(&self, point: Point) -> impl Iterator<Item = &TableRecord<'a>> {
        self.granted_tables
            .get(&point)
            .into_iter()
            .flatten()
            .map(|&id| self.tables.get(id))
    }

    /// The table a `CREATE TABLE` statement created (none for a no-op `IF NOT EXISTS`).
    pub fn table_created_at(&self, point: Point) -> Option<&TableRecord<'a>> {
        self.tables.defined_at(point)
    }

    pub fn policy_created_at(&self, point: Point) -> Option<&PolicyRecord<'a>> {
        self.policies
            .defined_at(point)
            .filter(|p| p.created.point == point)
    }

    /// The function a `CREATE FUNCTION` statement defined, and the definition's index.
    pub fn function_defined_at(&self, point: Point) -> Option<(&FunctionRecord<'a>, usize)> {
        let record = self.functions.defined_at(point)?;
        Some((record, record.definition_at(point)?))
    }

    pub fn view_defined_at(&self, point: Point) -> Option<(&ViewRecord<'a>, usize)> {
        let record = self.views.defined_at(point)?;
        Some((record, record.definition_at(point)?))
    }

    /// The policy an `ALTER POLICY` at `point` changed, by its name before the change.
    pub fn policy_altered_at(&self, point: Point) -> Option<&PolicyRecord<'a>> {
        self.policies
            .defined_at(point)
            .filter(|p| p.created.point != point)
    }

    /// Policies on the table (under its name at the end) that are alive at the end.
    pub fn live_policies_on(
        &self,
        table: &QualifiedName,
    ) -> impl Iterator<Item = &PolicyRecord<'a>> {
        self.live_policies_by_table
            .get(table)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .map(|&id| self.policies.get(id))
    }

    /// The live table named `name` at the end of the history.
    pub fn live_table(&self, name: &QualifiedName) -> Option<&TableRecord<'a>> {
        self.live_table_by_name
            .get(name)
            .map(|&id| self.tables.get(id))
    }

    /// The column names of the live table `name`; none for a table the history lacks.
    pub fn column_names(&self, name: &QualifiedName) -> Vec<String> {
        self.live_table(name)
            .map(|t| t.columns.iter().map(|c| c.name.clone()).collect())
            .unwrap_or_default()
    }

    /// The live indexes of a table.
    pub fn live_indexes_of_table<'s>(
        &'s self,
        table: &'s TableRecord<'a>,
    ) -> impl Iterator<Item = &'s IndexRecord<'a>> + 's {
        self.indexes
            .live()
            .filter(move |i| std::ptr::eq(self.tables.get(i.table), table))
    }

    /// The live indexes of the table whose record is `table`.
    pub fn live_indexes_of(&self, table: usize) -> impl Iterator<Item = &IndexRecord<'a>> {
        self.live_indexes_by_table
            .get(table)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .map(|&id| self.indexes.get(id))
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
        self.functions_by_name
            .get(name)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .map(|&id| self.functions.get(id))
    }

    /// The schemas holding a table or view with this name.
    pub fn relation_schemas(&self, name: &str) -> Vec<String> {
        self.relation_schemas_by_name
            .get(name)
            .cloned()
            .unwrap_or_default()
    }
}
