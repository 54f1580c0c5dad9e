//! Facts: what each statement of a file does, as rules read it.
//!
//! `parse` reads each statement; this module reads a file into [`FileFacts`]: its statements in
//! order with where they are, whether sqlparser accepted them (within a budget), and the
//! statements nested in `DO` blocks. The statement types rules read are re-exported here, so a
//! rule imports its facts from one place.

#[cfg(test)]
mod access_tests;
mod statement;
mod tokens;
#[cfg(test)]
mod validation_corpus_tests;

pub use crate::parse::ast::*;
pub use crate::parse::name::{identifier, string_literal, ObjectName};
pub use crate::parse::{body, expr};
pub use statement::Statement;
pub use tokens::StatementTokens;

use std::ops::Range;

use crate::parse::{parse_statement, validation};
use crate::source::{LexError, SourceFile, Span, Token};
use tokens::TokenStore;

/// Statements larger than this skip sqlparser (our parser still reads them), so one
/// pathological statement cannot cost seconds.
const MAX_PARSED_STATEMENT_BYTES: usize = 256 * 1024;

/// sqlparser reads at most this much of one file (the largest corpus migration is 83 KB);
/// the statements after it are read by our parser alone, so a 10 MB seed file
/// costs seconds of lexing, not minutes of parsing.
const MAX_PARSED_FILE_BYTES: usize = 1024 * 1024;

/// How much more sqlparser may read in this file.
struct ParseBudget(usize);

impl ParseBudget {
    /// Validates the statement `span` of `source`, lexed as `tokens`, while the budget lasts.
    fn parse(&mut self, source: &str, span: Span, tokens: &[Token]) -> bool {
        if span.len() > MAX_PARSED_STATEMENT_BYTES || span.len() > self.0 {
            return false;
        }
        self.0 -= span.len();
        validation::is_valid_sql(source, span, tokens)
    }
}

/// The facts of one file.
#[derive(Debug, Default)]
pub struct FileFacts {
    /// Top-level statements in order, each followed by the statements nested in it (DO blocks).
    pub statements: Vec<Statement>,
    /// Lexical errors: unterminated strings, identifiers, dollar quotes and comments.
    pub lex_errors: Vec<(LexError, Span)>,
}

impl FileFacts {
    pub fn new(file: &SourceFile) -> Self {
        Self::with_validation(file, true)
    }

    /// [`FileFacts::new`]; without `is_validating`, sqlparser reads nothing and no statement
    /// counts as parsed. Findings do not depend on it: `syntax-error` takes a statement not
    /// marked parsed to sqlparser itself.
    pub fn with_validation(file: &SourceFile, is_validating: bool) -> Self {
        let mut reader = Reader {
            source: &file.text,
            tokens: &file.tokens,
            do_block_tokens: TokenStore::default(),
            statements: Vec::new(),
            budget: ParseBudget(if is_validating {
                MAX_PARSED_FILE_BYTES
            } else {
                0
            }),
        };
        for raw in &file.statements {
            let parsed =
                reader
                    .budget
                    .parse(&file.text, raw.span, &file.tokens[raw.tokens.clone()]);
            reader.push(raw.tokens.clone(), raw.span, parsed, Nesting::TopLevel);
        }
        let Reader {
            do_block_tokens,
            statements,
            ..
        } = reader;
        let do_block_tokens = do_block_tokens.finish();
        FileFacts {
            statements: statements
                .into_iter()
                .enumerate()
                .map(|(index, read)| Statement {
                    index,
                    span: read.span,
                    tokens: StatementTokens::new(
                        if read.in_do_block {
                            &do_block_tokens
                        } else {
                            &file.tokens
                        },
                        read.tokens,
                    ),
                    parsed: read.parsed,
                    in_do_block: read.in_do_block,
                    guarded: read.guarded,
                    kind: read.kind,
                })
                .collect(),
            lex_errors: lex_errors(file),
        }
    }

    pub fn parsed_count(&self) -> usize {
        self.statements.iter().filter(|s| s.parsed).count()
    }
}

/// The tokens left unterminated (strings, quoted identifiers, comments), in file order.
fn lex_errors(file: &SourceFile) -> Vec<(LexError, Span)> {
    let mut errors: Vec<_> = file
        .tokens
        .iter()
        .chain(&file.comments)
        .filter_map(|t| t.error.map(|e| (e, t.span())))
        .collect();
    errors.sort_by_key(|(_, span)| span.start);
    errors
}

/// A statement read, its tokens a range of the file's tokens, or of the DO blocks' store
/// still being filled.
struct ReadStatement {
    span: Span,
    tokens: Range<usize>,
    parsed: bool,
    in_do_block: bool,
    guarded: bool,
    kind: StatementKind,
}

/// Reads the statements of one file.
struct Reader<'a> {
    source: &'a str,
    tokens: &'a [Token],
    /// The tokens of the statements in DO blocks, which the file's tokens hold as strings.
    do_block_tokens: TokenStore,
    statements: Vec<ReadStatement>,
    budget: ParseBudget,
}

impl Reader<'_> {
    fn push(&mut self, tokens: Range<usize>, span: Span, parsed: bool, nesting: Nesting) {
        let statement_tokens = match nesting {
            Nesting::TopLevel => &self.tokens[tokens.clone()],
            Nesting::DoBlock { .. } => self.do_block_tokens.get(tokens.clone()),
        };
        let mut kind = parse_statement(self.source, statement_tokens);
        // Nested DO blocks are rare; one level is what migrations use.
        let do_block = match (&mut kind, nesting) {
            (StatementKind::Do(block), Nesting::TopLevel) => Some((
                std::mem::take(&mut block.statements),
                block.catches_duplicates,
            )),
            _ => None,
        };
        let (in_do_block, guarded) = match nesting {
            Nesting::TopLevel => (false, false),
            Nesting::DoBlock { guarded } => (true, guarded),
        };
        self.statements.push(ReadStatement {
            span,
            tokens,
            parsed,
            in_do_block,
            guarded,
            kind,
        });
        if let Some((nested, catches_duplicates)) = do_block {
            for statement in nested {
                let parsed = self
                    .budget
                    .parse(self.source, statement.span, &statement.tokens);
                let guarded = catches_duplicates || statement.under_if;
                let range = self.do_block_tokens.push(&statement.tokens);
                self.push(range, statement.span, parsed, Nesting::DoBlock { guarded });
            }
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Nesting {
    TopLevel,
    DoBlock { guarded: bool },
}
