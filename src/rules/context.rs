//! What a rule sees: the file, its facts, the whole history and the configuration.

use std::cell::{OnceCell, RefCell};

use crate::access::AccessModel;
use crate::config::Config;
use crate::facts::{FileFacts, Statement};
use crate::history::History;
use crate::report::{Edit, Finding, Suggestion};
use crate::source::{SourceFile, Span};

use super::support::names::NameResolver;
use super::support::policy::PolicyStatement;
use super::RuleMeta;

pub struct RuleContext<'a> {
    pub file: &'a SourceFile,
    pub facts: &'a FileFacts,
    /// Index of this file in `history.files`.
    pub file_index: usize,
    pub history: &'a History<'a>,
    /// Who can do what at the end of the history.
    pub access: &'a AccessModel<'a, 'a>,
    pub config: &'a Config,
    /// Seconds since the Unix epoch, UTC.
    pub now: i64,
    /// With `--since`: the versions that existed at the ref.
    pub since_versions: Option<&'a [String]>,
    /// For a migration that already ran: its text then (at the `--since` ref), when known.
    pub base_text: Option<&'a str>,
    /// The file's policy statements, read once for the seven rules that check them.
    pub(crate) policies: OnceCell<Vec<PolicyStatement<'a>>>,
    /// What rules carry from one file of the run to the next.
    pub(crate) run: &'a RunState,
}

/// What rules carry from one file of a lint to the next. Files are linted in history order,
/// so a replay of the history kept here goes over each file once per run instead of once per
/// file (which was quadratic in the length of the history).
#[derive(Default)]
pub struct RunState {
    /// The name resolver after the history's files before `.0`.
    names: RefCell<(usize, NameResolver)>,
}

impl<'a> RuleContext<'a> {
    /// Runs `f` with the name resolver after every file before this one, started on this
    /// file; `f` must record each of this file's statements, in order. The resolver is kept
    /// for the next file, so only the files since the last call are replayed.
    pub(crate) fn with_names_before_file<R>(&self, f: impl FnOnce(&mut NameResolver) -> R) -> R {
        let is_in_history = self
            .history
            .files
            .get(self.file_index)
            .is_some_and(|file| std::ptr::eq(file.facts, self.facts));
        if !is_in_history {
            let mut names = replay(
                &self.history.files[..self.file_index.min(self.history.files.len())],
                NameResolver::default(),
            );
            names.start_file();
            return f(&mut names);
        }
        let mut cursor = self.run.names.borrow_mut();
        if cursor.0 > self.file_index {
            *cursor = (0, NameResolver::default());
        }
        let (done, names) = &mut *cursor;
        *names = replay(
            &self.history.files[*done..self.file_index],
            std::mem::take(names),
        );
        names.start_file();
        *done = self.file_index + 1;
        f(names)
    }
}

/// `names` after each statement of `files`.
fn replay(files: &[crate::history::HistoryFile], mut names: NameResolver) -> NameResolver {
    for file in files {
        names.start_file();
        for statement in &file.facts.statements {
            names.record(statement, &file.source.text);
        }
    }
    names
}

impl<'a> RuleContext<'a> {
    pub fn text(&self) -> &'a str {
        &self.file.text
    }

    pub fn statements(&self) -> &'a [Statement] {
        &self.facts.statements
    }
}

/// Collects findings for one rule, so each rule only states the message id, data and span.
pub struct Findings<'m> {
    meta: &'m RuleMeta,
    pub(crate) items: Vec<Finding>,
}

impl<'m> Findings<'m> {
    pub fn new(meta: &'m RuleMeta) -> Self {
        Findings {
            meta,
            items: Vec::new(),
        }
    }

    /// Reports `message_id` at `span`; chain `.fix()` or `.suggest()` on the result.
    pub fn report(
        &mut self,
        message_id: &'static str,
        span: Span,
        data: Vec<(&'static str, String)>,
    ) -> &mut Finding {
        debug_assert!(
            self.meta.messages.iter().any(|m| m.id == message_id),
            "{}: unknown message id {message_id}",
            self.meta.id
        );
        self.items.push(Finding {
            rule_id: self.meta.id,
            message_id,
            data,
            span,
            fix: None,
            suggestions: Vec::new(),
            max_severity: None,
        });
        self.items.last_mut().expect("just pushed")
    }
}

impl Finding {
    pub fn fix(&mut self, edit: Edit) -> &mut Self {
        self.fix = Some(edit);
        self
    }

    /// Reports this finding at no more than `severity`, whatever the rule is set to.
    pub fn at_most(&mut self, severity: crate::report::Severity) -> &mut Self {
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
}
