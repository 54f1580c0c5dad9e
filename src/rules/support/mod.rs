//! Helpers shared by several rules.

pub mod access;
pub mod function;
pub mod policy;
pub mod text;
