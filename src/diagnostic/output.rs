//! Diagnostics as the engine returns them: positions in lines, UTF-16 columns and offsets.

use serde::Serialize;

use crate::source::{clamp_to_char_boundary, SourceFile};

use super::message::render_message;
use super::{docs_url, Edit, Finding, MessageTemplate, Severity};

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

fn text_edit(file: &SourceFile, edit: &Edit) -> TextEdit {
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
                clamp_to_char_boundary(text, span.start),
                clamp_to_char_boundary(text, span.end),
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
