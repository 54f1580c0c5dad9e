//! Our lexer's tokens as sqlparser's tokenizer would have produced them.
//!
//! Lexing the statement a second time (a `String` per word) was half of validation's cost.
//! The conversion is exact or refused: every token kind below is mapped only in the shapes
//! where sqlparser 0.64's PostgreSQL tokenizer reads the same characters as one token with
//! the same value; anything else (operators outside the table, numbers with exponents or
//! underscores, escape strings with backslashes, `U&` literals, `:name` parameters, text our
//! lexer calls whitespace but sqlparser does not) returns `None` and the caller lexes the text
//! with sqlparser. Token positions are left empty: validity does not depend on them.

use sqlparser::ast::DollarQuotedString;
use sqlparser::tokenizer::{
    Location, Span as SqlSpan, Token as SqlToken, TokenWithSpan, Whitespace,
};

use crate::source::{Span, Token, TokenKind};

/// The tokens of `span` (whitespace and comments as one space each), or `None` when one of them
/// cannot be converted exactly.
pub(super) fn to_sqlparser(
    source: &str,
    span: Span,
    tokens: &[Token],
) -> Option<Vec<TokenWithSpan>> {
    let bytes = source.as_bytes();
    let first = tokens.partition_point(|t| t.span().start < span.start);
    let mut out = Vec::with_capacity(tokens.len().saturating_sub(first));
    let mut previous_end = span.start;
    let mut previous_is_word = false;
    for token in &tokens[first..] {
        if token.span().end > span.end || token.span().start >= span.end {
            break;
        }
        if token.kind == TokenKind::Whitespace {
            continue;
        }
        if token.error.is_some() || token.span().start < previous_end {
            return None;
        }
        let gap = &bytes[previous_end..token.span().start];
        if !gap.is_empty() {
            // Our lexer also counts a byte-order mark as whitespace; sqlparser reads it as a word.
            if !gap
                .iter()
                .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c'))
            {
                return None;
            }
            push_space(&mut out);
        }
        previous_end = token.span().end;
        let text = token.text(source);
        // sqlparser sees the end of input after the statement's last token.
        let next = if token.span().end < span.end {
            bytes.get(token.span().end).copied()
        } else {
            None
        };
        let converted = match token.kind {
            // Both lexers end a `--` comment at `\r` as well as at `\n`.
            TokenKind::LineComment | TokenKind::BlockComment => {
                push_space(&mut out);
                continue;
            }
            TokenKind::Word => {
                // `b"…"` is a byte string to sqlparser, a word and a quoted identifier to us.
                if next == Some(b'"') && text.eq_ignore_ascii_case("b") {
                    return None;
                }
                SqlToken::make_word(text, None)
            }
            TokenKind::QuotedIdent => {
                let inner = text.strip_prefix('"')?.strip_suffix('"')?;
                SqlToken::make_word(&inner.replace("\"\"", "\""), Some('"'))
            }
            TokenKind::String => string(text)?,
            TokenKind::DollarString => dollar_string(text)?,
            TokenKind::Number => number(text, next)?,
            TokenKind::Param => {
                // `$1` only: sqlparser reads `$1abc` as one placeholder and `$1$…` as a tag.
                let digits = text.strip_prefix('$')?;
                let continues = next.is_some_and(|b| b.is_ascii_alphanumeric() || b >= 0x80);
                if digits.is_empty()
                    || !digits.bytes().all(|b| b.is_ascii_digit())
                    || continues
                    || matches!(next, Some(b'_' | b'$'))
                {
                    return None;
                }
                SqlToken::Placeholder(text.to_string())
            }
            TokenKind::Punct => match text {
                "(" => SqlToken::LParen,
                ")" => SqlToken::RParen,
                "[" => SqlToken::LBracket,
                "]" => SqlToken::RBracket,
                "," => SqlToken::Comma,
                ";" => SqlToken::SemiColon,
                "::" => SqlToken::DoubleColon,
                ":" if next != Some(b'=') => SqlToken::Colon,
                // sqlparser rejects `._` unless a word comes before it.
                "." if next != Some(b'_') || previous_is_word => SqlToken::Period,
                _ => return None,
            },
            TokenKind::Operator => {
                // Our operators stop only before a comment; sqlparser's may run into it.
                if matches!(next, Some(b'-' | b'/')) {
                    return None;
                }
                operator(text)?
            }
            TokenKind::Whitespace | TokenKind::MetaCommand | TokenKind::Unknown => return None,
        };
        previous_is_word = matches!(converted, SqlToken::Word(_));
        out.push(at_offset(converted, token.span().start));
    }
    // The tokens must cover the whole text.
    (previous_end == span.end).then_some(out)
}

