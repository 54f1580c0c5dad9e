//! Where PostgreSQL resolves an unqualified object name.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use crate::facts::{
    identifier, string_literal, AlterTableActionKind, CreateDetail, ObjectKind, ObjectName,
    Statement, StatementKind,
};
use crate::source::{Token, TokenKind};

use super::volatility::NON_VOLATILE_BUILT_INS;

/// A catalog of named objects: within one schema, two objects of a catalog cannot share a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Catalog {
    /// `pg_class`: tables, views, materialized views, sequences, indexes.
    Relation,
    /// `pg_type`: types and domains, and the row type of each table, view and sequence.
    Type,
    /// `pg_proc`: functions and procedures, overloaded by argument types.
    Routine,
}

impl Catalog {
    pub fn of(kind: ObjectKind) -> Option<Catalog> {
        match kind {
            ObjectKind::Table
            | ObjectKind::View
            | ObjectKind::MaterializedView
            | ObjectKind::Sequence
            | ObjectKind::Index => Some(Catalog::Relation),
            ObjectKind::Type | ObjectKind::Domain => Some(Catalog::Type),
            ObjectKind::Function | ObjectKind::Procedure => Some(Catalog::Routine),
            _ => None,
        }
    }
}

/// Where an unqualified name goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// Certainly this schema.
    Schema(String),
    /// `search_path` is empty: PostgreSQL has no schema to use.
    EmptyPath,
    /// The migrations do not show where: the name is nowhere on the path, or a schema before
    /// the one holding it may hold the same name, or the path itself is unknown.
    Unknown,
}

/// Schemas a Supabase database has before any migration, holding objects no migration shows.
const SUPABASE_SCHEMAS: &[&str] = &[
    "auth",
    "extensions",
    "graphql",
    "graphql_public",
    "net",
    "pgbouncer",
    "pgsodium",
    "pgsodium_masks",
    "realtime",
    "storage",
    "supabase_functions",
    "supabase_migrations",
    "vault",
];

/// `pg_catalog` type names other than `pg_…` ones (`select typname from pg_type where
/// typnamespace = 'pg_catalog'::regnamespace`, PostgreSQL 15, without array types).
const PG_CATALOG_TYPES: &[&str] = &[
    "aclitem",
    "any",
    "anyarray",
    "anycompatible",
    "anycompatiblearray",
    "anycompatiblemultirange",
    "anycompatiblenonarray",
    "anycompatiblerange",
    "anyelement",
    "anyenum",
    "anymultirange",
    "anynonarray",
    "anyrange",
    "bit",
    "bool",
    "box",
    "bpchar",
    "bytea",
    "char",
    "cid",
    "cidr",
    "circle",
    "cstring",
    "date",
    "datemultirange",
    "daterange",
    "event_trigger",
    "fdw_handler",
    "float4",
    "float8",
    "gtsvector",
    "index_am_handler",
    "inet",
    "int2",
    "int2vector",
    "int4",
    "int4multirange",
    "int4range",
    "int8",
    "int8multirange",
    "int8range",
    "internal",
    "interval",
    "json",
    "jsonb",
    "jsonpath",
    "language_handler",
    "line",
    "lseg",
    "macaddr",
    "macaddr8",
    "money",
    "name",
    "numeric",
    "nummultirange",
    "numrange",
    "oid",
    "oidvector",
    "path",
    "point",
    "polygon",
    "record",
    "refcursor",
    "regclass",
    "regcollation",
    "regconfig",
    "regdictionary",
    "regnamespace",
    "regoper",
    "regoperator",
    "regproc",
    "regprocedure",
    "regrole",
    "regtype",
    "table_am_handler",
    "text",
    "tid",
    "time",
    "timestamp",
    "timestamptz",
    "timetz",
    "trigger",
    "tsm_handler",
    "tsmultirange",
    "tsquery",
    "tsrange",
    "tstzmultirange",
    "tstzrange",
    "tsvector",
    "txid_snapshot",
    "unknown",
    "uuid",
    "varbit",
    "varchar",
    "void",
    "xid",
    "xid8",
    "xml",
];

