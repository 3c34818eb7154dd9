//! Counting line breaks in raw bytes: LF, CR LF and a lone CR.

/// Line breaks in `bytes`: LF, CR LF and a lone CR each count once;
/// `prev_cr` says whether the byte before `bytes` was a CR.
pub fn count_line_breaks(bytes: &[u8], prev_cr: bool) -> u64 {
    if !has_line_break(bytes) {
        return 0;
    }
    let lf = bytes.iter().filter(|&&b| b == b'\n').count();
    let cr = bytes.iter().filter(|&&b| b == b'\r').count();
    if cr == 0 && !prev_cr {
        return lf as u64;
    }
    let mut pairs = bytes.windows(2).filter(|w| w == b"\r\n").count();
    if prev_cr && bytes.first() == Some(&b'\n') {
        pairs += 1;
    }
    (lf + cr - pairs) as u64
}

/// True when `bytes` hold a CR or an LF (most records have no quoted line
/// break, so this is the usual answer to the count).
fn has_line_break(bytes: &[u8]) -> bool {
    find_line_break(bytes).is_some()
}

/// The first CR or LF in `bytes`. Eight bytes at a time in a `u64`: wasm32
/// has 64-bit integers but, without SIMD, vectorises nothing, and byte by
/// byte this was about 5 % of an audit there.
pub fn find_line_break(bytes: &[u8]) -> Option<usize> {
    find_word(bytes, |word| {
        bytes_equal(word, b'\n') | bytes_equal(word, b'\r')
    })
    .or_else(|| tail_position(bytes, |b| b == b'\n' || b == b'\r'))
}

/// True when `bytes` hold `byte` (eight bytes at a time, as above).
pub fn contains_byte(bytes: &[u8], byte: u8) -> bool {
    find_word(bytes, |word| bytes_equal(word, byte)).is_some()
        || tail_position(bytes, |b| b == byte).is_some()
}

/// The first byte that `matches` marks in the whole words of `bytes`:
/// `matches` sets the high bit of exactly the bytes it finds.
fn find_word(bytes: &[u8], matches: impl Fn(u64) -> u64) -> Option<usize> {
    bytes.chunks_exact(8).enumerate().find_map(|(i, word)| {
        let found = matches(u64::from_le_bytes(word.try_into().unwrap_or_default()));
        (found != 0).then(|| i * 8 + found.trailing_zeros() as usize / 8)
    })
}

/// The first byte of the bytes after the last whole word that `is` holds for.
fn tail_position(bytes: &[u8], is: impl Fn(u8) -> bool) -> Option<usize> {
    let start = bytes.len() / 8 * 8;
    bytes[start..]
        .iter()
        .position(|&b| is(b))
        .map(|at| start + at)
}

/// The high bit of each byte of `word` that equals `byte`, and no other bit
/// (exact per byte: no borrow runs from one byte into the next).
pub fn bytes_equal(word: u64, byte: u8) -> u64 {
    const LOW7: u64 = u64::from_le_bytes([0x7F; 8]);
    let zero_where_byte = word ^ (u64::from_le_bytes([1; 8]) * u64::from(byte));
    !(((zero_where_byte & LOW7) + LOW7) | zero_where_byte | LOW7)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte-by-byte count the word-at-a-time search must agree with.
    fn naive(bytes: &[u8], prev_cr: bool) -> u64 {
        let mut count = 0;
        let mut prev = prev_cr;
        for &b in bytes {
            if b == b'\r' || (b == b'\n' && !prev) {
                count += 1;
            }
            prev = b == b'\r';
        }
        count
    }

    #[test]
    fn finds_the_first_match_at_every_position_among_look_alike_bytes() {
        for filler in [
            b'a', 0x0B, 0x09, 0x0C, 0x8A, 0x8D, 0x0E, 0xFF, 0x00, 0xE3, b'!', b'#', 0xA2,
        ] {
            for len in 0..40 {
                let plain = vec![filler; len];
                assert_eq!(find_line_break(&plain), None);
                assert!(!contains_byte(&plain, b'"'));
                for first in 0..len {
                    for second in first..len {
                        for (a, b) in [(b'\n', b'\r'), (b'\r', b'\n'), (b'"', b'"')] {
                            let mut bytes = plain.clone();
                            bytes[second] = b;
                            bytes[first] = a;
                            let naive = bytes.iter().position(|&x| x == b'\n' || x == b'\r');
                            assert_eq!(
                                find_line_break(&bytes),
                                naive,
                                "{filler:#x} {len} {first} {second}"
                            );
                            assert_eq!(contains_byte(&bytes, b'"'), a == b'"');
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn finds_a_line_break_at_every_position_among_look_alike_bytes() {
        // Bytes one bit away from CR and LF, and the bytes around them in UTF-8 and Shift_JIS.
        for filler in [b'a', 0x0B, 0x09, 0x0C, 0x8A, 0x8D, 0x0E, 0xFF, 0x00, 0xE3] {
            for len in 0..40 {
                let plain = vec![filler; len];
                assert_eq!(count_line_breaks(&plain, false), 0, "{filler:#x} × {len}");
                for at in 0..len {
                    for line_break in [b'\n', b'\r'] {
                        let mut bytes = plain.clone();
                        bytes[at] = line_break;
                        for prev_cr in [false, true] {
                            assert_eq!(count_line_breaks(&bytes, prev_cr), naive(&bytes, prev_cr));
                        }
                    }
                }
            }
        }
    }
}
