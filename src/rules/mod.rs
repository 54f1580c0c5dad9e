//! The rules, one file each, grouped by SPEC §3 category, registered in one list.

mod catalog;
mod context;
mod meta;
mod registry;
#[cfg(test)]
mod scaling_tests;

pub mod access;
pub mod engine;
pub mod idempotency;
pub mod naming;
pub mod safety;
pub mod storage;
pub mod style;
pub mod support;

pub use catalog::{catalog, examples, Example, ExampleFile, ExampleInfo, RuleInfo};
pub use context::{EndStateFindings, Findings, RuleContext, RunState};
pub use meta::{Category, FixKind, RuleMeta};
pub use registry::Registry;

/// What `declare_rule!` writes for a rule: its metadata.
pub trait HasMeta {
    fn meta(&self) -> &'static RuleMeta;
}

/// A rule: its metadata (from `declare_rule!`) and its check, the one thing a rule file writes.
pub trait Rule: HasMeta + Sync {
    /// Reports the findings of the file `ctx` holds. It runs once per file, so its work must
    /// be proportional to the file: a rule that reads the end state (every table, policy or
    /// function) does it through `RuleContext::report_from_end_state`, and a fact about the
    /// whole history is worked out once with `RuleContext::once_per_run`
    /// (`scaling_tests` checks it).
    fn check(&self, ctx: &RuleContext, findings: &mut Findings);
}

/// Every rule, alphabetical by id.
static RULES: &[&dyn Rule] = &[
    &safety::AddingFieldWithDefault,
    &safety::AddingForeignKeyConstraint,
    &safety::AddingRequiredField,
    &safety::AddingSerialPrimaryKeyField,
    &access::AnonWriteGrant,
    &access::AuthFunctionInitplan,
    &access::AuthUsersExposed,
    &safety::BanAlterDomainWithAddConstraint,
    &safety::BanCharField,
    &safety::BanConcurrentIndexCreationInTransaction,
    &safety::BanCreateDomainWithConstraint,
    &safety::BanDropColumn,
    &safety::BanDropDatabase,
    &safety::BanDropNotNull,
    &safety::BanDropTable,
    &safety::BanDuplicateColumnAssignments,
    &safety::BanTruncateCascade,
    &safety::ChangingColumnType,
    &safety::ConstraintMissingNotValid,
    &safety::DisallowedUniqueConstraint,
    &idempotency::DropBeforeCreate,
    &safety::DuplicateIndex,
    &access::ExtensionInPublic,
    &safety::FkeyToAuthUnique,
    &access::ForeignTableInApi,
    &access::FunctionExecuteAuthenticated,
    &access::FunctionExecuteGrants,
    &access::FunctionSearchPath,
    &safety::IdentifierTooLong,
    &idempotency::InsertOnConflict,
    &access::MaterializedViewInApi,
    &naming::MigrationFilename,
    &style::MigrationHeader,
    &naming::MigrationLocation,
    &naming::MigrationOrder,
    &access::MultiplePermissivePolicies,
    &naming::NoAppliedMigrationEdit,
    &naming::NoFutureTimestamp,
    &access::NoPermissiveTrue,
    &access::NoUserMetadataInPolicy,
    &naming::NoVersionSuffix,
    &engine::ParseError,
    &access::PolicyClauses,
    &access::PolicyRecursion,
    &access::PolicyRoles,
    &access::PolicyWithoutRls,
    &safety::PreferBigintOverInt,
    &safety::PreferBigintOverSmallint,
    &safety::PreferIdentity,
    &safety::PreferRepack,
    &safety::PreferTextField,
    &safety::PreferTimestamptz,
    &access::PrivilegeEscalation,
    &storage::PublicBucketListing,
    &safety::RenamingColumn,
    &safety::RenamingTable,
    &safety::RequireConcurrentIndexCreation,
    &safety::RequireConcurrentIndexDeletion,
    &safety::RequireConcurrentPartitionDetach,
    &safety::RequireConcurrentReindex,
    &safety::RequireEnumValueOrdering,
    &idempotency::RequireIfExists,
    &idempotency::RequireIfNotExists,
    &safety::RequireLockTimeout,
    &idempotency::RequireOrReplace,
    &safety::RequirePrimaryKey,
    &safety::RequireStatementTimeout,
    &access::RevokeDefaultPrivileges,
    &access::RlsEnabled,
    &access::RlsWithoutPolicy,
    &style::SchemaQualifiedNames,
    &access::SearchPathQualifiedReferences,
    &access::SecurityDefinerAuthorization,
    &access::SecurityDefinerSearchPath,
    &access::SensitiveColumnsExposed,
    &safety::SetNotNull,
    &storage::StorageBucketLimits,
    &storage::StorageBucketPrivate,
    &storage::StorageBucketRegistered,
    &storage::StoragePolicyBucketScope,
    &access::SuperAdminBypass,
    &engine::SyntaxError,
    &safety::TransactionNesting,
    &safety::UnindexedForeignKey,
    &naming::UniqueMigrationVersion,
    &engine::UnknownRule,
    &engine::UnusedDisableDirective,
    &access::ViewSecurityInvoker,
];

pub fn all() -> &'static [&'static dyn Rule] {
    RULES
}

pub fn find(id: &str) -> Option<&'static dyn Rule> {
    // A lookup per diagnostic: `RULES` is sorted by id (`tests/rule_docs.rs` checks it).
    RULES
        .binary_search_by(|rule| rule.meta().id.cmp(id))
        .ok()
        .map(|index| RULES[index])
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