/// With [`NON_VOLATILE_BUILT_INS`], every `pg_catalog` function name other than `pg_…`
/// ones (`select distinct proname from pg_proc where pronamespace =
/// 'pg_catalog'::regnamespace`, PostgreSQL 15).
const OTHER_PG_CATALOG_FUNCTIONS: &str = include_str!("other_pg_catalog_functions.txt");

/// Whether `pg_catalog`, which PostgreSQL searches before the path, has `name` in `catalog`.
fn is_in_pg_catalog(catalog: Catalog, name: &str) -> bool {
    static FUNCTIONS: OnceLock<Vec<&'static str>> = OnceLock::new();
    name.starts_with("pg_")
        || match catalog {
            Catalog::Relation => false,
            Catalog::Type => PG_CATALOG_TYPES.contains(&name),
            Catalog::Routine => FUNCTIONS
                .get_or_init(|| {
                    let mut names: Vec<&str> = NON_VOLATILE_BUILT_INS
                        .lines()
                        .chain(OTHER_PG_CATALOG_FUNCTIONS.lines())
                        .collect();
                    names.sort_unstable();
                    names
                })
                .binary_search(&name)
                .is_ok(),
        }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Presence {
    Present,
    /// Created or dropped in a `DO` block, or one overload of several dropped.
    Maybe,
}

/// An object the history created: its presence, and whether it certainly belongs to the
/// catalog it is filed under (a composite type may or may not be a relation).
#[derive(Clone, Copy, Debug)]
struct Entry {
    presence: Presence,
    is_exact: bool,
}

/// What a schema on the path holds, as far as the migrations show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SchemaState {
    Absent,
    /// Exists and holds only what the history created there.
    Known,
    /// Exists and holds objects the history does not show (Supabase's, an extension's).
    Opaque,
    /// May or may not exist.
    Unknown,
}

/// Replays the migrations, statement by statement, to tell where PostgreSQL puts and finds an
/// unqualified name at each point: the objects the history created so far (not the ones it
/// dropped, not later ones) and the session's `search_path`, which each file starts with at
/// PostgreSQL's default, `"$user", public`, as the `postgres` role (whose schema a Supabase
/// database does not have). Whatever the replay cannot follow (dynamic SQL, a `DO` block's
/// conditional DDL, `set_config`) makes the names it touches, or everything, unknown.
#[derive(Debug)]
pub struct NameResolver {
    objects: HashMap<(Catalog, String), Vec<(String, Entry)>>,
    /// Names whose schema the replay lost track of.
    lost: HashSet<(Catalog, String)>,
    /// After dynamic SQL: any object may exist anywhere.
    is_lost: bool,
    /// Schemas the history created (`Some`) or dropped (`None`).
    schemas: HashMap<String, Option<Presence>>,
    /// Schemas extensions were installed in.
    extension_schemas: HashSet<String>,
    /// `None` once the path can no longer be followed.
    path: Option<Vec<String>>,
    /// Whether `$user` is still `postgres` (no `SET ROLE`).
    is_user_postgres: bool,
}

impl Default for NameResolver {
    fn default() -> Self {
        NameResolver {
            objects: HashMap::new(),
            lost: HashSet::new(),
            is_lost: false,
            schemas: HashMap::new(),
            extension_schemas: HashSet::new(),
            path: Some(default_path()),
            is_user_postgres: true,
        }
    }
}

fn default_path() -> Vec<String> {
    vec!["$user".to_string(), "public".to_string()]
}

impl NameResolver {
    /// A new session: the next migration file starts with the default `search_path`.
    pub fn start_file(&mut self) {
        self.path = Some(default_path());
        self.is_user_postgres = true;
    }

