//! The history: every linted file in migration-version order, with its facts.
//!
//! Cross-file rules ask the history what earlier and later migrations do to the database.

mod database;

pub use database::*;

use crate::facts::{FileFacts, Statement};
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
        History { files, database }
    }

    /// Every statement of the history in order, with the index of its file.
    pub fn statements(&self) -> impl Iterator<Item = (usize, &'a Statement)> + '_ {
        self.files
            .iter()
            .enumerate()
            .flat_map(|(i, file)| file.facts.statements.iter().map(move |s| (i, s)))
    }

    pub fn index_of(&self, path: &str) -> Option<usize> {
        self.files.iter().position(|f| f.source.path == path)
    }
}
