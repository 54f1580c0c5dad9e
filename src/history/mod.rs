//! The history: every linted file in migration-version order, with its facts.
//!
//! Cross-file rules ask the history what earlier and later migrations do to the database.

mod buckets;
mod database;
mod functions;
mod names;
mod policies;
mod privileges;
mod registry;
mod snapshot;
mod tables;
#[cfg(test)]
mod tests;
mod types;
mod views;

pub use buckets::*;
pub use database::*;
pub use functions::*;
pub use names::*;
pub use policies::*;
pub use privileges::*;
#[cfg(test)]
pub(crate) use registry::WHOLE_READS;
pub use registry::{Lifetime, Registry};
pub use snapshot::snapshot;
pub use tables::*;
pub use types::{canonical_type, normalize_arg_type};
pub use views::*;

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::facts::{CreateDetail, FileFacts, ObjectName, Statement, StatementKind, Volatility};
use crate::source::SourceFile;

pub struct HistoryFile<'a> {
    pub source: &'a SourceFile,
    pub facts: &'a FileFacts,
    /// The 14-digit version prefix, when the name has one.
    pub version: Option<&'a str>,
}

pub struct History<'a> {
    /// In migration order: by version, then files without one by name.
    pub files: Vec<HistoryFile<'a>>,
    /// What the files do to the database, replayed in order.
    pub database: Database<'a>,
    /// Each path's index in `files`.
    positions: HashMap<&'a str, usize>,
    /// Built on first use by [`History::statements_naming`]: name → (file, statement). Owned
    /// keys: a cell holding `&'a str` would make `History` invariant over `'a`.
    by_name: OnceLock<HashMap<String, Vec<(usize, usize)>>>,
}

/// The leading run of digits of a file name when it is exactly 14 long.
pub fn version_of(file_name: &str) -> Option<&str> {
    let digits = file_name.bytes().take_while(u8::is_ascii_digit).count();
    (digits == 14).then(|| &file_name[..14])
}

impl<'a> History<'a> {
    /// Builds the history; `files` pairs each source with its facts, in any order.
    pub fn new(files: Vec<(&'a SourceFile, &'a FileFacts)>) -> Self {
        let mut files: Vec<HistoryFile<'a>> = files
            .into_iter()
            .map(|(source, facts)| HistoryFile {
                source,
                facts,
                version: version_of(source.file_name()),
            })
            .collect();
        files.sort_by(|a, b| match (a.version, b.version) {
            (Some(x), Some(y)) => x.cmp(y).then_with(|| a.source.path.cmp(&b.source.path)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.source.file_name().cmp(b.source.file_name()),
        });
        let database = Database::build(&files);
        let mut positions = HashMap::with_capacity(files.len());
        for (index, file) in files.iter().enumerate() {
            positions.entry(file.source.path.as_str()).or_insert(index);
        }
        History {
            files,
            database,
            positions,
            by_name: OnceLock::new(),
        }
    }

    /// Every statement of the history in order, with the index of its file.
    pub fn statements(&self) -> impl Iterator<Item = (usize, &'a Statement)> + '_ {
        self.files
            .iter()
            .enumerate()
            .flat_map(|(i, file)| file.facts.statements.iter().map(move |s| (i, s)))
    }

    pub fn index_of(&self, path: &str) -> Option<usize> {
        self.positions.get(path).copied()
    }

    /// Every statement before statement `statement` of file `file`, in migration order.
    pub fn statements_before(
        &self,
        file: usize,
        statement: usize,
    ) -> impl Iterator<Item = (usize, &'a Statement)> + '_ {
        self.statements()
            .take_while(move |(f, s)| *f < file || (*f == file && s.index < statement))
    }

    /// The statements that create an object named `name` or alter the table `name`, in any
    /// schema, in migration order: what [`History::statements`] gives, narrowed by an index so
    /// that a rule looking up one object does not read the whole history for each statement.
    pub fn statements_naming(
        &self,
        name: &str,
    ) -> impl Iterator<Item = (usize, &'a Statement)> + '_ {
        let index = self.by_name.get_or_init(|| self.name_index());
        index
            .get(name)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .map(|&(file, position)| (file, &self.files[file].facts.statements[position]))
    }

    /// [`History::statements_naming`] before statement `statement` of file `file`.
    pub fn statements_before_naming(
        &self,
        name: &str,
        file: usize,
        statement: usize,
    ) -> impl Iterator<Item = (usize, &'a Statement)> + '_ {
        self.statements_naming(name)
            .take_while(move |(f, s)| *f < file || (*f == file && s.index < statement))
    }

    fn name_index(&self) -> HashMap<String, Vec<(usize, usize)>> {
        let mut index: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        for (file, history_file) in self.files.iter().enumerate() {
            for (position, statement) in history_file.facts.statements.iter().enumerate() {
                let name = match &statement.kind {
                    StatementKind::Create(create) => create.name.as_ref(),
                    StatementKind::AlterTable(alter) => alter.table.as_ref(),
                    _ => None,
                };
                if let Some(name) = name {
                    index
                        .entry(name.name.clone())
                        .or_default()
                        .push((file, position));
                }
            }
        }
        index
    }

    /// The volatility of the last `CREATE FUNCTION` of `name` before statement `statement` of
    /// file `file`. An unqualified `name` matches the function in any schema, as a call
    /// through the search path would.
    pub fn function_volatility(
        &self,
        name: &ObjectName,
        file: usize,
        statement: usize,
    ) -> Option<Volatility> {
        self.statements_before_naming(&name.name, file, statement)
            .filter_map(|(_, s)| match &s.kind {
                StatementKind::Create(create) => match (&create.name, &create.detail) {
                    (Some(created), CreateDetail::Function(def)) => {
                        let matches = match &name.schema {
                            Some(_) => created.same_object(name),
                            None => created.name == name.name,
                        };
                        matches.then_some(def.volatility)
                    }
                    _ => None,
                },
                _ => None,
            })
            .last()
    }
}

#[cfg(test)]
mod history_tests {
    use super::*;
    use crate::source::SourceFile;

    #[test]
    fn function_volatility_reads_the_latest_earlier_definition() {
        let first = SourceFile::new(
            "supabase/migrations/20240101000000_a.sql",
            "create function public.f() returns int language sql immutable as 'select 1';",
        );
        let second = SourceFile::new(
            "supabase/migrations/20240102000000_b.sql",
            "select 1; create or replace function f() returns int language sql as 'select 2';",
        );
        let facts = [FileFacts::new(&first), FileFacts::new(&second)];
        let history = History::new(vec![(&first, &facts[0]), (&second, &facts[1])]);
        let name = ObjectName {
            schema: None,
            name: "f".into(),
            span: Default::default(),
        };
        assert_eq!(
            history.function_volatility(&name, 1, 0),
            Some(Volatility::Immutable)
        );
        assert_eq!(
            history.function_volatility(&name, 1, 2),
            Some(Volatility::Volatile)
        );
        assert_eq!(history.function_volatility(&name, 0, 0), None);
    }
}