    /// The schema an unqualified `CREATE` puts its object in: the first schema of the path
    /// that exists.
    pub fn creation_schema(&self) -> Resolution {
        let Some(path) = &self.path else {
            return Resolution::Unknown;
        };
        if path.is_empty() {
            return Resolution::EmptyPath;
        }
        for entry in path {
            match self.entry_state(entry) {
                (_, SchemaState::Absent) => {}
                (Some(schema), SchemaState::Known | SchemaState::Opaque)
                    if schema != "pg_catalog" =>
                {
                    return Resolution::Schema(schema.to_string());
                }
                _ => return Resolution::Unknown,
            }
        }
        Resolution::Unknown
    }

    /// The schema an unqualified reference to an existing object of `catalog` resolves to:
    /// the first schema of the path holding that name, provided every schema before it
    /// certainly does not hold it (and `pg_catalog`, searched first, does not either).
    pub fn resolve(&self, catalog: Catalog, name: &str) -> Resolution {
        let Some(path) = &self.path else {
            return Resolution::Unknown;
        };
        if path.is_empty() {
            return Resolution::EmptyPath;
        }
        if self.is_lost
            || self.lost.contains(&(catalog, name.to_string()))
            || is_in_pg_catalog(catalog, name)
        {
            return Resolution::Unknown;
        }
        let mut found: Option<&str> = None;
        for entry in path {
            let (schema, state) = self.entry_state(entry);
            let schema = match (schema, state) {
                (_, SchemaState::Absent) => continue,
                (Some(schema), SchemaState::Known | SchemaState::Opaque) => schema,
                _ => return Resolution::Unknown,
            };
            match self.entry(catalog, name, schema) {
                // A routine named in two schemas: which one PostgreSQL takes depends on the
                // argument types.
                Some(_) if found.is_some() => return Resolution::Unknown,
                Some(entry) if entry.presence == Presence::Present && entry.is_exact => {
                    if catalog != Catalog::Routine {
                        return Resolution::Schema(schema.to_string());
                    }
                    found = Some(schema);
                }
                Some(_) => return Resolution::Unknown,
                None if state == SchemaState::Opaque => return Resolution::Unknown,
                None => {}
            }
        }
        match found {
            Some(schema) => Resolution::Schema(schema.to_string()),
            None => Resolution::Unknown,
        }
    }

    /// Takes in what `statement` (of the file whose text is `source`) does.
    pub fn record(&mut self, statement: &Statement, source: &str) {
        let is_conditional = statement.in_do_block;
        let tokens: &[Token] = &statement.tokens;
        match &statement.kind {
            StatementKind::Set { name, .. } if name == "search_path" => {
                self.path = (!is_conditional)
                    .then(|| search_path_value(tokens, source))
                    .flatten();
            }
            StatementKind::Set { name, .. } if name == "role" || name == "authorization" => {
                self.is_user_postgres = false;
            }
            StatementKind::Other { keyword } if keyword == "reset" => {
                let target = tokens.get(1).and_then(|t| identifier(t, source));
                match target.as_deref() {
                    Some("search_path" | "all") if !is_conditional => {
                        self.path = Some(default_path());
                    }
                    Some("search_path" | "all") => self.path = None,
                    Some("role") => self.is_user_postgres = !is_conditional,
                    _ => {}
                }
            }
            StatementKind::Do(block) => {
                self.is_lost |= block.runs_dynamic_sql;
            }
            _ => {}
        }
        // `set_config('search_path', …)` in any statement.
        if tokens.iter().any(|t| t.is_word(source, "set_config")) {
            self.path = None;
        }
        let presence = if is_conditional {
            Presence::Maybe
        } else {
            Presence::Present
        };
        match &statement.kind {
            StatementKind::Create(create) if !create.is_temporary => {
                let Some(name) = &create.name else {
                    return;
                };
                match create.object {
                    ObjectKind::Schema => {
                        self.schemas.insert(name.name.clone(), Some(presence));
                    }
                    ObjectKind::Extension => {
                        let schema =
                            clause_name(tokens, source, &["schema"]).or_else(|| {
                                match self.creation_schema() {
                                    Resolution::Schema(schema) => Some(schema),
                                    _ => None,
                                }
                            });
                        match schema {
                            Some(schema) => {
                                self.extension_schemas.insert(schema);
                            }
                            None => self.is_lost = true,
                        }
                    }
                    ObjectKind::Index => {
                        let CreateDetail::Index(index) = &create.detail else {
                            return;
                        };
                        let schema = index
                            .table
                            .as_ref()
                            .map(|t| self.schema_of(Catalog::Relation, t));
                        self.add(Catalog::Relation, &name.name, schema, presence, true);
                    }
                    kind => {
                        let Some(catalog) = Catalog::of(kind) else {
                            return;
                        };
                        let schema = match &name.schema {
                            Some(schema) => Resolution::Schema(schema.clone()),
                            None => self.creation_schema(),
                        };
                        self.add(catalog, &name.name, Some(schema.clone()), presence, true);
                        if catalog == Catalog::Relation {
                            self.add(Catalog::Type, &name.name, Some(schema), presence, true);
                        } else if kind == ObjectKind::Type && is_composite_type(tokens, source) {
                            self.add(Catalog::Relation, &name.name, Some(schema), presence, false);
                        }
                    }
                }
            }
            StatementKind::Drop(drop) => {
                if drop.object == ObjectKind::Schema {
                    for name in &drop.names {
                        self.drop_schema(&name.name, is_conditional);
                    }
                    return;
                }
                let Some(catalog) = Catalog::of(drop.object) else {
                    return;
                };
                for name in &drop.names {
                    let schema = self.schema_of(catalog, name);
                    // Dropping one overload may leave others.
                    let leaves = if catalog == Catalog::Routine || is_conditional {
                        Some(Presence::Maybe)
                    } else {
                        None
                    };
                    self.remove(catalog, &name.name, &schema, leaves);
                    if catalog == Catalog::Relation && drop.object != ObjectKind::Index {
                        self.remove(Catalog::Type, &name.name, &schema, leaves);
                    }
                }
            }
            _ => self.record_alter(statement, source, presence),
        }
    }

