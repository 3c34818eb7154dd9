//! Japan in the ways people write it, in 国籍 and 国名 (docs/rules.md §5).

use crate::width;

/// The names of Japan, as they compare after [`width::comparable`]: the
/// Japanese and English names, ICAO 9303 JPN, ISO 3166 JP, and the
/// romanised and French spellings seen in files.
const JAPAN: [&str; 14] = [
    "日本",
    "日本国",
    "日本国籍",
    "日本人",
    "日本国民",
    "にほん",
    "ニホン",
    "JAPAN",
    "JAPANESE",
    "JPN",
    "JP",
    "NIPPON",
    "NIHON",
    "JAPON",
];

/// True when `text` names Japan and nothing else.
pub fn names_japan(text: &str) -> bool {
    let text = width::trim(text);
    text.len() <= 32 && JAPAN.contains(&width::comparable(text).as_str())
}

/// What a 国籍 says about the passport's issuer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Nationality {
    Japanese,
    /// Another nationality only.
    Foreign,
    /// Empty, or a dual nationality that names Japan: the passport may be
    /// either country's.
    Either,
}

/// Reads a 国籍: Japan in any of its names is Japanese; two or more
/// nationalities of which one is Japan (二重国籍（日本・米国）, 日本/米国)
/// are either; 二重国籍 alone says nothing of which.
pub fn nationality(text: Option<&str>) -> Nationality {
    let Some(text) = text.map(width::trim).filter(|text| !text.is_empty()) else {
        return Nationality::Either;
    };
    if names_japan(text) {
        return Nationality::Japanese;
    }
    let folded = width::comparable(text);
    let (dual, rest) = match folded.strip_prefix("二重国籍") {
        Some(rest) => (true, rest),
        None => (false, folded.as_str()),
    };
    let parts: Vec<&str> = rest
        .split(['(', ')', '・', '･', '/', '、', ',', '+', '&', '＆', ' '])
        .flat_map(|part| part.split('と'))
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect();
    let with_japan = parts.iter().any(|part| JAPAN.contains(part));
    if (dual && parts.is_empty()) || (with_japan && (dual || parts.len() > 1)) {
        Nationality::Either
    } else {
        Nationality::Foreign
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japan_in_every_spelling() {
        for text in [
            "日本",
            "日本国",
            "日本国籍",
            "日本人",
            "日本国民",
            "にほん",
            "ニホン",
            "Japan",
            "JAPANESE",
            "jpn",
            "ＪＰ",
            "Nippon",
            "nihon",
            "Japon",
            " 日本　",
        ] {
            assert!(names_japan(text), "{text}");
            assert_eq!(nationality(Some(text)), Nationality::Japanese, "{text}");
        }
        for text in ["", "米国", "日本・米国", "Japan Airlines", "西日本"] {
            assert!(!names_japan(text), "{text}");
        }
    }

    #[test]
    fn dual_nationality_that_names_japan_accepts_either() {
        for text in [
            "二重国籍（日本・米国）",
            "二重国籍(米国、日本)",
            "日本・米国",
            "日本/アメリカ",
            "米国と日本",
            "Japan, USA",
            "二重国籍",
        ] {
            assert_eq!(nationality(Some(text)), Nationality::Either, "{text}");
        }
        assert_eq!(nationality(None), Nationality::Either);
        assert_eq!(nationality(Some("　")), Nationality::Either);
    }

    #[test]
    fn other_nationalities_are_foreign() {
        for text in [
            "米国",
            "USA",
            "米国・英国",
            "二重国籍（米国・英国）",
            "西日本",
        ] {
            assert_eq!(nationality(Some(text)), Nationality::Foreign, "{text}");
        }
    }
}