/// A token whose location carries its byte offset in the file (line 1, column offset + 1), so
/// that a parse error can say where it stopped.
fn at_offset(token: SqlToken, offset: usize) -> TokenWithSpan {
    let location = Location::new(1, offset as u64 + 1);
    TokenWithSpan::new(token, SqlSpan::new(location, location))
}

fn push_space(out: &mut Vec<TokenWithSpan>) {
    if !matches!(out.last().map(|t| &t.token), Some(SqlToken::Whitespace(_))) {
        out.push(TokenWithSpan::wrap(SqlToken::Whitespace(Whitespace::Space)));
    }
}

/// `'…'` with `''` for a quote, and the `N`, `B`, `X` and `E` prefixed forms when they hold no
/// backslash (sqlparser unescapes backslashes in `X'…'` and `E'…'`).
fn string(text: &str) -> Option<SqlToken> {
    let (prefix, quoted) = text.split_at(text.find('\'')?);
    let inner = quoted.strip_prefix('\'')?.strip_suffix('\'')?;
    let value = || inner.replace("''", "'");
    Some(match prefix {
        "" => SqlToken::SingleQuotedString(value()),
        "N" | "n" => SqlToken::NationalStringLiteral(value()),
        "B" | "b" => SqlToken::SingleQuotedByteStringLiteral(value()),
        "X" | "x" if !inner.contains('\\') => SqlToken::HexStringLiteral(value()),
        "E" | "e" if !inner.contains('\\') => SqlToken::EscapedStringLiteral(value()),
        _ => return None,
    })
}

/// `$tag$…$tag$` with an ASCII tag (sqlparser's tag characters are Unicode alphanumerics).
fn dollar_string(text: &str) -> Option<SqlToken> {
    let rest = text.strip_prefix('$')?;
    let tag_len = rest.find('$')?;
    let tag = &rest[..tag_len];
    if !tag.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return None;
    }
    let delimiter_len = tag_len + 2;
    if text.len() < 2 * delimiter_len {
        return None;
    }
    let value = &text[delimiter_len..text.len() - delimiter_len];
    Some(SqlToken::DollarQuotedString(DollarQuotedString {
        value: value.to_string(),
        tag: (!tag.is_empty()).then(|| tag.to_string()),
    }))
}

