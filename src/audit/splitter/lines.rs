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

/// True when `bytes` hold a CR or an LF: one branch-free pass per 32
/// bytes, which the compiler vectorises (most records have no quoted line
/// break, so this is the usual answer to the count).
fn has_line_break(bytes: &[u8]) -> bool {
    bytes.chunks(32).any(|block| {
        block
            .iter()
            .fold(false, |found, &b| found | (b == b'\n') | (b == b'\r'))
    })
}
