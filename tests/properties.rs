#![cfg(not(target_arch = "wasm32"))]
//! Properties over arbitrary records: the one-field entry point agrees with
//! the whole-record one, and no input panics.

use chrono::NaiveDate;
use hersys_validator::{
    apply_fixes, date, fields_read_with, passport, validate, validate_field, width, FieldKey,
    Options, Record,
};
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

fn options() -> Options {
    Options::new(NaiveDate::from_ymd_opt(2021, 7, 31).unwrap())
}

const DATES: &[&str] = &[
    "2021-06-03",
    "2021/6/10",
    "令和3年6月30日",
    "R3.7.1",
    "20210702",
    "2021-06-02",
    "2021-06-20",
    "令和元年4月30日",
    "平成31年4月30日",
    "2021-02-29",
    "2020-02-29",
    "1980-06-03",
    "2099-01-01",
    "昭和64年1月7日",
    "Ｒ０３．０６．０３",
    "2021年6月8日（火）",
    "2021/6/8(水)",
    "1899-12-31",
    "1900-01-01",
];

/// Values that make this field's rules fire and stay quiet.
fn typical(field: FieldKey) -> Vec<&'static str> {
    use FieldKey::*;
    match field {
        Status => vec![
            "死亡",
            "自宅療養中",
            "入院中",
            "死んだ",
            "入院･療養等調整中",
        ],
        CaseType => vec![
            "感染症死亡者の死体",
            "感染症死亡疑い者の死体",
            "患者（確定例）",
            "?",
        ],
        DeathPlace => vec!["自宅", "病院", "海"],
        PlaceCategory => vec!["場所種別不明", "飲食店", "公園"],
        PlaceName => vec!["駅前の店"],
        Nationality => vec!["日本", "英国", "ＪＰＮ", "Japanese"],
        PassportNumber => vec![
            "TK1234567",
            "ＴＫ１２３４５６７",
            "tk-123 4567",
            "L898902C3",
            "12345",
            "ab12345678",
            "X",
        ],
        Age => vec!["41", "４１歳", "0", "abc", "3か月", "0歳11ヶ月"],
        Sex => vec!["男", "女性", "?"],
        Severity => vec!["軽症", "中等症Ⅰ", "?"],
        InfectionRegion => vec!["国外", "国内"],
        Country => vec!["フィリピン"],
        FacilityCategory => vec!["医療機関", "?"],
        _ if field.info().kind == hersys_validator::FieldKind::Date => DATES.to_vec(),
        _ => vec!["abc"],
    }
}

/// Values that make rules fire and stay quiet: mostly the field's own
/// typical values (so that rare combinations, a 死体 with status 死亡, say,
/// do occur), some from other fields, arbitrary text, and nothing.
fn value(field: FieldKey) -> impl Strategy<Value = Option<String>> {
    let own = prop::sample::select(typical(field)).prop_map(str::to_string);
    let other = prop::sample::select(DATES.to_vec()).prop_map(str::to_string);
    prop_oneof![
        6 => own.prop_map(Some),
        1 => other.prop_map(Some),
        1 => Just(Some(String::new())),
        1 => any::<String>().prop_map(Some),
        2 => Just(None),
    ]
}

