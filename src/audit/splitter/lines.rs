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
/// break, so this is the usual answer to the count). Eight bytes at a time
/// in a `u64`: wasm32 has 64-bit integers but, without SIMD, vectorises
/// nothing, and this ran byte by byte there (about 5 % of an audit).
fn has_line_break(bytes: &[u8]) -> bool {
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        let word = u64::from_le_bytes(word.try_into().unwrap_or_default());
        if has_byte(word, b'\n') || has_byte(word, b'\r') {
            return true;
        }
    }
    words.remainder().iter().any(|&b| b == b'\n' || b == b'\r')
}

/// True when one of the eight bytes of `word` is `byte` (the bit trick for
/// a zero byte, applied to `word` XOR `byte` repeated).
fn has_byte(word: u64, byte: u8) -> bool {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);
    let zero_where_byte = word ^ (ONES * u64::from(byte));
    zero_where_byte.wrapping_sub(ONES) & !zero_where_byte & HIGHS != 0
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
