//! The only module that talks to sqlparser.
//!
//! sqlparser validates each statement on its own (no error recovery is needed that way);
//! structure and positions come from the token extractor in `facts`, because sqlparser's
//! spans are often empty and it rejects statements migrations use every day (`DO` blocks,
//! publications, `COMMENT ON FUNCTION f(args)`, `ALTER SEQUENCE`).

use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::parser::Parser;

/// Deep enough for real SQL; sqlparser returns an error past it instead of overflowing.
const RECURSION_LIMIT: usize = 64;

/// Whether sqlparser's PostgreSQL dialect accepts `text` as exactly one statement.
pub fn is_valid_sql(text: &str) -> bool {
    let dialect = PostgreSqlDialect {};
    let parser = Parser::new(&dialect).with_recursion_limit(RECURSION_LIMIT);
    match parser.try_with_sql(text) {
        Ok(mut parser) => parser.parse_statements().is_ok_and(|s| s.len() == 1),
        Err(_) => false,
    }
}