    /// `ALTER … RENAME TO` and `ALTER … SET SCHEMA`.
    fn record_alter(&mut self, statement: &Statement, source: &str, presence: Presence) {
        let (kind, name) = match &statement.kind {
            StatementKind::AlterTable(alter) => (ObjectKind::Table, alter.table.as_ref()),
            StatementKind::AlterType(alter) => (ObjectKind::Type, alter.name.as_ref()),
            StatementKind::AlterView(alter) => (ObjectKind::View, alter.name.as_ref()),
            StatementKind::AlterFunction(alter) => (ObjectKind::Function, alter.name.as_ref()),
            StatementKind::AlterDomain(alter) => (ObjectKind::Domain, alter.name.as_ref()),
            StatementKind::AlterOther { object, name } => (*object, name.as_ref()),
            _ => return,
        };
        let tokens: &[Token] = &statement.tokens;
        if kind == ObjectKind::Extension {
            if let Some(schema) = clause_name(tokens, source, &["set", "schema"]) {
                self.extension_schemas.insert(schema);
            }
            return;
        }
        let (Some(catalog), Some(name)) = (Catalog::of(kind), name) else {
            return;
        };
        let renamed = match &statement.kind {
            StatementKind::AlterTable(alter) => alter.actions.iter().find_map(|a| match &a.kind {
                AlterTableActionKind::RenameTable { to } => Some(to.clone()),
                _ => None,
            }),
            _ => clause_name(tokens, source, &["rename", "to"]),
        };
        let moved_to = clause_name(tokens, source, &["set", "schema"]);
        if renamed.is_none() && moved_to.is_none() {
            return;
        }
        let schema = self.schema_of(catalog, name);
        let has_row_type = catalog == Catalog::Relation && kind != ObjectKind::Index;
        let leaves =
            (catalog == Catalog::Routine || presence == Presence::Maybe).then_some(Presence::Maybe);
        self.remove(catalog, &name.name, &schema, leaves);
        if has_row_type {
            self.remove(Catalog::Type, &name.name, &schema, leaves);
        }
        let new_name = renamed.unwrap_or_else(|| name.name.clone());
        let new_schema = match moved_to {
            Some(schema) => Some(Resolution::Schema(schema)),
            None => Some(schema),
        };
        self.add(catalog, &new_name, new_schema.clone(), presence, true);
        if has_row_type {
            self.add(Catalog::Type, &new_name, new_schema, presence, true);
        }
    }

