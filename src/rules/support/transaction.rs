//! Whether a file runs inside the transaction the migration runner opens for it.
//!
//! The Supabase CLI runs every migration file in one transaction. Other runners let a file opt
//! out with a marker comment; a file carrying one is linted as running statement by statement.

use crate::source::SourceFile;

/// Marker comments that tell a migration runner not to wrap the file in a transaction:
/// postgres-migrations, goose, dbmate and sqlx spell it so.
const NO_TRANSACTION_MARKERS: &[&str] = &[
    "postgres-migrations disable-transaction",
    "+goose no transaction",
    "transaction:false",
    "no-transaction",
];

/// Whether the runner wraps the whole file in one transaction (no opt-out marker comment).
pub fn runs_in_transaction(file: &SourceFile) -> bool {
    !file.comments.iter().any(|token| {
        let comment = token.text(&file.text).to_ascii_lowercase();
        NO_TRANSACTION_MARKERS
            .iter()
            .any(|marker| comment.contains(marker))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marker_comments_opt_out() {
        let plain = SourceFile::new("a.sql", "-- add an index\ncreate index i on t (a);");
        assert!(runs_in_transaction(&plain));
        let marked = SourceFile::new(
            "a.sql",
            "-- postgres-migrations disable-transaction\ncreate index concurrently i on t (a);",
        );
        assert!(!runs_in_transaction(&marked));
        let goose = SourceFile::new("a.sql", "-- +goose NO TRANSACTION\nselect 1;");
        assert!(!runs_in_transaction(&goose));
    }
}
