//! Engine rules: lexical errors and directive hygiene.

mod parse_error;
mod syntax_error;
mod unknown_rule;
mod unused_disable_directive;

pub use parse_error::ParseError;
pub use syntax_error::{syntax_problems, SyntaxError, SyntaxProblem};
pub use unknown_rule::UnknownRule;
pub use unused_disable_directive::UnusedDisableDirective;

use crate::directives::Directive;
use crate::report::Finding;

/// Findings about the directives themselves: unknown rule names and unused entries.
pub fn directive_findings(
    directives: &[Directive],
    unused: &[(usize, Option<usize>)],
) -> Vec<Finding> {
    let mut findings = Vec::new();
    for directive in directives {
        for (name, span) in &directive.rules {
            if crate::rules::find(name).is_none() {
                findings.push(unknown_rule::finding(name, *span));
            }
        }
    }
    for &(index, rule) in unused {
        let directive = &directives[index];
        match rule {
            Some(rule) => {
                let (name, span) = &directive.rules[rule];
                if crate::rules::find(name).is_some() {
                    findings.push(unused_disable_directive::finding(Some(name), *span));
                }
            }
            None => findings.push(unused_disable_directive::finding(None, directive.span)),
        }
    }
    findings
}
