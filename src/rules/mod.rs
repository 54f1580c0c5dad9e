//! The rules, one file each, grouped by SPEC §3 category, registered in one list.

mod catalog;
mod context;
mod meta;

pub mod engine;
pub mod idempotency;
pub mod naming;
pub mod support;

pub use catalog::{catalog, examples, Example, RuleInfo};
pub use context::{Findings, RuleContext};
pub use meta::{Category, FixKind, RuleMeta};

pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, ctx: &RuleContext, findings: &mut Findings);
}

/// Every rule, alphabetical by id.
static RULES: &[&dyn Rule] = &[
    &idempotency::DropBeforeCreate,
    &idempotency::InsertOnConflict,
    &naming::MigrationFilename,
    &naming::MigrationLocation,
    &naming::MigrationOrder,
    &naming::NoFutureTimestamp,
    &naming::NoVersionSuffix,
    &engine::ParseError,
    &idempotency::RequireIfExists,
    &idempotency::RequireIfNotExists,
    &idempotency::RequireOrReplace,
    &naming::UniqueMigrationVersion,
    &engine::UnknownRule,
    &engine::UnusedDisableDirective,
];

pub fn all() -> &'static [&'static dyn Rule] {
    RULES
}

pub fn find(id: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|rule| rule.meta().id == id)
}

/// The closest rule id to a misspelt one, when it is close enough to be a typo.
pub fn did_you_mean(id: &str) -> Option<&'static str> {
    RULES
        .iter()
        .map(|rule| rule.meta().id)
        .map(|candidate| (support::text::edit_distance(id, candidate), candidate))
        .filter(|(distance, candidate)| *distance <= 3.max(candidate.len() / 4))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}
