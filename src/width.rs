//! Width folding: what HER-SYS means by 半角 (half-width).
//!
//! domain.md §5: full-width ASCII (U+FF01–FF5E) and the ideographic space
//! (U+3000) map to their half-width forms; NFKC gives the same result for
//! these characters.

/// Folds full-width ASCII (U+FF01–FF5E) to ASCII and U+3000 to a space.
/// Other characters pass through, so Japanese text keeps its meaning.
pub fn fold_ascii(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// True for the characters people type for a hyphen in numbers and codes:
/// the ASCII hyphen, its full-width form, the katakana prolonged sound mark
/// and the Unicode dashes (domain.md §5: －, ー, ‐).
///
/// Only for codes and dates: in Japanese words ー is a letter, not a dash.
pub fn is_hyphen_like(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{FF0D}' | '\u{30FC}' | '\u{FF70}' | '\u{2010}'
            ..='\u{2015}' | '\u{2212}' | '\u{FE63}'
    )
}

/// True when `c` is outside ASCII but folds into it.
pub fn is_full_width_ascii(c: char) -> bool {
    matches!(c, '\u{FF01}'..='\u{FF5E}' | '\u{3000}')
}

/// The string with full-width ASCII folded and surrounding white space
/// (ASCII or ideographic) trimmed.
pub fn fold(text: &str) -> String {
    text.chars()
        .map(fold_ascii)
        .collect::<String>()
        .trim()
        .to_string()
}

/// Folded, trimmed and with ASCII upper-cased: the form used to compare
/// choices and header labels.
pub fn comparable(text: &str) -> String {
    comparable_chars(text).collect()
}

/// True when two texts are the same once [`comparable`]: without
/// allocating, since choices are compared on every keystroke and every row.
pub fn same(a: &str, b: &str) -> bool {
    a == b || comparable_chars(a).eq(comparable_chars(b))
}

fn comparable_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    // `str::trim` also trims U+3000, the full-width space.
    trim(text)
        .chars()
        .map(|c| fold_ascii(c).to_ascii_uppercase())
}

/// `str::trim` (Unicode white space), without decoding the first and last
/// characters when their bytes show they cannot be white space: the usual
/// case, and `trim` runs for every value and every option compared.
pub fn trim(text: &str) -> &str {
    let bytes = text.as_bytes();
    match (bytes.first(), bytes.last()) {
        (Some(&first), Some(&last)) if !may_start_space(first) && !may_end_space(last) => text,
        _ => text.trim(),
    }
}

/// The first byte of a white-space character: ASCII 0x09–0x0D and space,
/// or the lead byte of U+0085/U+00A0 (C2), U+1680 (E1), U+2000–U+205F (E2)
/// and U+3000 (E3).
fn may_start_space(byte: u8) -> bool {
    matches!(byte, b'\t'..=b'\r' | b' ' | 0xC2 | 0xE1 | 0xE2 | 0xE3)
}

/// The last byte of a white-space character: ASCII 0x09–0x0D and space, or
/// a continuation byte that ends one of the others (80–8A, 9F, A0, A8, A9, AF).
fn may_end_space(byte: u8) -> bool {
    matches!(byte, b'\t'..=b'\r' | b' ' | 0x80..=0x8A | 0x9F | 0xA0 | 0xA8 | 0xA9 | 0xAF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trim_is_str_trim() {
        for c in (0..0x11_0000u32).filter_map(char::from_u32) {
            for text in [
                format!("{c}"),
                format!("{c}a{c}"),
                format!("a{c}"),
                format!("{c}入院中"),
            ] {
                assert_eq!(trim(&text), text.trim(), "U+{:04X}", c as u32);
            }
        }
        assert_eq!(trim(""), "");
    }

    #[test]
    fn folds_full_width_ascii_and_ideographic_space() {
        assert_eq!(fold("　ＴＫ１２３４５６７　"), "TK1234567");
        assert_eq!(fold("ａ～！"), "a~!");
    }

    #[test]
    fn compares_folded_trimmed_and_case_blind() {
        assert!(same(" ｊｐｎ\u{3000}", "JPN"));
        assert!(same("患者(確定例)", "患者（確定例）"));
        assert!(!same("死亡", "死亡者"));
        assert_eq!(comparable("　ａＢｃ "), "ABC");
    }

    #[test]
    fn keeps_japanese_text_including_the_long_vowel_mark() {
        assert_eq!(fold("センター"), "センター");
    }

    #[test]
    fn knows_the_hyphen_look_alikes() {
        for c in ['-', '－', 'ー', '‐', '–', '—', '−', 'ｰ'] {
            assert!(is_hyphen_like(c), "{c}");
        }
        assert!(!is_hyphen_like('_'));
    }
}
