//! The significant tokens of a file's statements, kept once for the whole file.

use std::fmt;
use std::ops::{Deref, Range};
use std::sync::Arc;

use crate::source::Token;

/// A statement's significant tokens (no comments, no `;`), with spans in the file. It is a
/// range of a store its neighbours share: the file's [`crate::source::SourceFile::tokens`]
/// (or a [`TokenStore`] for statements inside a DO block). The history keeps every file's
/// statements for the whole run, and one copy of the tokens per statement was most of that
/// memory. Derefs to the token slice.
#[derive(Clone)]
pub struct StatementTokens {
    store: Arc<[Token]>,
    /// `u32` keeps this as small as the `Vec` it replaces; a file is far below 4 G tokens
    /// (`lint::MAX_FILE_BYTES`).
    range: Range<u32>,
}

impl StatementTokens {
    /// The tokens `range` of `store`.
    pub fn new(store: &Arc<[Token]>, range: Range<usize>) -> Self {
        StatementTokens {
            store: Arc::clone(store),
            range: range.start as u32..range.end as u32,
        }
    }
}

impl Deref for StatementTokens {
    type Target = [Token];

    fn deref(&self) -> &[Token] {
        &self.store[self.range.start as usize..self.range.end as usize]
    }
}

impl<'a> IntoIterator for &'a StatementTokens {
    type Item = &'a Token;
    type IntoIter = std::slice::Iter<'a, Token>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl fmt::Debug for StatementTokens {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// Collects the statements' tokens into one store.
#[derive(Default)]
pub struct TokenStore {
    tokens: Vec<Token>,
}

impl TokenStore {
    /// Appends tokens that are already significant and returns their range in the store.
    pub fn push(&mut self, tokens: &[Token]) -> Range<usize> {
        let start = self.tokens.len();
        self.tokens.extend_from_slice(tokens);
        start..self.tokens.len()
    }

    pub fn get(&self, range: Range<usize>) -> &[Token] {
        &self.tokens[range]
    }

    /// The store, to share between the [`StatementTokens`] of the ranges `push` returned.
    pub fn finish(self) -> Arc<[Token]> {
        self.tokens.into()
    }
}
