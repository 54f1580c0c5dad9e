use crate::declare_rule;
use crate::facts::expr::requires_equality;
use crate::rules::support::policy::policy_statements;
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Requires every policy on `storage.objects` to name the bucket it is for.
    ///
    /// ## What it does
    /// Flags the `USING` or `WITH CHECK` clause of a permissive `CREATE POLICY` or
    /// `ALTER POLICY` on `storage.objects` when the condition can hold without
    /// `bucket_id = '<literal>'`. The condition is read as a tree: every `OR` branch must
    /// require the bucket (`bucket_id = 'a' or bucket_id = 'b'` and `bucket_id in ('a',
    /// 'b')` are fine; `bucket_id = 'a' or owner_id = auth.uid()::text` is not).
    /// The bucket must be a literal: a subquery that looks it up is flagged too, as the
    /// rule cannot tell which bucket it returns. Restrictive policies are not flagged: they
    /// only narrow what other policies grant.
    ///
    /// Judges the end state: a clause that a later `ALTER POLICY` replaces, or a policy a
    /// later migration drops, is not reported; the finding sits on the statement that wrote
    /// the live clause.
    ///
    /// ## Why is this bad?
    /// Every bucket's files are rows of the one `storage.objects` table, and permissive
    /// policies are OR-ed together. A policy written for the avatars bucket that does not
    /// say so also lets users read, upload or delete in every other bucket, including
    /// buckets created later for invoices or exports.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// create policy avatars_upload on storage.objects for insert to authenticated
    ///   with check ((select auth.uid())::text = (storage.foldername(name))[1]);
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// create policy avatars_upload on storage.objects for insert to authenticated
    ///   with check (
    ///     bucket_id = 'avatars'
    ///     and (select auth.uid())::text = (storage.foldername(name))[1]
    ///   );
    /// ```
    ///
    /// ## References
    /// - [Supabase: Storage access control](https://supabase.com/docs/guides/storage/security/access-control)
    /// - [Supabase: Storage helper functions](https://supabase.com/docs/guides/storage/schema/helper-functions)
    pub StoragePolicyBucketScope {
        id: "storage-policy-bucket-scope",
        category: Storage,
        severity: Error,
        fix: None,
        options: [],
        sources: [],
        messages: {
            unscoped: {
                message: "Policy `{policy}` on `storage.objects` applies to every bucket (no `bucket_id` in `{clause}`).",
                help: "Add `bucket_id = '<bucket>' and` to the condition, naming the bucket it is for.",
            },
        },
    }
}

impl Rule for StoragePolicyBucketScope {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        for policy in policy_statements(ctx) {
            let on_objects = policy.table.is_some_and(|t| t.is("storage.objects"));
            if !on_objects || !policy.is_permissive {
                continue;
            }
            for clause in policy.live_clauses() {
                if requires_equality(clause.expr, "bucket_id").is_some() {
                    continue;
                }
                // From the keyword to the closing parenthesis.
                let end = policy
                    .statement
                    .tokens
                    .get(clause.tokens.end)
                    .map_or(clause.expr.span, |close| close.span());
                findings.report(
                    "unscoped",
                    clause.keyword_span.cover(end),
                    vec![
                        ("policy", policy.name.clone()),
                        ("clause", clause.kind.keyword().to_string()),
                    ],
                );
            }
        }
    }
}
