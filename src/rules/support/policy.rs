//! The `CREATE POLICY` and `ALTER POLICY` statements of a file, with their clauses parsed
//! as expression trees and the policy they belong to in the history.

use std::ops::Range;

use crate::facts::expr::Expr;
use crate::facts::{ObjectName, PolicyClause, PolicyCommand, Statement, StatementKind};
use crate::history::{At, Point, PolicyRecord, QualifiedName};
use crate::rules::RuleContext;
use crate::source::Span;

use super::access::point_of;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClauseKind {
    Using,
    WithCheck,
}

impl ClauseKind {
    pub fn keyword(self) -> &'static str {
        match self {
            ClauseKind::Using => "USING",
            ClauseKind::WithCheck => "WITH CHECK",
        }
    }
}

/// A `USING ( … )` or `WITH CHECK ( … )` clause.
#[derive(Clone, Debug)]
pub struct Clause<'a> {
    pub kind: ClauseKind,
    /// The `USING` / `WITH CHECK` keyword(s).
    pub keyword_span: Span,
    /// Tokens inside the parentheses.
    pub tokens: Range<usize>,
    pub expr: &'a Expr,
    /// Whether this clause is the one the policy has at the end of the history: the policy
    /// is not dropped later and no later `ALTER POLICY` replaces the clause.
    pub is_live: bool,
}

/// A policy statement of the current file.
pub struct PolicyStatement<'a> {
    pub statement: &'a Statement,
    pub point: Point,
    pub is_create: bool,
    pub name: String,
    pub name_span: Span,
    pub table: Option<&'a ObjectName>,
    /// The policy in the history (for `ALTER POLICY`, the policy it changes).
    pub record: Option<&'a PolicyRecord<'a>>,
    /// The command: from the statement for `CREATE POLICY`, from the history for `ALTER`.
    pub command: Option<PolicyCommand>,
    pub is_permissive: bool,
    /// Roles this statement gives (`TO …`); `None` when it gives none.
    pub roles: Option<&'a [String]>,
    pub clauses: Vec<Clause<'a>>,
    /// Whether the policy is alive at the end of the history (unknown policies count).
    pub is_live: bool,
}

impl<'a> PolicyStatement<'a> {
    /// `schema.table`, `public` filled in: the table's name at the end of the history when
    /// it was renamed or moved later.
    pub fn table_name(&self) -> String {
        match self.record {
            Some(record) => record.table.to_string(),
            None => self
                .table
                .map(|t| QualifiedName::of(t).to_string())
                .unwrap_or_default(),
        }
    }

    pub fn clause(&self, kind: ClauseKind) -> Option<&Clause<'a>> {
        self.clauses.iter().find(|c| c.kind == kind)
    }

    /// The clauses of this statement that the policy still has at the end of the history:
    /// what end-state rules judge.
    pub fn live_clauses(&self) -> impl Iterator<Item = &Clause<'a>> {
        self.clauses.iter().filter(|c| c.is_live)
    }

    /// The roles the policy applies to at the end (this statement's own when the history
    /// does not know the policy); empty means PUBLIC.
    pub fn live_roles(&self) -> &'a [String] {
        match (self.record, self.roles) {
            (Some(record), _) => record.roles(),
            (None, Some(roles)) => roles,
            (None, None) => &[],
        }
    }
}

/// Whether the clause of `kind` written at `point` is the one `record` has at the end.
fn is_live_clause(record: Option<&PolicyRecord>, kind: ClauseKind, point: Point) -> bool {
    let Some(record) = record else {
        return true;
    };
    let live = match kind {
        ClauseKind::Using => &record.using,
        ClauseKind::WithCheck => &record.with_check,
    };
    record.is_live() && live.as_ref().is_some_and(|clause| clause.at.point == point)
}

/// The policy statement of the current file at `point`, when it is in this file.
pub fn policy_statement_at<'c, 'a>(
    ctx: &'c RuleContext<'a>,
    point: Point,
) -> Option<&'c PolicyStatement<'a>> {
    if point.file != ctx.file_index {
        return None;
    }
    // In statement order: found by search, not by reading the file's policies up to it.
    let policies = policy_statements(ctx);
    let first = policies.partition_point(|p| p.point < point);
    policies.get(first).filter(|p| p.point == point)
}

