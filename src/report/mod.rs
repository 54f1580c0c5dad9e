//! The report stage: one file's findings in, its diagnostics out.
//!
//! After the rules have checked a file, this stage adds the engine's own findings (statements
//! nested too deep, findings about directives), takes the fixes off findings in statements
//! that do not lex or parse, drops what inline directives suppress, applies the configured
//! severities, orders the rest, cuts them to the per-file limit and renders their messages.

mod directives;
mod engine_findings;
mod unlexable;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Finding, Severity};
use crate::facts::FileFacts;
use crate::rules::engine::{ParseError, UnusedDisableDirective};
use crate::rules::{self, RuleMeta};
use crate::source::{Position, SourceFile};

pub use engine_findings::rejected_file;

/// Past this many diagnostics in one file the rest are dropped and one says so.
pub const MAX_DIAGNOSTICS_PER_FILE: usize = 1000;

/// What the request says about inline directives.
#[derive(Clone, Copy, Debug)]
pub struct DirectiveOptions {
    /// Whether directives in comments apply at all (`inlineConfig`).
    pub is_enabled: bool,
    /// Whether `eslint-disable…` comments naming `supalint/<rule>` count, as `supalint-disable…`
    /// ones do (the ESLint plugin turns it off: ESLint applies them itself).
    pub eslint_directives: bool,
    /// Whether unused directives are reported even with `unused-disable-directive` off.
    pub report_unused: bool,
}

/// One analysed file and how to report on it.
pub struct FileReport<'a> {
    pub source: &'a SourceFile,
    pub facts: &'a FileFacts,
    pub config: &'a Config,
    pub directives: DirectiveOptions,
}

/// The diagnostics of `file`, from the findings its rules reported.
pub fn report(file: &FileReport, mut findings: Vec<Finding>) -> Vec<Diagnostic> {
    let FileReport {
        source,
        facts,
        config,
        directives: options,
    } = *file;
    if config.severity(ParseError::META.id) != Severity::Off {
        findings.extend(engine_findings::too_deep(source, facts));
    }
    unlexable::drop_fixes_in_unlexable_statements(source, facts, &mut findings);
    let directive_findings = if options.is_enabled {
        directives::suppress(source, options.eslint_directives, &mut findings)
    } else {
        Vec::new()
    };
    let unused_severity = match config.severity(UnusedDisableDirective::META.id) {
        Severity::Off if options.report_unused => Severity::Warn,
        severity => severity,
    };
    // Ordered and cut to the limit before messages are rendered: a file with 100,000
    // findings renders 1,000 of them, not all (the rest was most of the engine's memory).
    let mut kept: Vec<(Position, &Finding, Severity, &'static RuleMeta)> = Vec::new();
    for finding in findings.iter().chain(&directive_findings) {
        let severity = if finding.rule_id == UnusedDisableDirective::META.id {
            unused_severity
        } else {
            let configured = config.severity(finding.rule_id);
            finding
                .max_severity
                .map_or(configured, |cap| configured.min(cap))
        };
        if severity == Severity::Off {
            continue;
        }
        let Some(rule) = rules::find(finding.rule_id) else {
            continue;
        };
        let start = source.line_index.position(&source.text, finding.span.start);
        kept.push((start, finding, severity, rule.meta()));
    }
    kept.sort_by(|(a, f, ..), (b, g, ..)| {
        (a.line, a.column, f.rule_id).cmp(&(b.line, b.column, g.rule_id))
    });
    let is_cut = kept.len() > MAX_DIAGNOSTICS_PER_FILE;
    kept.truncate(MAX_DIAGNOSTICS_PER_FILE);
    let mut diagnostics: Vec<Diagnostic> = kept
        .into_iter()
        .map(|(_, finding, severity, meta)| {
            let finding = finding.with_deferred_data();
            Diagnostic::new(
                source,
                &finding,
                severity,
                meta.template(finding.message_id),
            )
        })
        .collect();
    if is_cut {
        diagnostics.push(engine_findings::too_many(source, MAX_DIAGNOSTICS_PER_FILE));
    }
    diagnostics
}
