use crate::declare_rule;
use crate::facts::{AlterTableActionKind, CreateDetail, ObjectKind, Statement, StatementKind};
use crate::parse::validation::{syntax_error_at, Rejection};
use crate::rules::{Findings, Rule, RuleContext};
use crate::source::{Span, Token};

declare_rule! {
    /// Reports statements PostgreSQL's grammar rejects, at the token where they go wrong.
    ///
    /// ## What it does
    /// Reads each statement with the SQL parser (sqlparser's PostgreSQL dialect) where its
    /// verdict is trustworthy, and flags the token where it stops: `CREATE TABLE`, `CREATE
    /// INDEX`, `CREATE SCHEMA`, `CREATE POLICY`, `ALTER TABLE` with column, constraint,
    /// rename and row-level-security actions, `INSERT`, `UPDATE`, `DELETE`, `SELECT`, and
    /// `DROP TABLE`/`VIEW`/`INDEX`/`POLICY`. After
    /// `CREATE`, an object type PostgreSQL does not know (`create tabel …`) is flagged
    /// whatever the statement.
    ///
    /// Not judged, because the parser rejects valid PostgreSQL there: function, procedure
    /// and trigger definitions and their bodies, `DO` blocks and the statements inside them,
    /// views (`CREATE RECURSIVE VIEW`), `CREATE TABLE … (LIKE other INCLUDING …)`,
    /// `CREATE INDEX CONCURRENTLY`, other `ALTER TABLE`
    /// actions (`SET SCHEMA`, `OWNER TO`, …), publications, `COMMENT ON`, `ALTER TYPE`,
    /// `ALTER SEQUENCE`, text search objects, grants, and anything else not listed above.
    /// Policy clauses PostgreSQL refuses for the command (also SQLSTATE 42601) are
    /// `policy-clauses` findings. Statements
    /// the parser cannot finish for depth are not judged either. A test runs every statement
    /// of the corpus and of the rule fixtures on PostgreSQL and checks this rule against the
    /// statements it rejects with SQLSTATE 42601.
    ///
    /// ## Why is this bad?
    /// The migration fails on every database with `syntax error at or near …`, and a typo
    /// such as `add colum nickname text` reads as a different statement to anything that
    /// guesses: no fix is applied inside a statement with a syntax error.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// alter table public.profiles add colum nickname text;
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// alter table public.profiles add column nickname text;
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: SQL syntax](https://www.postgresql.org/docs/current/sql-syntax.html)
    pub SyntaxError {
        id: "syntax-error",
        category: Engine,
        severity: Error,
        fix: None,
        options: [],
        sources: [],
        messages: {
            atToken: {
                message: "Syntax error at or near `{token}`: PostgreSQL rejects this statement.",
                help: "Correct the statement where it goes wrong.",
            },
            atEnd: {
                message: "Syntax error at the end of this statement: PostgreSQL expects more.",
                help: "Complete the statement.",
            },
            unplaced: {
                message: "Syntax error in this statement: PostgreSQL rejects it.",
                help: "Correct the statement.",
            },
            unknownObject: {
                message: "`CREATE {word}` is not a statement PostgreSQL knows.",
                help: "Check the object type's spelling.",
            },
        },
    }
}

/// What may follow `CREATE` (after `OR REPLACE` and the modifiers the facts reader skips).
const CREATABLE: &[&str] = &[
    "access",
    "aggregate",
    "cast",
    "collation",
    "conversion",
    "database",
    "domain",
    "event",
    "extension",
    "foreign",
    "function",
    "group",
    "index",
    "language",
    "materialized",
    "operator",
    "policy",
    "procedure",
    "publication",
    "role",
    "rule",
    "schema",
    "sequence",
    "server",
    "statistics",
    "subscription",
    "table",
    "tablespace",
    "text",
    "transform",
    "trigger",
    "type",
    "user",
    "view",
];

