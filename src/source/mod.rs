//! Source text: the line index, tokens and statements of one file.

use std::sync::Arc;

mod lexer;
mod line_index;
mod span;
mod splitter;

pub use lexer::{tokenize, LexError, Token, TokenKind};
pub use line_index::{clamp_to_char_boundary, LineIndex, Position};
pub use span::Span;
pub use splitter::{split_statements, RawStatement};

/// One migration file, lexed and split.
#[derive(Debug)]
pub struct SourceFile {
    /// Path relative to the project root, with `/` separators.
    pub path: String,
    pub text: String,
    pub line_index: LineIndex,
    /// The significant tokens: neither whitespace, comments nor `;`. They are what the facts
    /// read, and the statements of the file share them (the history keeps every file's).
    pub tokens: Arc<[Token]>,
    /// The comments, where directives and runner markers are read.
    pub comments: Vec<Token>,
    /// The statements; their token ranges index [`SourceFile::tokens`].
    pub statements: Vec<RawStatement>,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let line_index = LineIndex::new(&text);
        let lexed = tokenize(&text, 0);
        let mut statements = split_statements(&lexed, &text);
        let mut tokens = Vec::with_capacity(lexed.len());
        let mut comments = Vec::new();
        // `significant[i]`: how many significant tokens precede `lexed[i]`, to move the
        // statements' ranges from `lexed` to `tokens`.
        let mut significant = Vec::with_capacity(lexed.len() + 1);
        for token in &lexed {
            significant.push(tokens.len());
            match token.kind {
                TokenKind::LineComment | TokenKind::BlockComment => comments.push(*token),
                _ if token.is_punct(&text, ";") => {}
                _ => tokens.push(*token),
            }
        }
        significant.push(tokens.len());
        for statement in &mut statements {
            statement.tokens =
                significant[statement.tokens.start]..significant[statement.tokens.end];
        }
        comments.shrink_to_fit();
        SourceFile {
            path: path.into(),
            text,
            line_index,
            tokens: tokens.into(),
            comments,
            statements,
        }
    }

    /// The file name without its folders.
    pub fn file_name(&self) -> &str {
        self.path.rsplit('/').next().unwrap_or(&self.path)
    }
}
