//! `SortedMap`/`SortedSet`: ordered collections on one sorted vector.
//!
//! The engine's maps hold a call's invitees, a room's members (hundreds at most) and a few
//! hundred remembered ids. `BTreeMap` gave the same key order, but each of its instantiations
//! brought several KiB of node code into the wasm module (about 30 KiB for six of them). A
//! sorted vector with binary search keeps the order, and so every iteration order the engine's
//! outputs depend on, at a fraction of the code; inserting into a few hundred entries moves a
//! few KiB at most.

use std::borrow::Borrow;

/// A map ordered by key, like `BTreeMap`, stored as a sorted vector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SortedMap<K, V> {
    entries: Vec<(K, V)>,
}

impl<K, V> Default for SortedMap<K, V> {
    fn default() -> Self {
        Self {
            entries: Vec::new(),
        }
    }
}

impl<K: Ord, V> SortedMap<K, V> {
    /// An empty map.
    pub(crate) const fn new() -> Self {
        Self {
            entries: Vec::new(),
        }
    }

    /// Where `key` is (`Ok`) or would go (`Err`).
    fn find<Q: Ord + ?Sized>(&self, key: &Q) -> Result<usize, usize>
    where
        K: Borrow<Q>,
    {
        self.entries
            .binary_search_by(|(probe, _)| probe.borrow().cmp(key))
    }

    /// The number of entries.
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether `key` is present.
    pub(crate) fn contains_key<Q: Ord + ?Sized>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
    {
        self.find(key).is_ok()
    }

    /// The value of `key`.
    pub(crate) fn get<Q: Ord + ?Sized>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
    {
        self.find(key).ok().map(|at| &self.entries[at].1)
    }

    /// The value of `key`, mutable.
    pub(crate) fn get_mut<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<&mut V>
    where
        K: Borrow<Q>,
    {
        self.find(key).ok().map(|at| &mut self.entries[at].1)
    }

    /// Sets `key` to `value`; returns the value it replaces.
    pub(crate) fn insert(&mut self, key: K, value: V) -> Option<V> {
        match self.find(&key) {
            Ok(at) => Some(std::mem::replace(&mut self.entries[at].1, value)),
            Err(at) => {
                self.entries.insert(at, (key, value));
                None
            }
        }
    }

    /// Removes `key`; returns its value.
    pub(crate) fn remove<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
    {
        self.find(key).ok().map(|at| self.entries.remove(at).1)
    }

    /// Removes and returns the entry with the smallest key.
    pub(crate) fn pop_first(&mut self) -> Option<(K, V)> {
        (!self.entries.is_empty()).then(|| self.entries.remove(0))
    }

    /// Removes every entry.
    pub(crate) fn clear(&mut self) {
        self.entries.clear();
    }

    /// The entries in key order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&K, &V)> {
        self.entries.iter().map(|(key, value)| (key, value))
    }

    /// The keys in order.
    pub(crate) fn keys(&self) -> impl Iterator<Item = &K> {
        self.entries.iter().map(|(key, _)| key)
    }

    /// The values in key order.
    pub(crate) fn values(&self) -> impl Iterator<Item = &V> {
        self.entries.iter().map(|(_, value)| value)
    }

    /// The values in key order, mutable.
    pub(crate) fn values_mut(&mut self) -> impl Iterator<Item = &mut V> {
        self.entries.iter_mut().map(|(_, value)| value)
    }
}

/// A set ordered like `BTreeSet`, stored as a sorted vector.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct SortedSet<K> {
    map: SortedMap<K, ()>,
}

impl<K: Ord> SortedSet<K> {
    /// An empty set.
    pub(crate) const fn new() -> Self {
        Self {
            map: SortedMap::new(),
        }
    }

    /// Adds `key`; false if it was present already.
    pub(crate) fn insert(&mut self, key: K) -> bool {
        self.map.insert(key, ()).is_none()
    }

    /// Whether `key` is present.
    pub(crate) fn contains<Q: Ord + ?Sized>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
    {
        self.map.contains_key(key)
    }

    /// Removes `key`; false if it was absent.
    pub(crate) fn remove<Q: Ord + ?Sized>(&mut self, key: &Q) -> bool
    where
        K: Borrow<Q>,
    {
        self.map.remove(key).is_some()
    }
}

impl<K: Ord> FromIterator<K> for SortedSet<K> {
    fn from_iter<I: IntoIterator<Item = K>>(items: I) -> Self {
        let mut set = Self::new();
        for item in items {
            set.insert(item);
        }
        set
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};

    #[test]
    fn behaves_like_btree_map() {
        let mut ours = SortedMap::new();
        let mut reference = BTreeMap::new();
        // A fixed pseudo-random walk of inserts and removals over a small key space.
        let mut x: u32 = 12345;
        for step in 0..2000u32 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let key = format!("u{}", (x >> 16) % 40);
            match (x >> 8) % 4 {
                0 => assert_eq!(ours.remove(&key), reference.remove(&key)),
                1 => assert_eq!(ours.pop_first(), reference.pop_first()),
                _ => assert_eq!(
                    ours.insert(key.clone(), step),
                    reference.insert(key.clone(), step)
                ),
            }
            if let Some(value) = ours.get_mut(key.as_str()) {
                *value += 1;
                *reference.get_mut(key.as_str()).unwrap() += 1;
            }
            assert_eq!(ours.len(), reference.len());
            assert_eq!(ours.get(&key), reference.get(&key));
            assert_eq!(
                ours.contains_key(key.as_str()),
                reference.contains_key(key.as_str())
            );
            assert!(ours.iter().eq(reference.iter()));
        }
        assert!(ours.keys().eq(reference.keys()));
        assert!(ours.values().eq(reference.values()));
        ours.values_mut().for_each(|value| *value = 0);
        assert!(ours.values().all(|value| *value == 0));
        ours.clear();
        assert_eq!(ours.len(), 0);
    }

    #[test]
    fn behaves_like_btree_set() {
        let mut ours: SortedSet<String> = ["b", "a", "b"].into_iter().map(String::from).collect();
        let mut reference: BTreeSet<String> =
            ["b", "a", "b"].into_iter().map(String::from).collect();
        for key in ["a", "c", "b", "a"] {
            assert_eq!(ours.contains(key), reference.contains(key));
            assert_eq!(
                ours.insert(key.to_owned()),
                reference.insert(key.to_owned())
            );
            assert_eq!(ours.remove("b"), reference.remove("b"));
        }
    }
}
