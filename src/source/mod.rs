//! Source text: the line index, tokens and statements of one file.

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
    pub tokens: Vec<Token>,
    pub statements: Vec<RawStatement>,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let line_index = LineIndex::new(&text);
        let mut tokens = tokenize(&text, 0);
        // Whitespace is the gaps between the other tokens' spans; nothing reads it as tokens,
        // and dropping it halves what every file of the history keeps.
        tokens.retain(|token| token.kind != TokenKind::Whitespace);
        tokens.shrink_to_fit();
        let statements = split_statements(&tokens, &text);
        SourceFile {
            path: path.into(),
            text,
            line_index,
            tokens,
            statements,
        }
    }

    /// The file name without its folders.
    pub fn file_name(&self) -> &str {
        self.path.rsplit('/').next().unwrap_or(&self.path)
    }
}