fn record() -> impl Strategy<Value = Record> {
    FieldKey::ALL
        .iter()
        .map(|field| value(*field))
        .collect::<Vec<_>>()
        .prop_map(|values| {
            let mut record = Record::new();
            for (field, value) in FieldKey::ALL.iter().zip(values) {
                record.set(*field, value);
            }
            record
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn one_field_agrees_with_the_whole_record(record in record(), index in 0..FieldKey::ALL.len()) {
        let options = options();
        let field = FieldKey::ALL[index];
        let whole: Vec<_> = validate(&record, &options)
            .into_iter()
            .filter(|issue| issue.involves(field))
            .collect();
        prop_assert_eq!(validate_field(field, &record, &options), whole.clone());
        // The binding copies only these fields into wasm for validateField.
        let mut read_only = Record::new();
        for other in fields_read_with(field) {
            read_only.set(other, record.raw(other).map(str::to_string));
        }
        prop_assert_eq!(validate_field(field, &read_only, &options), whole);
    }

    /// What `involves` promises: a change of one field leaves every issue
    /// that does not involve it exactly as it was. Every field of each
    /// record is changed to each of its typical values and to nothing.
    #[test]
    fn a_change_only_touches_the_issues_that_involve_the_field(record in record()) {
        let options = options();
        for &field in FieldKey::ALL {
            let untouched = |record: &Record| -> Vec<_> {
                validate(record, &options).into_iter().filter(|issue| !issue.involves(field)).collect()
            };
            let before = untouched(&record);
            let alternatives = typical(field).into_iter().map(Some).chain([None]);
            for new_value in alternatives {
                let mut changed = record.clone();
                changed.set(field, new_value.map(str::to_string));
                prop_assert_eq!(&before, &untouched(&changed), "changing {:?}", field);
            }
        }
    }

    /// Fixes never make things worse: the fixed record has no issue (by
    /// code and field) that the record did not have, and nothing left to fix.
    #[test]
    fn applying_the_fixes_brings_no_new_issue(record in record()) {
        let options = options();
        let before = validate(&record, &options);
        let fixed = apply_fixes(&record, &before);
        for issue in validate(&fixed, &options) {
            prop_assert!(
                before.iter().any(|b| b.code == issue.code && b.field == issue.field),
                "the fixes brought {} on {:?}", issue.code.as_str(), issue.field
            );
            prop_assert!(issue.fix.is_none(), "{} still has a fix", issue.code.as_str());
        }
    }

    #[test]
    fn no_string_panics_anywhere(text in any::<String>(), index in 0..FieldKey::ALL.len()) {
        let _ = date::parse(&text);
        let _ = passport::normalize(&text);
        let _ = passport::icao_check_digit(&text);
        let _ = FieldKey::lookup(&text);
        let mut record = Record::new();
        record.set(FieldKey::ALL[index], Some(text));
        let _ = validate(&record, &options());
    }

    #[test]
    fn date_like_strings_never_panic(text in "[0-9０-９令平昭大和元年月日RHSTrhst./ ー－-]{0,24}") {
        if let Ok(parsed) = date::parse(&text) {
            // What parses round-trips through the canonical form.
            let again = date::parse(&date::canonical(parsed.date)).unwrap();
            prop_assert_eq!(again.date, parsed.date);
            prop_assert!(again.is_canonical());
        }
    }
}

/// Every character the width fold covers, alone: U+3000 and U+FF01–U+FFEE.
fn width_range() -> impl Iterator<Item = char> {
    std::iter::once('\u{3000}').chain(('\u{FF01}'..='\u{FFEE}').filter(|c| !c.is_control()))
}

fn nfkc(text: &str) -> String {
    text.nfkc().collect()
}

#[test]
fn width_fold_is_nfkc_on_every_char_of_the_width_ranges() {
    for c in width_range() {
        let text = c.to_string();
        assert_eq!(width::nfkc(&text), nfkc(&text), "U+{:04X}", c as u32);
    }
}

#[test]
fn width_fold_is_nfkc_on_every_char_followed_by_a_voiced_mark() {
    let kana = '\u{3041}'..='\u{30FF}';
    for c in width_range().chain(kana) {
        for mark in ['ﾞ', 'ﾟ', '\u{3099}', '\u{309A}'] {
            let text: String = [c, mark].into_iter().collect();
            assert_eq!(
                width::nfkc(&text),
                nfkc(&text),
                "U+{:04X} + U+{:04X}",
                c as u32,
                mark as u32
            );
        }
    }
}

#[test]
fn width_fold_is_nfkc_on_typical_shift_jis_exports() {
    for text in [
        "入院･療養等調整中",
        "ｶﾞｿﾘﾝｽﾀﾝﾄﾞ",
        "ﾊﾟﾁﾝｺ店",
        "ｳﾞｨﾗ",
        "ﾜﾞｦﾞ",
        "２０２１年６月３日（木）",
        "ＴＫ１２３４５６７",
        "￣ﾞ",
        "ﾡￂ",
        "患者（確定例）",
    ] {
        assert_eq!(width::nfkc(text), nfkc(text), "{text}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Strings over the width ranges, the kana and ASCII fold like NFKC.
    #[test]
    fn width_fold_is_nfkc_on_mixed_strings(text in "[\u{3000}\u{FF01}-\u{FFEE}\u{3041}-\u{3096}\u{30A1}-\u{30FA}\u{3099}\u{309A}a-z0-9 ]{0,12}") {
        prop_assert_eq!(width::nfkc(&text).into_owned(), nfkc(&text));
    }

    /// Looking a value up in a list folds it once; the answer is that of
    /// comparing it with each entry by `width::same`.
    #[test]
    fn find_same_is_same_against_each_candidate(
        text in "[\u{3000}\u{FF01}-\u{FF9F}\u{3041}-\u{3043}\u{30AB}\u{3099}（）死亡体 aA]{0,6}",
        mut list in proptest::collection::vec("[\u{3000}\u{FF01}-\u{FF9F}\u{3041}-\u{3043}\u{30AB}\u{3099}（）死亡体 aA]{0,6}", 0..6),
        at in 0..6usize,
    ) {
        // Candidates that differ from the text only in width and case, so that matches happen:
        // full-width ASCII made half-width (by arithmetic, not by the code under test), and the reverse.
        let half: String = text
            .chars()
            .map(|c| match c {
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap(),
                '\u{3000}' => ' ',
                c => c,
            })
            .collect();
        list.insert(at % (list.len() + 1), half.to_uppercase());
        list.insert(at % (list.len() + 1), format!("\u{3000}{}", text.replace('a', "Ａ")));
        let expected = list.iter().map(String::as_str).find(|candidate| width::same(candidate, &text));
        prop_assert_eq!(width::find_same(&text, list.iter().map(String::as_str)), expected);
    }
}

#[test]
fn huge_and_strange_strings_do_not_panic() {
    let huge = "Ａ".repeat(3_000_000);
    let strange = [
        "\u{0}",
        "\u{FFFD}",
        "𠮷野家",
        "\u{202E}2021-06-03",
        "令和",
        "R",
        "元年",
        "年月日",
        "9999999999999999999-1-1",
    ];
    for field in FieldKey::ALL {
        let mut record = Record::new();
        record.set(*field, Some(huge.clone()));
        let _ = validate(&record, &options());
        for text in strange {
            record.set(*field, Some(text.to_string()));
            let _ = validate(&record, &options());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Fix buttons are labelled from the code table: every code that ever
    /// offers a fix has its own label (catalogue().fixLabels), so no page
    /// falls back to the generic label for a rule's fix.
    #[test]
    fn every_fix_has_a_label_in_the_code_table(record in record()) {
        for issue in validate(&record, &options()) {
            if issue.fix.is_some() {
                prop_assert!(
                    issue.code.info().fix_label.is_some(),
                    "{} offers a fix but has no fix label",
                    issue.code.as_str()
                );
            }
        }
    }
}
