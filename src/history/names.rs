//! Where things happen in the history, and how objects are named in the catalog.

use crate::facts::{ObjectName, Statement};

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
