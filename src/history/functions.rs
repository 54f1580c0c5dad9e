//! Functions: each overload, with every `CREATE OR REPLACE` and `ALTER FUNCTION` of it.

use crate::facts::{AlterFunction, Create, FunctionDef};

use super::privileges::GrantEvent;
use super::registry::Lifetime;
use super::{At, Point, QualifiedName};

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

impl Lifetime for FunctionRecord<'_> {
    fn dropped(&self) -> Option<Point> {
        self.dropped
    }
    fn end(&mut self, at: Point) {
        self.dropped.get_or_insert(at);
    }
}
