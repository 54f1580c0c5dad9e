//! House style: how a migration file reads.

mod migration_header;
mod schema_qualified_names;

pub use migration_header::MigrationHeader;
pub use schema_qualified_names::SchemaQualifiedNames;
