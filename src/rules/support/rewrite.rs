//! Fixes that add SQL around a statement: a statement before it, or a guard block around it.

use crate::diagnostic::Edit;
use crate::facts::{ObjectName, Statement};
use crate::source::SourceFile;

use super::text::keyword_case;

/// The blanks before `offset` on its line, when nothing else precedes it there. The line
/// index finds the line's start, so a file of one long line costs no scan back per fix.
fn indentation(file: &SourceFile, offset: usize) -> Option<&str> {
    let prefix = file.text.get(file.line_start_of(offset)..offset)?;
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
pub fn insert_statement_before(file: &SourceFile, statement: &Statement, sql: &str) -> Edit {
    let start = statement.span.start;
    match indentation(file, start) {
        Some(indent) => Edit::insert(start, format!("{sql};{}{indent}", file.line_break)),
        None => Edit::insert(start, format!("{sql}; ")),
    }
}

/// Inserts `<drop_if_exists> name ON table` before `statement`, for objects named per table
/// (`drop policy if exists`, `drop trigger if exists`), in the statement's keyword case.
pub fn insert_drop_on_table_before(
    file: &SourceFile,
    statement: &Statement,
    drop_if_exists: &str,
    name: &ObjectName,
    table: &ObjectName,
) -> Edit {
    let source = file.text.as_str();
    let drop = format!(
        "{} {} {} {}",
        keywords(source, statement, drop_if_exists),
        name.span.text(source),
        keywords(source, statement, "on"),
        table.span.text(source)
    );
    insert_statement_before(file, statement, &drop)
}

/// `words` in the case of the statement's first keyword.
pub fn keywords(source: &str, statement: &Statement, words: &str) -> String {
    keyword_case(case_model(source, statement), words)
}

/// Replaces `statement` by a block that runs it and ignores the errors named by `conditions`
/// (PL/pgSQL condition names such as `duplicate_object`): a `DO` block at the top level, a
/// nested `BEGIN … EXCEPTION … END` block inside a `DO` body. The statement's own `;` stays
/// after the block. Its text is kept byte for byte, so string literals inside are unchanged.
pub fn wrap_in_exception_block(
    file: &SourceFile,
    statement: &Statement,
    conditions: &[&str],
) -> Edit {
    let source = file.text.as_str();
    let nl = file.line_break;
    let indent = indentation(file, statement.span.start).unwrap_or("");
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
        let file = |text: &str| SourceFile::new("a.sql", text);
        assert_eq!(indentation(&file("a\n  b"), 4), Some("  "));
        assert_eq!(indentation(&file("a\r  b"), 4), Some("  "));
        assert_eq!(indentation(&file("a\r\n  b"), 5), Some("  "));
        assert_eq!(indentation(&file("a; b"), 3), None);
        assert_eq!(indentation(&file("b"), 0), Some(""));
    }
}
