//! Repeated records (`row.duplicate`, docs/rules.md §7): a row whose mapped
//! values are all the same as an earlier row's is reported with that row's
//! line.
//!
//! Rows are not kept: each distinct record leaves a 64-bit hash of its
//! mapped values and its line (16 bytes, in a table at most three-quarters
//! full: under 43 bytes per distinct record, about 41 MiB for a million).
//! Two different records share a hash with a chance of about one in 10^7
//! for a million rows, and the hash is FNV-1a, the same on every platform,
//! so the worker pools can merge the tables of their segments.

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
        // The high bits are the best mixed of FNV-1a's.
        let mut at = (hash.rotate_left(32) as usize) & mask;
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

/// FNV-1a over the values, each followed by its length (so that `a,bc`
/// and `ab,c` differ); `None` when every value is empty.
pub fn hash_values<'a>(values: impl Iterator<Item = &'a str>) -> Option<u64> {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET;
    let mut content = false;
    for value in values {
        content |= !value.trim().is_empty();
        for &byte in value
            .as_bytes()
            .iter()
            .chain(&(value.len() as u32).to_le_bytes())
        {
            hash = (hash ^ u64::from(byte)).wrapping_mul(PRIME);
        }
    }
    content.then_some(hash.max(1))
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
        assert_eq!(seen.check(["", " "].into_iter(), 7), None);
        assert_eq!(seen.len(), 2);
    }

    #[test]
    fn the_table_grows_and_keeps_every_entry() {
        let mut seen = SeenRecords::default();
        for n in 0..10_000u64 {
            let value = n.to_string();
            assert_eq!(seen.check([value.as_str()].into_iter(), n + 2), None);
        }
        for n in (0..10_000u64).step_by(7) {
            let value = n.to_string();
            let hash = hash_values([value.as_str()].into_iter()).unwrap();
            assert_eq!(seen.get(hash), Some(n + 2));
        }
        assert_eq!(seen.len(), 10_000);
        assert_eq!(seen.entries().count(), 10_000);
        assert!(seen.hashes.len() * 3 >= seen.len() * 4);
    }
}