/// Every `CREATE POLICY` / `ALTER POLICY` of the current file, in order.
pub fn policy_statements<'c, 'a>(ctx: &'c RuleContext<'a>) -> &'c [PolicyStatement<'a>] {
    ctx.policies.get_or_init(|| read_policy_statements(ctx))
}

fn read_policy_statements<'a>(ctx: &RuleContext<'a>) -> Vec<PolicyStatement<'a>> {
    let db = &ctx.history.database;
    let mut policies = Vec::new();
    for statement in ctx.statements() {
        let point = point_of(ctx, statement);
        let clause = |record: Option<&PolicyRecord>,
                      kind,
                      keyword: Option<Span>,
                      clause: &'a Option<PolicyClause>| {
            let clause = clause.as_ref()?;
            Some(Clause {
                kind,
                keyword_span: keyword.unwrap_or_else(|| statement.head_span()),
                expr: &clause.expr,
                tokens: clause.tokens.clone(),
                is_live: is_live_clause(record, kind, point),
            })
        };
        match &statement.kind {
            StatementKind::Create(create) => {
                let crate::facts::CreateDetail::Policy(def) = &create.detail else {
                    continue;
                };
                let Some(name) = &create.name else { continue };
                let record = db.policy_created_at(point);
                policies.push(PolicyStatement {
                    statement,
                    point,
                    is_create: true,
                    name: name.name.clone(),
                    name_span: name.span,
                    table: def.table.as_ref(),
                    record,
                    command: Some(def.command),
                    is_permissive: def.is_permissive,
                    roles: def.has_to_clause.then_some(def.roles.as_slice()),
                    is_live: record.is_none_or(|r| r.is_live()),
                    clauses: [
                        clause(record, ClauseKind::Using, def.using_keyword, &def.using),
                        clause(
                            record,
                            ClauseKind::WithCheck,
                            def.with_check_keyword,
                            &def.with_check,
                        ),
                    ]
                    .into_iter()
                    .flatten()
                    .collect(),
                });
            }
            StatementKind::AlterPolicy(alter) => {
                let record = db.policy_altered_at(point);
                policies.push(PolicyStatement {
                    statement,
                    point,
                    is_create: false,
                    name: alter.name.clone(),
                    name_span: alter.name_span,
                    table: alter.table.as_ref(),
                    record,
                    command: record.map(|r| r.command()),
                    is_permissive: record.is_none_or(|r| r.def.is_permissive),
                    roles: alter.roles.as_deref(),
                    is_live: record.is_none_or(|r| r.is_live()),
                    clauses: [
                        clause(record, ClauseKind::Using, alter.using_keyword, &alter.using),
                        clause(
                            record,
                            ClauseKind::WithCheck,
                            alter.with_check_keyword,
                            &alter.with_check,
                        ),
                    ]
                    .into_iter()
                    .flatten()
                    .collect(),
                });
            }
            _ => {}
        }
    }
    policies
}

/// The clause expressions a policy has at the end of the history.
pub fn live_expressions<'r>(record: &'r PolicyRecord) -> impl Iterator<Item = &'r Expr> {
    [&record.using, &record.with_check]
        .into_iter()
        .flatten()
        .map(|clause| clause.expr)
}

/// How messages name the roles a policy applies to.
pub fn describe_roles(roles: &[String]) -> String {
    if roles.is_empty() || roles.iter().any(|r| r == "public") {
        return "PUBLIC (every role, `anon` included)".into();
    }
    super::access::quoted_list(roles)
}

/// The policy's name in the `CREATE POLICY` or `ALTER POLICY` at `at`, where a finding
/// about what that statement did to the policy points.
pub fn policy_name_span(at: &At) -> Span {
    match &at.statement.kind {
        StatementKind::Create(create) => create
            .name
            .as_ref()
            .map_or_else(|| at.statement.head_span(), |name| name.span),
        StatementKind::AlterPolicy(alter) => alter.name_span,
        _ => at.statement.head_span(),
    }
}

/// The statement that made the policy what it is for `command`s and roles: the latest of
/// its creation, the `ALTER POLICY … TO` that set its roles and the one that wrote its live
/// `USING` clause.
pub fn policy_using_introduced<'a>(record: &PolicyRecord<'a>) -> At<'a> {
    let mut latest = record.roles_set_at();
    if let Some(using) = &record.using {
        if using.at.point > latest.point {
            latest = using.at;
        }
    }
    latest
}