    /// Where a name a statement refers to is: its own schema, else where it resolves.
    fn schema_of(&self, catalog: Catalog, name: &ObjectName) -> Resolution {
        match &name.schema {
            Some(schema) => Resolution::Schema(schema.clone()),
            None => self.resolve(catalog, &name.name),
        }
    }

    fn add(
        &mut self,
        catalog: Catalog,
        name: &str,
        schema: Option<Resolution>,
        presence: Presence,
        is_exact: bool,
    ) {
        let key = (catalog, name.to_string());
        let Some(Resolution::Schema(schema)) = schema else {
            self.lost.insert(key);
            return;
        };
        let entries = self.objects.entry(key).or_default();
        let entry = Entry { presence, is_exact };
        match entries.iter_mut().find(|(s, _)| *s == schema) {
            // `CREATE … IF NOT EXISTS` in a `DO` block leaves an existing object in place.
            Some((_, existing)) if existing.presence == Presence::Present => {
                existing.is_exact &= is_exact;
            }
            Some((_, existing)) => *existing = entry,
            None => entries.push((schema, entry)),
        }
    }

    /// Drops `name` from `schema`; `leaves` keeps it as maybe there.
    fn remove(
        &mut self,
        catalog: Catalog,
        name: &str,
        schema: &Resolution,
        leaves: Option<Presence>,
    ) {
        let key = (catalog, name.to_string());
        let Resolution::Schema(schema) = schema else {
            self.lost.insert(key);
            return;
        };
        if let Some(entries) = self.objects.get_mut(&key) {
            match leaves {
                Some(presence) => entries
                    .iter_mut()
                    .filter(|(s, _)| s == schema)
                    .for_each(|(_, entry)| entry.presence = presence),
                None => entries.retain(|(s, _)| s != schema),
            }
        }
    }

    fn drop_schema(&mut self, schema: &str, is_conditional: bool) {
        if is_conditional {
            self.schemas
                .insert(schema.to_string(), Some(Presence::Maybe));
            return;
        }
        self.schemas.insert(schema.to_string(), None);
        self.extension_schemas.remove(schema);
        for entries in self.objects.values_mut() {
            entries.retain(|(s, _)| s != schema);
        }
    }

    fn entry(&self, catalog: Catalog, name: &str, schema: &str) -> Option<Entry> {
        self.objects
            .get(&(catalog, name.to_string()))?
            .iter()
            .find(|(s, _)| s == schema)
            .map(|(_, entry)| *entry)
    }

    /// The schema a path entry names (`$user` is `postgres`), and what it holds.
    fn entry_state<'e>(&self, entry: &'e str) -> (Option<&'e str>, SchemaState) {
        if entry == "$user" {
            if !self.is_user_postgres {
                return (None, SchemaState::Unknown);
            }
            let state = match self.schemas.get("postgres") {
                None => SchemaState::Absent,
                Some(_) => self.schema_state("postgres"),
            };
            return (Some("postgres"), state);
        }
        (Some(entry), self.schema_state(entry))
    }

    fn schema_state(&self, schema: &str) -> SchemaState {
        let exists = match self.schemas.get(schema) {
            Some(None) => return SchemaState::Absent,
            Some(Some(Presence::Maybe)) => return SchemaState::Unknown,
            Some(Some(Presence::Present)) => true,
            None => false,
        };
        if schema == "pg_catalog" || SUPABASE_SCHEMAS.contains(&schema) {
            SchemaState::Opaque
        } else if !exists && schema != "public" {
            // Not created by the history: a history that is not the whole story may still have it.
            SchemaState::Unknown
        } else if self.extension_schemas.contains(schema) {
            SchemaState::Opaque
        } else {
            SchemaState::Known
        }
    }
}

