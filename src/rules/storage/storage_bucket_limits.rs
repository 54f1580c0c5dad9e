use crate::declare_rule;
use crate::rules::support::storage::buckets_in_file;
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Requires every storage bucket to set `file_size_limit` and `allowed_mime_types`.
    ///
    /// ## What it does
    /// Flags a row inserted into `storage.buckets` that gives no `file_size_limit` or no
    /// `allowed_mime_types`, or gives them as `NULL` (an empty array of MIME types counts
    /// as none). Limits set on the bucket by a later `UPDATE storage.buckets … WHERE id =
    /// '<bucket>'` count. Rows an `INSERT … SELECT` produces are not read.
    ///
    /// ## Why is this bad?
    /// Without limits a bucket takes any file up to the project's global upload limit
    /// (50 MB on the free plan) and of any type: an avatar bucket can then hold videos,
    /// archives or HTML pages served from your project's domain, and each upload costs
    /// storage and bandwidth. Storage checks both limits before it accepts a file, so the
    /// bucket definition is where they belong.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic
    /// insert into storage.buckets (id, name, public)
    /// values ('avatars', 'avatars', false)
    /// on conflict (id) do nothing;
    /// ```
    ///
    /// Use instead:
    /// ```sql
    /// insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
    /// values ('avatars', 'avatars', false, 1048576, array['image/png', 'image/jpeg', 'image/webp'])
    /// on conflict (id) do nothing;
    /// ```
    ///
    /// ## References
    /// - [Supabase: Creating buckets, restricting uploads](https://supabase.com/docs/guides/storage/buckets/creating-buckets#restricting-uploads)
    /// - [Supabase: Storage file limits](https://supabase.com/docs/guides/storage/uploads/file-limits)
    pub StorageBucketLimits {
        id: "storage-bucket-limits",
        category: Storage,
        severity: Warn,
        fix: None,
        options: [],
        sources: [],
        messages: {
            noLimits: {
                message: "Bucket `{bucket}` has no `file_size_limit` and no `allowed_mime_types`.",
                help: "Set both when creating the bucket.",
            },
            noSizeLimit: {
                message: "Bucket `{bucket}` has no `file_size_limit`.",
                help: "Set `file_size_limit` to the largest file it should hold, in bytes.",
            },
            noMimeTypes: {
                message: "Bucket `{bucket}` has no `allowed_mime_types`, so any kind of file can be uploaded.",
                help: "List the types it should hold, such as `array['image/png', 'image/jpeg']`.",
            },
        },
    }
}

impl Rule for StorageBucketLimits {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        let db = &ctx.history.database;
        for bucket in buckets_in_file(ctx) {
            let message_id = match db.bucket_limits(bucket) {
                (true, true) => continue,
                (false, false) => "noLimits",
                (false, true) => "noSizeLimit",
                (true, false) => "noMimeTypes",
            };
            findings.report(
                message_id,
                bucket.id_span,
                vec![("bucket", bucket.id.clone())],
            );
        }
    }
}
