//! One bookkeeping shape for every kind of object the history creates: the records in the
//! order they were created, the live ones by their current key, and the statements that
//! created or redefined each.

use std::collections::HashMap;
use std::hash::Hash;

use super::{Point, QualifiedName};

/// What every record knows about its own lifetime.
pub trait Lifetime {
    /// The point where a `DROP` (or a re-creation under the same key) ended it.
    fn dropped(&self) -> Option<Point>;
    fn end(&mut self, at: Point);
}

#[cfg(test)]
thread_local! {
    /// How many times code asked for every record of a registry ([`Registry::all`],
    /// [`Registry::live`]): the scaling test checks that a lint does it as many times for a
    /// long history as for a short one, so that no rule reads the whole history once per
    /// file or per statement (which made rules quadratic in the history).
    pub(crate) static WHOLE_READS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

fn count_whole_read() {
    #[cfg(test)]
    WHOLE_READS.with(|reads| reads.set(reads.get() + 1));
}

/// The records of one kind of object, keyed by `K` while alive.
#[derive(Debug)]
pub struct Registry<K, R> {
    records: Vec<R>,
    live: HashMap<K, usize>,
    /// The statement that created or redefined a record → the record.
    by_point: HashMap<Point, usize>,
}

impl<K, R> Default for Registry<K, R> {
    fn default() -> Self {
        Registry {
            records: Vec::new(),
            live: HashMap::new(),
            by_point: HashMap::new(),
        }
    }
}

impl<K: Hash + Eq + Clone, R: Lifetime> Registry<K, R> {
    /// Every record, live or not, in the order they were created.
    pub fn all(&self) -> &[R] {
        count_whole_read();
        &self.records
    }

    /// The records alive at the end of the history.
    pub fn live(&self) -> impl Iterator<Item = &R> {
        count_whole_read();
        self.records.iter().filter(|r| r.dropped().is_none())
    }

    pub fn get(&self, id: usize) -> &R {
        &self.records[id]
    }

    pub(super) fn get_mut(&mut self, id: usize) -> &mut R {
        &mut self.records[id]
    }

    /// The record live under `key` at this point of the replay.
    pub(super) fn live_id(&self, key: &K) -> Option<usize> {
        self.live.get(key).copied()
    }

    /// The live keys and ids, for lookups by part of a key.
    pub(super) fn live_entries(&self) -> impl Iterator<Item = (&K, usize)> {
        self.live.iter().map(|(k, &id)| (k, id))
    }

    /// The record a statement created or redefined.
    pub fn defined_at(&self, point: Point) -> Option<&R> {
        self.by_point.get(&point).map(|&id| &self.records[id])
    }

    /// Adds a record live under `key`, created at `at`; a record live under the same key
    /// ends there (Postgres would have refused, unless it was dropped in a way we missed).
    pub(super) fn create(&mut self, key: K, at: Point, record: R) -> usize {
        if let Some(old) = self.live.remove(&key) {
            self.records[old].end(at);
        }
        let id = self.records.len();
        self.records.push(record);
        self.live.insert(key, id);
        self.by_point.insert(at, id);
        id
    }

    /// Records that the statement at `at` redefined record `id` (`CREATE OR REPLACE`).
    pub(super) fn redefine(&mut self, id: usize, at: Point) {
        self.by_point.insert(at, id);
    }

    /// Ends the record live under `key`.
    pub(super) fn drop_key(&mut self, key: &K, at: Point) -> Option<usize> {
        let id = self.live.remove(key)?;
        self.records[id].end(at);
        Some(id)
    }

    /// Moves the live record under `old` to `new` (a rename or `SET SCHEMA`).
    pub(super) fn rekey(&mut self, old: &K, new: K) -> Option<usize> {
        let id = self.live.remove(old)?;
        self.live.insert(new, id);
        Some(id)
    }
}

/// Objects that belong to a table and are named within it: policies and triggers.
pub trait OnTable {
    fn set_table(&mut self, table: QualifiedName);
}

impl<R: Lifetime + OnTable> Registry<(QualifiedName, String), R> {
    fn keys_on(&self, table: &QualifiedName) -> Vec<(QualifiedName, String)> {
        let mut keys: Vec<((QualifiedName, String), usize)> = self
            .live
            .iter()
            .filter(|((t, _), _)| t == table)
            .map(|(k, &id)| (k.clone(), id))
            .collect();
        keys.sort_by_key(|(_, id)| *id);
        keys.into_iter().map(|(k, _)| k).collect()
    }

    /// Moves the live objects of table `old` to `new` (a rename or `SET SCHEMA`).
    pub(super) fn move_table(&mut self, old: &QualifiedName, new: &QualifiedName) {
        for key in self.keys_on(old) {
            if let Some(id) = self.rekey(&key, (new.clone(), key.1.clone())) {
                self.records[id].set_table(new.clone());
            }
        }
    }

    /// Ends the live objects of a dropped table.
    pub(super) fn drop_table(&mut self, table: &QualifiedName, at: Point) {
        for key in self.keys_on(table) {
            self.drop_key(&key, at);
        }
    }
}
