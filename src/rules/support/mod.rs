//! Helpers shared by several rules.

pub mod text;
