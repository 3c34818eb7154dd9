//! The one JSON writer of the crate: what the catalogue (`crate::catalogue`)
//! and the audit's batches (`binding::audit`) write, by hand rather than
//! with serde_json (its bytes in the .wasm, and its errors quote values).

/// `text` as a JSON string literal: `"` and `\` escaped, control characters
/// as `\u00XX`, everything else as is (a `str` holds no lone surrogate).
pub fn push_string(out: &mut String, text: &str) {
    out.push('"');
    let mut start = 0;
    for (at, byte) in text.bytes().enumerate() {
        if byte >= 0x20 && byte != b'"' && byte != b'\\' {
            continue;
        }
        out.push_str(&text[start..at]);
        match byte {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(HEX[usize::from(byte >> 4)] as char);
                out.push(HEX[usize::from(byte & 15)] as char);
            }
        }
        start = at + 1;
    }
    out.push_str(&text[start..]);
    out.push('"');
}

/// `[ "a", "b" ]` without spaces.
pub fn push_strings<'a>(out: &mut String, items: impl IntoIterator<Item = &'a str>) {
    out.push('[');
    for (index, item) in items.into_iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        push_string(out, item);
    }
    out.push(']');
}

/// `n` in decimal (no float formatting: its code is large in the .wasm).
pub fn push_number(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &digit in &digits[at..] {
        out.push(digit as char);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_as_json_requires() {
        let mut out = String::new();
        push_string(&mut out, "a\"b\\c\n\u{1}é日本\u{7f}");
        assert_eq!(out, "\"a\\\"b\\\\c\\u000a\\u0001é日本\u{7f}\"");
    }

    #[test]
    fn numbers_are_decimal() {
        for n in [0, 7, 10, 1234567890, u64::MAX] {
            let mut out = String::new();
            push_number(&mut out, n);
            assert_eq!(out, n.to_string());
        }
    }

    #[test]
    fn lists_have_no_spaces() {
        let mut out = String::new();
        push_strings(&mut out, ["a", "b\""]);
        assert_eq!(out, "[\"a\",\"b\\\"\"]");
    }
}
