//! Object names as Postgres resolves them (unquoted parts fold to lower case), and type names
//! as rules compare them.

use serde::Serialize;

use crate::source::{Span, Token, TokenKind};

/// A possibly schema-qualified object name with the span of its text in the file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ObjectName {
    pub schema: Option<String>,
    pub name: String,
    pub span: Span,
}

impl ObjectName {
    /// The name dotted `parts` give: the last is the name, the one before it the schema (a
    /// database in front is dropped).
    pub fn from_parts(mut parts: Vec<String>, span: Span) -> Self {
        let name = parts.pop().unwrap_or_default();
        ObjectName {
            schema: parts.pop(),
            name,
            span,
        }
    }

    /// `schema.name` as written, or `name` when unqualified: how a call names its function
    /// (an unqualified call resolves through `pg_catalog` first, so no schema is filled in).
    pub fn qualified(&self) -> String {
        match &self.schema {
            Some(schema) => format!("{schema}.{}", self.name),
            None => self.name.clone(),
        }
    }

    /// `schema.name`, `public` filled in when unqualified (where an unqualified name lands on
    /// Supabase's default `search_path`): how every message names an object in a schema.
    pub fn display(&self) -> String {
        format!("{}.{}", self.schema_or("public"), self.name)
    }

    /// The schema, or `default_schema` when unqualified.
    pub fn schema_or<'a>(&'a self, default_schema: &'a str) -> &'a str {
        self.schema.as_deref().unwrap_or(default_schema)
    }

    /// Whether this names the same object as `other`, reading a missing schema as `public`.
    pub fn same_object(&self, other: &ObjectName) -> bool {
        self.name == other.name && self.schema_or("public") == other.schema_or("public")
    }

    /// Whether this names `qualified` (`schema.name` or `name`), a missing schema read as `public`.
    pub fn is(&self, qualified: &str) -> bool {
        let wanted = match qualified.split_once('.') {
            Some(_) => qualified.to_ascii_lowercase(),
            None => format!("public.{}", qualified.to_ascii_lowercase()),
        };
        self.display() == wanted
    }
}

/// The identifier a token denotes: unquoted words fold to lower case, quoted ones keep
/// their case without the quotes.
pub fn identifier(token: &Token, source: &str) -> Option<String> {
    let text = token.text(source);
    match token.kind {
        // The same fold; the ASCII one skips the Unicode tables (nearly every word is ASCII).
        TokenKind::Word if text.is_ascii() => Some(text.to_ascii_lowercase()),
        TokenKind::Word => Some(text.to_lowercase()),
        TokenKind::QuotedIdent => {
            let inner = text
                .strip_prefix('"')
                .map(|t| t.strip_suffix('"').unwrap_or(t))?;
            Some(inner.replace("\"\"", "\""))
        }
        _ => None,
    }
}

/// The value of a `'…'` string literal token, without quotes.
pub fn string_literal(token: &Token, source: &str) -> Option<String> {
    if token.kind != TokenKind::String {
        return None;
    }
    let text = token.text(source);
    let start = text.find('\'')?;
    let inner = &text[start + 1..];
    let inner = inner.strip_suffix('\'').unwrap_or(inner);
    Some(inner.replace("''", "'"))
}

/// Lower case with single spaces, without spaces around punctuation: `character varying(20)`.
pub fn normalize_type(text: &str) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed
        .to_ascii_lowercase()
        .replace(" (", "(")
        .replace("( ", "(")
        .replace(" )", ")")
        .replace(" ,", ",")
}

/// Where the text inside a `$tag$…$tag$` or `'…'` literal token is in the file.
pub fn literal_inner(token: &Token, source: &str) -> Option<Span> {
    let text = token.text(source);
    match token.kind {
        TokenKind::DollarString => {
            let tag_len = text[1..].find('$')? + 2;
            if text.len() < tag_len * 2 {
                return Some(Span::empty_at(token.span().end));
            }
            Some(Span::new(
                token.span().start + tag_len,
                token.span().end - tag_len,
            ))
        }
        TokenKind::String => {
            let open = text.find('\'')? + 1;
            let close = if token.error.is_none() { 1 } else { 0 };
            Some(Span::new(
                token.span().start + open,
                (token.span().end - close).max(token.span().start + open),
            ))
        }
        _ => None,
    }
}
