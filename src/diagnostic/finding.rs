//! A rule's finding: what it reports, where, with which data, fix and suggestions.

use std::borrow::Cow;
use std::rc::Rc;

use crate::source::Span;

use super::Severity;

/// A text edit in byte offsets; converted to UTF-16 for the output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub text: String,
}

impl Edit {
    pub fn insert(at: usize, text: impl Into<String>) -> Self {
        Edit {
            span: Span::empty_at(at),
            text: text.into(),
        }
    }

    pub fn replace(span: Span, text: impl Into<String>) -> Self {
        Edit {
            span,
            text: text.into(),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Suggestion {
    pub message_id: &'static str,
    pub desc: String,
    pub edit: Edit,
}

/// A rule's finding before severities and positions are applied.
#[derive(Clone, Debug)]
pub struct Finding {
    pub rule_id: &'static str,
    pub message_id: &'static str,
    pub data: Vec<(&'static str, String)>,
    /// Data worked out only for a finding that is reported, after `data`.
    pub deferred_data: Option<DeferredData>,
    pub span: Span,
    pub fix: Option<Edit>,
    pub suggestions: Vec<Suggestion>,
    /// Caps the configured severity for this finding (a milder case of the rule).
    pub max_severity: Option<Severity>,
}

/// Data a finding renders only if it is reported: the data of some rules grows with the
/// history (a list of every earlier policy that overlaps), and rendering it for every finding,
/// most of which the per-file limit then cuts, was quadratic in time and memory.
#[derive(Clone)]
pub struct DeferredData(pub Rc<dyn Fn() -> Vec<(&'static str, String)>>);

impl std::fmt::Debug for DeferredData {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DeferredData")
    }
}

impl Finding {
    /// A finding of `rule_id` with message `message_id` at `span`, without fix or suggestions.
    pub fn new(
        rule_id: &'static str,
        message_id: &'static str,
        span: Span,
        data: Vec<(&'static str, String)>,
    ) -> Self {
        Finding {
            rule_id,
            message_id,
            data,
            deferred_data: None,
            span,
            fix: None,
            suggestions: Vec::new(),
            max_severity: None,
        }
    }

    /// Adds data worked out only if the finding is reported ([`DeferredData`]).
    pub fn defer_data(
        &mut self,
        data: impl Fn() -> Vec<(&'static str, String)> + 'static,
    ) -> &mut Self {
        self.deferred_data = Some(DeferredData(Rc::new(data)));
        self
    }

    pub fn fix(&mut self, edit: Edit) -> &mut Self {
        self.fix = Some(edit);
        self
    }

    /// Reports this finding at no more than `severity`, whatever the rule is set to.
    pub fn at_most(&mut self, severity: Severity) -> &mut Self {
        self.max_severity = Some(severity);
        self
    }

    pub fn suggest(
        &mut self,
        message_id: &'static str,
        desc: impl Into<String>,
        edit: Edit,
    ) -> &mut Self {
        self.suggestions.push(Suggestion {
            message_id,
            desc: desc.into(),
            edit,
        });
        self
    }

    /// The finding with its deferred data worked out and added to `data`.
    pub fn with_deferred_data(&self) -> Cow<'_, Finding> {
        match &self.deferred_data {
            None => Cow::Borrowed(self),
            Some(DeferredData(data)) => {
                let mut finding = self.clone();
                finding.data.extend(data());
                finding.deferred_data = None;
                Cow::Owned(finding)
            }
        }
    }
}
