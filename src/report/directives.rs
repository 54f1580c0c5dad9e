//! Inline directives: `-- supalint-disable-next-line rule-a, rule-b -- reason`,
//! `-- supalint-disable rule` … `-- supalint-enable rule`, `-- supalint-disable-file rule`,
//! in line or block comments. No rule list means every rule.
//!
//! ESLint's own directives (`eslint-disable`, `eslint-disable-next-line`,
//! `eslint-disable-line`, `eslint-enable`) count too when they name `supalint/<rule>`, so a
//! file an editor lints through the ESLint plugin and the `supalint` command agree. Names
//! of other plugins' rules are ESLint's business and are skipped; a directive that names
//! only those is not ours at all.

use crate::diagnostic::Finding;
use crate::rules::engine::{UnknownRule, UnusedDisableDirective};
use crate::rules::find;
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

/// The namespace of supalint's rules in ESLint (`supalint/require-if-not-exists`).
const ESLINT_NAMESPACE: &str = "supalint/";

/// Finds the directives in a file's comments: `supalint-` ones, and `eslint-` ones naming
/// supalint rules when `eslint_directives` is set (the ESLint plugin clears it: ESLint
/// applies those itself).
fn parse_directives(file: &SourceFile, eslint_directives: bool) -> Vec<Directive> {
    file.comments
        .iter()
        .filter_map(|token| {
            parse_comment(file, token.span(), "supalint").or_else(|| {
                eslint_directives
                    .then(|| parse_comment(file, token.span(), "eslint"))
                    .flatten()
                    .and_then(into_supalint_names)
            })
        })
        .collect()
}

/// An `eslint-` directive with its `supalint/` names stripped to rule ids and other
/// plugins' names dropped; none when it names rules but no supalint one, or is
/// `eslint-disable-file` (not an ESLint directive).
fn into_supalint_names(mut directive: Directive) -> Option<Directive> {
    if directive.kind == DirectiveKind::DisableFile {
        return None;
    }
    if directive.rules.is_empty() {
        return Some(directive);
    }
    directive.rules = directive
        .rules
        .into_iter()
        .filter_map(|(name, span)| {
            name.strip_prefix(ESLINT_NAMESPACE)
                .map(|id| (id.to_string(), span))
        })
        .collect();
    (!directive.rules.is_empty()).then_some(directive)
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
struct Suppression {
    pub suppressed: Vec<bool>,
    /// `(directive index, rule index or None for a whole-directive)` never used.
    pub unused: Vec<(usize, Option<usize>)>,
}

fn apply(file: &SourceFile, directives: &[Directive], findings: &[Finding]) -> Suppression {
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

/// Drops the `findings` the file's directives suppress (`eslint_directives`: see
/// [`parse_directives`]) and returns the findings about the directives themselves.
pub(super) fn suppress(
    source: &SourceFile,
    eslint_directives: bool,
    findings: &mut Vec<Finding>,
) -> Vec<Finding> {
    let directives = parse_directives(source, eslint_directives);
    let suppression = apply(source, &directives, findings);
    let mut suppressed = suppression.suppressed.iter();
    findings.retain(|_| suppressed.next() != Some(&true));
    directive_findings(&directives, &suppression.unused)
}

/// Findings about the directives themselves: unknown rule names and unused entries.
fn directive_findings(directives: &[Directive], unused: &[(usize, Option<usize>)]) -> Vec<Finding> {
    let mut findings = Vec::new();
    for directive in directives {
        for (name, span) in &directive.rules {
            if find(name).is_none() {
                findings.push(UnknownRule::finding(name, *span));
            }
        }
    }
    for &(index, rule) in unused {
        let directive = &directives[index];
        match rule {
            Some(rule) => {
                let (name, span) = &directive.rules[rule];
                if find(name).is_some() {
                    findings.push(UnusedDisableDirective::finding(Some(name), *span));
                }
            }
            None => findings.push(UnusedDisableDirective::finding(None, directive.span)),
        }
    }
    findings
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

#[cfg(test)]
mod tests {
    use crate::lint::{lint, InputFile, LintRequest};

    const PATH: &str = "supabase/migrations/20240101000000_notes.sql";

    /// `(rule id, line)` of every finding of `text`, with `eslint-` directives on or off.
    fn findings(text: &str, eslint_directives: bool) -> Vec<(String, usize)> {
        let mut request = LintRequest::new(vec![InputFile {
            path: PATH.into(),
            text: text.into(),
        }]);
        request.now = Some("2026-01-01T00:00:00Z".into());
        request.eslint_directives = eslint_directives;
        lint(&request).results[0]
            .diagnostics
            .iter()
            .map(|d| (d.rule_id.clone(), d.line))
            .collect()
    }

    fn ids(found: &[(String, usize)]) -> Vec<&str> {
        found.iter().map(|(id, _)| id.as_str()).collect()
    }

    #[test]
    fn eslint_directives_naming_supalint_rules_suppress_as_supalint_ones_do() {
        for directive in [
            "-- supalint-disable-next-line require-if-not-exists",
            "-- eslint-disable-next-line supalint/require-if-not-exists",
            "-- eslint-disable-next-line no-console, supalint/require-if-not-exists -- why",
            "/* eslint-disable supalint/require-if-not-exists */",
            "-- eslint-disable",
        ] {
            let text = format!("{directive}\ncreate table public.notes (id bigint);\n");
            assert!(
                !ids(&findings(&text, true)).contains(&"require-if-not-exists"),
                "{directive}"
            );
        }
        let same_line = "create table public.notes (id bigint); -- eslint-disable-line supalint/require-if-not-exists\n";
        assert!(!ids(&findings(same_line, true)).contains(&"require-if-not-exists"));
    }

    #[test]
    fn eslint_enable_ends_an_eslint_disable() {
        let text = "/* eslint-disable supalint/require-if-not-exists */\n\
                    create table public.a (id bigint);\n\
                    /* eslint-enable supalint/require-if-not-exists */\n\
                    create table public.b (id bigint);\n";
        let lines: Vec<usize> = findings(text, true)
            .into_iter()
            .filter(|(id, _)| id == "require-if-not-exists")
            .map(|(_, line)| line)
            .collect();
        assert_eq!(lines, [4]);
    }

    #[test]
    fn eslint_directives_of_other_plugins_or_turned_off_are_not_ours() {
        let other =
            "-- eslint-disable-next-line no-console\ncreate table public.notes (id bigint);\n";
        let found = findings(other, true);
        assert!(ids(&found).contains(&"require-if-not-exists"));
        assert!(!ids(&found).contains(&"unused-disable-directive"));
        // Not an ESLint directive, so not read as one.
        let file = "-- eslint-disable-file supalint/require-if-not-exists\ncreate table public.notes (id bigint);\n";
        assert!(ids(&findings(file, true)).contains(&"require-if-not-exists"));
        let named = "-- eslint-disable-next-line supalint/require-if-not-exists\ncreate table public.notes (id bigint);\n";
        assert!(ids(&findings(named, false)).contains(&"require-if-not-exists"));
    }

    #[test]
    fn unused_and_unknown_names_in_eslint_directives_are_reported() {
        let unused = "-- eslint-disable-next-line supalint/require-if-not-exists\ncreate table if not exists public.notes (id bigint);\n";
        assert!(findings(unused, true).contains(&("unused-disable-directive".to_string(), 1)));
        let unknown = "-- eslint-disable-next-line supalint/require-if-not-exist\ncreate table if not exists public.notes (id bigint);\n";
        assert!(ids(&findings(unknown, true)).contains(&"unknown-rule"));
    }
}
