//! A tolerant PostgreSQL lexer with exact byte spans.
//!
//! sqlparser's tokenizer stops at the first lexical error and reports character
//! positions; the splitter and every fallback need byte-exact tokens for the whole
//! file, errors included, so we scan ourselves and hand sqlparser one statement at a time.

use super::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Spaces and line breaks, which [`tokenize`] skips.
    Whitespace,
    LineComment,
    BlockComment,
    /// Identifier or keyword; compare with [`Token::is_word`].
    Word,
    /// `"quoted identifier"`.
    QuotedIdent,
    /// `'…'`, `E'…'`, `B'…'`, `X'…'`, `U&'…'`.
    String,
    /// `$$…$$` or `$tag$…$tag$`.
    DollarString,
    Number,
    /// `$1`, `:name` style parameters.
    Param,
    /// One of `( ) [ ] , ; .` or `::`, `:`.
    Punct,
    /// Operator characters such as `=`, `<>`, `->>`, `@>`.
    Operator,
    /// A psql meta-command such as `\set ON_ERROR_STOP on`: from its backslash to the end of
    /// the line, or through the `\\` after which psql reads SQL again.
    MetaCommand,
    /// Any other character.
    Unknown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LexError {
    UnterminatedString,
    UnterminatedQuotedIdent,
    UnterminatedDollarString,
    UnterminatedComment,
}

/// 12 bytes (24 with a `Span`): every file of the history keeps its tokens for the whole
/// run. Offsets fit in `u32`: larger files are not lexed (`lint::MAX_FILE_BYTES`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    /// Set when the token runs to the end of the file without its closing delimiter.
    pub error: Option<LexError>,
    start: u32,
    end: u32,
}

impl Token {
    pub fn new(kind: TokenKind, span: Span, error: Option<LexError>) -> Self {
        Token {
            kind,
            error,
            start: span.start as u32,
            end: span.end as u32,
        }
    }

    pub fn span(&self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }

    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        self.span().text(source)
    }

    pub fn is_trivia(&self) -> bool {
        matches!(
            self.kind,
            TokenKind::Whitespace | TokenKind::LineComment | TokenKind::BlockComment
        )
    }

    /// Whether this is the (unquoted) keyword or identifier `word`, ignoring case.
    pub fn is_word(&self, source: &str, word: &str) -> bool {
        self.kind == TokenKind::Word && self.text(source).eq_ignore_ascii_case(word)
    }

    pub fn is_punct(&self, source: &str, punct: &str) -> bool {
        self.kind == TokenKind::Punct && self.text(source) == punct
    }

    pub fn is_operator(&self, source: &str, op: &str) -> bool {
        self.kind == TokenKind::Operator && self.text(source) == op
    }
}

/// Lexes `text`, reporting spans relative to `base` (the offset of `text` in its file).
/// Whitespace is skipped: no token has the kind [`TokenKind::Whitespace`].
pub fn tokenize(text: &str, base: usize) -> Vec<Token> {
    let mut lexer = Lexer {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        base,
        tokens: Vec::new(),
    };
    lexer.run();
    lexer.tokens
}

struct Lexer<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    base: usize,
    tokens: Vec<Token>,
}

