//! Policies: each `CREATE POLICY`, followed through `ALTER POLICY` to its `DROP`.

use crate::facts::expr::Expr;
use crate::facts::{AlterPolicy, PolicyClause, PolicyCommand, PolicyDef};

use super::registry::Lifetime;
use super::{At, Point, QualifiedName};

#[derive(Debug)]
pub struct PolicyRecord<'a> {
    pub name: String,
    pub table: QualifiedName,
    pub created: At<'a>,
    pub def: &'a PolicyDef,
    pub alters: Vec<(At<'a>, &'a AlterPolicy)>,
    pub dropped: Option<Point>,
    /// The live `USING` clause and the statement that wrote it.
    pub using: Option<LiveClause<'a>>,
    /// The live `WITH CHECK` clause and the statement that wrote it.
    pub with_check: Option<LiveClause<'a>>,
}

/// A policy clause as it stands at the end, with the statement that wrote it.
#[derive(Clone, Copy, Debug)]
pub struct LiveClause<'a> {
    pub at: At<'a>,
    pub expr: &'a Expr,
}

impl<'a> PolicyRecord<'a> {
    pub(super) fn new(name: String, table: QualifiedName, at: At<'a>, def: &'a PolicyDef) -> Self {
        let clause = |clause: &'a Option<PolicyClause>| {
            clause.as_ref().map(|c| LiveClause { at, expr: &c.expr })
        };
        PolicyRecord {
            name,
            table,
            created: at,
            def,
            alters: Vec::new(),
            dropped: None,
            using: clause(&def.using),
            with_check: clause(&def.with_check),
        }
    }

    pub(super) fn alter(&mut self, at: At<'a>, alter: &'a AlterPolicy) {
        self.alters.push((at, alter));
        if let Some(to) = &alter.rename_to {
            self.name = to.clone();
        }
        if let Some(clause) = &alter.using {
            self.using = Some(LiveClause {
                at,
                expr: &clause.expr,
            });
        }
        if let Some(clause) = &alter.with_check {
            self.with_check = Some(LiveClause {
                at,
                expr: &clause.expr,
            });
        }
    }

    /// The statement that last set the roles (`TO …`) it applies to.
    pub fn roles_set_at(&self) -> At<'a> {
        self.alters
            .iter()
            .rev()
            .find(|(_, alter)| alter.roles.is_some())
            .map(|(at, _)| *at)
            .unwrap_or(self.created)
    }

    /// The statement that last changed what it admits (its clauses or roles): where an
    /// end-state finding about it belongs.
    pub fn introduced_at(&self) -> Point {
        [
            Some(self.created.point),
            self.using.as_ref().map(|c| c.at.point),
            self.with_check.as_ref().map(|c| c.at.point),
            Some(self.roles_set_at().point),
        ]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(self.created.point)
    }

    /// Whether it admits rows (OR-ed with others) rather than restricting them (AND-ed).
    pub fn is_permissive(&self) -> bool {
        self.def.is_permissive
    }

    /// Whether it applies to `command` (`FOR ALL` applies to each).
    pub fn applies_to(&self, command: PolicyCommand) -> bool {
        self.def.command == command || self.def.command == PolicyCommand::All
    }

    /// Whether it applies to `role`: named in `TO`, or `TO PUBLIC` (every role).
    pub fn applies_to_role(&self, role: &str) -> bool {
        let roles = self.roles();
        roles.is_empty() || roles.iter().any(|r| r == role || r == "public")
    }

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

impl Lifetime for PolicyRecord<'_> {
    fn dropped(&self) -> Option<Point> {
        self.dropped
    }
    fn end(&mut self, at: Point) {
        self.dropped.get_or_insert(at);
    }
}

impl super::registry::OnTable for PolicyRecord<'_> {
    fn set_table(&mut self, table: QualifiedName) {
        self.table = table;
    }
}
