//! Width folding: what HER-SYS means by 半角 (half-width), and how values
//! typed or exported in other widths are compared (docs/rules.md §7).
//!
//! Values are compared after NFKC plus trimming, restricted to the
//! characters that differ by width in Japanese data: full-width ASCII
//! (U+FF01–FF5E), the ideographic space, half-width katakana with their
//! voiced marks (ｶﾞ → ガ, ﾊﾟ → パ, ･ → ・ from Shift_JIS exports), the rest
//! of the Halfwidth and Fullwidth Forms block (U+FF5F–FFEE), and the era
//! ligatures (㍻ → 平成). That covers what clerks and exports produce without
//! shipping Unicode's full normalization tables; the property tests compare
//! it with a complete NFKC for every character of those ranges.

use std::borrow::Cow;

/// The katakana voiced sound mark (combining), what ﾞ becomes.
const VOICED: char = '\u{3099}';
/// The katakana semi-voiced sound mark (combining), what ﾟ becomes.
const SEMI_VOICED: char = '\u{309A}';
/// The combining macron: NFKC of ￣ (U+FFE3) is a space and this mark.
const MACRON: char = '\u{304}';

/// U+FF61–FF9F in order: the half-width katakana and punctuation.
const HALF_WIDTH_KANA: [char; 63] = [
    '。',
    '「',
    '」',
    '、',
    '・',
    'ヲ',
    'ァ',
    'ィ',
    'ゥ',
    'ェ',
    'ォ',
    'ャ',
    'ュ',
    'ョ',
    'ッ',
    'ー',
    'ア',
    'イ',
    'ウ',
    'エ',
    'オ',
    'カ',
    'キ',
    'ク',
    'ケ',
    'コ',
    'サ',
    'シ',
    'ス',
    'セ',
    'ソ',
    'タ',
    'チ',
    'ツ',
    'テ',
    'ト',
    'ナ',
    'ニ',
    'ヌ',
    'ネ',
    'ノ',
    'ハ',
    'ヒ',
    'フ',
    'ヘ',
    'ホ',
    'マ',
    'ミ',
    'ム',
    'メ',
    'モ',
    'ヤ',
    'ユ',
    'ヨ',
    'ラ',
    'リ',
    'ル',
    'レ',
    'ロ',
    'ワ',
    'ン',
    VOICED,
    SEMI_VOICED,
];

/// U+FFA0–FFDC in order: the half-width Hangul letters as conjoining jamo
/// (0 for the unassigned code points, which NFKC leaves alone).
const HALF_WIDTH_HANGUL: [u16; 61] = [
    0x1160, 0x1100, 0x1101, 0x11AA, 0x1102, 0x11AC, 0x11AD, 0x1103, 0x1104, 0x1105, 0x11B0, 0x11B1,
    0x11B2, 0x11B3, 0x11B4, 0x11B5, 0x111A, 0x1106, 0x1107, 0x1108, 0x1121, 0x1109, 0x110A, 0x110B,
    0x110C, 0x110D, 0x110E, 0x110F, 0x1110, 0x1111, 0x1112, 0, 0, 0, 0x1161, 0x1162, 0x1163,
    0x1164, 0x1165, 0x1166, 0, 0, 0x1167, 0x1168, 0x1169, 0x116A, 0x116B, 0x116C, 0, 0, 0x116D,
    0x116E, 0x116F, 0x1170, 0x1171, 0x1172, 0, 0, 0x1173, 0x1174, 0x1175,
];

/// What one character becomes.
enum Folded {
    Same,
    One(char),
    Two(char, char),
}

