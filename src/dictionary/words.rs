//! Folded word lists for the relation reader: [`WordMap`] (a word's grammar classes) and
//! [`WordSet`] (one grammar list).
//!
//! The reader looks up every word of every sentence that names an actor, so a lookup must be
//! cheap: most words are in no list and are turned away by a test of their first byte and
//! length, most of the others by a 2 KiB filter; a word of up to 16 bytes (nearly all of them)
//! is packed into two integers and found in an open-addressed table without hashing a string
//! or comparing bytes one by one.

use compact_str::CompactString;
use rustc_hash::FxHashMap as HashMap;

/// The longest word kept in the packed table, in bytes.
const SHORT: usize = 16;

/// The size of [`WordMap`]'s filter in 64-bit words: 16,384 bits, 2 KiB.
const FILTER_WORDS: usize = 256;

/// Folded words, each with a value, in the order they were added.
#[derive(Debug, Clone)]
pub struct WordMap<V> {
    /// For each first byte, bit `min(len, 63)` for the byte length of every word starting
    /// with it.
    first_len: Box<[u64; 256]>,
    /// Words of 1 to [`SHORT`] bytes as `(packed, index + 1)`; index 0 marks an empty slot. The
    /// length is a power of two, at most half full.
    short: Vec<([u64; 2], u32)>,
    /// One bit per hash of the words in `short`: a word whose bit is clear is not there. Small
    /// enough to stay in the fastest cache, so most words absent from the lists cost no
    /// miss on the table (which does not stay there).
    filter: Box<[u64; FILTER_WORDS]>,
    /// Longer words (and the empty one).
    long: HashMap<CompactString, u32>,
    keys: Vec<CompactString>,
    values: Vec<V>,
}

impl<V> Default for WordMap<V> {
    fn default() -> WordMap<V> {
        WordMap {
            first_len: Box::new([0; 256]),
            short: Vec::new(),
            filter: Box::new([0; FILTER_WORDS]),
            long: HashMap::default(),
            keys: Vec::new(),
            values: Vec::new(),
        }
    }
}

/// The bytes of a word of 1 to [`SHORT`] bytes, zero-padded, as two integers. Words hold no
/// zero byte, so two words pack alike only when they are equal.
#[inline]
fn pack(word: &[u8]) -> [u64; 2] {
    let n = word.len();
    debug_assert!((1..=SHORT).contains(&n));
    let u32_at = |i: usize| u64::from(u32::from_le_bytes(word[i..i + 4].try_into().expect("4")));
    let u64_at = |i: usize| u64::from_le_bytes(word[i..i + 8].try_into().expect("8"));
    // Two overlapping loads cover the word; an overlapping byte is the same in both.
    match n {
        8.. => [
            u64_at(0),
            u64_at(n - 8).checked_shr(8 * (16 - n) as u32).unwrap_or(0),
        ],
        4.. => [u32_at(0) | u32_at(n - 4) << (8 * (n - 4)), 0],
        _ => {
            let byte = |i: usize| u64::from(word[i]) << (8 * i);
            [byte(0) | byte(n / 2) | byte(n - 1), 0]
        }
    }
}

/// A packed word's hash.
#[inline]
fn hash(key: [u64; 2]) -> u64 {
    (key[0] ^ key[1].rotate_left(31)).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

#[inline]
fn slot(h: u64, mask: usize) -> usize {
    (h >> 32) as usize & mask
}

/// The filter bit of a hash, as (word, bit): its top 14 bits.
#[inline]
fn filter_bit(h: u64) -> (usize, u64) {
    let b = (h >> 50) as usize;
    (b / 64, 1 << (b % 64))
}

impl<V> WordMap<V> {
    fn index(&self, word: &str) -> Option<usize> {
        let bytes = word.as_bytes();
        if let Some(&first) = bytes.first()
            && self.first_len[usize::from(first)] >> bytes.len().min(63) & 1 == 0
        {
            return None;
        }
        if bytes.is_empty() || bytes.len() > SHORT {
            return self.long.get(word).map(|&i| i as usize);
        }
        let key = pack(bytes);
        let h = hash(key);
        let (w, bit) = filter_bit(h);
        if self.filter[w] & bit == 0 {
            return None;
        }
        let mask = self.short.len() - 1;
        let mut at = slot(h, mask);
        loop {
            let (k, i) = self.short[at];
            if i == 0 {
                return None;
            }
            if k == key {
                return Some(i as usize - 1);
            }
            at = (at + 1) & mask;
        }
    }

    pub fn get(&self, word: &str) -> Option<&V> {
        self.index(word).map(|i| &self.values[i])
    }

    /// The words, in the order they were added.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.keys.iter().map(CompactString::as_str)
    }

    /// Puts word `i` in the packed table (or the long map), doubling the table when it would
    /// be more than half full.
    fn place(&mut self, i: usize) {
        let bytes = self.keys[i].as_bytes();
        if bytes.is_empty() || bytes.len() > SHORT {
            self.long.insert(self.keys[i].clone(), i as u32);
            return;
        }
        if 2 * (self.keys.len() - self.long.len()) > self.short.len() {
            let size = (2 * self.short.len()).max(16);
            self.short = vec![([0, 0], 0); size];
            for j in 0..self.keys.len() {
                if j != i && !self.long.contains_key(&self.keys[j]) {
                    self.put(j);
                }
            }
        }
        self.put(i);
    }

    fn put(&mut self, i: usize) {
        let key = pack(self.keys[i].as_bytes());
        let h = hash(key);
        let (w, bit) = filter_bit(h);
        self.filter[w] |= bit;
        let mask = self.short.len() - 1;
        let mut at = slot(h, mask);
        while self.short[at].1 != 0 {
            at = (at + 1) & mask;
        }
        self.short[at] = (key, i as u32 + 1);
    }
}

