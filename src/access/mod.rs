//! The access model: who can do what in the database the history leaves. Built on the
//! end-state catalog ([`crate::history`]); the access rules and `supalint access` read it.

pub mod conditions;
pub mod escalation;
mod matrix;
mod model;
pub mod recursion;

pub use matrix::matrix;
pub use model::*;

#[cfg(test)]
mod tests;
