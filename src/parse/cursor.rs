//! The one cursor over significant tokens that every reader of `parse` walks with: statement
//! reading, the expression parser and function-body reading.

use std::ops::Range;

use crate::source::{Span, Token, TokenKind};

use super::name::{identifier, ObjectName};

/// A position in a range of tokens. Indices are into `tokens`; the cursor reads up to `end`
/// (all of `tokens` unless it was made [`Cursor::within`] a group).
pub struct Cursor<'a> {
    pub source: &'a str,
    pub tokens: &'a [Token],
    pub pos: usize,
    /// Exclusive end of the range being read.
    end: usize,
}

impl<'a> Cursor<'a> {
    pub fn new(source: &'a str, tokens: &'a [Token]) -> Self {
        Cursor {
            source,
            tokens,
            pos: 0,
            end: tokens.len(),
        }
    }

    /// A cursor over `range` of the same tokens, at its start.
    pub fn within(&self, range: Range<usize>) -> Cursor<'a> {
        Cursor {
            source: self.source,
            tokens: self.tokens,
            pos: range.start,
            end: range.end,
        }
    }

    /// Exclusive end of the range being read.
    pub fn end(&self) -> usize {
        self.end
    }

    /// Moves to the end of the range.
    pub fn skip_rest(&mut self) {
        self.pos = self.end;
    }

    pub fn at_end(&self) -> bool {
        self.peek().is_none()
    }

    pub fn peek(&self) -> Option<&'a Token> {
        self.peek_at(0)
    }

    pub fn peek_at(&self, ahead: usize) -> Option<&'a Token> {
        let index = self.pos + ahead;
        (index < self.end).then(|| self.tokens.get(index)).flatten()
    }

    pub fn advance(&mut self) -> Option<&'a Token> {
        let token = self.peek();
        if token.is_some() {
            self.pos += 1;
        }
        token
    }

    pub fn is_word(&self, word: &str) -> bool {
        self.is_word_at(0, word)
    }

    pub fn is_word_at(&self, ahead: usize, word: &str) -> bool {
        self.peek_at(ahead)
            .is_some_and(|t| t.is_word(self.source, word))
    }

    pub fn is_any_word(&self, words: &[&str]) -> bool {
        words.iter().any(|w| self.is_word(w))
    }

    pub fn is_punct(&self, punct: &str) -> bool {
        self.is_punct_at(0, punct)
    }

    pub fn is_punct_at(&self, ahead: usize, punct: &str) -> bool {
        self.peek_at(ahead)
            .is_some_and(|t| t.is_punct(self.source, punct))
    }

    /// Consumes `word` when it is next.
    pub fn eat_word(&mut self, word: &str) -> bool {
        let found = self.is_word(word);
        if found {
            self.pos += 1;
        }
        found
    }

    /// Consumes the whole sequence `words` when it is next, or nothing.
    pub fn eat_words(&mut self, words: &[&str]) -> bool {
        let found = words.iter().enumerate().all(|(i, w)| self.is_word_at(i, w));
        if found {
            self.pos += words.len();
        }
        found
    }

    /// Consumes the first of `words` that is next, returning it.
    pub fn eat_any_word(&mut self, words: &[&'static str]) -> Option<&'static str> {
        let found = words.iter().copied().find(|w| self.is_word(w))?;
        self.pos += 1;
        Some(found)
    }

    pub fn eat_punct(&mut self, punct: &str) -> bool {
        let found = self.is_punct(punct);
        if found {
            self.pos += 1;
        }
        found
    }

    pub fn eat_operator(&mut self, op: &str) -> bool {
        let found = self.peek().is_some_and(|t| t.is_operator(self.source, op));
        if found {
            self.pos += 1;
        }
        found
    }

    /// Whether the token `ahead` is the identifier `name`, quoted or not (`"search_path"`).
    pub fn is_identifier_at(&self, ahead: usize, name: &str) -> bool {
        self.peek_at(ahead)
            .and_then(|t| identifier(t, self.source))
            .is_some_and(|id| id == name)
    }

    /// Consumes the identifier `name`, quoted or not.
    pub fn eat_identifier(&mut self, name: &str) -> bool {
        let found = self.is_identifier_at(0, name);
        if found {
            self.pos += 1;
        }
        found
    }

    /// Consumes the identifier at the cursor, returning it folded, with its span.
    pub fn identifier(&mut self) -> Option<(String, Span)> {
        let token = self.peek()?;
        let name = identifier(token, self.source)?;
        self.pos += 1;
        Some((name, token.span()))
    }

    /// The next word, lower case.
    pub fn word_text(&self) -> Option<String> {
        self.peek()
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| t.text(self.source).to_ascii_lowercase())
    }

    /// The span of token `index`, or an empty one past the tokens.
    pub fn span_at(&self, index: usize) -> Span {
        self.tokens.get(index).map(|t| t.span()).unwrap_or_default()
    }

    /// The span of the token just consumed.
    pub fn previous_span(&self) -> Span {
        self.pos
            .checked_sub(1)
            .and_then(|i| self.tokens.get(i))
            .map(|t| t.span())
            .unwrap_or_default()
    }

    /// The span from token `start` to the last consumed token (empty, at token `start`, when
    /// nothing was consumed).
    pub fn span_from(&self, start: usize) -> Span {
        if self.pos > start {
            self.span_at(start).cover(self.span_at(self.pos - 1))
        } else {
            Span::empty_at(
                self.span_at(start.min(self.tokens.len().saturating_sub(1)))
                    .start,
            )
        }
    }

    /// The text from token `start` to the last consumed token.
    pub fn text_from(&self, start: usize) -> String {
        if start >= self.pos {
            return String::new();
        }
        self.span_from(start).text(self.source).to_string()
    }

    /// Reads the dotted parts of a name, `a.b.c`, folded (and a final `.*` as a `*` part when
    /// `allow_star`); nothing when the cursor is not at an identifier.
    pub fn name_parts(&mut self, allow_star: bool) -> Vec<String> {
        let Some(first) = self.peek().and_then(|t| identifier(t, self.source)) else {
            return Vec::new();
        };
        let mut parts = vec![first];
        self.pos += 1;
        while self.is_punct(".") {
            let Some(next) = self.peek_at(1) else { break };
            if allow_star && next.is_operator(self.source, "*") {
                parts.push("*".into());
                self.pos += 2;
                break;
            }
            let Some(part) = identifier(next, self.source) else {
                break;
            };
            parts.push(part);
            self.pos += 2;
        }
        parts
    }

    /// Reads `[db.]schema.name`, `schema.name` or `name`.
    pub fn name(&mut self) -> Option<ObjectName> {
        let start = self.pos;
        let parts = self.name_parts(false);
        if parts.is_empty() {
            return None;
        }
        Some(ObjectName::from_parts(parts, self.span_from(start)))
    }

    /// Reads a comma-separated list of names.
    pub fn name_list(&mut self) -> Vec<ObjectName> {
        let mut names = Vec::new();
        while let Some(name) = self.name() {
            names.push(name);
            // Skip an argument list, as in `DROP FUNCTION f(int), g()`.
            if self.is_punct("(") {
                self.skip_group();
            }
            if !self.eat_punct(",") {
                break;
            }
        }
        names
    }

    /// When the next token opens a `(`/`[` group, the index of its closing token (or the
    /// range's end when it is unbalanced).
    pub fn group_end(&self) -> Option<usize> {
        let open = self.peek()?;
        if !(open.is_punct(self.source, "(") || open.is_punct(self.source, "[")) {
            return None;
        }
        Some(matching_close(
            self.source,
            &self.tokens[..self.end],
            self.pos,
        ))
    }

    /// When the next token opens a `(`/`[` group, skips to after its closing token and
    /// returns the index range of the tokens inside. Unbalanced groups run to the end.
    pub fn skip_group(&mut self) -> Option<Range<usize>> {
        let close = self.group_end()?;
        let inner_start = self.pos + 1;
        self.pos = (close + 1).min(self.end);
        Some(inner_start..close.min(self.end))
    }

    /// `[AS] alias [(columns)]`: skips it when the word after the optional `AS` is an alias.
    /// A quoted identifier always is; `is_alias_word(word, had_as)` decides for a word (lower
    /// case), since what may follow a relation differs between a query and a function body.
    pub fn skip_alias(&mut self, is_alias_word: impl Fn(&str, bool) -> bool) {
        let had_as = self.eat_word("as");
        let is_alias = self.peek().is_some_and(|t| match t.kind {
            TokenKind::QuotedIdent => true,
            TokenKind::Word => is_alias_word(&t.text(self.source).to_ascii_lowercase(), had_as),
            _ => false,
        });
        if is_alias {
            self.pos += 1;
            if self.is_punct("(") {
                self.skip_group();
            }
        }
    }

    /// Advances to the next top-level occurrence of `word` (outside parentheses).
    pub fn seek_word(&mut self, word: &str) -> bool {
        while let Some(token) = self.peek() {
            if token.is_word(self.source, word) {
                return true;
            }
            if self.skip_group().is_none() {
                self.pos += 1;
            }
        }
        false
    }

    /// The index of the next comma outside parentheses in the range.
    pub fn top_level_comma(&self) -> Option<usize> {
        let mut depth = 0usize;
        for index in self.pos..self.end {
            let token = self.tokens.get(index)?;
            if token.kind != TokenKind::Punct {
                continue;
            }
            match token.text(self.source) {
                "(" | "[" => depth += 1,
                ")" | "]" => depth = depth.saturating_sub(1),
                "," if depth == 0 => return Some(index),
                _ => {}
            }
        }
        None
    }
}

/// The index of the token closing the group opened at `open`, or `tokens.len()`.
pub fn matching_close(source: &str, tokens: &[Token], open: usize) -> usize {
    let mut depth = 0usize;
    for (index, token) in tokens.iter().enumerate().skip(open) {
        if token.kind != TokenKind::Punct {
            continue;
        }
        match token.text(source) {
            "(" | "[" => depth += 1,
            ")" | "]" => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return index;
                }
            }
            _ => {}
        }
    }
    tokens.len()
}

/// Splits `tokens` on top-level commas, returning index ranges.
pub fn split_top_level_commas(
    source: &str,
    tokens: &[Token],
    range: Range<usize>,
) -> Vec<Range<usize>> {
    let mut items = Vec::new();
    let mut cursor = Cursor {
        source,
        tokens,
        pos: range.start,
        end: range.end,
    };
    while let Some(comma) = cursor.top_level_comma() {
        items.push(cursor.pos..comma);
        cursor.pos = comma + 1;
    }
    if cursor.pos < range.end {
        items.push(cursor.pos..range.end);
    }
    items
}
