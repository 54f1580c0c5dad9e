//! Message templates and their rendering.

/// What a rule says for one message id: the short message (what is wrong, naming the object;
/// ESLint's `meta.messages` template) and the help (how to fix it; the why is in the docs).
#[derive(Debug, PartialEq, Eq)]
pub struct MessageTemplate {
    pub id: &'static str,
    pub message: &'static str,
    pub help: &'static str,
}

impl MessageTemplate {
    /// What a lookup of an undeclared message id gives (a finding always names a declared one).
    pub const MISSING: MessageTemplate = MessageTemplate {
        id: "",
        message: "",
        help: "",
    };
}

const DOCS_BASE_URL: &str = "https://github.com/supalint/supalint/blob/main/docs/rules.md";

pub fn docs_url(rule_id: &str) -> String {
    format!("{DOCS_BASE_URL}#{rule_id}")
}

/// Fills `{name}` placeholders in a message template.
pub(super) fn render_message(template: &str, data: &[(&'static str, String)]) -> String {
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
