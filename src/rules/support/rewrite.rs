//! Fixes that add SQL around a statement: a statement before it, or a guard block around it.

use crate::facts::{ObjectName, Statement};
use crate::report::Edit;

use super::text::keyword_case;

/// The line break the file already uses, so a fix does not mix `\n` into a CRLF file or one
/// whose lines end with a lone `\r`.
pub fn line_break(source: &str) -> &'static str {
    // Called for every fix, with the whole file: the byte search (word at a time) settles the
    // usual file without `\r` about ten times faster than the substring search alone.
    if !source.as_bytes().contains(&b'\r') {
        "\n"
    } else if source.contains("\r\n") {
        "\r\n"
    } else if source.as_bytes().contains(&b'\n') {
        "\n"
    } else {
        "\r"
    }
}

/// The blanks before `offset` on its line, when nothing else precedes it there.
fn indentation(source: &str, offset: usize) -> Option<&str> {
    let before = source.get(..offset)?;
    let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let prefix = &before[line_start..];
    prefix
        .bytes()
        .all(|b| b == b' ' || b == b'\t')
        .then_some(prefix)
}

/// The text of the statement's first token, whose case inserted keywords follow.
fn case_model<'a>(source: &'a str, statement: &Statement) -> &'a str {
    statement
        .tokens
        .first()
        .map(|t| t.text(source))
        .unwrap_or("")
}

/// Inserts the statement `sql` (without `;`) before `statement`: on a line of its own with
/// the same indentation when the statement starts its line, else on the same line.
pub fn insert_statement_before(source: &str, statement: &Statement, sql: &str) -> Edit {
    let start = statement.span.start;
    match indentation(source, start) {
        Some(indent) => Edit::insert(start, format!("{sql};{}{indent}", line_break(source))),
        None => Edit::insert(start, format!("{sql}; ")),
    }
}

/// Inserts `<drop_if_exists> name ON table` before `statement`, for objects named per table
/// (`drop policy if exists`, `drop trigger if exists`), in the statement's keyword case.
pub fn insert_drop_on_table_before(
    source: &str,
    statement: &Statement,
    drop_if_exists: &str,
    name: &ObjectName,
    table: &ObjectName,
) -> Edit {
    let drop = format!(
        "{} {} {} {}",
        keywords(source, statement, drop_if_exists),
        name.span.text(source),
        keywords(source, statement, "on"),
        table.span.text(source)
    );
    insert_statement_before(source, statement, &drop)
}

/// `words` in the case of the statement's first keyword.
pub fn keywords(source: &str, statement: &Statement, words: &str) -> String {
    keyword_case(case_model(source, statement), words)
}

/// Replaces `statement` by a block that runs it and ignores the errors named by `conditions`
/// (PL/pgSQL condition names such as `duplicate_object`): a `DO` block at the top level, a
/// nested `BEGIN … EXCEPTION … END` block inside a `DO` body. The statement's own `;` stays
/// after the block. Its text is kept byte for byte, so string literals inside are unchanged.
pub fn wrap_in_exception_block(source: &str, statement: &Statement, conditions: &[&str]) -> Edit {
    let nl = line_break(source);
    let indent = indentation(source, statement.span.start).unwrap_or("");
    let body = statement.span.text(source);
    let k = |words: &str| keywords(source, statement, words);
    let conditions = conditions
        .iter()
        .map(|c| k(c))
        .collect::<Vec<_>>()
        .join(&format!(" {} ", k("or")));
    let block = format!(
        "{begin}{nl}{indent}  {body};{nl}{indent}{exception} {conditions} {then};{nl}{indent}{end}",
        begin = k("begin"),
        exception = k("exception when"),
        then = k("then null"),
        end = k("end"),
    );
    let text = if statement.in_do_block {
        block
    } else {
        let tag = dollar_tag(body);
        format!("{} {tag} {block} {tag}", k("do"))
    };
    Edit::replace(statement.span, text)
}

/// A dollar-quote tag that does not occur in `body`: `$$`, else `$do$`, `$do1$`, ….
fn dollar_tag(body: &str) -> String {
    std::iter::once("$$".to_string())
        .chain(std::iter::once("$do$".to_string()))
        .chain((1..).map(|i| format!("$do{i}$")))
        .find(|tag| !body.contains(tag.as_str()))
        .unwrap_or_else(|| "$$".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dollar_tags_avoid_the_body() {
        assert_eq!(dollar_tag("select 1"), "$$");
        assert_eq!(dollar_tag("select $$x$$"), "$do$");
        assert_eq!(dollar_tag("$$ $do$"), "$do1$");
    }

    #[test]
    fn indentation_is_only_leading_blanks() {
        assert_eq!(indentation("a\n  b", 4), Some("  "));
        assert_eq!(indentation("a; b", 3), None);
        assert_eq!(indentation("b", 0), Some(""));
    }
}
