use crate::declare_rule;
use crate::rules::support::storage::buckets_in_file;
use crate::rules::{Findings, Rule, RuleContext};

declare_rule! {
    /// Requires every bucket a migration creates to be registered in the application's `StorageBuckets` constant.
    ///
    /// ## What it does
    /// Flags a row inserted into `storage.buckets` whose id is not one of the registered
    /// bucket ids: the string values of the `StorageBuckets` constant in the TypeScript
    /// file `storageBucketsFile` names (an object literal, an `enum`, or an array of
    /// strings), or the `registeredBuckets` list given directly. Ids are compared exactly,
    /// as Storage compares them. The rule is inactive when neither is configured.
    ///
    /// ## Why is this bad?
    /// Application code that names buckets through one constant cannot misspell them, and
    /// the constant is where a reader learns which buckets exist. A bucket created in SQL
    /// but missing there is reached through a hand-typed string, whose typos show up only
    /// as "Bucket not found" errors at run time, or is left over and forgotten.
    ///
    /// ## Example
    /// ```sql,expect_diagnostic,registeredBuckets=avatars
    /// -- StorageBuckets = { AVATARS: 'avatars' } as const
    /// insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
    /// values ('invoices', 'invoices', false, 10485760, array['application/pdf'])
    /// on conflict (id) do nothing;
    /// ```
    ///
    /// Use instead:
    /// ```sql,registeredBuckets=avatars|invoices
    /// -- StorageBuckets = { AVATARS: 'avatars', INVOICES: 'invoices' } as const
    /// insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
    /// values ('invoices', 'invoices', false, 10485760, array['application/pdf'])
    /// on conflict (id) do nothing;
    /// ```
    ///
    /// ## Options
    /// - `storageBucketsFile` (string): the TypeScript file, relative to the configuration
    ///   file's folder, whose `StorageBuckets` constant lists the bucket ids, such as
    ///   `export const StorageBuckets = { AVATARS: 'avatars' } as const`. A missing file,
    ///   or one without that constant, is a configuration error.
    /// - `registeredBuckets` (string array or `null`): the bucket ids themselves, for the
    ///   engine API, the ESLint plugin and the playground; it wins over
    ///   `storageBucketsFile`. Default: `null` (the rule is inactive).
    ///
    /// ## References
    /// - [Supabase: Creating buckets](https://supabase.com/docs/guides/storage/buckets/creating-buckets)
    /// - [TypeScript: const assertions](https://www.typescriptlang.org/docs/handbook/release-notes/typescript-3-4.html#const-assertions)
    pub StorageBucketRegistered {
        id: "storage-bucket-registered",
        category: Storage,
        severity: Warn,
        fix: None,
        options: ["storageBucketsFile", "registeredBuckets"],
        sources: [],
        messages: {
            unregistered: {
                message: "Bucket `{bucket}` is created here but is not in `StorageBuckets`.",
                help: "Add `{bucket}` to the `StorageBuckets` constant in `storageBucketsFile`.",
            },
        },
    }
}

impl Rule for StorageBucketRegistered {
    fn check(&self, ctx: &RuleContext, findings: &mut Findings) {
        let Some(registered) = &ctx.config.registered_buckets else {
            return;
        };
        for bucket in buckets_in_file(ctx) {
            if !registered.contains(&bucket.id) {
                findings.report(
                    "unregistered",
                    bucket.id_span,
                    vec![("bucket", bucket.id.clone())],
                );
            }
        }
    }
}
