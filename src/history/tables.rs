//! Tables and their indexes: columns, keys, row-level security and grants, followed through
//! every `ALTER TABLE` to the end of the history.

use crate::facts::{ColumnDef, ConstraintDef, ConstraintKind, Create, ObjectKind};
use crate::source::Span;

use super::privileges::GrantEvent;
use super::registry::Lifetime;
use super::{At, Point, QualifiedName};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RlsChange {
    Enable,
    Disable,
    Force,
    NoForce,
}

/// A live column.
#[derive(Clone, Debug)]
pub struct Column<'a> {
    pub name: String,
    /// As written, normalised by [`crate::parse::name::normalize_type`].
    pub data_type: String,
    /// The statement that added it (`CREATE TABLE` or `ADD COLUMN`).
    pub added: At<'a>,
    pub span: Span,
}

/// A key constraint: the primary key, a unique constraint or a foreign key.
#[derive(Clone, Debug)]
pub struct Key<'a> {
    /// The constraint's name, as written or as Postgres names it.
    pub name: String,
    pub kind: ConstraintKind,
    pub columns: Vec<String>,
    /// Foreign keys: the referenced table and columns (empty: its primary key).
    pub references: Option<QualifiedName>,
    pub referenced_columns: Vec<String>,
    pub at: At<'a>,
    pub span: Span,
}

#[derive(Debug)]
pub struct TableRecord<'a> {
    /// The name it was created under.
    pub name: QualifiedName,
    pub created: At<'a>,
    pub create: &'a Create,
    /// Later names, from `ALTER TABLE … RENAME TO` and `SET SCHEMA`.
    pub renamed: Vec<(Point, QualifiedName)>,
    pub dropped: Option<Point>,
    pub rls: Vec<(At<'a>, RlsChange)>,
    /// Grants and revokes on it (by name or `ALL TABLES IN SCHEMA`), in order.
    pub grants: Vec<GrantEvent<'a>>,
    /// The columns at the end of its lifetime, in order.
    pub columns: Vec<Column<'a>>,
    /// Primary key, unique and foreign key constraints at the end of its lifetime.
    pub keys: Vec<Key<'a>>,
}

impl<'a> TableRecord<'a> {
    pub(super) fn new(name: QualifiedName, created: At<'a>, create: &'a Create) -> Self {
        TableRecord {
            name,
            created,
            create,
            renamed: Vec::new(),
            dropped: None,
            rls: Vec::new(),
            grants: Vec::new(),
            columns: Vec::new(),
            keys: Vec::new(),
        }
    }

    /// `CREATE FOREIGN TABLE`: its rows live on another server, and it has no RLS.
    pub fn is_foreign(&self) -> bool {
        self.create.object == ObjectKind::ForeignTable
    }

    /// Whether RLS is enabled at the end of the table's lifetime.
    pub fn is_rls_enabled(&self) -> bool {
        self.rls_state().0
    }

    /// Whether RLS is forced on the owner at the end of the table's lifetime.
    pub fn is_rls_forced(&self) -> bool {
        self.rls_state().1
    }

    fn rls_state(&self) -> (bool, bool) {
        let (mut enabled, mut forced) = (false, false);
        for (_, change) in &self.rls {
            match change {
                RlsChange::Enable => enabled = true,
                RlsChange::Disable => enabled = false,
                RlsChange::Force => forced = true,
                RlsChange::NoForce => forced = false,
            }
        }
        (enabled, forced)
    }

