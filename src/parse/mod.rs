//! The only module that talks to sqlparser.
//!
//! sqlparser validates each statement on its own (no error recovery is needed that way);
//! structure and positions come from the token extractor in `facts`, because sqlparser's
//! spans are often empty and it rejects statements migrations use every day (`DO` blocks,
//! publications, `COMMENT ON FUNCTION f(args)`, `ALTER SEQUENCE`).

use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::parser::Parser;

/// sqlparser returns an error past this depth instead of overflowing the stack. Its frames
/// are large (nested derived tables cost ~200 KB per level in a debug build), so the limit
/// is what fits a 2 MB test thread in debug and a 1 MB WebAssembly stack in release with room
/// to spare (measured on PostgreSQL 15-style nesting of subqueries, CASE, NOT, calls, joins).
/// No statement of the 456-file corpus nests deeper; deeper ones go to the token fallback.
const RECURSION_LIMIT: usize = 16;

/// Whether sqlparser's PostgreSQL dialect accepts `text` as exactly one statement.
pub fn is_valid_sql(text: &str) -> bool {
    let dialect = PostgreSqlDialect {};
    let parser = Parser::new(&dialect).with_recursion_limit(RECURSION_LIMIT);
    match parser.try_with_sql(text) {
        Ok(mut parser) => parser.parse_statements().is_ok_and(|s| s.len() == 1),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_is_left_to_the_token_extractor() {
        for shape in [
            format!("select {}1{}", "(".repeat(10_000), ")".repeat(10_000)),
            format!("select {}1", "(".repeat(10_000)),
            format!("select {}1{}", "(select ".repeat(200), ")".repeat(200)),
            format!("select {}true", "not ".repeat(10_000)),
            format!("select {}1", "-".repeat(10_000)),
            format!(
                "select {}1{}",
                "case when x then ".repeat(2_000),
                " end".repeat(2_000)
            ),
            format!("select {}1{}", "array[".repeat(10_000), "]".repeat(10_000)),
        ] {
            is_valid_sql(&shape);
        }
        assert!(is_valid_sql("select ((1))"));
    }
}
