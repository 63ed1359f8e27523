//! A small bounded cache: least recently used first out, bounded by a count
//! and by approximate bytes, and never evicting an entry that is pinned
//! (shown on the page).
//!
//! The browser keeps parsed datasets here (`src/store.rs`) so that going
//! back to an indicator seen a moment ago costs no download, while a visit
//! that goes through hundreds of indicators holds only the last few. Wasm
//! linear memory never shrinks, so what matters is that it stops growing:
//! with this cache the datasets held are bounded whatever the catalogue's
//! size or the number of switches.
//!
//! A plain vector scanned linearly: the cache holds a handful of entries,
//! for which that is faster and smaller in wasm than a linked hash map.

/// A bounded least-recently-used cache of `V` by `K`.
///
/// Bounds: at most `max_entries` entries and at most `max_bytes` of the
/// sizes given to [`Cache::insert`], counting only entries that are not
/// pinned. Pinned entries (see [`Cache::pin`]) are never evicted and do not
/// count against either bound, so a page can always keep what it shows;
/// one entry larger than `max_bytes` is kept until the next insertion.
#[derive(Debug, Clone)]
pub struct Cache<K, V> {
    entries: Vec<Slot<K, V>>,
    max_entries: usize,
    max_bytes: usize,
    /// Increases on every use; an entry's `used` is the clock at its last use.
    clock: u64,
}

#[derive(Debug, Clone)]
struct Slot<K, V> {
    key: K,
    value: V,
    bytes: usize,
    used: u64,
    /// How many holders have pinned it; evictable at 0.
    pins: u32,
}

impl<K: PartialEq, V> Cache<K, V> {
    /// An empty cache holding at most `max_entries` unpinned entries
    /// totalling at most `max_bytes` (both at least 1).
    pub fn new(max_entries: usize, max_bytes: usize) -> Cache<K, V> {
        Cache {
            entries: Vec::new(),
            max_entries: max_entries.max(1),
            max_bytes: max_bytes.max(1),
            clock: 0,
        }
    }

    /// The bounds the app uses for ward datasets: 8 datasets or 2 MB (a
    /// bundled dataset holds about 135 KB), so a reader switching back and
    /// forth between a few indicators downloads nothing again.
    pub fn for_datasets() -> Cache<K, V> {
        Cache::new(8, 2_000_000)
    }

    pub fn max_entries(&self) -> usize {
        self.max_entries
    }

    pub fn max_bytes(&self) -> usize {
        self.max_bytes
    }

    /// Entries held, pinned or not.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Bytes held, as given to [`Cache::insert`], pinned entries included.
    pub fn bytes(&self) -> usize {
        self.entries.iter().map(|s| s.bytes).sum()
    }

    pub fn contains(&self, key: &K) -> bool {
        self.position(key).is_some()
    }

    /// The value of `key`, marking it as just used.
    pub fn get(&mut self, key: &K) -> Option<&V> {
        let i = self.position(key)?;
        self.clock += 1;
        self.entries[i].used = self.clock;
        Some(&self.entries[i].value)
    }

    /// The value of `key`, without marking it as used.
    pub fn peek(&self, key: &K) -> Option<&V> {
        self.position(key).map(|i| &self.entries[i].value)
    }

    /// Inserts or replaces `key`'s value, of about `bytes` bytes, as just
    /// used (a replaced entry keeps its pins), then evicts the least
    /// recently used unpinned entries until the bounds hold again. The new
    /// entry itself stays even when it alone exceeds `max_bytes`: it is
    /// about to be shown, and goes at the next insertion.
    pub fn insert(&mut self, key: K, value: V, bytes: usize) {
        self.clock += 1;
        let used = self.clock;
        match self.position(&key) {
            Some(i) => {
                let slot = &mut self.entries[i];
                slot.value = value;
                slot.bytes = bytes;
                slot.used = used;
            }
            None => self.entries.push(Slot {
                key,
                value,
                bytes,
                used,
                pins: 0,
            }),
        }
        self.evict();
    }

    /// Removes `key`, pinned or not, returning its value.
    pub fn remove(&mut self, key: &K) -> Option<V> {
        let i = self.position(key)?;
        Some(self.entries.swap_remove(i).value)
    }

    /// Marks `key` as shown: it is not evicted until as many [`Cache::unpin`]
    /// calls. Returns false (and pins nothing) when `key` is not held.
    pub fn pin(&mut self, key: &K) -> bool {
        match self.position(key) {
            Some(i) => {
                self.entries[i].pins = self.entries[i].pins.saturating_add(1);
                true
            }
            None => false,
        }
    }

    /// Undoes one [`Cache::pin`]; the entry becomes evictable when no pin is
    /// left, and the bounds are enforced again at once.
    pub fn unpin(&mut self, key: &K) {
        if let Some(i) = self.position(key) {
            self.entries[i].pins = self.entries[i].pins.saturating_sub(1);
        }
        self.evict();
    }

