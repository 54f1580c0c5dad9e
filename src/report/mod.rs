//! Diagnostics as the engine returns them: positions in lines, UTF-16 columns and offsets.

use serde::Serialize;

use crate::rules::MessageTemplate;
use crate::source::{SourceFile, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Severity {
    Off,
    Warn,
    Error,
}

/// The presets a configuration extends (`extends`).
pub const PRESETS: [&str; 3] = ["recommended", "all", "none"];

impl Severity {
    /// A rule's severity under a preset, from its default one: `recommended` keeps it,
    /// `all` turns an `off` rule into a warning, `none` turns every rule off.
    pub fn in_preset(self, preset: &str) -> Severity {
        match preset {
            "all" if self == Severity::Off => Severity::Warn,
            "none" => Severity::Off,
            _ => self,
        }
    }

    /// ESLint's number: 0 off, 1 warn, 2 error.
    pub fn number(self) -> u8 {
        match self {
            Severity::Off => 0,
            Severity::Warn => 1,
            Severity::Error => 2,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Severity::Off => "off",
            Severity::Warn => "warn",
            Severity::Error => "error",
        }
    }

    pub fn parse(value: &serde_json::Value) -> Option<Severity> {
        match value {
            serde_json::Value::String(s) => match s.as_str() {
                "off" => Some(Severity::Off),
                "warn" | "warning" => Some(Severity::Warn),
                "error" => Some(Severity::Error),
                _ => None,
            },
            serde_json::Value::Number(n) => match n.as_u64() {
                Some(0) => Some(Severity::Off),
                Some(1) => Some(Severity::Warn),
                Some(2) => Some(Severity::Error),
                _ => None,
            },
            _ => None,
        }
    }
}

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
pub struct DeferredData(pub std::rc::Rc<dyn Fn() -> Vec<(&'static str, String)>>);

impl std::fmt::Debug for DeferredData {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DeferredData")
    }
}

impl Finding {
    /// The finding with its deferred data worked out and added to `data`.
    pub fn with_deferred_data(&self) -> std::borrow::Cow<'_, Finding> {
        match &self.deferred_data {
            None => std::borrow::Cow::Borrowed(self),
            Some(DeferredData(data)) => {
                let mut finding = self.clone();
                finding.data.extend(data());
                finding.deferred_data = None;
                std::borrow::Cow::Owned(finding)
            }
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct TextEdit {
    pub range: [usize; 2],
    pub text: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct SuggestionOut {
    pub desc: String,
    #[serde(rename = "messageId")]
    pub message_id: String,
    pub fix: TextEdit,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Diagnostic {
    pub rule_id: String,
    pub severity: u8,
    pub message: String,
    /// How to fix it, one or two short sentences (the why is in the rule's docs).
    pub help: String,
    pub message_id: String,
    pub data: std::collections::BTreeMap<String, String>,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub range: [usize; 2],
    pub byte_range: [usize; 2],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<TextEdit>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<SuggestionOut>,
    pub docs_url: String,
    /// The fix in byte offsets, for the fixer.
    #[serde(skip)]
    pub fix_edit: Option<Edit>,
}

pub const DOCS_BASE_URL: &str = "https://github.com/supalint/supalint/blob/main/docs/rules.md";

pub fn docs_url(rule_id: &str) -> String {
    format!("{DOCS_BASE_URL}#{rule_id}")
}

/// Fills `{name}` placeholders in a message template.
pub fn render_message(template: &str, data: &[(&'static str, String)]) -> String {
    let mut message = template.to_string();
    let mut placeholder = String::new();
    for (key, value) in data {
        placeholder.clear();
        placeholder.extend(["{", key, "}"]);
        // `replace` copies the message even when the placeholder is absent (data often holds
        // keys only a fix or another message of the rule uses).
        if message.contains(placeholder.as_str()) {
            message = message.replace(placeholder.as_str(), value);
        }
    }
    message
}

pub fn text_edit(file: &SourceFile, edit: &Edit) -> TextEdit {
    TextEdit {
        range: [
            file.line_index.utf16_offset(&file.text, edit.span.start),
            file.line_index.utf16_offset(&file.text, edit.span.end),
        ],
        text: edit.text.clone(),
    }
}

impl Diagnostic {
    /// The diagnostic for `finding`, its message and help rendered from `template`.
    pub fn new(
        file: &SourceFile,
        finding: &Finding,
        severity: Severity,
        template: &MessageTemplate,
    ) -> Self {
        let text = &file.text;
        let span = finding.span;
        let start = file.line_index.position(text, span.start);
        let end = file.line_index.position(text, span.end);
        Diagnostic {
            rule_id: finding.rule_id.to_string(),
            severity: severity.number(),
            message: render_message(template.message, &finding.data),
            help: render_message(template.help, &finding.data),
            message_id: finding.message_id.to_string(),
            data: finding
                .data
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            range: [
                file.line_index.utf16_offset(text, span.start),
                file.line_index.utf16_offset(text, span.end),
            ],
            byte_range: [
                crate::source::clamp_to_char_boundary(text, span.start),
                crate::source::clamp_to_char_boundary(text, span.end),
            ],
            fix: finding.fix.as_ref().map(|edit| text_edit(file, edit)),
            suggestions: finding
                .suggestions
                .iter()
                .map(|s| SuggestionOut {
                    desc: s.desc.clone(),
                    message_id: s.message_id.to_string(),
                    fix: text_edit(file, &s.edit),
                })
                .collect(),
            docs_url: docs_url(finding.rule_id),
            fix_edit: finding.fix.clone(),
        }
    }
}
