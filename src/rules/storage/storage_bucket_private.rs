use crate::declare_rule;
use crate::rules::support::storage::{bucket_updates_in_file, buckets_in_file};
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Warns about storage buckets created or made public.
    ///
    /// ## What it does
    /// Flags a row inserted into `storage.buckets` whose `public` value is `true` (read by
    /// column name, or by position when the insert lists no columns), unless a later
    /// migration sets it back to `false`. An `UPDATE storage.buckets SET public = true` is
    /// flagged too. Rows an `INSERT … SELECT` produces are not read.
    ///
    /// ## Why is this bad?
    /// Files in a public bucket are served at `/storage/v1/object/public/<bucket>/<path>`
    /// to anyone, without a token and without any policy on `storage.objects` being
    /// checked. A file path that leaks or can be guessed (a user id, a date) is enough to
    /// download it. A private bucket with signed URLs keeps that control.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
    /// values ('invoices', 'invoices', true, 10485760, array['application/pdf'])
    /// on conflict (id) do nothing;
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
    /// values ('invoices', 'invoices', false, 10485760, array['application/pdf'])
    /// on conflict (id) do nothing;
    /// ```
    ///
    /// ## References
    /// - [Supabase: Storage buckets, public buckets](https://supabase.com/docs/guides/storage/buckets/fundamentals#public-buckets)
    /// - [Supabase: Serving assets, signed URLs](https://supabase.com/docs/guides/storage/serving/downloads)
    pub StorageBucketPrivate {
        id: "storage-bucket-private",
        category: Storage,
        severity: Warn,
        fix: None,
        options: [],
        sources: [],
        messages: {
            createdPublic: {
                message: "Bucket `{bucket}` is created public, so anyone with a file's URL can download it.",
                help: "Set `public` to `false` and serve its files through signed URLs.",
            },
            madePublic: {
                message: "Bucket `{bucket}` is made public, so anyone with a file's URL can download it.",
                help: "Keep `public` `false` and serve its files through signed URLs.",
            },
            allMadePublic: {
                message: "This `UPDATE` of `storage.buckets` has no `WHERE`, so it makes every bucket public.",
                help: "Keep `public` `false` and serve files through signed URLs.",
            },
        },
    }
}

impl Rule for StorageBucketPrivate {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        let db = &ctx.history.database;
        for bucket in buckets_in_file(ctx) {
            // A later migration that makes the bucket private settles it.
            if bucket.public != Some(true) || !db.bucket_is_public(bucket) {
                continue;
            }
            let span = bucket.public_span.unwrap_or(bucket.id_span);
            findings.report("createdPublic", span, vec![("bucket", bucket.id.clone())]);
        }
        for update in bucket_updates_in_file(ctx) {
            let Some((true, span)) = update.public else {
                continue;
            };
            match &update.ids {
                None => {
                    findings.report("allMadePublic", span, vec![]);
                }
                Some(ids) => {
                    for id in ids {
                        findings.report("madePublic", span, vec![("bucket", id.clone())]);
                    }
                }
            }
        }
    }
}