fn fold_char(c: char) -> Folded {
    let code = c as u32;
    let one = |code: u32| char::from_u32(code).map_or(Folded::Same, Folded::One);
    match c {
        '\u{A0}' | '\u{3000}' => Folded::One(' '),
        '\u{FF01}'..='\u{FF5E}' => one(code - 0xFEE0),
        '\u{FF5F}' => Folded::One('\u{2985}'),
        '\u{FF60}' => Folded::One('\u{2986}'),
        '\u{FF61}'..='\u{FF9F}' => Folded::One(HALF_WIDTH_KANA[(code - 0xFF61) as usize]),
        '\u{FFA0}'..='\u{FFDC}' => match HALF_WIDTH_HANGUL[(code - 0xFFA0) as usize] {
            0 => Folded::Same,
            jamo => one(u32::from(jamo)),
        },
        '\u{FFE0}' => Folded::One('\u{A2}'),
        '\u{FFE1}' => Folded::One('\u{A3}'),
        '\u{FFE2}' => Folded::One('\u{AC}'),
        '\u{FFE3}' => Folded::Two(' ', MACRON),
        '\u{FFE4}' => Folded::One('\u{A6}'),
        '\u{FFE5}' => Folded::One('\u{A5}'),
        '\u{FFE6}' => Folded::One('\u{20A9}'),
        '\u{FFE8}' => Folded::One('\u{2502}'),
        '\u{FFE9}'..='\u{FFEC}' => one(code - 0xFFE9 + 0x2190),
        '\u{FFED}' => Folded::One('\u{25A0}'),
        '\u{FFEE}' => Folded::One('\u{25CB}'),
        // The spacing voiced marks, and the kana digraphs ゟ and ヿ.
        '\u{309B}' => Folded::Two(' ', VOICED),
        '\u{309C}' => Folded::Two(' ', SEMI_VOICED),
        '\u{309F}' => Folded::Two('よ', 'り'),
        '\u{30FF}' => Folded::Two('コ', 'ト'),
        // The era ligatures of the Japanese calendar.
        '\u{32FF}' => Folded::Two('令', '和'),
        '\u{337B}' => Folded::Two('平', '成'),
        '\u{337C}' => Folded::Two('昭', '和'),
        '\u{337D}' => Folded::Two('大', '正'),
        '\u{337E}' => Folded::Two('明', '治'),
        _ => Folded::Same,
    }
}

/// True when [`nfkc`] can change a text holding `c`.
fn needs_folding(c: char) -> bool {
    matches!(c, VOICED | SEMI_VOICED | '\u{1100}'..='\u{11FF}')
        || !matches!(fold_char(c), Folded::Same)
}

/// The kana that a voiced (ﾞ) or semi-voiced (ﾟ) mark composes with.
fn compose_kana(base: char, mark: char) -> Option<char> {
    let code = base as u32;
    // Katakana are hiragana + 0x60 for every composing pair but ヷヸヹヺ.
    let (hiragana, offset) = match code {
        0x30A1..=0x30FA | 0x30FD => (code - 0x60, 0x60),
        _ => (code, 0),
    };
    let composed = match (hiragana, mark) {
        (0x304B..=0x3062, VOICED) if hiragana % 2 == 1 => hiragana + 1, // か…ぢ
        (0x3064 | 0x3066 | 0x3068, VOICED) => hiragana + 1,             // つ て と
        (0x306F | 0x3072 | 0x3075 | 0x3078 | 0x307B, VOICED) => hiragana + 1, // は行
        (0x306F | 0x3072 | 0x3075 | 0x3078 | 0x307B, SEMI_VOICED) => hiragana + 2,
        (0x3046, VOICED) => 0x3094, // う → ゔ
        (0x309D, VOICED) => 0x309E, // ゝ → ゞ
        // ワ ヰ ヱ ヲ → ヷ ヸ ヹ ヺ (katakana only)
        (0x308F..=0x3092, VOICED) if offset != 0 => return char::from_u32(code + 8),
        _ => return None,
    };
    char::from_u32(composed + offset)
}

