//! File naming: `YYYYMMDDHHMMSS_snake_case_description.sql` in the migrations folder.

mod migration_filename;
mod migration_location;
mod migration_order;
mod no_applied_migration_edit;
mod no_future_timestamp;
mod no_version_suffix;
mod unique_migration_version;

pub use migration_filename::MigrationFilename;
pub use migration_location::MigrationLocation;
pub use migration_order::MigrationOrder;
pub use no_applied_migration_edit::NoAppliedMigrationEdit;
pub use no_future_timestamp::NoFutureTimestamp;
pub use no_version_suffix::NoVersionSuffix;
pub use unique_migration_version::UniqueMigrationVersion;
