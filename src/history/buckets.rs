//! Storage buckets: rows inserted into `storage.buckets` and the updates that change them.

use crate::facts::expr::{required_values, Expr};
use crate::facts::{Insert, Update};
use crate::source::Span;

use super::{At, Database};

/// A row inserted into `storage.buckets`.
#[derive(Clone, Debug)]
pub struct BucketRecord<'a> {
    pub id: String,
    pub id_span: Span,
    pub at: At<'a>,
    pub insert: &'a Insert,
    /// `public` when given as `true` or `false`.
    pub public: Option<bool>,
    pub public_span: Option<Span>,
    /// A non-null `file_size_limit` is given.
    pub has_file_size_limit: bool,
    /// A non-null, non-empty `allowed_mime_types` is given.
    pub has_allowed_mime_types: bool,
}

/// An `UPDATE storage.buckets SET … [WHERE id = '…']`.
#[derive(Clone, Debug)]
pub struct BucketUpdate<'a> {
    pub at: At<'a>,
    /// The ids its `WHERE` requires (`id = '…'`, `id IN (…)`, or the same on `name`);
    /// `None` without a `WHERE`: every bucket.
    pub ids: Option<Vec<String>>,
    /// `public = <boolean literal>`, with the value's span.
    pub public: Option<(bool, Span)>,
    /// `file_size_limit = …`: whether it sets a limit (not `NULL`).
    pub file_size_limit: Option<bool>,
    /// `allowed_mime_types = …`: whether it sets a limit (not `NULL` or an empty array).
    pub allowed_mime_types: Option<bool>,
}

impl BucketUpdate<'_> {
    pub fn applies_to(&self, id: &str) -> bool {
        self.ids
            .as_ref()
            .is_none_or(|ids| ids.iter().any(|i| i == id))
    }
}

/// Whether a `file_size_limit` / `allowed_mime_types` value restricts uploads: not `NULL`
/// and not an empty array (Supabase Storage reads both as "no limit").
fn sets_a_limit(value: &Expr) -> bool {
    !value.is_null_literal() && !value.is_empty_array()
}

impl<'a> Database<'a> {
    pub(super) fn replay_insert(&mut self, at: At<'a>, insert: &'a Insert) {
        let Some(table) = &insert.table else { return };
        if !table.is("storage.buckets") {
            return;
        }
        // Without a column list the values follow the table's column order.
        const COLUMNS: &[&str] = &[
            "id",
            "name",
            "owner",
            "created_at",
            "updated_at",
            "public",
            "avif_autodetection",
            "file_size_limit",
            "allowed_mime_types",
        ];
        for row in &insert.bucket_values {
            let column_of = |i: usize| -> Option<&str> {
                if insert.columns.is_empty() {
                    COLUMNS.get(i).copied()
                } else {
                    insert.columns.get(i).map(String::as_str)
                }
            };
            let mut bucket = BucketRecord {
                id: String::new(),
                id_span: at.statement.head_span(),
                at,
                insert,
                public: None,
                public_span: None,
                has_file_size_limit: false,
                has_allowed_mime_types: false,
            };
            let mut found_id = false;
            for (i, expr) in row.iter().enumerate() {
                let Some(column) = column_of(i) else { continue };
                match column {
                    // `'avatars'` or `'avatars'::text`.
                    "id" => {
                        if let Some(id) = expr.string_value() {
                            bucket.id = id.to_string();
                            bucket.id_span = expr.span;
                            found_id = true;
                        }
                    }
                    "public" => {
                        bucket.public = expr.bool_value();
                        bucket.public_span = Some(expr.span);
                    }
                    "file_size_limit" => bucket.has_file_size_limit = sets_a_limit(expr),
                    "allowed_mime_types" => bucket.has_allowed_mime_types = sets_a_limit(expr),
                    _ => {}
                }
            }
            if found_id {
                self.buckets.push(bucket);
            }
        }
    }

    pub(super) fn replay_update(&mut self, at: At<'a>, update: &'a Update) {
        let Some(table) = &update.table else { return };
        if !table.is("storage.buckets") {
            return;
        }
        let ids = match &update.where_clause {
            None => None,
            Some(condition) => {
                // `name` is the bucket's display name, which migrations set to its id.
                match required_values(&condition.expr, "id")
                    .or_else(|| required_values(&condition.expr, "name"))
                {
                    Some(ids) => Some(ids),
                    None => return,
                }
            }
        };
        let mut change = BucketUpdate {
            at,
            ids,
            public: None,
            file_size_limit: None,
            allowed_mime_types: None,
        };
        for assignment in &update.assignments {
            let Some(value) = &assignment.value else {
                continue;
            };
            let expr = &value.expr;
            match assignment.column.as_str() {
                "public" => change.public = expr.bool_value().map(|value| (value, expr.span)),
                "file_size_limit" => change.file_size_limit = Some(sets_a_limit(expr)),
                "allowed_mime_types" => change.allowed_mime_types = Some(sets_a_limit(expr)),
                _ => {}
            }
        }
        self.bucket_updates.push(change);
    }

    /// The `UPDATE storage.buckets` statements after the bucket's insert that change it, in
    /// order.
    pub fn bucket_updates_of<'s>(
        &'s self,
        bucket: &'s BucketRecord<'a>,
    ) -> impl Iterator<Item = &'s BucketUpdate<'a>> + 's {
        self.bucket_updates
            .iter()
            .filter(move |u| u.at.point > bucket.at.point && u.applies_to(&bucket.id))
    }

    /// Whether the bucket ends with a `file_size_limit` and with `allowed_mime_types`, after
    /// later updates.
    pub fn bucket_limits(&self, bucket: &BucketRecord<'a>) -> (bool, bool) {
        let mut limits = (bucket.has_file_size_limit, bucket.has_allowed_mime_types);
        for update in self.bucket_updates_of(bucket) {
            limits.0 = update.file_size_limit.unwrap_or(limits.0);
            limits.1 = update.allowed_mime_types.unwrap_or(limits.1);
        }
        limits
    }

    /// Whether the bucket is public at the end of the history (`public` defaults to false).
    pub fn bucket_is_public(&self, bucket: &BucketRecord<'a>) -> bool {
        self.bucket_updates_of(bucket)
            .filter_map(|u| u.public.map(|(public, _)| public))
            .last()
            .unwrap_or(bucket.public == Some(true))
    }
}