/// `1`, `1.` and `1.5`. Exponents, `0x…`, `1_000`, `.5` and a following `.` are left to
/// sqlparser, whose reading of them depends on the neighbouring tokens.
fn number(text: &str, next: Option<u8>) -> Option<SqlToken> {
    let (whole, fraction) = match text.split_once('.') {
        Some((whole, fraction)) => (whole, fraction),
        None => (text, ""),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(fraction) || next == Some(b'.') {
        return None;
    }
    Some(SqlToken::Number(text.to_string(), false))
}

/// Operators that sqlparser reads as exactly this one token when no operator character follows.
fn operator(text: &str) -> Option<SqlToken> {
    Some(match text {
        "=" => SqlToken::Eq,
        "<>" | "!=" => SqlToken::Neq,
        "<" => SqlToken::Lt,
        ">" => SqlToken::Gt,
        "<=" => SqlToken::LtEq,
        ">=" => SqlToken::GtEq,
        "+" => SqlToken::Plus,
        "-" => SqlToken::Minus,
        "*" => SqlToken::Mul,
        "/" => SqlToken::Div,
        "%" => SqlToken::Mod,
        "^" => SqlToken::Caret,
        "&" => SqlToken::Ampersand,
        "|" => SqlToken::Pipe,
        "||" => SqlToken::StringConcat,
        "->" => SqlToken::Arrow,
        "->>" => SqlToken::LongArrow,
        "#>" => SqlToken::HashArrow,
        "#>>" => SqlToken::HashLongArrow,
        "#-" => SqlToken::HashMinus,
        "@>" => SqlToken::AtArrow,
        "<@" => SqlToken::ArrowAt,
        "@?" => SqlToken::AtQuestion,
        "@@" => SqlToken::AtAt,
        "?" => SqlToken::Question,
        "?|" => SqlToken::QuestionPipe,
        "?&" => SqlToken::QuestionAnd,
        "&&" => SqlToken::Overlap,
        "~" => SqlToken::Tilde,
        "~*" => SqlToken::TildeAsterisk,
        "!~" => SqlToken::ExclamationMarkTilde,
        "!~*" => SqlToken::ExclamationMarkTildeAsterisk,
        "~~" => SqlToken::DoubleTilde,
        "~~*" => SqlToken::DoubleTildeAsterisk,
        "!~~" => SqlToken::ExclamationMarkDoubleTilde,
        "!~~*" => SqlToken::ExclamationMarkDoubleTildeAsterisk,
        "=>" => SqlToken::RArrow,
        "<<" => SqlToken::ShiftLeft,
        ">>" => SqlToken::ShiftRight,
        "#" => SqlToken::Sharp,
        "@" => SqlToken::AtSign,
        "!" => SqlToken::ExclamationMark,
        _ => return None,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::source::tokenize;
    use sqlparser::dialect::PostgreSqlDialect;
    use sqlparser::tokenizer::Tokenizer;

    /// sqlparser's own tokens of `text`, each run of whitespace and comments as one space.
    pub(crate) fn reference(text: &str) -> Option<Vec<SqlToken>> {
        let tokens = Tokenizer::new(&PostgreSqlDialect {}, text)
            .tokenize()
            .ok()?;
        let mut out: Vec<SqlToken> = Vec::new();
        for token in tokens {
            if matches!(token, SqlToken::Whitespace(_)) {
                if matches!(out.last(), Some(SqlToken::Whitespace(_))) {
                    continue;
                }
                out.push(SqlToken::Whitespace(Whitespace::Space));
            } else {
                out.push(token);
            }
        }
        Some(out)
    }

    pub(crate) fn converted(source: &str, span: Span, tokens: &[Token]) -> Option<Vec<SqlToken>> {
        to_sqlparser(source, span, tokens).map(|v| v.into_iter().map(|t| t.token).collect())
    }

    #[test]
    fn every_operator_of_the_table_is_one_sqlparser_token() {
        for op in [
            "=", "<>", "!=", "<", ">", "<=", ">=", "+", "-", "*", "/", "%", "^", "&", "|", "||",
            "->", "->>", "#>", "#>>", "#-", "@>", "<@", "@?", "@@", "?", "?|", "?&", "&&", "~",
            "~*", "!~", "!~*", "~~", "~~*", "!~~", "!~~*", "=>", "<<", ">>", "#", "@", "!",
        ] {
            for after in [
                " b", "b", "1", "'x'", "\"q\"", "(b)", "$1", "$$x$$", ".5", ":b",
            ] {
                let text = format!("a {op}{after}");
                let tokens = tokenize(&text, 0);
                let ours = converted(&text, Span::new(0, text.len()), &tokens);
                if let Some(ours) = ours {
                    assert_eq!(Some(ours), reference(&text), "{text}");
                }
            }
            let text = format!("a {op} b");
            let tokens = tokenize(&text, 0);
            assert!(
                converted(&text, Span::new(0, text.len()), &tokens).is_some(),
                "{text}"
            );
        }
    }

    #[test]
    fn refused_shapes_fall_back() {
        for text in [
            "select :name",
            "select x := 1",
            "select 1e5",
            "select 0x1f",
            "select 1_000",
            "select t.5",
            "select b\"x\"",
            "select U&'a'",
            "select E'a\\nb'",
            "select a >-- c\n b",
            "select $1abc",
            "select \u{feff}1",
            "select {a}",
            "select 'unterminated",
        ] {
            let tokens = tokenize(text, 0);
            assert_eq!(
                converted(text, Span::new(0, text.len()), &tokens),
                None,
                "{text}"
            );
        }
    }
}
