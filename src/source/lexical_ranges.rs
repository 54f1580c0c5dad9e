//! Where a text's comments and quoted tokens are, in UTF-16 offsets: the hosts read comments
//! themselves (ESLint's directive comments) and must not write one inside a quoted token (the
//! language server's quick fixes), and they ask the lexer rather than imitate it.

use serde::Serialize;

use super::{tokenize, LineIndex, TokenKind};

/// A comment: `--` to the line end, or a (nestable) `/* */` block.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CommentRange {
    /// `"LineComment"` or `"BlockComment"`, as ESLint names them.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// UTF-16 offsets, the end exclusive.
    pub range: [usize; 2],
}

/// The comments and the quoted tokens (strings, quoted identifiers, `$tag$…$tag$` bodies) of
/// a text, each in text order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct LexicalRanges {
    pub comments: Vec<CommentRange>,
    /// UTF-16 offsets, the ends exclusive.
    pub quoted: Vec<[usize; 2]>,
}

/// Lexes `text` (as a lint does) and lists its comments and quoted tokens.
pub fn lexical_ranges(text: &str) -> LexicalRanges {
    let line_index = LineIndex::new(text);
    let utf16 = |offset: usize| line_index.utf16_offset(text, offset);
    let mut ranges = LexicalRanges::default();
    for token in tokenize(text, 0) {
        let span = token.span();
        let range = [utf16(span.start), utf16(span.end)];
        match token.kind {
            TokenKind::LineComment => ranges.comments.push(CommentRange {
                kind: "LineComment",
                range,
            }),
            TokenKind::BlockComment => ranges.comments.push(CommentRange {
                kind: "BlockComment",
                range,
            }),
            TokenKind::String | TokenKind::QuotedIdent | TokenKind::DollarString => {
                ranges.quoted.push(range);
            }
            _ => {}
        }
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comment_texts(text: &str) -> Vec<String> {
        let units: Vec<u16> = text.encode_utf16().collect();
        lexical_ranges(text)
            .comments
            .iter()
            .map(|comment| String::from_utf16_lossy(&units[comment.range[0]..comment.range[1]]))
            .collect()
    }

    #[test]
    fn comments_are_found_outside_quotes_only() {
        let text =
            "select '-- no' as \"/* no */\", $x$ -- no $x$; -- yes\n/* a /* nested */ one */";
        assert_eq!(comment_texts(text), ["-- yes", "/* a /* nested */ one */"]);
        let ranges = lexical_ranges(text);
        assert_eq!(ranges.comments[0].kind, "LineComment");
        assert_eq!(ranges.comments[1].kind, "BlockComment");
        assert_eq!(ranges.quoted.len(), 3);
    }

    #[test]
    fn offsets_count_utf16_units() {
        let text = "select '😀'; -- é\r-- next";
        assert_eq!(comment_texts(text), ["-- é", "-- next"]);
        assert_eq!(lexical_ranges(text).quoted, [[7, 11]]);
    }
}
