//! What a finding is, from a rule's report to the diagnostic the engine returns: severities,
//! findings with their edits, message templates and their rendering, and the output shape
//! (positions in lines, UTF-16 columns and offsets).
//!
//! Rules build findings with these types and the report stage turns them into diagnostics, so
//! this module comes before both and reads nothing but `source`.

mod finding;
mod message;
mod output;
mod severity;

pub use finding::{DeferredData, Edit, Finding, Suggestion};
pub use message::{docs_url, MessageTemplate};
pub use output::{Diagnostic, SuggestionOut, TextEdit};
pub use severity::Severity;
