//! supalint: a linter for Supabase / PostgreSQL migration files.
//!
//! The pipeline: source → parse → facts → history → access → rules → report (`lint` drives it).

pub mod access;
pub mod analysis_cache;
pub mod applied;
pub mod config;
pub mod diagnostic;
pub mod facts;
pub mod fixer;
pub mod history;
pub mod lint;
pub mod parse;
pub mod report;
pub mod rules;
pub mod source;
pub mod time;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use lint::{
    access_matrix, catalog_snapshot, lint, FileResult, InputFile, LintRequest, LintResponse, Stats,
};

pub const VERSION: &str = env!("CARGO_PKG_VERSION");
