//! The `CREATE POLICY` and `ALTER POLICY` statements of a file, with their clauses parsed
//! as expression trees and the policy they belong to in the history.

use std::ops::Range;

use crate::facts::expr::{parse_expr, Expr};
use crate::facts::{ObjectName, PolicyCommand, Statement, StatementKind};
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
pub struct Clause {
    pub kind: ClauseKind,
    /// The `USING` / `WITH CHECK` keyword(s).
    pub keyword_span: Span,
    /// Tokens inside the parentheses.
    pub tokens: Range<usize>,
    pub expr: Expr,
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
    pub clauses: Vec<Clause>,
}

impl PolicyStatement<'_> {
    /// `schema.table`, `public` filled in.
    pub fn table_name(&self) -> String {
        self.table
            .map(|t| QualifiedName::of(t).to_string())
            .unwrap_or_default()
    }

    pub fn clause(&self, kind: ClauseKind) -> Option<&Clause> {
        self.clauses.iter().find(|c| c.kind == kind)
    }
}

/// Every `CREATE POLICY` / `ALTER POLICY` of the current file, in order.
pub fn policy_statements<'c, 'a>(ctx: &'c RuleContext<'a>) -> &'c [PolicyStatement<'a>] {
    ctx.policies.get_or_init(|| read_policy_statements(ctx))
}

fn read_policy_statements<'a>(ctx: &RuleContext<'a>) -> Vec<PolicyStatement<'a>> {
    let source = ctx.text();
    let db = &ctx.history.database;
    let mut policies = Vec::new();
    for statement in ctx.statements() {
        let point = point_of(ctx, statement);
        let clause = |kind, keyword: Option<Span>, tokens: &Option<Range<usize>>| {
            let tokens = tokens.clone()?;
            let slice = statement.tokens.get(tokens.clone())?;
            Some(Clause {
                kind,
                keyword_span: keyword.unwrap_or_else(|| statement.head_span()),
                expr: parse_expr(source, slice),
                tokens,
            })
        };
        match &statement.kind {
            StatementKind::Create(create) => {
                let crate::facts::CreateDetail::Policy(def) = &create.detail else {
                    continue;
                };
                let Some(name) = &create.name else { continue };
                policies.push(PolicyStatement {
                    statement,
                    point,
                    is_create: true,
                    name: name.name.clone(),
                    name_span: name.span,
                    table: def.table.as_ref(),
                    record: db.policy_created_at(point),
                    command: Some(def.command),
                    is_permissive: def.is_permissive,
                    roles: def.has_to_clause.then_some(def.roles.as_slice()),
                    clauses: [
                        clause(ClauseKind::Using, def.using_keyword, &def.using),
                        clause(
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
                    clauses: [
                        clause(ClauseKind::Using, alter.using_keyword, &alter.using),
                        clause(
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

/// Every clause expression a policy has over its lifetime (creation and `ALTER POLICY`s).
pub fn record_expressions(record: &PolicyRecord) -> Vec<Expr> {
    let mut expressions = Vec::new();
    let mut push = |at: &At, range: &Option<Range<usize>>| {
        if let Some(tokens) = range.clone().and_then(|r| at.statement.tokens.get(r)) {
            expressions.push(parse_expr(at.source, tokens));
        }
    };
    push(&record.created, &record.def.using);
    push(&record.created, &record.def.with_check);
    for (at, alter) in &record.alters {
        push(at, &alter.using);
        push(at, &alter.with_check);
    }
    expressions
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