impl<V: Default> WordMap<V> {
    /// The value of `word`, added with the default value when missing.
    pub fn entry(&mut self, word: String) -> &mut V {
        let i = match self.index(&word) {
            Some(i) => i,
            None => {
                if let Some(&first) = word.as_bytes().first() {
                    self.first_len[usize::from(first)] |= 1 << word.len().min(63);
                }
                self.keys.push(CompactString::from(word));
                self.values.push(V::default());
                let i = self.keys.len() - 1;
                self.place(i);
                i
            }
        };
        &mut self.values[i]
    }
}

/// Two maps are equal when they hold the same words with the same values, in any order.
impl<V: PartialEq> PartialEq for WordMap<V> {
    fn eq(&self, other: &WordMap<V>) -> bool {
        self.keys.len() == other.keys.len()
            && self
                .keys()
                .zip(&self.values)
                .all(|(k, v)| other.index(k).is_some_and(|i| other.values[i] == *v))
    }
}

impl<V: Eq> Eq for WordMap<V> {}

/// A grammar list of folded words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordSet(WordMap<()>);

impl WordSet {
    pub fn contains(&self, word: &str) -> bool {
        self.0.index(word).is_some()
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.keys()
    }
}

impl Extend<String> for WordSet {
    fn extend<I: IntoIterator<Item = String>>(&mut self, words: I) {
        for word in words {
            self.0.entry(word);
        }
    }
}

impl FromIterator<String> for WordSet {
    fn from_iter<I: IntoIterator<Item = String>>(words: I) -> WordSet {
        let mut set = WordSet::default();
        set.extend(words);
        set
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words short and long, with shared prefixes and the same first byte and length, each
    /// found with its own value after the table has grown several times.
    #[test]
    fn finds_every_word_it_holds_and_no_other() {
        let mut map: WordMap<u32> = WordMap::default();
        let words: Vec<String> = (0..300)
            .map(|i| match i % 3 {
                0 => format!("w{i}"),
                1 => format!("aanval{i}"),
                _ => format!("verantwoordelijkheid{i}"),
            })
            .chain(["één".to_string(), String::new()])
            // Every length the packed table holds, each a prefix of the next.
            .chain((1..=17).map(|n| "abcdefghijklmnopq"[..n].to_string()))
            .collect();
        for (i, w) in words.iter().enumerate() {
            *map.entry(w.clone()) = i as u32;
        }
        for (i, w) in words.iter().enumerate() {
            assert_eq!(map.get(w), Some(&(i as u32)), "{w:?}");
        }
        for absent in [
            "w1",
            "aanval0",
            "aanval",
            "verantwoordelijkheid",
            "een",
            "w00",
        ] {
            assert_eq!(map.get(absent), None, "{absent:?}");
        }
        // The same lengths, one byte changed: first, middle or last.
        for n in 1..=17 {
            for at in [0, n / 2, n - 1] {
                let mut w = b"abcdefghijklmnopq"[..n].to_vec();
                w[at] = b'z';
                let w = String::from_utf8(w).expect("ASCII");
                assert_eq!(map.get(&w), None, "{w:?}");
            }
        }
        assert_eq!(map.keys().count(), words.len());
    }

    #[test]
    fn a_word_set_finds_its_words_and_only_them() {
        let set: WordSet = ["en", "of", "noch", "", "één-twee"]
            .map(String::from)
            .into_iter()
            .collect();
        for w in ["en", "of", "noch", "", "één-twee"] {
            assert!(set.contains(w), "{w:?}");
        }
        // Same length or first byte as a member, or neither.
        for w in ["eb", "on", "nach", "e", "ook", "éénmaal", "enn"] {
            assert!(!set.contains(w), "{w:?}");
        }
        assert_eq!(set.iter().count(), 5);
    }

    #[test]
    fn equal_whatever_the_order_words_were_added() {
        let a: WordSet = ["door", "namens", "via"]
            .map(String::from)
            .into_iter()
            .collect();
        let b: WordSet = ["via", "door", "namens"]
            .map(String::from)
            .into_iter()
            .collect();
        let c: WordSet = ["via", "door"].map(String::from).into_iter().collect();
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert!(a.contains("namens") && !a.contains("name"));
    }
}
