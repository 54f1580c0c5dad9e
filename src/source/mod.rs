//! Source text: the line index, tokens and statements of one file.

use std::sync::Arc;

mod lexer;
mod lexical_ranges;
mod line_index;
mod span;
mod splitter;

pub use lexer::{tokenize, LexError, Token, TokenKind};
pub use lexical_ranges::{lexical_ranges, CommentRange, LexicalRanges};
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
    /// The line break the file already uses ([`line_break_of`]), found once: fixes ask for it
    /// each time, and searching the whole text each time made a file of many fixes quadratic.
    pub line_break: &'static str,
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
        let line_break = line_break_of(&text);
        SourceFile {
            path: path.into(),
            text,
            line_index,
            tokens: tokens.into(),
            comments,
            statements,
            line_break,
        }
    }

    /// The statement that spans exactly `span`, found by binary search (the statements are in
    /// text order).
    pub fn statement_at(&self, span: Span) -> Option<&RawStatement> {
        let index = self
            .statements
            .partition_point(|raw| raw.span.start < span.start);
        self.statements[index..]
            .iter()
            .take_while(|raw| raw.span.start == span.start)
            .find(|raw| raw.span == span)
    }

    /// The offset where the line holding `offset` starts.
    pub fn line_start_of(&self, offset: usize) -> usize {
        self.line_index.line_start(self.line_index.line_of(offset))
    }

    /// The file name without its folders.
    pub fn file_name(&self) -> &str {
        self.path.rsplit('/').next().unwrap_or(&self.path)
    }
}

/// The line break a text uses: `\r\n` when it has one, else `\n` when it has one, else `\r`
/// when it has one, else `\n`; so a fix does not mix `\n` into a CRLF file or one whose lines
/// end with a lone `\r`.
pub fn line_break_of(text: &str) -> &'static str {
    // The byte search (word at a time) settles the usual file without `\r` about ten times
    // faster than the substring search alone.
    if !text.as_bytes().contains(&b'\r') {
        "\n"
    } else if text.contains("\r\n") {
        "\r\n"
    } else if text.as_bytes().contains(&b'\n') {
        "\n"
    } else {
        "\r"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_break_is_the_one_the_file_uses() {
        assert_eq!(line_break_of("a;\r\nb;\n"), "\r\n");
        assert_eq!(line_break_of("a;\rb;\n"), "\n");
        assert_eq!(line_break_of("a;\rb;"), "\r");
        assert_eq!(line_break_of("a; b;"), "\n");
        assert_eq!(SourceFile::new("a.sql", "a;\r\nb;").line_break, "\r\n");
    }

    #[test]
    fn statements_and_line_starts_are_found_by_search() {
        let file = SourceFile::new("a.sql", "select 1;\r\n  select 2; select 3;\rselect 4");
        for raw in &file.statements {
            assert_eq!(file.statement_at(raw.span).map(|r| r.span), Some(raw.span));
        }
        assert!(file.statement_at(Span::new(1, 3)).is_none());
        let second = file.text.find("select 2").expect("in the text");
        assert_eq!(file.line_start_of(second), second - 2);
        let third = file.text.find("select 3").expect("in the text");
        assert_eq!(file.line_start_of(third), second - 2);
        let fourth = file.text.find("select 4").expect("in the text");
        assert_eq!(file.line_start_of(fourth), fourth);
    }
}
