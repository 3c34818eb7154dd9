//! Passport numbers (docs/rules.md §5): the half-width form HER-SYS asks for,
//! the formats by nationality, and the ICAO 9303 check digit.

use crate::country::{self, Nationality};
use crate::width;

/// The half-width form of a passport number: full-width folded, upper case,
/// and white space, hyphens (including －, ー, ‐) and punctuation (。・．、,
/// .) removed. Tidying beyond 半角 is the project's decision (docs/rules.md
/// §5).
pub fn normalize(text: &str) -> String {
    let stripped: String = width::nfkc(text)
        .chars()
        .filter(|c| !c.is_whitespace() && !width::is_hyphen_like(*c) && !is_separator(*c))
        .collect();
    // Removing a space can bring combining marks together out of canonical
    // order: normalise once more, so that normalising twice changes nothing
    // (found by the passport_checker fuzz target).
    width::nfkc(&stripped).to_ascii_uppercase()
}

/// Punctuation typed between the parts of a number (after width folding).
fn is_separator(c: char) -> bool {
    matches!(c, '。' | '・' | '､' | '、' | ',' | '.' | '｡' | '･')
}

/// True when `fix` is a number the fix may write: only A–Z and 0–9, so that
/// no fix ever writes a full-width or other character (「ｱ」 never becomes
/// 「ア」).
fn is_ascii_number(fix: &str) -> bool {
    !fix.is_empty()
        && fix
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// What is wrong, or unusual, with a passport number as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PassportFinding {
    /// Full-width characters: the notice asks for 半角 (error; a fix when
    /// the half-width form is only A–Z and 0–9).
    FullWidth { fix: Option<String> },
    /// Lower case, spaces, hyphens or punctuation (fixable).
    Untidy { fix: String },
    /// Not a passport number for this nationality, even once normalised.
    Format,
    /// Well-formed but rare: a Japanese number not starting with M or T
    /// (`japanese`), or a foreign number outside 6–9 characters.
    Unusual { japanese: bool },
}

/// Which format rules apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Issuer {
    Japan,
    Other,
    /// Nationality not given: either format is accepted.
    Unknown,
}

impl Issuer {
    /// Reads the 国籍 field (docs/rules.md §5): Japan in any of its names
    /// ([`crate::country`]) is Japan; empty, or a dual nationality that
    /// names Japan, accepts either format.
    pub fn from_nationality(nationality: Option<&str>) -> Issuer {
        match country::nationality(nationality) {
            Nationality::Japanese => Issuer::Japan,
            Nationality::Foreign => Issuer::Other,
            Nationality::Either => Issuer::Unknown,
        }
    }
}

/// Checks a non-empty passport number; returns every finding, most severe
/// first.
pub fn check(text: &str, issuer: Issuer) -> Vec<PassportFinding> {
    let normalized = normalize(text);
    let fixable = is_ascii_number(&normalized);
    let mut findings = Vec::new();
    let trimmed = width::trim(text);
    if trimmed != normalized {
        if trimmed.chars().any(width::is_full_width_ascii) {
            findings.push(PassportFinding::FullWidth {
                fix: fixable.then(|| normalized.clone()),
            });
        } else if fixable {
            findings.push(PassportFinding::Untidy {
                fix: normalized.clone(),
            });
        }
    }
    match shape(&normalized, issuer) {
        Shape::Invalid => {
            // The half-width form is still offered (docs/rules.md §5: full-width
            // always has its one-click fix); tidying a wrong number is not.
            findings.retain(|finding| matches!(finding, PassportFinding::FullWidth { .. }));
            findings.push(PassportFinding::Format);
        }
        Shape::Unusual { japanese } => findings.push(PassportFinding::Unusual { japanese }),
        Shape::Usual => {}
    }
    findings
}

enum Shape {
    Usual,
    Unusual { japanese: bool },
    Invalid,
}

fn shape(number: &str, issuer: Issuer) -> Shape {
    match issuer {
        Issuer::Japan => japanese_shape(number),
        Issuer::Other => foreign_shape(number),
        Issuer::Unknown => match japanese_shape(number) {
            Shape::Usual => Shape::Usual,
            _ => foreign_shape(number),
        },
    }
}