/// The schemas of `SET search_path {=|TO} …`; `None` for a value this cannot read.
fn search_path_value(tokens: &[Token], source: &str) -> Option<Vec<String>> {
    let at = tokens
        .iter()
        .position(|t| t.is_word(source, "search_path"))?;
    let mut rest = tokens[at + 1..].iter().peekable();
    if rest
        .peek()
        .is_some_and(|t| t.is_operator(source, "=") || t.is_word(source, "to"))
    {
        rest.next();
    }
    let values: Vec<&Token> = rest.collect();
    if let [only] = values.as_slice() {
        if only.is_word(source, "default") {
            return Some(default_path());
        }
    }
    let mut path = Vec::new();
    for (index, token) in values.iter().enumerate() {
        if index % 2 == 1 {
            if !token.is_punct(source, ",") {
                return None;
            }
            continue;
        }
        // A string is one schema name, commas and all, as PostgreSQL reads it for this list.
        let schema = match token.kind {
            TokenKind::String => string_literal(token, source)?,
            TokenKind::Word | TokenKind::QuotedIdent => identifier(token, source)?,
            _ => return None,
        };
        if !schema.is_empty() {
            path.push(schema);
        }
    }
    Some(path)
}

/// The name after the words `words` (`SCHEMA x`, `RENAME TO x`, `SET SCHEMA x`).
fn clause_name(tokens: &[Token], source: &str, words: &[&str]) -> Option<String> {
    tokens
        .windows(words.len() + 1)
        .find(|w| w.iter().zip(words).all(|(t, word)| t.is_word(source, word)))
        .and_then(|w| identifier(&w[words.len()], source))
}