    pub fn is_pinned(&self, key: &K) -> bool {
        self.position(key).is_some_and(|i| self.entries[i].pins > 0)
    }

    fn position(&self, key: &K) -> Option<usize> {
        self.entries.iter().position(|s| &s.key == key)
    }

    /// Evicts least recently used unpinned entries while the unpinned ones
    /// exceed either bound, sparing the most recently used one.
    fn evict(&mut self) {
        let newest = self.clock;
        loop {
            let (count, bytes) = self
                .entries
                .iter()
                .filter(|s| s.pins == 0)
                .fold((0, 0), |(n, b), s| (n + 1, b + s.bytes));
            if count <= self.max_entries && bytes <= self.max_bytes {
                return;
            }
            let oldest = self
                .entries
                .iter()
                .enumerate()
                .filter(|(_, s)| s.pins == 0 && s.used != newest)
                .min_by_key(|(_, s)| s.used)
                .map(|(i, _)| i);
            match oldest {
                Some(i) => drop(self.entries.swap_remove(i)),
                None => return,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(cache: &Cache<&'static str, u32>) -> Vec<&'static str> {
        let mut keys: Vec<_> = cache.entries.iter().map(|s| s.key).collect();
        keys.sort_unstable();
        keys
    }

    #[test]
    fn evicts_the_least_recently_used_beyond_the_count() {
        let mut cache = Cache::new(2, usize::MAX);
        cache.insert("a", 1, 10);
        cache.insert("b", 2, 10);
        assert_eq!(cache.get(&"a"), Some(&1));
        cache.insert("c", 3, 10);
        assert_eq!(keys(&cache), ["a", "c"]);
        assert_eq!(cache.peek(&"b"), None);
    }

    #[test]
    fn peek_does_not_refresh() {
        let mut cache = Cache::new(2, usize::MAX);
        cache.insert("a", 1, 10);
        cache.insert("b", 2, 10);
        assert_eq!(cache.peek(&"a"), Some(&1));
        cache.insert("c", 3, 10);
        assert_eq!(keys(&cache), ["b", "c"]);
    }

    #[test]
    fn evicts_beyond_the_bytes() {
        let mut cache = Cache::new(100, 25);
        cache.insert("a", 1, 10);
        cache.insert("b", 2, 10);
        cache.insert("c", 3, 10);
        assert_eq!(keys(&cache), ["b", "c"]);
        assert_eq!(cache.bytes(), 20);
    }

    #[test]
    fn an_entry_larger_than_the_budget_is_kept_until_the_next() {
        let mut cache = Cache::new(100, 25);
        cache.insert("a", 1, 10);
        cache.insert("huge", 2, 1000);
        // The huge one is the newest: everything older goes, it stays.
        assert_eq!(keys(&cache), ["huge"]);
        cache.pin(&"huge");
        cache.insert("b", 3, 10);
        assert_eq!(keys(&cache), ["b", "huge"]);
    }

    #[test]
    fn pinned_entries_are_never_evicted_and_do_not_count() {
        let mut cache = Cache::new(1, usize::MAX);
        cache.insert("shown", 1, 10);
        assert!(cache.pin(&"shown"));
        for (i, key) in ["a", "b", "c", "d"].into_iter().enumerate() {
            cache.insert(key, i as u32, 10);
        }
        assert_eq!(keys(&cache), ["d", "shown"]);
        assert!(cache.is_pinned(&"shown"));
        // Pinned twice, unpinned once: still held.
        cache.pin(&"shown");
        cache.unpin(&"shown");
        cache.insert("e", 5, 10);
        assert_eq!(keys(&cache), ["e", "shown"]);
        // The last unpin makes it evictable at once (it is the oldest).
        cache.unpin(&"shown");
        assert_eq!(keys(&cache), ["e"]);
    }

    #[test]
    fn pinning_an_absent_key_does_nothing() {
        let mut cache: Cache<&str, u32> = Cache::new(1, 1);
        assert!(!cache.pin(&"x"));
        cache.unpin(&"x");
        assert!(cache.is_empty());
    }

    #[test]
    fn replacing_keeps_pins_and_updates_bytes() {
        let mut cache = Cache::new(1, 100);
        cache.insert("a", 1, 10);
        cache.pin(&"a");
        cache.insert("a", 2, 50);
        assert_eq!(cache.peek(&"a"), Some(&2));
        assert_eq!(cache.bytes(), 50);
        assert!(cache.is_pinned(&"a"));
        assert_eq!(cache.remove(&"a"), Some(2));
        assert!(!cache.contains(&"a"));
    }

    #[test]
    fn many_inserts_stay_within_the_bounds() {
        let mut cache = Cache::new(8, 1000);
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];
        for i in 0..10_000u32 {
            let bytes = 100 + (i as usize % 200);
            cache.insert(names[i as usize % 10], i, bytes);
            assert!(cache.len() <= 8);
            assert!(cache.bytes() <= 1000);
        }
    }
}
