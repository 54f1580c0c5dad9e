//! Idempotency: a migration must survive being applied twice.

mod drop_before_create;
mod insert_on_conflict;
mod require_if_exists;
mod require_if_not_exists;
mod require_or_replace;

pub use drop_before_create::DropBeforeCreate;
pub use insert_on_conflict::InsertOnConflict;
pub use require_if_exists::RequireIfExists;
pub use require_if_not_exists::RequireIfNotExists;
pub use require_or_replace::RequireOrReplace;