/// Two letters and seven digits; the first letter is M or T on ordinary
/// passports, others exist (issued abroad, official).
fn japanese_shape(number: &str) -> Shape {
    let bytes = number.as_bytes();
    let well_formed = bytes.len() == 9
        && bytes[..2].iter().all(u8::is_ascii_uppercase)
        && bytes[2..].iter().all(u8::is_ascii_digit);
    match (well_formed, bytes.first()) {
        (false, _) => Shape::Invalid,
        (true, Some(b'M' | b'T')) => Shape::Usual,
        (true, _) => Shape::Unusual { japanese: true },
    }
}

/// ICAO 9303 document numbers: A–Z and 0–9; 5 to 12 accepted, 6 to 9 usual.
fn foreign_shape(number: &str) -> Shape {
    let alphanumeric = number
        .bytes()
        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    match (alphanumeric, number.len()) {
        (true, 6..=9) => Shape::Usual,
        (true, 5..=12) => Shape::Unusual { japanese: false },
        _ => Shape::Invalid,
    }
}

/// The ICAO 9303 check digit of an MRZ field: weights 7, 3, 1 repeating;
/// 0–9 count as 0–9, A–Z as 10–35, `<` as 0; the sum modulo 10.
/// Returns `None` when the field holds another character.
pub fn icao_check_digit(field: &str) -> Option<u8> {
    const WEIGHTS: [u32; 3] = [7, 3, 1];
    let mut sum = 0u32;
    for (index, c) in field.chars().enumerate() {
        let value = match c {
            '0'..='9' => c as u32 - '0' as u32,
            'A'..='Z' => c as u32 - 'A' as u32 + 10,
            '<' => 0,
            _ => return None,
        };
        sum += value * WEIGHTS[index % 3];
    }
    Some((sum % 10) as u8)
}

