//! Engine rules: lexical errors and directive hygiene. The report stage reports the
//! directive rules' findings and `parse-error`'s findings about whole files.

mod parse_error;
mod syntax_error;
mod unknown_rule;
mod unused_disable_directive;

pub use parse_error::ParseError;
pub use syntax_error::{syntax_problems, SyntaxError, SyntaxProblem};
pub use unknown_rule::UnknownRule;
pub use unused_disable_directive::UnusedDisableDirective;
