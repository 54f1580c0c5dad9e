//! Shared by the storage rules: the buckets and bucket updates of the current file.

use crate::history::{BucketRecord, BucketUpdate};
use crate::rules::RuleContext;

/// The rows the current file inserts into `storage.buckets` with a literal id, in order.
pub fn buckets_in_file<'c, 'a>(
    ctx: &'c RuleContext<'a>,
) -> impl Iterator<Item = &'c BucketRecord<'a>> + 'c {
    let file = ctx.file_index;
    ctx.history
        .database
        .buckets
        .iter()
        .filter(move |b| b.at.point.file == file)
}

/// The `UPDATE storage.buckets` statements of the current file, in order.
pub fn bucket_updates_in_file<'c, 'a>(
    ctx: &'c RuleContext<'a>,
) -> impl Iterator<Item = &'c BucketUpdate<'a>> + 'c {
    let file = ctx.file_index;
    ctx.history
        .database
        .bucket_updates
        .iter()
        .filter(move |u| u.at.point.file == file)
}
