//! Idempotency: a migration must survive being applied twice.

mod require_if_not_exists;

pub use require_if_not_exists::RequireIfNotExists;
