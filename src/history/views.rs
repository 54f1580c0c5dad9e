//! Views and materialized views, with every `CREATE OR REPLACE` and `ALTER VIEW` of them.

use crate::facts::{AlterView, Create, ViewDef};

use super::privileges::GrantEvent;
use super::registry::Lifetime;
use super::{At, Point, QualifiedName};

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
    /// Grants and revokes on it (`ON TABLE` by name or `ALL TABLES IN SCHEMA`), in order;
    /// `CREATE OR REPLACE VIEW` keeps them.
    pub grants: Vec<GrantEvent<'a>>,
    pub dropped: Option<Point>,
}

impl<'a> ViewRecord<'a> {
    /// The first definition's statement: where the view was created.
    pub fn created_at(&self) -> Option<At<'a>> {
        self.definitions.first().map(|d| d.at)
    }

    /// The statement that first created it (its privileges date from then).
    pub fn created(&self) -> Point {
        self.definitions
            .first()
            .map(|d| d.at.point)
            .unwrap_or(Point::END)
    }

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

impl Lifetime for ViewRecord<'_> {
    fn dropped(&self) -> Option<Point> {
        self.dropped
    }
    fn end(&mut self, at: Point) {
        self.dropped.get_or_insert(at);
    }
}
