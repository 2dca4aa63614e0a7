//! Results kept while the database is unchanged: each entry carries the database's change stamp
//! ([`super::db::Db::change_stamp`]) read before it was made, and serves only while the stamp is
//! the same, so any committed write, from any instance, is seen at the next request. For what is
//! read often and costly to make: the review table of an event, the year's dashboard and report.

use std::{
    collections::HashMap,
    hash::Hash,
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc, Mutex,
    },
};

/// At most `N` entries, all of one stamp.
pub struct StampCache<K, V, const N: usize> {
    entries: Mutex<HashMap<K, (i64, Arc<V>)>>,
    hits: AtomicU64,
}

impl<K, V, const N: usize> Default for StampCache<K, V, N> {
    fn default() -> Self {
        StampCache {
            entries: Mutex::new(HashMap::new()),
            hits: AtomicU64::new(0),
        }
    }
}

impl<K: Eq + Hash, V, const N: usize> StampCache<K, V, N> {
    /// The entry of `key` made at `stamp`, if there is one.
    pub fn get(&self, key: &K, stamp: i64) -> Option<Arc<V>> {
        let entries = self.entries.lock().ok()?;
        let found = entries.get(key).filter(|e| e.0 == stamp).map(|e| e.1.clone());
        if found.is_some() {
            self.hits.fetch_add(1, Ordering::Relaxed);
        }
        found
    }

    pub fn put(&self, key: K, stamp: i64, value: Arc<V>) {
        if let Ok(mut entries) = self.entries.lock() {
            // entries of an older stamp are stale already
            entries.retain(|_, e| e.0 == stamp);
            if entries.len() >= N {
                entries.clear();
            }
            entries.insert(key, (stamp, value));
        }
    }

    /// How many requests the cache answered (for tests and diagnostics).
    pub fn hits(&self) -> u64 {
        self.hits.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_serves_only_its_stamp_and_the_cache_stays_bounded() {
        let c: StampCache<i32, &str, 2> = StampCache::default();
        c.put(1, 7, Arc::new("one"));
        assert_eq!(c.get(&1, 7).as_deref(), Some(&"one"));
        assert_eq!(c.get(&1, 8), None, "a write since");
        c.put(2, 7, Arc::new("two"));
        c.put(3, 7, Arc::new("three"));
        assert_eq!(c.get(&3, 7).as_deref(), Some(&"three"));
        assert!(
            c.get(&1, 7).is_none() && c.get(&2, 7).is_none(),
            "at most 2, emptied when full"
        );
        c.put(4, 9, Arc::new("four"));
        assert!(c.get(&3, 7).is_none(), "an older stamp's entries go");
        assert_eq!(c.hits(), 2);
    }
}
