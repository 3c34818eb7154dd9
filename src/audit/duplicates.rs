//! Repeated records (`row.duplicate`, docs/rules.md §7): a row whose mapped
//! values are all the same as an earlier row's is reported with that row's
//! line. Only files that map a field of the 発生届 record itself are
//! checked ([`HeaderMap::tells_records_apart`](super::HeaderMap::tells_records_apart)):
//! public case lists map two or three fields (発症日, 性別, 職業), and rows
//! the same in those are different people, not a record typed twice.
//!
//! Rows are not kept: each distinct record leaves a 64-bit hash of its
//! mapped values and its line (16 bytes, in a table at most three-quarters
//! full: under 43 bytes per distinct record, about 41 MiB for a million).
//! Two different records share a hash with a chance of about one in 10^7
//! for a million rows. The hash ([`RecordHasher`]: a multiply per eight
//! bytes, MurmurHash3's finalizer) is the same on every platform, so the worker pools can merge
//! the tables of their segments.

/// The hashes of the records read so far, each with the line of the first
/// row that had it.
#[derive(Clone, Debug, Default)]
pub struct SeenRecords {
    /// Open addressing, linear probing; 0 marks a free slot (a hash of 0
    /// is stored as 1).
    hashes: Vec<u64>,
    lines: Vec<u64>,
    len: usize,
}

impl SeenRecords {
    /// Records the row of `values` on `line`; returns the line of an
    /// earlier row with the same values. A row whose values are all empty
    /// is never a repeat (its findings say what is missing).
    #[cfg(test)]
    pub fn check<'a>(&mut self, values: impl Iterator<Item = &'a str>, line: u64) -> Option<u64> {
        let hash = hash_values(values)?;
        self.insert(hash, line)
    }

    /// Inserts `hash` first seen on `line`; returns the line already
    /// stored for it, leaving that one.
    pub fn insert(&mut self, hash: u64, line: u64) -> Option<u64> {
        if (self.len + 1) * 4 > self.hashes.len() * 3 {
            self.grow();
        }
        let at = self.slot(hash);
        if self.hashes[at] != 0 {
            return Some(self.lines[at]);
        }
        self.hashes[at] = hash;
        self.lines[at] = line;
        self.len += 1;
        None
    }

    /// The line stored for `hash`.
    pub fn get(&self, hash: u64) -> Option<u64> {
        if self.len == 0 {
            return None;
        }
        let at = self.slot(hash.max(1));
        (self.hashes[at] != 0).then(|| self.lines[at])
    }

    /// Every `(hash, line)`, in no particular order.
    pub fn entries(&self) -> impl Iterator<Item = (u64, u64)> + '_ {
        self.hashes
            .iter()
            .zip(&self.lines)
            .filter(|(hash, _)| **hash != 0)
            .map(|(hash, line)| (*hash, *line))
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.len
    }

    /// The slot holding `hash`, or the free slot where it goes.
    fn slot(&self, hash: u64) -> usize {
        let mask = self.hashes.len() - 1;
        let mut at = (hash as usize) & mask;
        while self.hashes[at] != 0 && self.hashes[at] != hash {
            at = (at + 1) & mask;
        }
        at
    }

    fn grow(&mut self) {
        let size = (self.hashes.len() * 2).max(64);
        let old = std::mem::replace(
            self,
            SeenRecords {
                hashes: vec![0; size],
                lines: vec![0; size],
                len: 0,
            },
        );
        for (hash, line) in old.entries() {
            self.insert(hash, line);
        }
    }
}

/// The hash of a record's mapped values: each run of adjacent mapped
/// cells is hashed as one stretch of the row's text and the cells' ends
/// within it, eight bytes at a time (a multiply and a shift each, then a
/// full finalizer).
#[derive(Clone, Copy, Debug)]
pub struct RecordHasher {
    hash: u64,
    /// A mapped value holds something (not only white space).
    content: bool,
}