/// Hangul composition of conjoining jamo: L + V → LV, LV + T → LVT.
fn compose_hangul(base: char, next: char) -> Option<char> {
    const S_BASE: u32 = 0xAC00;
    let (base, next) = (base as u32, next as u32);
    if (0x1100..=0x1112).contains(&base) && (0x1161..=0x1175).contains(&next) {
        return char::from_u32(S_BASE + ((base - 0x1100) * 21 + (next - 0x1161)) * 28);
    }
    let syllable = base.wrapping_sub(S_BASE);
    if syllable < 11172 && syllable % 28 == 0 && (0x11A8..=0x11C2).contains(&next) {
        return char::from_u32(base + next - 0x11A7);
    }
    None
}

/// Appends `c` to NFKC output: kana marks are put before trailing macrons
/// (canonical order: their class is 8, the macron's 230) and composed with
/// the kana before them; jamo compose into syllables.
fn push(out: &mut String, c: char) {
    if c == VOICED || c == SEMI_VOICED {
        let mut macrons = 0;
        while out.ends_with(MACRON) {
            out.pop();
            macrons += 1;
        }
        match out
            .chars()
            .next_back()
            .and_then(|last| compose_kana(last, c))
        {
            Some(composed) => {
                out.pop();
                out.push(composed);
            }
            None => out.push(c),
        }
        out.extend(std::iter::repeat_n(MACRON, macrons));
        return;
    }
    if let Some(composed) = out
        .chars()
        .next_back()
        .and_then(|last| compose_hangul(last, c))
    {
        out.pop();
        out.push(composed);
        return;
    }
    out.push(c);
}

/// False when no character of `text` can need folding, read from the UTF-8
/// lead bytes: ASCII, kanji and nearly all kana are ruled out without
/// decoding them. True is only a "maybe" (checked by [`needs_folding`]).
/// Values and options are compared on every row of an audit, and this
/// check is most of what a comparison of two unfoldable texts costs.
fn may_need_folding(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(&lead) = bytes.get(at) {
        match lead {
            0x00..=0x7F => at += 1,
            // U+0080–00BF (the no-break space), U+1000–1FFF (the jamo), U+F000–FFFF (the Halfwidth and Fullwidth Forms)
            0xC2 | 0xE1 | 0xEF => return true,
            0xC3..=0xDF => at += 2,
            // U+3000–3FFF: the ideographic space, the voiced marks, ゟ ヿ and the era ligatures
            0xE3 => {
                if let (Some(&second), Some(&third)) = (bytes.get(at + 1), bytes.get(at + 2)) {
                    if matches!(
                        (second, third),
                        (0x80, 0x80)
                            | (0x82, 0x99..=0x9F)
                            | (0x83, 0xBF)
                            | (0x8B, 0xBF)
                            | (0x8D, 0xBB..=0xBE)
                    ) {
                        return true;
                    }
                }
                at += 3;
            }
            0xE0..=0xEF => at += 3,
            _ => at += 4,
        }
    }
    false
}

/// NFKC of `text` for the characters that differ by width (see the module
/// documentation); borrowed when nothing changes, as for most values.
pub fn nfkc(text: &str) -> Cow<'_, str> {
    if !may_need_folding(text) || !text.chars().any(needs_folding) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match fold_char(c) {
            Folded::Same => push(&mut out, c),
            Folded::One(a) => push(&mut out, a),
            Folded::Two(a, b) => {
                push(&mut out, a);
                push(&mut out, b);
            }
        }
    }
    Cow::Owned(out)
}