impl Lexer<'_> {
    fn run(&mut self) {
        while self.pos < self.bytes.len() {
            let start = self.pos;
            let (kind, error) = self.next_kind();
            debug_assert!(self.pos > start, "lexer must advance");
            if self.pos <= start {
                self.pos = start + 1;
            }
            self.pos = self.char_boundary(self.pos);
            // Whitespace is the gaps between the other tokens' spans and nothing reads it:
            // not keeping it halves the tokens to store and to skip.
            if kind != TokenKind::Whitespace {
                self.tokens.push(Token::new(
                    kind,
                    Span::new(self.base + start, self.base + self.pos),
                    error,
                ));
            }
        }
    }

    fn char_boundary(&self, mut pos: usize) -> usize {
        while pos < self.bytes.len() && !self.text.is_char_boundary(pos) {
            pos += 1;
        }
        pos
    }

    fn peek(&self, ahead: usize) -> u8 {
        self.bytes.get(self.pos + ahead).copied().unwrap_or(0)
    }

    fn next_kind(&mut self) -> (TokenKind, Option<LexError>) {
        let b = self.peek(0);
        // A byte-order mark opening the file is not text (psql skips it too).
        if self.pos == 0 && self.base == 0 && self.text.starts_with('\u{feff}') {
            self.pos = '\u{feff}'.len_utf8();
            return (TokenKind::Whitespace, None);
        }
        match b {
            b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' => {
                while matches!(self.peek(0), b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') {
                    self.pos += 1;
                }
                (TokenKind::Whitespace, None)
            }
            b'-' if self.peek(1) == b'-' => {
                // PostgreSQL's `comment` is `--` and `[^\n\r]*`: a lone `\r` ends it too.
                while !matches!(self.peek(0), b'\n' | b'\r') && self.pos < self.bytes.len() {
                    self.pos += 1;
                }
                (TokenKind::LineComment, None)
            }
            b'/' if self.peek(1) == b'*' => self.block_comment(),
            // A byte-order mark is whitespace to us, as it is to psql.
            0xEF if self.bytes[self.pos..].starts_with("\u{feff}".as_bytes()) => {
                self.pos += 3;
                (TokenKind::Whitespace, None)
            }
            // psql's `\;` and `\:` put a plain `;` or `:` into the query: the backslash alone is
            // no command.
            b'\\' if matches!(self.peek(1), b';' | b':') => {
                self.pos += 1;
                (TokenKind::Unknown, None)
            }
            // psql takes a backslash anywhere outside a quote or comment for a meta-command.
            b'\\' => {
                self.meta_command();
                (TokenKind::MetaCommand, None)
            }
            b'\'' => self.quoted(
                b'\'',
                false,
                LexError::UnterminatedString,
                TokenKind::String,
            ),
            b'"' => self.quoted(
                b'"',
                false,
                LexError::UnterminatedQuotedIdent,
                TokenKind::QuotedIdent,
            ),
            b'e' | b'E' if self.peek(1) == b'\'' => {
                self.pos += 1;
                self.quoted(b'\'', true, LexError::UnterminatedString, TokenKind::String)
            }
            b'b' | b'B' | b'x' | b'X' | b'n' | b'N' if self.peek(1) == b'\'' => {
                self.pos += 1;
                self.quoted(
                    b'\'',
                    false,
                    LexError::UnterminatedString,
                    TokenKind::String,
                )
            }
            b'u' | b'U' if self.peek(1) == b'&' && matches!(self.peek(2), b'\'' | b'"') => {
                self.pos += 2;
                if self.peek(0) == b'\'' {
                    self.quoted(
                        b'\'',
                        false,
                        LexError::UnterminatedString,
                        TokenKind::String,
                    )
                } else {
                    self.quoted(
                        b'"',
                        false,
                        LexError::UnterminatedQuotedIdent,
                        TokenKind::QuotedIdent,
                    )
                }
            }
            b'$' => self.dollar(),
            b'0'..=b'9' => {
                self.number();
                (TokenKind::Number, None)
            }
            b'.' if self.peek(1).is_ascii_digit() => {
                self.number();
                (TokenKind::Number, None)
            }
            b'(' | b')' | b'[' | b']' | b',' | b';' | b'.' => {
                self.pos += 1;
                (TokenKind::Punct, None)
            }
            b':' => {
                if self.peek(1) == b':' {
                    self.pos += 2;
                    (TokenKind::Punct, None)
                } else if is_word_start(self.peek(1)) {
                    self.pos += 1;
                    self.skip_word();
                    (TokenKind::Param, None)
                } else {
                    self.pos += 1;
                    (TokenKind::Punct, None)
                }
            }
            b'+' | b'-' | b'*' | b'/' | b'<' | b'>' | b'=' | b'~' | b'!' | b'@' | b'#' | b'%'
            | b'^' | b'&' | b'|' | b'`' | b'?' => {
                self.operator();
                (TokenKind::Operator, None)
            }
            _ if is_word_start(b) => {
                self.skip_word();
                (TokenKind::Word, None)
            }
            _ => {
                self.pos = self.char_boundary(self.pos + 1);
                (TokenKind::Unknown, None)
            }
        }
    }

    /// A psql meta-command: `\`, its name, then its arguments. psql reads its input one
    /// `\n`-terminated line at a time and hands a command the rest of that line (a lone `\r`
    /// is a blank between arguments), so the command runs to the next `\n`, except that outside
    /// quoted arguments a backslash ends it: `\\` goes back to SQL, any other starts the next
    /// command. The commands that read their line whole (`\copy`, `\!`, …) run to the `\n`.
    fn meta_command(&mut self) {
        self.pos += 1;
        let name_start = self.pos;
        while !matches!(self.peek(0), b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'\\')
            && self.pos < self.bytes.len()
        {
            self.pos += 1;
        }
        let name = &self.bytes[name_start..self.pos];
        let reads_whole_line = WHOLE_LINE_COMMANDS.contains(&name);
        while self.pos < self.bytes.len() {
            match self.peek(0) {
                b'\n' => return,
                b'\\' if !reads_whole_line => {
                    if self.peek(1) == b'\\' {
                        self.pos += 2;
                    }
                    return;
                }
                quote @ (b'\'' | b'"' | b'`') if !reads_whole_line => {
                    self.pos += 1;
                    while self.pos < self.bytes.len() {
                        match self.peek(0) {
                            b'\n' => break,
                            // A backslash escapes the next character in a single-quoted argument.
                            b'\\' if quote == b'\'' && self.peek(1) != b'\n' => {
                                self.pos = (self.pos + 2).min(self.bytes.len());
                            }
                            b if b == quote => {
                                self.pos += 1;
                                break;
                            }
                            _ => self.pos += 1,
                        }
                    }
                }
                _ => self.pos += 1,
            }
        }
    }

    fn skip_word(&mut self) {
        while is_word_continue(self.peek(0)) && self.pos < self.bytes.len() {
            self.pos += 1;
        }
    }

    fn block_comment(&mut self) -> (TokenKind, Option<LexError>) {
        self.pos += 2;
        let mut depth = 1usize;
        while self.pos < self.bytes.len() {
            if self.peek(0) == b'*' && self.peek(1) == b'/' {
                self.pos += 2;
                depth -= 1;
                if depth == 0 {
                    return (TokenKind::BlockComment, None);
                }
            } else if self.peek(0) == b'/' && self.peek(1) == b'*' {
                self.pos += 2;
                depth += 1;
            } else {
                self.pos += 1;
            }
        }
        (TokenKind::BlockComment, Some(LexError::UnterminatedComment))
    }

    fn quoted(
        &mut self,
        quote: u8,
        backslash_escapes: bool,
        error: LexError,
        kind: TokenKind,
    ) -> (TokenKind, Option<LexError>) {
        self.pos += 1;
        while self.pos < self.bytes.len() {
            let b = self.bytes[self.pos];
            if backslash_escapes && b == b'\\' {
                self.pos += 2;
            } else if b == quote {
                if self.peek(1) == quote {
                    self.pos += 2;
                } else {
                    self.pos += 1;
                    return (kind, None);
                }
            } else {
                self.pos += 1;
            }
        }
        self.pos = self.bytes.len();
        (kind, Some(error))
    }

    fn dollar(&mut self) -> (TokenKind, Option<LexError>) {
        if self.peek(1).is_ascii_digit() {
            self.pos += 1;
            while self.peek(0).is_ascii_digit() {
                self.pos += 1;
            }
            return (TokenKind::Param, None);
        }
        // A tag is `$` [identifier without `$`] `$`.
        let mut end = self.pos + 1;
        while end < self.bytes.len() && is_tag_char(self.bytes[end]) {
            end += 1;
        }
        if self.bytes.get(end) != Some(&b'$') {
            self.pos += 1;
            return (TokenKind::Unknown, None);
        }
        let tag = &self.bytes[self.pos..=end];
        self.pos = end + 1;
        match find(&self.bytes[self.pos..], tag) {
            Some(found) => {
                self.pos += found + tag.len();
                (TokenKind::DollarString, None)
            }
            None => {
                self.pos = self.bytes.len();
                (
                    TokenKind::DollarString,
                    Some(LexError::UnterminatedDollarString),
                )
            }
        }
    }

    fn number(&mut self) {
        while self.peek(0).is_ascii_alphanumeric() || self.peek(0) == b'_' || self.peek(0) == b'.' {
            // `1..2` is not valid SQL; stop at a second dot so `a.1.b` stays tokenised.
            if self.peek(0) == b'.' && self.peek(1) == b'.' {
                break;
            }
            let is_exponent_sign = matches!(self.peek(0), b'e' | b'E')
                && matches!(self.peek(1), b'+' | b'-')
                && self.peek(2).is_ascii_digit();
            self.pos += if is_exponent_sign { 2 } else { 1 };
        }
    }

    fn operator(&mut self) {
        self.pos += 1;
        loop {
            let b = self.peek(0);
            let continues = matches!(
                b,
                b'+' | b'-'
                    | b'*'
                    | b'/'
                    | b'<'
                    | b'>'
                    | b'='
                    | b'~'
                    | b'!'
                    | b'@'
                    | b'#'
                    | b'%'
                    | b'^'
                    | b'&'
                    | b'|'
                    | b'`'
                    | b'?'
            );
            let starts_comment =
                (b == b'-' && self.peek(1) == b'-') || (b == b'/' && self.peek(1) == b'*');
            if !continues || starts_comment {
                break;
            }
            self.pos += 1;
        }
    }
}

