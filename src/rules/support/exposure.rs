//! Which relations the Data API serves to signed-out and signed-in users: `anon` and
//! `authenticated` (or PUBLIC, which every role is a member of) holding `SELECT` on them, and
//! the statement that made it so.

use crate::facts::{Create, GrantObjectKind};
use crate::history::{At, Database, GrantEvent};
use crate::source::Span;

/// The roles a client of the Data API acts as, and PUBLIC, whose privileges they share.
pub const READER_ROLES: &[&str] = &["anon", "authenticated", "public"];

/// The statement since which `anon`, `authenticated` or PUBLIC may `SELECT` the whole
/// relation without a break to the end of the history: its creation (when Supabase's default
/// privileges or an `ALTER DEFAULT PRIVILEGES` gave it) or the `GRANT` after the last revoke.
/// `None` when none of them can at the end.
///
/// `schema` is where the relation was created (defaults apply there); `grants` are the
/// grants and revokes on it, in order.
pub fn select_granted_since<'a>(
    db: &Database<'a>,
    schema: &str,
    created: At<'a>,
    grants: &[GrantEvent<'a>],
) -> Option<At<'a>> {
    let mut can_select: Vec<bool> = READER_ROLES
        .iter()
        .map(|role| {
            db.default_privilege(
                GrantObjectKind::FutureTables,
                schema,
                role,
                "select",
                created.point,
            )
        })
        .collect();
    let mut since = can_select.contains(&true).then_some(created);
    for event in grants {
        if !grants_table_wide_select(event) {
            continue;
        }
        for (role, can) in READER_ROLES.iter().zip(can_select.iter_mut()) {
            if event.names_role(role) {
                *can = !event.grant.is_revoke;
            }
        }
        if !can_select.contains(&true) {
            since = None;
        } else if since.is_none() {
            since = Some(event.at);
        }
    }
    since
}

/// Whether the event grants or revokes `SELECT` on the whole relation (not on some columns).
fn grants_table_wide_select(event: &GrantEvent) -> bool {
    event
        .grant
        .privileges
        .iter()
        .zip(&event.grant.privilege_columns)
        .any(|(privilege, columns)| {
            (privilege == "all" || privilege == "select") && columns.is_empty()
        })
}

/// Where to point a finding that API roles can read a relation since `since`: its name in
/// `create` (made at `created`) when creating it gave them access, else the grant's first
/// reader role.
pub fn exposure_span(since: &At, created: At, create: &Create) -> Span {
    if since.point == created.point {
        create
            .name
            .as_ref()
            .map_or(created.statement.head_span(), |n| n.span)
    } else {
        reader_role_span(since)
    }
}

/// Where to point a finding about the grant `at`: the first reader role it names, else its
/// first keyword.
fn reader_role_span(at: &At) -> Span {
    if let crate::facts::StatementKind::Grant(grant) = &at.statement.kind {
        let named = grant
            .roles
            .iter()
            .zip(&grant.role_spans)
            .find(|(role, _)| READER_ROLES.contains(&role.as_str()));
        if let Some((_, span)) = named {
            return *span;
        }
    }
    at.statement.head_span()
}