/// Folds full-width ASCII (U+FF01–FF5E) to ASCII and U+3000 to a space.
/// Other characters pass through: for codes, where one character must stay
/// one character.
pub fn fold_ascii(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// True for the characters people type for a hyphen in numbers and codes:
/// the ASCII hyphen, its full-width form, the katakana prolonged sound mark
/// and the Unicode dashes (－, ー, ‐).
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

/// The string folded by [`nfkc`] and trimmed of surrounding white space
/// (ASCII or ideographic).
pub fn fold(text: &str) -> String {
    trim(&nfkc(text)).to_string()
}

/// Folded, trimmed and with ASCII upper-cased: the form used to compare
/// choices, nationalities and header labels.
pub fn comparable(text: &str) -> String {
    trim(&nfkc(text))
        .chars()
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// True when two texts are the same once [`comparable`]. Values that need
/// no folding (nearly all) are compared without allocating, since choices
/// are compared on every keystroke and every row.
pub fn same(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (a, b) = (trim(a), trim(b));
    // Folding composes at most three characters (12 bytes) into one and
    // expands one into at most two (of 1 byte or more), and its trimming
    // drops at most a space at either end, so texts whose lengths differ
    // more than 24-fold cannot fold to the same: a huge value is not folded
    // for nothing against every option.
    if a.len() > 32 * b.len() + 32 || b.len() > 32 * a.len() + 32 {
        return false;
    }
    if !may_need_folding(a) && !may_need_folding(b) {
        // Folding changes neither: trimmed already, they differ at most in ASCII case.
        return a.eq_ignore_ascii_case(b);
    }
    let (a, b) = (nfkc(a), nfkc(b));
    trim(&a)
        .chars()
        .map(|c| c.to_ascii_uppercase())
        .eq(trim(&b).chars().map(|c| c.to_ascii_uppercase()))
}

/// The first of `candidates` that is the [`same`] as `text`, with `text`
/// folded once rather than once per candidate: a value is looked up in an
/// option list on every row of an audit, and values such as 患者（確定例）
/// hold full-width brackets that fold.
pub fn find_same<'a>(text: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let trimmed = trim(text);
    let folded = nfkc(trimmed);
    let folded = trim(&folded);
    candidates.into_iter().find(|candidate| {
        let candidate = trim(candidate);
        if may_need_folding(candidate) {
            same(candidate, text)
        } else {
            // nfkc leaves the candidate as it is: compare it with the folded text.
            candidate.eq_ignore_ascii_case(folded)
        }
    })
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
    fn the_lead_byte_check_never_misses_a_character_that_folds() {
        for c in (0..0x11_0000u32).filter_map(char::from_u32) {
            if needs_folding(c) {
                for text in [format!("{c}"), format!("入a{c}"), format!("{c}院")] {
                    assert!(may_need_folding(&text), "U+{:04X}", c as u32);
                }
            }
        }
        assert!(!may_need_folding("自宅療養中 TK1234567 ガ 令和 ー"));
    }

    #[test]
    fn folds_full_width_ascii_and_ideographic_space() {
        assert_eq!(fold("　ＴＫ１２３４５６７　"), "TK1234567");
        assert_eq!(fold("ａ～！"), "a~!");
    }

    #[test]
    fn folds_half_width_katakana_with_their_marks() {
        assert_eq!(fold("ｶﾞ"), "ガ");
        assert_eq!(fold("ﾊﾟﾋﾟﾌﾞ"), "パピブ");
        assert_eq!(fold("ｳﾞ"), "ヴ");
        assert_eq!(fold("入院･療養等調整中"), "入院・療養等調整中");
        assert_eq!(fold("ｾﾝﾀｰ"), "センター");
        assert_eq!(fold("ｱﾞ"), "ア\u{3099}");
        assert_eq!(fold("㍻"), "平成");
    }

    #[test]
    fn borrows_what_needs_no_folding() {
        assert!(matches!(nfkc("入院中"), Cow::Borrowed(_)));
        assert!(matches!(nfkc("ﾃｽﾄ"), Cow::Owned(_)));
    }

    #[test]
    fn compares_folded_trimmed_and_case_blind() {
        assert!(same(" ｊｐｎ\u{3000}", "JPN"));
        assert!(same("患者(確定例)", "患者（確定例）"));
        assert!(same("ﾆｭｳｲﾝ", "ニュウイン"));
        assert!(!same("死亡", "死亡者"));
        assert!(same("　　死亡　", "死亡"));
        assert!(!same(&"Ａ".repeat(1000), "A"));
        // Three half-width jamo compose into one syllable.
        assert!(same("ﾡￂﾣ", "\u{AC03}"));
        assert!(same(&"Ａ".repeat(100), &"A".repeat(100)));
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