/// psql's commands that take the rest of their line as one argument, backslashes included
/// (`OT_WHOLE_LINE` in psql's `command.c`).
const WHOLE_LINE_COMMANDS: &[&[u8]] = &[
    b"!", b"copy", b"ef", b"ev", b"h", b"help", b"sf", b"sf+", b"sv", b"sv+",
];

fn is_word_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b >= 0x80
}

fn is_word_continue(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b >= 0x80
}

fn is_tag_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(TokenKind, &str)> {
        tokenize(text, 0)
            .into_iter()
            .map(|t| (t.kind, t.text(text)))
            .collect()
    }

    #[test]
    fn lexes_strings_and_dollar_quotes() {
        assert_eq!(
            kinds("select E'a\\'b', $fn$ x; $fn$, 'it''s'"),
            vec![
                (TokenKind::Word, "select"),
                (TokenKind::String, "E'a\\'b'"),
                (TokenKind::Punct, ","),
                (TokenKind::DollarString, "$fn$ x; $fn$"),
                (TokenKind::Punct, ","),
                (TokenKind::String, "'it''s'"),
            ]
        );
    }

    #[test]
    fn nested_block_comments_close_at_the_outer_end() {
        assert_eq!(
            kinds("/* a /* b */ c */ x"),
            vec![
                (TokenKind::BlockComment, "/* a /* b */ c */"),
                (TokenKind::Word, "x")
            ]
        );
    }

    #[test]
    fn unterminated_tokens_carry_an_error() {
        let tokens = tokenize("select 'abc", 0);
        assert_eq!(
            tokens.last().unwrap().error,
            Some(LexError::UnterminatedString)
        );
        let tokens = tokenize("select $$abc", 0);
        assert_eq!(
            tokens.last().unwrap().error,
            Some(LexError::UnterminatedDollarString)
        );
    }

    #[test]
    fn byte_order_mark_is_whitespace() {
        assert_eq!(
            kinds("\u{feff}create table t ()"),
            vec![
                (TokenKind::Word, "create"),
                (TokenKind::Word, "table"),
                (TokenKind::Word, "t"),
                (TokenKind::Punct, "("),
                (TokenKind::Punct, ")"),
            ]
        );
    }

    #[test]
    fn meta_command_runs_to_the_line_feed() {
        assert_eq!(
            kinds("\\set x 1\nselect 1"),
            vec![
                (TokenKind::MetaCommand, "\\set x 1"),
                (TokenKind::Word, "select"),
                (TokenKind::Number, "1")
            ]
        );
        // psql hands a command its whole `\n`-terminated line: a lone `\r` does not end it.
        assert_eq!(
            kinds("\\echo a\rselect 1\nselect 2"),
            vec![
                (TokenKind::MetaCommand, "\\echo a\rselect 1"),
                (TokenKind::Word, "select"),
                (TokenKind::Number, "2")
            ]
        );
    }

    #[test]
    fn double_backslash_ends_a_meta_command() {
        assert_eq!(
            kinds("select 1 \\echo a '\\\\' \\\\ grant x"),
            vec![
                (TokenKind::Word, "select"),
                (TokenKind::Number, "1"),
                (TokenKind::MetaCommand, "\\echo a '\\\\' \\\\"),
                (TokenKind::Word, "grant"),
                (TokenKind::Word, "x")
            ]
        );
        assert_eq!(
            kinds("\\echo a \\echo b\n"),
            vec![
                (TokenKind::MetaCommand, "\\echo a "),
                (TokenKind::MetaCommand, "\\echo b"),
            ]
        );
        assert_eq!(
            kinds("\\copy t from stdin \\\\ x\ny"),
            vec![
                (TokenKind::MetaCommand, "\\copy t from stdin \\\\ x"),
                (TokenKind::Word, "y"),
            ]
        );
    }

    #[test]
    fn backslash_semicolon_is_a_semicolon() {
        assert_eq!(
            kinds("a \\; b"),
            vec![
                (TokenKind::Word, "a"),
                (TokenKind::Unknown, "\\"),
                (TokenKind::Punct, ";"),
                (TokenKind::Word, "b")
            ]
        );
    }

    #[test]
    fn every_line_break_ends_a_line_comment() {
        for text in ["-- c\nselect 1", "-- c\r\nselect 1", "-- c\rselect 1"] {
            assert_eq!(
                kinds(text),
                vec![
                    (TokenKind::LineComment, "-- c"),
                    (TokenKind::Word, "select"),
                    (TokenKind::Number, "1")
                ],
                "{text:?}"
            );
        }
    }

    #[test]
    fn operators_stop_before_comments() {
        assert_eq!(
            kinds("a =-- c\n b ->> 'k'"),
            vec![
                (TokenKind::Word, "a"),
                (TokenKind::Operator, "="),
                (TokenKind::LineComment, "-- c"),
                (TokenKind::Word, "b"),
                (TokenKind::Operator, "->>"),
                (TokenKind::String, "'k'"),
            ]
        );
    }

    #[test]
    fn a_leading_byte_order_mark_is_whitespace() {
        assert_eq!(
            kinds("\u{feff}create table t"),
            vec![
                (TokenKind::Word, "create"),
                (TokenKind::Word, "table"),
                (TokenKind::Word, "t")
            ]
        );
    }

    #[test]
    fn multibyte_text_keeps_char_boundaries() {
        let text = "é€ 'ü";
        for token in tokenize(text, 0) {
            assert!(text.is_char_boundary(token.span().start));
            assert!(text.is_char_boundary(token.span().end));
        }
    }
}
