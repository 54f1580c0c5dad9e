//! Inline directives: `-- supalint-disable-next-line rule-a, rule-b -- reason`,
//! `-- supalint-disable rule` … `-- supalint-enable rule`, `-- supalint-disable-file rule`,
//! in line or block comments. No rule list means every rule.

use crate::report::Finding;
use crate::source::{SourceFile, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DirectiveKind {
    DisableNextLine,
    DisableLine,
    Disable,
    Enable,
    DisableFile,
}

#[derive(Clone, Debug)]
pub struct Directive {
    pub kind: DirectiveKind,
    /// Rule names with their spans; empty means every rule.
    pub rules: Vec<(String, Span)>,
    pub span: Span,
    /// 0-based line the comment ends on.
    pub end_line: usize,
    pub start_line: usize,
}

/// Finds the directives in a file's comments; `prefix` is `supalint` (or `eslint`).
pub fn parse_directives(file: &SourceFile, prefix: &str) -> Vec<Directive> {
    file.comments
        .iter()
        .filter_map(|token| parse_comment(file, token.span(), prefix))
        .collect()
}

fn parse_comment(file: &SourceFile, span: Span, prefix: &str) -> Option<Directive> {
    let text = span.text(&file.text);
    let (body, body_offset) = if let Some(rest) = text.strip_prefix("--") {
        (rest, 2)
    } else {
        let inner = text.strip_prefix("/*")?;
        (inner.strip_suffix("*/").unwrap_or(inner), 2)
    };
    let leading = body.len() - body.trim_start().len();
    let body = body.trim_start();
    let after_prefix = body.strip_prefix(prefix)?.strip_prefix('-')?;
    let kinds = [
        ("disable-next-line", DirectiveKind::DisableNextLine),
        ("disable-line", DirectiveKind::DisableLine),
        ("disable-file", DirectiveKind::DisableFile),
        ("disable", DirectiveKind::Disable),
        ("enable", DirectiveKind::Enable),
    ];
    let (word, kind) = kinds.iter().find(|(word, _)| {
        after_prefix.starts_with(word)
            && after_prefix[word.len()..]
                .chars()
                .next()
                .is_none_or(|c| c.is_whitespace())
    })?;
    let list_start = span.start + body_offset + leading + prefix.len() + 1 + word.len();
    let list = &after_prefix[word.len()..];
    // A ` -- reason` ends the list.
    let list = list.split(" --").next().unwrap_or("");
    let mut rules = Vec::new();
    let mut offset = list_start;
    for part in list.split(',') {
        let trimmed = part.trim();
        if !trimmed.is_empty() {
            let start = offset + part.find(trimmed).unwrap_or(0);
            rules.push((trimmed.to_string(), Span::new(start, start + trimmed.len())));
        }
        offset += part.len() + 1;
    }
    Some(Directive {
        kind: *kind,
        rules,
        span,
        start_line: file.line_index.line_of(span.start),
        end_line: file
            .line_index
            .line_of(span.end.saturating_sub(1).max(span.start)),
    })
}

impl Directive {
    fn names(&self, rule_id: &str) -> Option<usize> {
        if self.rules.is_empty() {
            return Some(0);
        }
        self.rules.iter().position(|(name, _)| name == rule_id)
    }
}

/// Which findings the directives suppress, and which directive entries went unused.
pub struct Suppression {
    pub suppressed: Vec<bool>,
    /// `(directive index, rule index or None for a whole-directive)` never used.
    pub unused: Vec<(usize, Option<usize>)>,
}

pub fn apply(file: &SourceFile, directives: &[Directive], findings: &[Finding]) -> Suppression {
    // used[d][r]: rule r of directive d suppressed something (index 0 for an empty list).
    let mut used: Vec<Vec<bool>> = directives
        .iter()
        .map(|d| vec![false; d.rules.len().max(1)])
        .collect();
    let suppressed = findings
        .iter()
        .map(|finding| {
            let line = file.line_index.line_of(finding.span.start);
            let mut hit = false;
            for (index, directive) in directives.iter().enumerate() {
                let Some(rule) = directive.names(finding.rule_id) else {
                    continue;
                };
                let covers = match directive.kind {
                    DirectiveKind::DisableFile => true,
                    DirectiveKind::DisableNextLine => line == directive.end_line + 1,
                    DirectiveKind::DisableLine => line == directive.start_line,
                    DirectiveKind::Disable => {
                        directive.span.end <= finding.span.start
                            && !re_enabled(directives, index, finding.rule_id, finding.span.start)
                    }
                    DirectiveKind::Enable => false,
                };
                if covers {
                    used[index][rule] = true;
                    hit = true;
                }
            }
            hit
        })
        .collect();
    let mut unused = Vec::new();
    for (index, directive) in directives.iter().enumerate() {
        if directive.kind == DirectiveKind::Enable {
            continue;
        }
        if directive.rules.is_empty() {
            if !used[index][0] {
                unused.push((index, None));
            }
        } else {
            for (rule, was_used) in used[index].iter().enumerate() {
                if !was_used {
                    unused.push((index, Some(rule)));
                }
            }
        }
    }
    Suppression { suppressed, unused }
}

/// Whether an `enable` for `rule_id` stands between directive `index` and `offset`.
fn re_enabled(directives: &[Directive], index: usize, rule_id: &str, offset: usize) -> bool {
    let start = directives[index].span.end;
    directives.iter().any(|d| {
        d.kind == DirectiveKind::Enable
            && d.span.start >= start
            && d.span.end <= offset
            && d.names(rule_id).is_some()
    })
}