impl Default for RecordHasher {
    fn default() -> Self {
        RecordHasher {
            hash: SEED,
            content: false,
        }
    }
}

const SEED: u64 = 0x243f_6a88_85a3_08d3;
const K0: u64 = 0x9e37_79b9_7f4a_7c15;
const K1: u64 = 0xff51_afd7_ed55_8ccd;

/// One 64-bit multiply and a shift per word: wasm32 has a 64-bit multiply
/// but no 128-bit one (a wide multiply is a library call there).
fn mum(a: u64, b: u64) -> u64 {
    let product = a.wrapping_mul(b);
    product ^ (product >> 29)
}

/// MurmurHash3's finalizer: every input bit reaches every output bit.
fn fmix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

impl RecordHasher {
    /// Adds a run of cells: `text` holds them one after the other, and
    /// `ends` their ends in it (so that `a|bc` and `ab|c` differ).
    pub fn add_run(&mut self, text: &[u8], ends: impl Iterator<Item = usize>) {
        let mut chunks = text.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.hash = mum(self.hash ^ u64::from_le_bytes(word), K0);
        }
        let mut tail = [0u8; 8];
        let rest = chunks.remainder();
        tail[..rest.len()].copy_from_slice(rest);
        self.hash = mum(self.hash ^ u64::from_le_bytes(tail), K1);
        let mut pending: Option<u64> = None;
        for end in ends {
            let end = end as u64;
            match pending.take() {
                Some(first) => self.hash = mum(self.hash ^ (first | end << 32), K0),
                None => pending = Some(end),
            }
        }
        self.hash = mum(self.hash ^ pending.unwrap_or(u64::MAX), K1);
    }

    /// Notes a mapped value: a record whose values are all empty (or
    /// white space) is never a repeat.
    pub fn note_content(&mut self, value: &str) {
        self.content = self.content || !value.trim().is_empty();
    }

    /// The hash (never 0), or `None` when every value was empty.
    pub fn finish(self) -> Option<u64> {
        self.content.then_some(fmix(self.hash).max(1))
    }
}

/// The hash of `values` (see [`RecordHasher`]).
#[cfg(test)]
pub fn hash_values<'a>(values: impl Iterator<Item = &'a str>) -> Option<u64> {
    let mut hasher = RecordHasher::default();
    let (mut text, mut ends) = (String::new(), Vec::new());
    for value in values {
        hasher.note_content(value);
        text.push_str(value);
        ends.push(text.len());
    }
    hasher.add_run(text.as_bytes(), ends.into_iter());
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeat_names_the_first_line_and_empty_rows_never_repeat() {
        let mut seen = SeenRecords::default();
        assert_eq!(seen.check(["a", "bc"].into_iter(), 2), None);
        assert_eq!(seen.check(["ab", "c"].into_iter(), 3), None);
        assert_eq!(seen.check(["a", "bc"].into_iter(), 4), Some(2));
        assert_eq!(seen.check(["a", "bc"].into_iter(), 5), Some(2));
        assert_eq!(seen.check(["", " "].into_iter(), 6), None);
        assert_eq!(seen.check(["", "　"].into_iter(), 7), None);
        assert_eq!(seen.len(), 2);
    }

    #[test]
    fn the_table_grows_and_keeps_every_entry() {
        let mut seen = SeenRecords::default();
        for n in 0..10_000u64 {
            let value = n.to_string();
            let values = [value.as_str(), "a", "b", "c"];
            assert_eq!(seen.check(values.into_iter(), n + 2), None);
        }
        for n in (0..10_000u64).step_by(7) {
            let value = n.to_string();
            let hash = hash_values([value.as_str(), "a", "b", "c"].into_iter()).unwrap();
            assert_eq!(seen.get(hash), Some(n + 2));
        }
        assert_eq!(seen.len(), 10_000);
        assert_eq!(seen.entries().count(), 10_000);
        assert!(seen.hashes.len() * 3 >= seen.len() * 4);
    }
}
