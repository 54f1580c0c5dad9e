//! The only module that talks to sqlparser.
//!
//! sqlparser validates each statement on its own (no error recovery is needed that way);
//! structure and positions come from the token extractor in `facts`, because sqlparser's
//! spans are often empty and it rejects statements migrations use every day (`DO` blocks,
//! publications, `COMMENT ON FUNCTION f(args)`, `ALTER SEQUENCE`).

use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::parser::Parser;

/// Deep enough for real SQL; sqlparser returns an error past it instead of overflowing.
/// Each level can take ~30 KiB of stack in a debug build: at 64, seventy nested parentheses
/// or `NOT`s overflowed a 2 MiB test thread (and wasm's 1 MiB stack is smaller still).
/// Deeper statements go to the token-level fallback.
const RECURSION_LIMIT: usize = 24;

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
