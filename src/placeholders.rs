//! Placeholder words: what offices type where a value is not known yet
//! (docs/rules.md §3, placeholders). A value that is only one of them means
//! "not given".

use crate::width;

/// The words of public case lists (－ folds to -), as they compare after width folding, trimming and ASCII
/// upper-casing ([`width::comparable`]).
const WORDS: [&str; 14] = [
    "調査中",
    "確認中",
    "不明",
    "非公表",
    "公表しない",
    "不詳",
    "なし",
    "該当なし",
    "-",
    "ー",
    "―",
    "−",
    "N/A",
    "?",
];

/// True when `text` is only a placeholder word (after NFKC width folding
/// and trimming; N/A in any case and width; ? and ？ alike).
pub fn is_placeholder(text: &str) -> bool {
    let text = width::trim(text);
    // This runs on the place, country and date cells of every row: decide
    // most values from their first character, without folding.
    if text.is_ascii() {
        return ["-", "?", "N/A"]
            .iter()
            .any(|word| word.eq_ignore_ascii_case(text));
    }
    let may_be_one = text.len() <= MAX_WORD_BYTES
        && text
            .chars()
            .next()
            .is_some_and(|first| FIRST_CHARACTERS.contains(&first));
    may_be_one && WORDS.contains(&width::comparable(text).as_str())
}

/// The longest word in its longest typed form: 5 characters of 3 bytes.
const MAX_WORD_BYTES: usize = 15;

/// Every character a placeholder word can start with, as typed (before
/// folding: the full-width forms of -, ? and N too).
const FIRST_CHARACTERS: [char; 19] = [
    '調', '確', '不', '非', '公', 'な', '該', 'ー', '―', '−', '－', '？', 'Ｎ', 'ｎ', 'ｰ', 'N',
    'n', '-', '?',
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_words_of_public_lists_in_any_width() {
        for text in [
            "調査中",
            "確認中",
            "不明",
            " 不明　",
            "非公表",
            "公表しない",
            "不詳",
            "なし",
            "該当なし",
            "－",
            "-",
            "ー",
            "―",
            "−",
            "N/A",
            "n/a",
            "Ｎ／Ａ",
            "?",
            "？",
        ] {
            assert!(is_placeholder(text), "{text}");
        }
    }

    #[test]
    fn every_word_starts_with_a_listed_character_in_every_width() {
        for word in WORDS {
            for typed in [
                word.to_string(),
                to_full_width(word),
                to_full_width(word).to_lowercase(),
            ] {
                assert!(is_placeholder(&typed), "{typed}");
                assert!(typed.len() <= MAX_WORD_BYTES, "{typed}");
            }
        }
    }

    fn to_full_width(text: &str) -> String {
        text.chars()
            .map(|c| match c {
                '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap(),
                _ => c,
            })
            .collect()
    }

    #[test]
    fn real_values_are_not_placeholders() {
        for text in [
            "",
            " ",
            "場所種別不明",
            "不明な点あり",
            "飲食店",
            "2021-06-03",
            "日本",
            "NAGOYA",
            "--",
            "なしの木",
        ] {
            assert!(!is_placeholder(text), "{text}");
        }
    }
}
