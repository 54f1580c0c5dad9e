//! Whether an expression calls a volatile function.
//!
//! Since PostgreSQL 11, `ADD COLUMN … DEFAULT expr` stores a non-volatile default once in the
//! catalog instead of rewriting every row; a volatile one (`random()`, `gen_random_uuid()`,
//! `clock_timestamp()`, an unknown function) still rewrites the table. A call is known to be
//! non-volatile when it is a built-in function whose every overload is `STABLE` or `IMMUTABLE`
//! (the list below was read from `pg_proc` of PostgreSQL 15), a Supabase `auth` helper, or a
//! function the history created `STABLE` or `IMMUTABLE`.

use crate::facts::{CallSite, ObjectName, Statement, Volatility};
use crate::rules::RuleContext;
use crate::source::Span;

/// `select proname from pg_proc where pronamespace = 'pg_catalog'::regnamespace group by
/// proname having bool_and(provolatile <> 'v')`, without internal-only functions.
pub(super) const NON_VOLATILE_BUILT_INS: &str = include_str!("non_volatile_functions.txt");

/// SQL-standard functions written as keywords, some with an optional precision: all stable.
const KEYWORD_FUNCTIONS: &[&str] = &[
    "current_catalog",
    "current_date",
    "current_role",
    "current_schema",
    "current_time",
    "current_timestamp",
    "current_user",
    "localtime",
    "localtimestamp",
    "session_user",
    "system_user",
    "user",
];

/// Syntax that looks like a call but is not a function: its volatility is its arguments'.
const CONSTRUCTS: &[&str] = &[
    "array",
    "case",
    "cast",
    "coalesce",
    "exists",
    "extract",
    "greatest",
    "grouping",
    "least",
    "nullif",
    "overlay",
    "position",
    "row",
    "substring",
    "treat",
    "trim",
    "values",
];

/// Supabase's `auth` schema helpers, all created `STABLE` by the platform.
const SUPABASE_STABLE: &[&str] = &["auth.email", "auth.jwt", "auth.role", "auth.uid"];

/// A function call in an expression.
#[derive(Clone, Debug)]
pub struct Call {
    /// The name as written, folded: `random`, `extensions.uuid_generate_v4`.
    pub name: String,
    /// From the name to the closing parenthesis.
    pub span: Span,
}

/// The first of `calls` (a fact's calls, in order) that may be volatile.
pub fn first_volatile_call(
    ctx: &RuleContext,
    statement: &Statement,
    calls: &[CallSite],
) -> Option<Call> {
    calls
        .iter()
        .find(|call| !is_non_volatile(ctx, statement, &call.name))
        .map(|call| Call {
            name: call.name.qualified(),
            span: call.span,
        })
}

fn is_non_volatile(ctx: &RuleContext, statement: &Statement, name: &ObjectName) -> bool {
    let is_built_in = matches!(name.schema.as_deref(), None | Some("pg_catalog"));
    if is_built_in
        && (CONSTRUCTS.contains(&name.name.as_str())
            || KEYWORD_FUNCTIONS.contains(&name.name.as_str())
            || NON_VOLATILE_BUILT_INS
                .lines()
                .any(|built_in| built_in == name.name))
    {
        return true;
    }
    if SUPABASE_STABLE.iter().any(|stable| name.is(stable)) {
        return true;
    }
    ctx.history
        .function_volatility(name, ctx.file_index, statement.index)
        .is_some_and(|volatility| volatility != Volatility::Volatile)
}
