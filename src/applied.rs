//! Migrations that already ran somewhere: those at or before `frozenBefore`, and those the
//! host says are applied (they existed at the `--since` ref, or the database lists them).
//! `--fix` leaves them alone unless the request says `fixApplied`, and
//! `no-applied-migration-edit` compares them with the text that ran.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::history::version_of;

/// A migration the host knows has run.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppliedFile {
    pub path: String,
    /// The text that ran (the file at the `--since` ref), when the host knows it.
    #[serde(default)]
    pub base_text: Option<String>,
}

/// Why a migration must not be rewritten.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Frozen {
    /// The host says it ran (`--since`, the database).
    Applied,
    /// Its version is at or before `frozenBefore`.
    FrozenBefore,
}

/// The applied migrations of one request, by path.
pub struct AppliedMigrations<'r> {
    by_path: HashMap<String, Option<&'r str>>,
    frozen_before: Option<&'r str>,
}

impl<'r> AppliedMigrations<'r> {
    pub fn new(applied: Option<&'r [AppliedFile]>, config: &'r Config) -> Self {
        let by_path = applied
            .unwrap_or_default()
            .iter()
            .map(|file| (file.path.replace('\\', "/"), file.base_text.as_deref()))
            .collect();
        AppliedMigrations {
            by_path,
            frozen_before: config.frozen_before.as_deref(),
        }
    }

    /// Why the migration at `path` must not be rewritten, or `None` when it may be.
    pub fn frozen(&self, path: &str) -> Option<Frozen> {
        if self.by_path.contains_key(path) {
            return Some(Frozen::Applied);
        }
        let file_name = path.rsplit('/').next().unwrap_or(path);
        // Both are 14 digits, so text order is numeric order.
        match (version_of(file_name), self.frozen_before) {
            (Some(version), Some(last)) if version <= last => Some(Frozen::FrozenBefore),
            _ => None,
        }
    }

    /// The text that ran of the migration at `path`, when the host gave it.
    pub fn base_text(&self, path: &str) -> Option<&'r str> {
        self.by_path.get(path).copied().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(frozen_before: Option<&str>) -> Config {
        Config {
            frozen_before: frozen_before.map(str::to_string),
            ..Config::default()
        }
    }

    #[test]
    fn versions_up_to_frozen_before_are_frozen() {
        let config = config(Some("20240201000000"));
        let applied = AppliedMigrations::new(None, &config);
        let frozen = |name: &str| applied.frozen(&format!("supabase/migrations/{name}"));
        assert_eq!(frozen("20240101000000_a.sql"), Some(Frozen::FrozenBefore));
        assert_eq!(frozen("20240201000000_b.sql"), Some(Frozen::FrozenBefore));
        assert_eq!(frozen("20240201000001_c.sql"), None);
        assert_eq!(frozen("seed.sql"), None);
    }

    #[test]
    fn files_the_host_lists_are_applied_with_their_base_text() {
        let config = config(None);
        let files = [
            AppliedFile {
                path: "supabase\\migrations\\20240101000000_a.sql".into(),
                base_text: Some("select 1;\n".into()),
            },
            AppliedFile {
                path: "supabase/migrations/20240102000000_b.sql".into(),
                base_text: None,
            },
        ];
        let applied = AppliedMigrations::new(Some(&files), &config);
        let a = "supabase/migrations/20240101000000_a.sql";
        let b = "supabase/migrations/20240102000000_b.sql";
        assert_eq!(applied.frozen(a), Some(Frozen::Applied));
        assert_eq!(applied.base_text(a), Some("select 1;\n"));
        assert_eq!(applied.frozen(b), Some(Frozen::Applied));
        assert_eq!(applied.base_text(b), None);
        assert_eq!(
            applied.frozen("supabase/migrations/20240103000000_c.sql"),
            None
        );
    }
}
