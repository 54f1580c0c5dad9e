//! `SET lock_timeout` / `SET statement_timeout` before the statements that need them.

use crate::facts::{Statement, StatementKind};
use crate::rules::RuleContext;

/// The first top-level statement of the file for which `needs_timeout` holds and no earlier
/// `SET [LOCAL] <setting> = <non-zero>` is in effect.
pub fn first_statement_without<'a>(
    ctx: &RuleContext<'a>,
    setting: &str,
    needs_timeout: impl Fn(&Statement) -> bool,
) -> Option<&'a Statement> {
    let mut is_set = false;
    for statement in ctx.statements().iter().filter(|s| !s.in_do_block) {
        match &statement.kind {
            StatementKind::Set { name, value } if name == setting => {
                is_set = is_limit(value);
            }
            _ if !is_set && needs_timeout(statement) => return Some(statement),
            _ => {}
        }
    }
    None
}

/// Whether a setting value limits anything: `0` (any unit) and `DEFAULT` switch it off.
fn is_limit(value: &str) -> bool {
    let value = value.trim().trim_matches('\'').trim();
    if value.eq_ignore_ascii_case("default") || value.is_empty() {
        return false;
    }
    let digits: String = value
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    digits.parse::<f64>().map_or(true, |n| n > 0.0)
}

#[cfg(test)]
mod tests {
    use super::is_limit;

    #[test]
    fn zero_and_default_are_no_limit() {
        assert!(is_limit("5s"));
        assert!(is_limit("'1s'"));
        assert!(is_limit("1000"));
        assert!(!is_limit("0"));
        assert!(!is_limit("'0ms'"));
        assert!(!is_limit("default"));
    }
}
