//! What a rule sees: the file, its facts, the whole history and the configuration.

use std::any::{Any, TypeId};
use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use crate::access::AccessModel;
use crate::config::Config;
use crate::diagnostic::Finding;
use crate::facts::{FileFacts, Statement};
use crate::history::History;
use crate::source::{SourceFile, Span};

use super::support::names::NameResolver;
use super::support::new_tables::CreatedInFile;
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
    /// What the file creates, read once for the rules that skip tables new in the file.
    pub(crate) created: OnceCell<CreatedInFile<'a>>,
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
    /// The findings of the rules that walk the end state, by rule, then by file
    /// ([`RuleContext::report_from_end_state`]).
    end_state_findings: RefCell<HashMap<&'static str, FileFindings>>,
    /// What rules work out once per run, by its type ([`RuleContext::once_per_run`]).
    computed: RefCell<HashMap<TypeId, Rc<dyn Any>>>,
}

/// Findings by the index of the file they belong to.
type FileFindings = HashMap<usize, Vec<Finding>>;

/// The findings of one walk of the end state, each put in the file it belongs to.
pub struct EndStateFindings<'m> {
    meta: &'m RuleMeta,
    files: FileFindings,
}

impl EndStateFindings<'_> {
    /// Reports `message_id` at `span` of the file at `file` in the history, as
    /// [`Findings::report`] does for the file being linted.
    pub fn report(
        &mut self,
        file: usize,
        message_id: &'static str,
        span: Span,
        data: Vec<(&'static str, String)>,
    ) -> &mut Finding {
        let items = self.files.entry(file).or_default();
        items.push(new_finding(self.meta, message_id, span, data));
        items.last_mut().expect("just pushed")
    }
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

/// The indexes of `items` by the history's index of the file each belongs to (`file_of`), in
/// order: a rule that reads a run-wide list keeps this with [`RuleContext::once_per_run`] and
/// reads its own file's share, instead of the whole list for every file.
pub(crate) fn indexes_by_file<T>(
    items: &[T],
    file_of: impl Fn(&T) -> usize,
) -> HashMap<usize, Vec<usize>> {
    let mut by_file: HashMap<usize, Vec<usize>> = HashMap::new();
    for (index, item) in items.iter().enumerate() {
        by_file.entry(file_of(item)).or_default().push(index);
    }
    by_file
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
    /// For a rule whose findings come from the end state (every live table, policy or
    /// function, whichever file made it): `walk` runs once per run, reporting each finding
    /// into the file it belongs to, and this file's share goes to `findings`. Walking the end
    /// state once per file instead made such a rule quadratic in the history.
    pub(crate) fn report_from_end_state(
        &self,
        findings: &mut Findings,
        // `dyn`: one copy of this function in the WebAssembly build, not one per rule.
        walk: &dyn Fn(&mut EndStateFindings),
    ) {
        let id = findings.meta.id;
        if !self.run.end_state_findings.borrow().contains_key(id) {
            let mut all = EndStateFindings {
                meta: findings.meta,
                files: HashMap::new(),
            };
            walk(&mut all);
            self.run
                .end_state_findings
                .borrow_mut()
                .insert(id, all.files);
        }
        if let Some(mine) = self.run.end_state_findings.borrow().get(id) {
            let mine = mine.get(&self.file_index).map_or(&[][..], Vec::as_slice);
            findings.items.extend_from_slice(mine);
        }
    }

    /// `compute`'s value, worked out on the first call of the run and shared by later files
    /// (one value per type `T`: each rule keeps its own type).
    pub(crate) fn once_per_run<T: 'static>(&self, compute: impl FnOnce() -> T) -> Rc<T> {
        let key = TypeId::of::<T>();
        let known = self.run.computed.borrow().get(&key).cloned();
        let value = known.unwrap_or_else(|| {
            let value: Rc<dyn Any> = Rc::new(compute());
            self.run.computed.borrow_mut().insert(key, value.clone());
            value
        });
        value.downcast().expect("one type per key")
    }
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
        self.items
            .push(new_finding(self.meta, message_id, span, data));
        self.items.last_mut().expect("just pushed")
    }
}

fn new_finding(
    meta: &RuleMeta,
    message_id: &'static str,
    span: Span,
    data: Vec<(&'static str, String)>,
) -> Finding {
    debug_assert!(
        meta.messages.iter().any(|m| m.id == message_id),
        "{}: unknown message id {message_id}",
        meta.id
    );
    Finding::new(meta.id, message_id, span, data)
}
