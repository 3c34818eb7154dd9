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
    // Every word is at most 7 characters of 3 bytes: longer values are not
    // folded for nothing.
    if text.is_empty() || text.len() > 7 * 3 * 2 {
        return false;
    }
    let comparable = width::comparable(text);
    WORDS.contains(&comparable.as_str())
}

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
