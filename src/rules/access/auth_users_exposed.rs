use crate::declare_rule;
use crate::facts::identifier;
use crate::history::{Point, ViewDefinition, ViewRecord};
use crate::rules::support::access::{is_exposed, quoted_list};
use crate::rules::{EndStateFindings, Findings, Rule, RuleContext};
use crate::source::Span;

declare_rule! {
    /// Forbids views in exposed schemas that show `auth.users` to `anon` or `authenticated`.
    ///
    /// ## What it does
    /// Reads the end of the migration history and flags a view or materialized view in an
    /// exposed schema whose live definition reads `auth.users`, that `anon` or
    /// `authenticated` can select from (Supabase's default grants, or a `GRANT`), and that
    /// runs with its owner's rights: a view without `security_invoker = true`, or any
    /// materialized view. The finding is on the `CREATE VIEW` the database keeps, or on the
    /// `GRANT` that gave the role `SELECT` back after a `REVOKE`. Views a later migration
    /// drops, replaces with one that no longer reads `auth.users`, sets `security_invoker`
    /// on or revokes `SELECT` on are not flagged. A view with `security_invoker = true`
    /// reads `auth.users` with the caller's rights, which `anon` and `authenticated` lack,
    /// and is not flagged. Only `auth.users` named in the view's own query is seen, not
    /// through another view or a function.
    ///
    /// ## Why is this bad?
    /// `auth.users` holds every user's email, phone, sign-in times and metadata, and
    /// Supabase gives `anon` and `authenticated` no access to it. A view owned by
    /// `postgres` reads it with the owner's rights, so through the Data API anyone with the
    /// public anon key (or any signed-in user) lists every user's email. A materialized
    /// view stores a copy that row-level security cannot filter at all.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// create or replace view public.member_emails as
    ///   select id, email from auth.users;
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// create or replace view public.member_emails as
    ///   select id, email from auth.users;
    /// revoke all on public.member_emails from anon, authenticated;
    /// ```
    ///
    /// ## Options
    /// - `exposedSchemas`: the schemas the Data API serves.
    ///
    /// ## References
    /// - [Supabase: Managing user data, exposing `auth.users`](https://supabase.com/docs/guides/auth/managing-user-data)
    /// - [PostgreSQL: CREATE VIEW, security_invoker](https://www.postgresql.org/docs/current/sql-createview.html)
    /// - Supabase database linter: `0002_auth_users_exposed`
    pub AuthUsersExposed {
        id: "auth-users-exposed",
        category: Access,
        severity: Error,
        fix: None,
        options: ["exposedSchemas"],
        sources: ["splinter:0002_auth_users_exposed"],
        messages: {
            viewExposes: {
                message: "{kind} `{view}` exposes `auth.users` to {roles} with its owner's rights.",
                help: "Keep the columns clients need in a table of your own, or revoke `SELECT` on it from `anon` and `authenticated`.",
            },
            grantExposes: {
                message: "This grants `SELECT` on {kind} `{view}`, which exposes `auth.users`, to {roles}.",
                help: "Grant it to a role that is not an API role, or keep the columns clients need in a table of your own.",
            },
        },
    }
}

impl Rule for AuthUsersExposed {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        ctx.report_from_end_state(findings, &|all| walk(ctx, all));
    }
}

fn walk(ctx: &RuleContext, findings: &mut EndStateFindings) {
    let db = &ctx.history.database;
    for view in db.views.live() {
        let Some((index, definition)) = view.definitions.iter().enumerate().next_back() else {
            continue;
        };
        if !is_exposed(ctx.config, &view.name.schema)
            || !reads_auth_users(definition)
            || (!view.is_materialized && view.is_security_invoker(index))
        {
            continue;
        }
        let readers: Vec<(&str, Point)> = ["anon", "authenticated"]
            .into_iter()
            .filter_map(|role| Some((role, db.view_selectable_since(view, role)?)))
            .collect();
        let Some(since) = readers.iter().map(|(_, point)| *point).min() else {
            continue;
        };
        let roles: Vec<&str> = readers.iter().map(|(role, _)| *role).collect();
        let data = vec![
            ("kind", kind(view, true)),
            ("view", view.name.to_string()),
            ("roles", quoted_list(&roles)),
        ];
        if since <= definition.at.point {
            let span = definition
                .create
                .name
                .as_ref()
                .map_or_else(|| definition.at.statement.head_span(), |name| name.span);
            findings.report(definition.at.point.file, "viewExposes", span, data);
        } else {
            let Some(span) = granting_role_span(view, since) else {
                continue;
            };
            let mut data = data;
            data[0].1 = kind(view, false);
            findings.report(since.file, "grantExposes", span, data);
        }
    }
}

/// `View` or `Materialized view` (lower case inside a sentence).
fn kind(view: &ViewRecord, capital: bool) -> String {
    match (view.is_materialized, capital) {
        (true, true) => "Materialized view".into(),
        (true, false) => "materialized view".into(),
        (false, true) => "View".into(),
        (false, false) => "view".into(),
    }
}

/// Whether the view's query names `auth.users` (quoted or not).
fn reads_auth_users(definition: &ViewDefinition) -> bool {
    let Some(range) = definition.def.query.clone() else {
        return false;
    };
    let Some(tokens) = definition.at.statement.tokens.get(range) else {
        return false;
    };
    let source = definition.at.source;
    tokens.windows(3).any(|w| {
        identifier(&w[0], source).is_some_and(|s| s == "auth")
            && w[1].is_punct(source, ".")
            && identifier(&w[2], source).is_some_and(|n| n == "users")
    })
}

/// The role an API role reads through in the `GRANT` at `point`.
fn granting_role_span(view: &ViewRecord, point: Point) -> Option<Span> {
    let event = view.grants.iter().find(|e| e.at.point == point)?;
    event
        .grant
        .roles
        .iter()
        .zip(&event.grant.role_spans)
        .find(|(role, _)| matches!(role.as_str(), "anon" | "authenticated" | "public"))
        .map(|(_, span)| *span)
}