/// True when the last character of `field_with_digit` is the ICAO check
/// digit of the characters before it.
pub fn icao_check_digit_matches(field_with_digit: &str) -> bool {
    let mut chars = field_with_digit.chars();
    let Some(last) = chars.next_back().and_then(|c| c.to_digit(10)) else {
        return false;
    };
    icao_check_digit(chars.as_str()) == Some(last as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizing_twice_changes_nothing() {
        // Found by fuzzing: a removed tab brought U+0304 and ﾞ (→ U+3099)
        // together out of canonical order.
        let text = "!T\u{C4}\u{10}62C1\u{304}\t\u{FF9E}";
        let once = normalize(text);
        assert_eq!(normalize(&once), once);
        assert_eq!(normalize("ｔｋ－１２３ ４５６７"), "TK1234567");
    }

    #[test]
    fn normalizes_to_half_width_upper_case_without_separators() {
        assert_eq!(normalize("ＴＫ１２３４５６７"), "TK1234567");
        assert_eq!(normalize("tk 123-4567"), "TK1234567");
        assert_eq!(normalize("ＴＫ－１２３ー４５６７"), "TK1234567");
        assert_eq!(normalize("TK‐1234567\u{3000}"), "TK1234567");
    }

    #[test]
    fn full_width_is_an_error_with_a_fix() {
        assert_eq!(
            check("ＴＫ１２３４５６７", Issuer::Japan),
            vec![PassportFinding::FullWidth {
                fix: Some("TK1234567".into())
            }]
        );
        assert_eq!(
            check("tk1234567", Issuer::Japan),
            vec![PassportFinding::Untidy {
                fix: "TK1234567".into()
            }]
        );
        assert_eq!(check("TK1234567", Issuer::Japan), vec![]);
    }

    #[test]
    fn japanese_format() {
        assert_eq!(check("MZ1234567", Issuer::Japan), vec![]);
        assert_eq!(
            check("AB1234567", Issuer::Japan),
            vec![PassportFinding::Unusual { japanese: true }]
        );
        assert_eq!(
            check("TK123456", Issuer::Japan),
            vec![PassportFinding::Format]
        );
        assert_eq!(
            check("T12345678", Issuer::Japan),
            vec![PassportFinding::Format]
        );
        assert_eq!(
            check("ＴＫ１２３", Issuer::Japan),
            vec![
                PassportFinding::FullWidth {
                    fix: Some("TK123".into())
                },
                PassportFinding::Format
            ]
        );
    }

    #[test]
    fn foreign_format_by_length() {
        assert_eq!(check("L898902C3", Issuer::Other), vec![]);
        assert_eq!(check("123456", Issuer::Other), vec![]);
        assert_eq!(
            check("12345", Issuer::Other),
            vec![PassportFinding::Unusual { japanese: false }]
        );
        assert_eq!(
            check("1234567890AB", Issuer::Other),
            vec![PassportFinding::Unusual { japanese: false }]
        );
        assert_eq!(check("1234", Issuer::Other), vec![PassportFinding::Format]);
        assert_eq!(
            check("1234567890ABC", Issuer::Other),
            vec![PassportFinding::Format]
        );
        assert_eq!(
            check("L8989<2C3", Issuer::Other),
            vec![PassportFinding::Format]
        );
        assert_eq!(
            check("旅券", Issuer::Unknown),
            vec![PassportFinding::Format]
        );
    }

    #[test]
    fn unknown_nationality_accepts_either_format() {
        assert_eq!(check("TK1234567", Issuer::Unknown), vec![]);
        assert_eq!(check("L898902C3", Issuer::Unknown), vec![]);
        assert_eq!(check("AB1234567", Issuer::Unknown), vec![]);
    }

    #[test]
    fn reads_nationality() {
        assert_eq!(Issuer::from_nationality(Some("日本")), Issuer::Japan);
        for japan in [
            "日本",
            "日本国",
            "日本国籍",
            "日本人",
            "Japan",
            "japanese",
            "ＪＡＰＡＮＥＳＥ",
            "JPN",
            "ｊｐｎ",
            "jp",
            " Ｊｐ\u{3000}",
        ] {
            assert_eq!(
                Issuer::from_nationality(Some(japan)),
                Issuer::Japan,
                "{japan}"
            );
        }
        assert_eq!(Issuer::from_nationality(Some("ベトナム")), Issuer::Other);
        assert_eq!(Issuer::from_nationality(Some(" ")), Issuer::Unknown);
        assert_eq!(Issuer::from_nationality(None), Issuer::Unknown);
    }

    #[test]
    fn fixes_are_only_ever_letters_and_digits() {
        assert_eq!(
            check("ＴＫ・１２３。４５６７", Issuer::Japan),
            vec![PassportFinding::FullWidth {
                fix: Some("TK1234567".into())
            }]
        );
        assert_eq!(
            check("TK.123,4567", Issuer::Japan),
            vec![PassportFinding::Untidy {
                fix: "TK1234567".into()
            }]
        );
        // ｱ folds to ア, which is no passport character: no fix at all.
        assert_eq!(
            check("ＴＫ１２３４５６ｱ", Issuer::Japan),
            vec![
                PassportFinding::FullWidth { fix: None },
                PassportFinding::Format
            ]
        );
        assert_eq!(
            check("tk12345 67ü", Issuer::Unknown),
            vec![PassportFinding::Format]
        );
        for text in [
            "ＴＫ１２３４５６７",
            "tk-123 4567",
            "ｔｋ１２３４５６７ｱ",
            "Ab12345６７",
        ] {
            for finding in check(text, Issuer::Unknown) {
                if let PassportFinding::FullWidth { fix: Some(fix) }
                | PassportFinding::Untidy { fix } = finding
                {
                    assert!(fix
                        .bytes()
                        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()));
                }
            }
        }
    }

    #[test]
    fn dual_nationality_with_japan_accepts_either_format() {
        assert_eq!(
            Issuer::from_nationality(Some("二重国籍（日本・米国）")),
            Issuer::Unknown
        );
        assert_eq!(Issuer::from_nationality(Some("日本国民")), Issuer::Japan);
        assert_eq!(Issuer::from_nationality(Some("Nippon")), Issuer::Japan);
    }

    #[test]
    fn icao_specimen_check_digit_is_6() {
        assert_eq!(icao_check_digit("L898902C3"), Some(6));
        assert!(icao_check_digit_matches("L898902C36"));
        assert!(!icao_check_digit_matches("L898902C35"));
        assert_eq!(
            icao_check_digit("L898902C<"),
            Some(icao_check_digit("L898902C0").unwrap())
        );
        assert_eq!(icao_check_digit("l898902c3"), None);
        assert!(!icao_check_digit_matches(""));
    }
}
