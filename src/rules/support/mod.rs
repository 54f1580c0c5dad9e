//! Helpers shared by several rules.

pub mod access;
pub mod column_types;
pub mod display;
pub mod exposure;
pub mod function;
pub mod locks;
pub mod migration_name;
pub mod names;
pub mod new_tables;
pub mod policy;
pub mod rewrite;
pub mod storage;
pub mod text;
pub mod timeouts;
pub mod transaction;
pub mod volatility;