    /// The statement that last enabled RLS, while it stays enabled.
    pub fn rls_enabled_by(&self) -> Option<At<'a>> {
        let mut by = None;
        for (at, change) in &self.rls {
            match change {
                RlsChange::Enable => by = by.or(Some(*at)),
                RlsChange::Disable => by = None,
                _ => {}
            }
        }
        by
    }

    /// The name at the end of its lifetime.
    pub fn current_name(&self) -> &QualifiedName {
        self.renamed.last().map(|(_, n)| n).unwrap_or(&self.name)
    }

    pub fn column(&self, name: &str) -> Option<&Column<'a>> {
        self.columns.iter().find(|c| c.name == name)
    }

    pub fn primary_key(&self) -> Option<&Key<'a>> {
        self.keys
            .iter()
            .find(|k| k.kind == ConstraintKind::PrimaryKey)
    }

    pub fn foreign_keys(&self) -> impl Iterator<Item = &Key<'a>> {
        self.keys
            .iter()
            .filter(|k| k.kind == ConstraintKind::ForeignKey)
    }

    pub(super) fn add_column(&mut self, column: &ColumnDef, at: At<'a>) {
        if self.column(&column.name).is_some() {
            return;
        }
        self.columns.push(Column {
            name: column.name.clone(),
            data_type: column.data_type.clone(),
            added: at,
            span: column.span,
        });
        let single = || vec![column.name.clone()];
        let table = self.current_name().name.clone();
        if column.is_primary_key {
            self.add_key(
                ConstraintKind::PrimaryKey,
                None,
                single(),
                None,
                at,
                column.span,
            );
        } else if column.is_unique {
            self.add_key(
                ConstraintKind::Unique,
                None,
                single(),
                None,
                at,
                column.span,
            );
        }
        if let Some(references) = &column.references {
            let key = Key {
                name: default_constraint_name(&table, &single(), &ConstraintKind::ForeignKey),
                kind: ConstraintKind::ForeignKey,
                columns: single(),
                references: Some(QualifiedName::of(references)),
                referenced_columns: column.referenced_columns.clone(),
                at,
                span: column.span,
            };
            self.keys.push(key);
        }
    }

    /// Adds a constraint; `index_columns` gives the columns of the index `USING INDEX`
    /// names (the constraint takes the index over).
    pub(super) fn add_constraint(
        &mut self,
        constraint: &ConstraintDef,
        at: At<'a>,
        index_columns: Option<Vec<String>>,
    ) {
        let references = constraint.references.as_ref().map(QualifiedName::of);
        if let (ConstraintKind::PrimaryKey | ConstraintKind::Unique, Some(columns)) =
            (&constraint.kind, index_columns)
        {
            let name = constraint.name.clone().or(constraint.index_name.clone());
            self.add_key(
                constraint.kind.clone(),
                name,
                columns,
                None,
                at,
                constraint.span,
            );
            return;
        }
        match constraint.kind {
            ConstraintKind::PrimaryKey | ConstraintKind::Unique | ConstraintKind::ForeignKey
                if !constraint.columns.is_empty() =>
            {
                let kind = constraint.kind.clone();
                let name = constraint.name.clone();
                let columns = constraint.columns.clone();
                let index = self.add_key(kind, name, columns, references, at, constraint.span);
                self.keys[index].referenced_columns = constraint.referenced_columns.clone();
            }
            _ => {}
        }
    }

    fn add_key(
        &mut self,
        kind: ConstraintKind,
        name: Option<String>,
        columns: Vec<String>,
        references: Option<QualifiedName>,
        at: At<'a>,
        span: Span,
    ) -> usize {
        let name = name
            .unwrap_or_else(|| default_constraint_name(&self.current_name().name, &columns, &kind));
        self.keys.push(Key {
            name,
            kind,
            columns,
            references,
            referenced_columns: Vec::new(),
            at,
            span,
        });
        self.keys.len() - 1
    }

    /// Drops the unique keys a `CREATE TABLE` wrote twice (`id uuid unique primary key`):
    /// Postgres makes one index for the same columns.
    pub(super) fn merge_duplicate_keys(&mut self) {
        let mut seen: Vec<Vec<String>> = Vec::new();
        let mut ordered: Vec<Key<'a>> = Vec::new();
        // The primary key first, so it is the one kept.
        let (primary, others): (Vec<_>, Vec<_>) = std::mem::take(&mut self.keys)
            .into_iter()
            .partition(|k| k.kind == ConstraintKind::PrimaryKey);
        for key in primary.into_iter().chain(others) {
            let is_index = key.kind != ConstraintKind::ForeignKey;
            if is_index && seen.contains(&key.columns) {
                continue;
            }
            if is_index {
                seen.push(key.columns.clone());
            }
            ordered.push(key);
        }
        self.keys = ordered;
    }

    /// Copies the columns and primary key of the table a partition belongs to.
    pub(super) fn inherit(&mut self, parent: &TableRecord<'a>) {
        let own = std::mem::take(&mut self.columns);
        self.columns = parent.columns.clone();
        for column in own {
            if self.column(&column.name).is_none() {
                self.columns.push(column);
            }
        }
        if self.primary_key().is_none() {
            if let Some(key) = parent.primary_key() {
                let mut key = key.clone();
                key.name = default_constraint_name(&self.name.name, &key.columns, &key.kind);
                self.keys.push(key);
            }
        }
    }

    /// Removes the constraint `name`; whether it was a key constraint.
    pub(super) fn drop_constraint(&mut self, name: &str) -> Option<Key<'a>> {
        let index = self.keys.iter().position(|k| k.name == name)?;
        Some(self.keys.remove(index))
    }

    /// Drops a column and, as Postgres does, the keys that use it.
    pub(super) fn drop_column(&mut self, name: &str) {
        self.columns.retain(|c| c.name != name);
        self.keys.retain(|k| !k.columns.iter().any(|c| c == name));
    }

    pub(super) fn rename_column(&mut self, from: &str, to: &str) {
        for column in self.columns.iter_mut().filter(|c| c.name == from) {
            column.name = to.to_string();
        }
        for key in &mut self.keys {
            for column in key.columns.iter_mut().filter(|c| *c == from) {
                *column = to.to_string();
            }
        }
    }

    pub(super) fn set_column_type(&mut self, name: &str, data_type: &str) {
        for column in self.columns.iter_mut().filter(|c| c.name == name) {
            column.data_type = data_type.to_string();
        }
    }
}

