//! Rule metadata, declared once per rule by [`declare_rule!`](crate::declare_rule).

use serde::Serialize;

use crate::diagnostic::{MessageTemplate, Severity};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Naming,
    Idempotency,
    Access,
    Storage,
    Safety,
    Style,
    Engine,
}

impl Category {
    /// The category's place in SPEC §3's order (naming first), by which hosts group rules.
    pub fn rank(self) -> u8 {
        self as u8
    }

    pub fn title(self) -> &'static str {
        match self {
            Category::Naming => "File naming",
            Category::Idempotency => "Idempotency",
            Category::Access => "Row-level security and access",
            Category::Storage => "Storage buckets",
            Category::Safety => "Safe schema changes",
            Category::Style => "House style",
            Category::Engine => "Engine",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FixKind {
    None,
    Fix,
    Suggestion,
}

#[derive(Debug)]
pub struct RuleMeta {
    pub id: &'static str,
    pub category: Category,
    /// Severity in the `recommended` preset.
    pub severity: Severity,
    pub fix: FixKind,
    /// Config keys the rule reads.
    pub options: &'static [&'static str],
    /// Rules of other linters it mirrors, as `tool:rule-id`.
    pub sources: &'static [&'static str],
    /// Message templates by id, each with its help; `{placeholders}` are filled from a
    /// finding's data.
    pub messages: &'static [MessageTemplate],
    /// The rule's documentation (Markdown), from its doc comment.
    pub docs: &'static str,
}

impl RuleMeta {
    /// The first line of the docs.
    pub fn summary(&self) -> &'static str {
        self.docs
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("")
    }

    /// The template declared for `message_id` (a finding always names a declared one).
    pub fn template(&self, message_id: &str) -> &'static MessageTemplate {
        self.messages
            .iter()
            .find(|template| template.id == message_id)
            .unwrap_or(&MessageTemplate::MISSING)
    }
}

/// Declares a rule struct and its [`RuleMeta`]; the doc comment becomes the rule's docs.
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub $name:ident {
            id: $id:literal,
            category: $category:ident,
            severity: $severity:ident,
            fix: $fix:ident,
            options: [$($option:literal),* $(,)?],
            sources: [$($source:literal),* $(,)?],
            messages: {
                $($message_id:ident: { message: $message:literal, help: $help:literal $(,)? }),* $(,)?
            } $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        pub struct $name;

        impl $name {
            pub const META: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
                id: $id,
                category: $crate::rules::Category::$category,
                severity: $crate::diagnostic::Severity::$severity,
                fix: $crate::rules::FixKind::$fix,
                options: &[$($option),*],
                sources: &[$($source),*],
                messages: &[$($crate::diagnostic::MessageTemplate {
                    id: stringify!($message_id),
                    message: $message,
                    help: $help,
                }),*],
                docs: concat!($($doc, "\n"),*),
            };
        }

        impl $crate::rules::HasMeta for $name {
            fn meta(&self) -> &'static $crate::rules::RuleMeta {
                &Self::META
            }
        }
    };
}
