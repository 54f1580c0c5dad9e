use std::collections::{HashMap, HashSet};

use crate::declare_rule;
use crate::facts::expr::{required_values, Call, Expr, ExprKind, Literal};
use crate::facts::PolicyCommand;
use crate::history::{BucketRecord, Database, Point, PolicyRecord, QualifiedName};
use crate::rules::support::policy::{policy_name_span, policy_using_introduced};
use crate::rules::{EndStateFindings, Findings, Rule, RuleContext};
use crate::source::Span;

declare_rule! {
    /// Flags a public bucket whose `SELECT` policy lets clients list every file in it.
    ///
    /// ## What it does
    /// Reads the end of the migration history and flags a bucket that is public at the end
    /// together with a live permissive policy on `storage.objects` for `SELECT` (or `ALL`)
    /// that applies to `anon`, `authenticated` or PUBLIC and whose `USING` condition admits
    /// every file of that bucket: `bucket_id = '<bucket>'` alone, `true`, or those
    /// combined with a test that only says who is calling (`auth.role() =
    /// 'authenticated'`, `auth.uid() is not null`). A condition that reads the file's own
    /// columns (`owner`, `name`, a folder) restricts the listing and is not flagged. The
    /// finding is on whichever came last: the statement that made the bucket public or
    /// the policy statement that wrote the condition or roles. Buckets a later migration
    /// makes private, and policies it drops or narrows, are not flagged.
    ///
    /// ## Why is this bad?
    /// A public bucket serves every file at `/storage/v1/object/public/<bucket>/<path>`
    /// without any policy; reading a file needs no `SELECT` policy at all. What such a
    /// policy adds is the list endpoint: anyone with the public anon key can enumerate
    /// every path in the bucket, including files whose URLs were never shared.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// insert into storage.buckets (id, name, public) values ('avatars', 'avatars', true)
    /// on conflict (id) do nothing;
    /// create policy avatars_read on storage.objects for select to anon, authenticated
    ///   using (bucket_id = 'avatars');
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// insert into storage.buckets (id, name, public) values ('avatars', 'avatars', true)
    /// on conflict (id) do nothing;
    /// create policy avatars_read_own on storage.objects for select to authenticated
    ///   using (bucket_id = 'avatars' and owner_id = (select auth.uid())::text);
    /// ```
    ///
    /// ## References
    /// - [Supabase: Storage buckets, public buckets](https://supabase.com/docs/guides/storage/buckets/fundamentals#public-buckets)
    /// - [Supabase: Storage access control](https://supabase.com/docs/guides/storage/security/access-control)
    /// - Supabase database linter: `0025_public_bucket_allows_listing`
    pub PublicBucketListing {
        id: "public-bucket-listing",
        category: Storage,
        severity: Warn,
        fix: None,
        options: [],
        sources: ["splinter:0025_public_bucket_allows_listing"],
        messages: {
            policyListsBucket: {
                message: "Policy `{policy}` lets {roles} list every file of public bucket `{bucket}`.",
                help: "Drop the policy (public files need none to be read), or restrict it to the caller's own files.",
            },
            bucketMadePublic: {
                message: "Bucket `{bucket}` is public and policy `{policy}` lets {roles} list every file in it.",
                help: "Drop the policy (public files need none to be read), or restrict it to the caller's own files.",
            },
        },
    }
}

impl Rule for PublicBucketListing {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        ctx.report_from_end_state(findings, &|all| walk(&ctx.history.database, all));
    }
}