impl Lifetime for TableRecord<'_> {
    fn dropped(&self) -> Option<Point> {
        self.dropped
    }
    fn end(&mut self, at: Point) {
        self.dropped.get_or_insert(at);
    }
}

/// The name Postgres gives a constraint written without one (before truncation to 63
/// bytes): `t_pkey`, `t_a_b_key`, `t_a_fkey`.
pub fn default_constraint_name(table: &str, columns: &[String], kind: &ConstraintKind) -> String {
    match kind {
        ConstraintKind::PrimaryKey => format!("{table}_pkey"),
        ConstraintKind::Unique => format!("{table}_{}_key", columns.join("_")),
        ConstraintKind::ForeignKey => format!("{table}_{}_fkey", columns.join("_")),
        _ => format!("{table}_{}_check", columns.join("_")),
    }
}

/// A live or dropped index, from `CREATE INDEX` (constraint indexes are the table's keys).
#[derive(Debug)]
pub struct IndexRecord<'a> {
    pub name: QualifiedName,
    /// The table's record id in [`super::Database::tables`].
    pub table: usize,
    pub columns: Vec<String>,
    pub is_unique: bool,
    pub is_partial: bool,
    pub created: At<'a>,
    pub dropped: Option<Point>,
}

impl Lifetime for IndexRecord<'_> {
    fn dropped(&self) -> Option<Point> {
        self.dropped
    }
    fn end(&mut self, at: Point) {
        self.dropped.get_or_insert(at);
    }
}

/// The name Postgres gives `CREATE INDEX ON t (a, b)`: `t_a_b_idx`.
pub fn default_index_name(table: &str, columns: &[String]) -> String {
    let columns: Vec<&str> = columns
        .iter()
        .map(|c| if c == "(expr)" { "expr" } else { c.as_str() })
        .collect();
    format!("{table}_{}_idx", columns.join("_"))
}

/// A trigger on a table.
#[derive(Debug)]
pub struct TriggerRecord<'a> {
    pub name: String,
    pub table: QualifiedName,
    pub def: &'a crate::facts::TriggerDef,
    pub created: At<'a>,
    pub dropped: Option<Point>,
}

impl TriggerRecord<'_> {
    /// Whether it runs before `event` (`insert`, `update`) and so can change or refuse the row.
    pub fn runs_before(&self, event: &str) -> bool {
        self.def.is_before && self.def.events.iter().any(|e| e == event)
    }
}

impl Lifetime for TriggerRecord<'_> {
    fn dropped(&self) -> Option<Point> {
        self.dropped
    }
    fn end(&mut self, at: Point) {
        self.dropped.get_or_insert(at);
    }
}

impl super::registry::OnTable for TriggerRecord<'_> {
    fn set_table(&mut self, table: QualifiedName) {
        self.table = table;
    }
}
