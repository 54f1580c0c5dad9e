use crate::declare_rule;
use crate::rules::{Findings, Rule, RuleContext};
use crate::source::LexError;

declare_rule! {
    /// Reports text the lexer cannot close: an unterminated string, quoted identifier, dollar quote or comment.
    ///
    /// ## What it does
    /// Flags a `'…'` string, `"…"` identifier, `$tag$…$tag$` body or `/* … */` comment that
    /// runs to the end of the file, and files that are not text at all. A file past the
    /// engine's limits (size, nesting, problems) gets one finding saying so.
    ///
    /// ## Why is this bad?
    /// PostgreSQL rejects the whole migration. Everything after the opening quote is read as
    /// part of one token, so the statements behind it never run. Statements the SQL parser
    /// merely does not understand are not errors: supalint still checks them from their tokens.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// create table if not exists public.notes (body text default 'none);
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// create table if not exists public.notes (body text default 'none');
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: Lexical structure](https://www.postgresql.org/docs/current/sql-syntax-lexical.html)
    pub ParseError {
        id: "parse-error",
        category: Engine,
        severity: Error,
        fix: None,
        options: [],
        sources: [],
        messages: {
            unterminatedString: {
                message: "This string literal is never closed.",
                help: "Add the closing `'`; until then PostgreSQL reads the rest of the file as part of it.",
            },
            unterminatedQuotedIdent: {
                message: "This quoted identifier is never closed.",
                help: "Add the closing `\"`; until then PostgreSQL reads the rest of the file as part of it.",
            },
            unterminatedDollarString: {
                message: "The dollar-quoted body opened by `{tag}` is never closed.",
                help: "Add the closing `{tag}`; until then PostgreSQL reads the rest of the file as part of it.",
            },
            unterminatedComment: {
                message: "This block comment is never closed.",
                help: "Add the closing `*/`; until then PostgreSQL ignores the rest of the file.",
            },
            binary: {
                message: "File `{path}` contains binary data (NUL bytes), not SQL text.",
                help: "Remove it from the migrations folder.",
            },
            tooManyDiagnostics: {
                message: "More than {limit} problems in this file: only the first {limit} are shown.",
                help: "Fix these, then lint again to see the rest.",
            },
            tooLarge: {
                message: "File `{path}` is {size} bytes, over the {limit} supalint analyses, so it is not linted.",
                help: "Split it into smaller migrations.",
            },
            tooDeep: {
                message: "This statement nests brackets {depth} deep, more than the {limit} levels supalint reads.",
                help: "Simplify the expression: rules do not see inside its deepest part.",
            },
        },
    }
}

impl Rule for ParseError {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        for &(error, span) in &ctx.facts.lex_errors {
            let text = span.text(ctx.text());
            // Point at the opening delimiter: the error is where the token starts.
            let opening_len = match error {
                LexError::UnterminatedDollarString => text[1..].find('$').map_or(1, |i| i + 2),
                LexError::UnterminatedComment => 2,
                _ => text.chars().next().map_or(0, char::len_utf8),
            };
            let at = crate::source::Span::new(span.start, span.start + opening_len.min(span.len()));
            let (id, data) = match error {
                LexError::UnterminatedString => ("unterminatedString", vec![]),
                LexError::UnterminatedQuotedIdent => ("unterminatedQuotedIdent", vec![]),
                LexError::UnterminatedDollarString => (
                    "unterminatedDollarString",
                    vec![("tag", at.text(ctx.text()).to_string())],
                ),
                LexError::UnterminatedComment => ("unterminatedComment", vec![]),
            };
            findings.report(id, at, data);
        }
    }
}