/// Whether sqlparser's verdict on this statement matches PostgreSQL's.
fn is_judged(statement: &Statement) -> bool {
    if statement.in_do_block {
        return false;
    }
    match &statement.kind {
        StatementKind::Create(create) => match &create.detail {
            // The parser does not read `LIKE other INCLUDING …`.
            CreateDetail::Table(table) => !table.has_like,
            CreateDetail::Index(index) => !index.is_concurrently,
            _ => matches!(create.object, ObjectKind::Schema | ObjectKind::Policy),
        },
        StatementKind::Drop(drop) => {
            matches!(
                drop.object,
                ObjectKind::Table | ObjectKind::View | ObjectKind::Index | ObjectKind::Policy
            ) && !drop.is_concurrently
        }
        // Only the actions the parser is known to read like PostgreSQL (not `SET SCHEMA`,
        // `OWNER TO`, `REPLICA IDENTITY`, partitions, …).
        StatementKind::AlterTable(alter) => alter.actions.iter().all(|action| {
            matches!(
                action.kind,
                AlterTableActionKind::AddColumn { .. }
                    | AlterTableActionKind::DropColumn { .. }
                    | AlterTableActionKind::AddConstraint(_)
                    | AlterTableActionKind::DropConstraint { .. }
                    | AlterTableActionKind::AlterColumnType { .. }
                    | AlterTableActionKind::SetNotNull { .. }
                    | AlterTableActionKind::DropNotNull { .. }
                    | AlterTableActionKind::SetDefault { .. }
                    | AlterTableActionKind::RenameColumn { .. }
                    | AlterTableActionKind::RenameTable { .. }
                    | AlterTableActionKind::EnableRls
                    | AlterTableActionKind::DisableRls
            )
        }),
        StatementKind::Insert(_) | StatementKind::Update(_) | StatementKind::Delete(_) => true,
        StatementKind::Other { keyword } => keyword == "select",
        _ => false,
    }
}

/// What is wrong with a statement PostgreSQL's grammar rejects.
pub enum SyntaxProblem<'t> {
    /// An object type after `CREATE` that PostgreSQL does not know: the word.
    UnknownObject(Span),
    /// The token where the parser stops.
    AtToken(&'t Token),
    /// The statement ends too early.
    AtEnd(Span),
    /// Rejected for a reason that carries no place: the statement's first token.
    Unplaced(Span),
}

/// The statements of a file PostgreSQL rejects, with their problem: what this rule reports,
/// and where the fixer applies no fix (whether or not the rule is on).
pub fn syntax_problems<'t>(
    text: &str,
    statements: &'t [Statement],
) -> Vec<(&'t Statement, SyntaxProblem<'t>)> {
    let mut problems = Vec::new();
    for statement in statements {
        if let Some(span) = unknown_object(text, statement) {
            problems.push((statement, SyntaxProblem::UnknownObject(span)));
            continue;
        }
        // A statement the validation pass accepted needs no second look.
        if statement.parsed || !is_judged(statement) {
            continue;
        }
        let tokens = &statement.tokens[..];
        let last = tokens.last().map_or(statement.span, |t| t.span());
        let problem = match syntax_error_at(text, statement.span, tokens) {
            None => continue,
            Some(Rejection::Unplaced) => {
                SyntaxProblem::Unplaced(tokens.first().map_or(statement.span, |t| t.span()))
            }
            Some(Rejection::At(at)) => tokens
                .iter()
                .find(|t| t.span().start >= at && at < statement.span.end)
                .map_or(SyntaxProblem::AtEnd(last), SyntaxProblem::AtToken),
        };
        problems.push((statement, problem));
    }
    problems
}

impl Rule for SyntaxError {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        let text = ctx.text();
        for (_, problem) in syntax_problems(text, ctx.statements()) {
            match problem {
                SyntaxProblem::UnknownObject(span) => {
                    let word = span.text(text).to_uppercase();
                    findings.report("unknownObject", span, vec![("word", word)]);
                }
                SyntaxProblem::AtToken(token) => {
                    let data = vec![("token", token.text(text).to_string())];
                    findings.report("atToken", token.span(), data);
                }
                SyntaxProblem::AtEnd(span) => {
                    findings.report("atEnd", span, vec![]);
                }
                SyntaxProblem::Unplaced(span) => {
                    findings.report("unplaced", span, vec![]);
                }
            }
        }
    }
}

/// `CREATE <word>` where `<word>` names no object PostgreSQL can create: the word.
fn unknown_object(text: &str, statement: &Statement) -> Option<Span> {
    let StatementKind::Create(create) = &statement.kind else {
        return None;
    };
    if create.object != ObjectKind::Other || statement.in_do_block {
        return None;
    }
    let token = statement
        .tokens
        .iter()
        .find(|t| t.span().start >= create.object_span.start)?;
    let word = token.text(text);
    let is_word = word.chars().all(|c| c.is_ascii_alphabetic() || c == '_');
    (is_word && !CREATABLE.contains(&word.to_ascii_lowercase().as_str())).then(|| token.span())
}
