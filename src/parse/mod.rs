//! The parser: what each statement does, read from `source`'s tokens.
//!
//! Everything here walks tokens with one `Cursor` (`cursor.rs`): statement reading
//! (`statements/`, one file per statement family, returning the [`ast`] types), the
//! expression parser ([`expr`]: one tree and its queries), names ([`name`]) and function
//! bodies ([`body`]). A statement is parsed once, when `facts` reads it, with the parts later
//! stages read: policy clauses, the `WHERE` and `SET` values of an `UPDATE`, the values of an
//! insert into `storage.buckets`, the calls of a column's `DEFAULT`. A function body is read
//! with its statement and lexed and parsed once, the first time a later stage asks for it.
//!
//! sqlparser has one job, in [`validation`]: judging whether a statement is valid PostgreSQL
//! for the `syntax-error` rule, where its verdict can be trusted. Structure and positions never
//! come from it: it rejects statements migrations use every day (`DO` blocks, publications,
//! `COMMENT ON FUNCTION f(args)`, `ALTER SEQUENCE`) and its spans are often empty.
//!
//! `parse` reads `source` only; `facts` and everything after read `parse`.

pub mod ast;
pub mod body;
mod calls;
mod cursor;
pub mod expr;
pub mod name;
mod statements;
pub mod validation;

pub use statements::parse_statement;
