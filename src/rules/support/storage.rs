//! Shared by the storage rules: the buckets and bucket updates of the current file.

use crate::history::{BucketRecord, BucketUpdate, Point};
use crate::rules::RuleContext;

/// The rows the current file inserts into `storage.buckets` with a literal id, in order.
pub fn buckets_in_file<'c, 'a>(ctx: &'c RuleContext<'a>) -> &'c [BucketRecord<'a>] {
    in_file(&ctx.history.database.buckets, ctx.file_index, |b| {
        b.at.point
    })
}

/// The `UPDATE storage.buckets` statements of the current file, in order.
pub fn bucket_updates_in_file<'c, 'a>(ctx: &'c RuleContext<'a>) -> &'c [BucketUpdate<'a>] {
    in_file(&ctx.history.database.bucket_updates, ctx.file_index, |u| {
        u.at.point
    })
}

/// The items of file `file` among `items`, which are in history order: found by search, not
/// by reading every item of the history for each file.
fn in_file<T>(items: &[T], file: usize, point: impl Fn(&T) -> Point) -> &[T] {
    let start = items.partition_point(|item| point(item).file < file);
    let end = items.partition_point(|item| point(item).file <= file);
    &items[start..end]
}
