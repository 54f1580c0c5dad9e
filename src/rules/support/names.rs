//! Object names as messages show them.

use crate::facts::ObjectName;

/// `schema.name`, reading a missing schema as `public` (where an unqualified name lands on
/// Supabase's default `search_path`).
pub fn display(name: Option<&ObjectName>) -> String {
    name.map(|n| n.qualified_or("public"))
        .unwrap_or_else(|| "?".to_string())
}