fn walk(db: &Database, findings: &mut EndStateFindings) {
    let objects = QualifiedName {
        schema: "storage".into(),
        name: "objects".into(),
    };
    let listing: Vec<&PolicyRecord> = db
        .live_policies_on(&objects)
        .filter(|p| {
            p.is_permissive()
                && p.applies_to(PolicyCommand::Select)
                && API_ROLES.iter().any(|role| p.applies_to_role(role))
        })
        .collect();
    if listing.is_empty() {
        return;
    }
    // Each bucket is checked against the policies that can admit every file of it, not
    // against all of them (which was quadratic): those that admit every file of a bucket
    // their condition does not name (so of every bucket), and those that name it. A bucket
    // no condition names takes the path through the condition that an unnamed bucket takes.
    let mut any_bucket: Vec<usize> = Vec::new();
    let mut naming: HashMap<String, Vec<usize>> = HashMap::new();
    for (index, policy) in listing.iter().enumerate() {
        let Some(using) = &policy.using else { continue };
        let mut named: Vec<String> = Vec::new();
        let admits_unnamed = admits_every_file(using.expr, &mut |buckets| {
            named.extend_from_slice(buckets);
            false
        });
        if admits_unnamed {
            any_bucket.push(index);
        }
        named.sort_unstable();
        named.dedup();
        for bucket in named {
            naming.entry(bucket).or_default().push(index);
        }
    }
    let mut seen: HashSet<&str> = HashSet::new();
    for bucket in &db.buckets {
        // A second insert of the same id is a no-op (`ON CONFLICT DO NOTHING`).
        if !seen.insert(&bucket.id) {
            continue;
        }
        let Some((public_since, public_span)) = public_since(db, bucket) else {
            continue;
        };
        let mut candidates: Vec<usize> = any_bucket.clone();
        candidates.extend(naming.get(&bucket.id).into_iter().flatten());
        candidates.sort_unstable();
        candidates.dedup();
        for policy in candidates.into_iter().map(|index| listing[index]) {
            let Some(using) = &policy.using else { continue };
            let is_this_bucket = &mut |buckets: &[String]| buckets.contains(&bucket.id);
            if !admits_every_file(using.expr, is_this_bucket) {
                continue;
            }
            let roles: Vec<&str> = API_ROLES
                .iter()
                .copied()
                .filter(|role| policy.applies_to_role(role))
                .map(|role| if role == "public" { "PUBLIC" } else { role })
                .collect();
            let data = vec![
                ("policy", policy.name.clone()),
                ("bucket", bucket.id.clone()),
                ("roles", roles_text(&roles)),
            ];
            let policy_at = policy_using_introduced(policy);
            if policy_at.point > public_since {
                let span = policy_name_span(&policy_at);
                findings.report(policy_at.point.file, "policyListsBucket", span, data);
            } else {
                findings.report(public_since.file, "bucketMadePublic", public_span, data);
            }
        }
    }
}

const API_ROLES: [&str; 3] = ["anon", "authenticated", "public"];

fn roles_text(roles: &[&str]) -> String {
    if roles.contains(&"PUBLIC") {
        return "every role (PUBLIC, `anon` included)".into();
    }
    crate::rules::support::access::quoted_list(roles)
}

/// Where the bucket last became public and stayed so, with the span of the `public` value;
/// `None` when it is private at the end.
fn public_since(db: &Database, bucket: &BucketRecord) -> Option<(Point, Span)> {
    let mut since = (bucket.public == Some(true)).then(|| {
        (
            bucket.at.point,
            bucket.public_span.unwrap_or(bucket.id_span),
        )
    });
    for update in db.bucket_updates_of(bucket) {
        match (update.public, since) {
            (Some((false, _)), _) => since = None,
            (Some((true, span)), None) => since = Some((update.at.point, span)),
            _ => {}
        }
    }
    since
}

/// Whether the condition holds for every file of a bucket, whoever the caller is among the
/// roles the policy applies to: it requires nothing of the file but its bucket. `is_bucket`
/// says whether the bucket is one of those a part of the condition requires.
fn admits_every_file(expr: &Expr, is_bucket: &mut dyn FnMut(&[String]) -> bool) -> bool {
    match &expr.strip_parens().kind {
        ExprKind::Or(items) => items.iter().any(|item| admits_every_file(item, is_bucket)),
        ExprKind::And(items) => items.iter().all(|item| admits_every_file(item, is_bucket)),
        ExprKind::Literal(Literal::Bool(true)) => true,
        _ => match required_values(expr, "bucket_id") {
            Some(buckets) => is_bucket(&buckets),
            None => is_caller_test(expr),
        },
    }
}

/// `auth.role() = 'authenticated'` (or `'anon'`), `auth.uid() is not null`, and the same
/// with `(select …)`: a test of who is calling that every signed-in (or anonymous) caller
/// passes.
fn is_caller_test(expr: &Expr) -> bool {
    let ExprKind::Binary { op, left, right } = &expr.strip_parens().kind else {
        return false;
    };
    let calls = |e: &Expr, name: &str| called(e).is_some_and(|call| call.is(name));
    match op.as_str() {
        "=" => {
            let role_literal = |e: &Expr| {
                e.string_value()
                    .is_some_and(|v| v == "authenticated" || v == "anon")
            };
            (calls(left, "auth.role") && role_literal(right))
                || (calls(right, "auth.role") && role_literal(left))
        }
        "is not" => right.is_null_literal() && (calls(left, "auth.uid") || calls(left, "auth.jwt")),
        _ => false,
    }
}

/// The function called, bare or as `(select f())`, casts aside.
fn called(expr: &Expr) -> Option<&Call> {
    match &expr.strip_parens_and_casts().kind {
        ExprKind::Call(call) => Some(call),
        ExprKind::Subquery(query) if query.from.is_empty() && query.items.len() == 1 => {
            called(&query.items[0])
        }
        _ => None,
    }
}
