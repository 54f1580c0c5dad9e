//! The access model: who can do what in the database the history leaves. Built on the
//! end-state catalog ([`crate::history`]); the access rules and `supalint access` read it.

pub mod conditions;
mod matrix;
mod model;

pub use matrix::matrix;
pub use model::*;

#[cfg(test)]
mod tests;
