//! A cursor over a statement's significant tokens, for the token-level extractors.

use crate::source::{Span, Token, TokenKind};

use super::name::{identifier, ObjectName};

pub struct Cursor<'a> {
    pub source: &'a str,
    pub tokens: &'a [Token],
    pub pos: usize,
}

impl<'a> Cursor<'a> {
    pub fn new(source: &'a str, tokens: &'a [Token]) -> Self {
        Cursor {
            source,
            tokens,
            pos: 0,
        }
    }

    pub fn at_end(&self) -> bool {
        self.pos >= self.tokens.len()
    }

    pub fn peek(&self) -> Option<&'a Token> {
        self.tokens.get(self.pos)
    }

    pub fn peek_at(&self, ahead: usize) -> Option<&'a Token> {
        self.tokens.get(self.pos + ahead)
    }

    pub fn advance(&mut self) -> Option<&'a Token> {
        let token = self.tokens.get(self.pos);
        if token.is_some() {
            self.pos += 1;
        }
        token
    }

    pub fn is_word(&self, word: &str) -> bool {
        self.peek().is_some_and(|t| t.is_word(self.source, word))
    }

    pub fn is_word_at(&self, ahead: usize, word: &str) -> bool {
        self.peek_at(ahead)
            .is_some_and(|t| t.is_word(self.source, word))
    }

    pub fn is_punct(&self, punct: &str) -> bool {
        self.peek().is_some_and(|t| t.is_punct(self.source, punct))
    }

    /// Consumes `word` when it is next.
    pub fn eat_word(&mut self, word: &str) -> bool {
        if self.is_word(word) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// Consumes the whole sequence `words` when it is next, or nothing.
    pub fn eat_words(&mut self, words: &[&str]) -> bool {
        let matches = words.iter().enumerate().all(|(i, w)| self.is_word_at(i, w));
        if matches {
            self.pos += words.len();
        }
        matches
    }

    /// Consumes the first of `words` that is next, returning it.
    pub fn eat_any_word(&mut self, words: &[&'static str]) -> Option<&'static str> {
        let found = words.iter().copied().find(|w| self.is_word(w))?;
        self.pos += 1;
        Some(found)
    }

    pub fn eat_punct(&mut self, punct: &str) -> bool {
        if self.is_punct(punct) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// The span of the token just consumed.
    pub fn previous_span(&self) -> Span {
        self.pos
            .checked_sub(1)
            .and_then(|i| self.tokens.get(i))
            .map(|t| t.span())
            .unwrap_or_default()
    }

    /// Reads `[db.]schema.name`, `schema.name` or `name`.
    pub fn name(&mut self) -> Option<ObjectName> {
        let first = self.peek()?;
        let mut parts = vec![identifier(first, self.source)?];
        let start = first.span().start;
        let mut end = first.span().end;
        self.pos += 1;
        while self.is_punct(".") {
            let Some(next) = self.peek_at(1) else { break };
            let Some(part) = identifier(next, self.source) else {
                break;
            };
            parts.push(part);
            end = next.span().end;
            self.pos += 2;
        }
        let name = parts.pop()?;
        Some(ObjectName {
            schema: parts.pop(),
            name,
            span: Span::new(start, end),
        })
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

    /// When the next token opens a `(`/`[` group, skips to after its closing token and
    /// returns the index range of the tokens inside. Unbalanced groups run to the end.
    pub fn skip_group(&mut self) -> Option<std::ops::Range<usize>> {
        let open = self.peek()?;
        if !(open.is_punct(self.source, "(") || open.is_punct(self.source, "[")) {
            return None;
        }
        let inner_start = self.pos + 1;
        let end = matching_close(self.source, self.tokens, self.pos);
        self.pos = (end + 1).min(self.tokens.len());
        Some(inner_start..end.min(self.tokens.len()))
    }

    /// Advances to the next top-level occurrence of `word` (outside parentheses).
    pub fn seek_word(&mut self, word: &str) -> bool {
        while let Some(token) = self.peek() {
            if token.is_word(self.source, word) {
                return true;
            }
            if token.is_punct(self.source, "(") || token.is_punct(self.source, "[") {
                self.skip_group();
            } else {
                self.pos += 1;
            }
        }
        false
    }

    pub fn word_text(&self) -> Option<String> {
        self.peek()
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| t.text(self.source).to_ascii_lowercase())
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
    range: std::ops::Range<usize>,
) -> Vec<std::ops::Range<usize>> {
    let mut items = Vec::new();
    let mut depth = 0usize;
    let mut start = range.start;
    for index in range.clone() {
        let token = &tokens[index];
        if token.kind != TokenKind::Punct {
            continue;
        }
        match token.text(source) {
            "(" | "[" => depth += 1,
            ")" | "]" => depth = depth.saturating_sub(1),
            "," if depth == 0 => {
                items.push(start..index);
                start = index + 1;
            }
            _ => {}
        }
    }
    if start < range.end {
        items.push(start..range.end);
    }
    items
}
