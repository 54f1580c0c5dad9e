//! Every rule's messages read as STYLE.md asks: one short sentence saying what is wrong, and
//! a separate help saying how to fix it.

use supalint::rules;

/// The longest a message may be once its placeholders hold typical names.
const MAX_MESSAGE_CHARS: usize = 100;

/// What each placeholder is replaced with when measuring: a typical 10-character name.
const TYPICAL_VALUE: &str = "notes_body";

/// Message ids that only name a suggestion (ESLint's suggestion `messageId`): the suggestion
/// is itself the fix, so they have no help.
const SUGGESTION_MESSAGES: &[&str] = &["addEmptySearchPath"];

/// `template` with every `{placeholder}` replaced by [`TYPICAL_VALUE`].
fn with_typical_values(template: &str) -> String {
    let mut rendered = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        rendered.push_str(&rest[..open]);
        rendered.push_str(TYPICAL_VALUE);
        rest = &rest[open + close + 1..];
    }
    rendered.push_str(rest);
    rendered
}

#[test]
fn messages_are_short_single_sentences() {
    let mut failures = Vec::new();
    for rule in rules::all() {
        let meta = rule.meta();
        for template in meta.messages {
            let message = with_typical_values(template.message);
            let length = message.chars().count();
            if length > MAX_MESSAGE_CHARS {
                failures.push(format!(
                    "{}/{}: {length} characters: {message}",
                    meta.id, template.id
                ));
            }
            // `;` joins a second clause (the why or the how): that belongs in the help.
            if template.message.contains("; ") {
                failures.push(format!(
                    "{}/{}: more than one sentence: {}",
                    meta.id, template.id, template.message
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_message_has_help_that_says_how_to_fix() {
    let mut failures = Vec::new();
    for rule in rules::all() {
        let meta = rule.meta();
        for template in meta.messages {
            let is_suggestion = SUGGESTION_MESSAGES.contains(&template.id);
            let help = template.help;
            let problem = match (is_suggestion, help.is_empty()) {
                (true, false) => Some("a suggestion's message has no help"),
                (false, true) => Some("no help"),
                (false, false) if !help.ends_with('.') => Some("help is not a sentence"),
                (false, false) if help.chars().next().is_some_and(char::is_lowercase) => {
                    Some("help does not start with a capital")
                }
                _ => None,
            };
            if let Some(problem) = problem {
                failures.push(format!("{}/{}: {problem}: {help:?}", meta.id, template.id));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn placeholders_are_replaced_when_measuring() {
    assert_eq!(
        with_typical_values("Column `{column}` of `{table}`."),
        "Column `notes_body` of `notes_body`."
    );
}