/// `CREATE TYPE name AS (…)`: a composite type, which PostgreSQL also keeps as a relation.
fn is_composite_type(tokens: &[Token], source: &str) -> bool {
    tokens
        .windows(2)
        .any(|w| w[0].is_word(source, "as") && w[1].is_punct(source, "("))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::FileFacts;
    use crate::source::SourceFile;

    /// Replays `files`, then tells where `name` resolves before the last file's last statement.
    fn resolve_before_last(files: &[&str], catalog: Catalog, name: &str) -> Resolution {
        let mut resolver = NameResolver::default();
        for (index, text) in files.iter().enumerate() {
            let file = SourceFile::new(format!("m{index}.sql"), *text);
            let facts = FileFacts::new(&file);
            resolver.start_file();
            let last = facts.statements.len().saturating_sub(1);
            for statement in &facts.statements {
                if index == files.len() - 1 && statement.index == last {
                    return resolver.resolve(catalog, name);
                }
                resolver.record(statement, &file.text);
            }
        }
        resolver.resolve(catalog, name)
    }

    fn schema(name: &str) -> Resolution {
        Resolution::Schema(name.to_string())
    }

    #[test]
    fn an_unqualified_create_lands_in_public_and_is_found_there() {
        let files = [
            "create schema app; create table app.items (id int);",
            "create table items (id int); select 1;",
        ];
        assert_eq!(
            resolve_before_last(&files, Catalog::Relation, "items"),
            schema("public")
        );
    }

    #[test]
    fn a_name_only_in_a_schema_off_the_path_is_unknown() {
        let files = ["create schema app; create table app.tasks (id int); select 1;"];
        assert_eq!(
            resolve_before_last(&files, Catalog::Relation, "tasks"),
            Resolution::Unknown
        );
    }

    #[test]
    fn set_search_path_changes_where_names_resolve_within_the_file_only() {
        let files = [
            "create schema app; create table app.t (id int); create table public.t (id int); set search_path = app, public; select 1;",
        ];
        assert_eq!(
            resolve_before_last(&files, Catalog::Relation, "t"),
            schema("app")
        );
        let next_file = [files[0], "select 1;"];
        assert_eq!(
            resolve_before_last(&next_file, Catalog::Relation, "t"),
            schema("public")
        );
    }

    #[test]
    fn a_schema_before_the_match_that_may_hold_the_name_makes_it_unknown() {
        // `extensions` holds objects no migration shows.
        let files =
            ["create table public.t (id int); set search_path = extensions, public; select 1;"];
        assert_eq!(
            resolve_before_last(&files, Catalog::Relation, "t"),
            Resolution::Unknown
        );
        let files =
            ["create table public.t (id int); set search_path = \"$user\", public; select 1;"];
        assert_eq!(
            resolve_before_last(&files, Catalog::Relation, "t"),
            schema("public")
        );
        let files = ["create schema postgres; create table public.t (id int); select 1;"];
        assert_eq!(
            resolve_before_last(&files, Catalog::Relation, "t"),
            schema("public")
        );
        let files = ["create table public.t (id int); set role other; select 1;"];
        assert_eq!(
            resolve_before_last(&files, Catalog::Relation, "t"),
            Resolution::Unknown
        );
    }

    #[test]
    fn dropped_renamed_and_later_objects_do_not_count() {
        let files = ["create table t (id int); drop table t; select 1;"];
        assert_eq!(
            resolve_before_last(&files, Catalog::Relation, "t"),
            Resolution::Unknown
        );
        let files = ["create table t (id int); alter table t rename to u; select 1;"];
        assert_eq!(
            resolve_before_last(&files, Catalog::Relation, "u"),
            schema("public")
        );
        assert_eq!(
            resolve_before_last(&files, Catalog::Relation, "t"),
            Resolution::Unknown
        );
        let files = ["select 1; create table t (id int);"];
        assert_eq!(
            resolve_before_last(&files, Catalog::Relation, "t"),
            Resolution::Unknown
        );
    }

    #[test]
    fn conditional_or_dynamic_ddl_makes_names_unknown() {
        let files = ["do $$ begin create table public.t (id int); end $$; select 1;"];
        assert_eq!(
            resolve_before_last(&files, Catalog::Relation, "t"),
            Resolution::Unknown
        );
        let files =
            ["create table t (id int); do $$ begin execute 'drop table t'; end $$; select 1;"];
        assert_eq!(
            resolve_before_last(&files, Catalog::Relation, "t"),
            Resolution::Unknown
        );
        let files =
            ["create table t (id int); select set_config('search_path', 'x', false); select 1;"];
        assert_eq!(
            resolve_before_last(&files, Catalog::Relation, "t"),
            Resolution::Unknown
        );
    }

    #[test]
    fn pg_catalog_names_and_routines_in_two_schemas_are_unknown() {
        let files =
            ["create function lower(text) returns text language sql as 'select 1'; select 1;"];
        assert_eq!(
            resolve_before_last(&files, Catalog::Routine, "lower"),
            Resolution::Unknown
        );
        let files = ["create type text as enum ('a'); select 1;"];
        assert_eq!(
            resolve_before_last(&files, Catalog::Type, "text"),
            Resolution::Unknown
        );
        let files = [
            "create schema app; set search_path = app, public; create function f(int) returns int language sql as 'select 1'; create function public.f(text) returns int language sql as 'select 1'; select 1;",
        ];
        assert_eq!(
            resolve_before_last(&files, Catalog::Routine, "f"),
            Resolution::Unknown
        );
        let files = ["create function f(int) returns int language sql as 'select 1'; select 1;"];
        assert_eq!(
            resolve_before_last(&files, Catalog::Routine, "f"),
            schema("public")
        );
    }

    #[test]
    fn search_path_strings_are_one_schema_each() {
        let file = SourceFile::new("m.sql", "set search_path = 'app, public', \"X\", y");
        let facts = FileFacts::new(&file);
        assert_eq!(
            search_path_value(&facts.statements[0].tokens, &file.text),
            Some(vec![
                "app, public".to_string(),
                "X".to_string(),
                "y".to_string()
            ])
        );
        let file = SourceFile::new("m.sql", "set search_path = ''");
        let facts = FileFacts::new(&file);
        assert_eq!(
            search_path_value(&facts.statements[0].tokens, &file.text),
            Some(vec![])
        );
    }
}
