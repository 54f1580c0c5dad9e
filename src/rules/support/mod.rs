//! Helpers shared by several rules.

pub mod migration_name;
pub mod rewrite;
pub mod text;
