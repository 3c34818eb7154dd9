//! Every code: a case that fires, a case that does not, and the boundaries.

use chrono::NaiveDate;
use hersys_validator::{
    validate, validate_field, Code, FieldKey, Issue, Lang, Options, Record, Severity,
    WindowCounting,
};

use FieldKey::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2021, 7, 31).unwrap()
}

fn options() -> Options {
    Options::new(today())
}

/// A complete, valid record: every rule is quiet on it.
fn valid() -> Vec<(FieldKey, &'static str)> {
    vec![
        (ReportDate, "2021-06-10"),
        (CaseType, "患者（確定例）"),
        (Sex, "女"),
        (BirthDate, "1980-06-03"),
        (Age, "41"),
        (OnsetDate, "2021-06-05"),
        (FirstVisitDate, "2021-06-07"),
        (DiagnosisDate, "2021-06-08"),
        (InfectionDate, "2021-06-02"),
        (Status, "自宅療養中"),
        (InfectionRegion, "国内"),
        (PlaceCategory, "飲食店"),
        (PlaceName, "駅前の居酒屋"),
        (Severity, "軽症"),
    ]
}

fn record(changes: &[(FieldKey, &str)]) -> Record {
    let mut record = Record::from_pairs(valid());
    for (field, value) in changes {
        record.set(*field, Some(value.to_string()));
    }
    record
}

fn issues(changes: &[(FieldKey, &str)]) -> Vec<Issue> {
    validate(&record(changes), &options())
}

fn codes(changes: &[(FieldKey, &str)]) -> Vec<&'static str> {
    issues(changes)
        .iter()
        .map(|issue| issue.code.as_str())
        .collect()
}

fn find(changes: &[(FieldKey, &str)], code: Code) -> Option<Issue> {
    issues(changes).into_iter().find(|issue| issue.code == code)
}

fn fires(changes: &[(FieldKey, &str)], code: Code) -> bool {
    find(changes, code).is_some()
}

#[test]
fn a_complete_record_has_no_issues() {
    assert_eq!(codes(&[]), Vec::<&str>::new());
}

// --- passport (notice 記1) -------------------------------------------------

fn entrant(diagnosis: &'static str) -> Vec<(FieldKey, &'static str)> {
    vec![
        (EntryDate, "2021-06-03"),
        (DiagnosisDate, diagnosis),
        (FirstVisitDate, "2021-06-01"),
        (OnsetDate, "2021-06-01"),
        (InfectionDate, "2021-06-01"),
        (ReportDate, "2021-07-30"),
        (InfectionRegion, "国外"),
    ]
}

#[test]
fn passport_window_boundaries_d_minus_1_0_27_28_29() {
    let cases = [
        ("2021-06-02", None),                            // d = -1
        ("2021-06-03", Some(Code::PassportRequired)),    // d = 0
        ("2021-06-30", Some(Code::PassportRequired)),    // d = 27, the 28th day
        ("2021-07-01", Some(Code::PassportBoundaryDay)), // d = 28
        ("2021-07-02", None),                            // d = 29
    ];
    for (diagnosis, expected) in cases {
        let found = issues(&entrant(diagnosis))
            .into_iter()
            .find(|issue| issue.field == PassportNumber)
            .map(|issue| issue.code);
        assert_eq!(found, expected, "diagnosis {diagnosis}");
    }
    assert!(fires(&entrant("2021-06-02"), Code::EntryAfterDiagnosis));
    assert!(!fires(&entrant("2021-06-03"), Code::EntryAfterDiagnosis));
}

#[test]
fn passport_required_is_an_error_and_the_boundary_day_a_warning() {
    let required = find(&entrant("2021-06-10"), Code::PassportRequired).unwrap();
    assert_eq!(required.severity(), Severity::Error);
    assert_eq!(required.related, vec![EntryDate, DiagnosisDate]);
    assert!(required.message(Lang::Ja).contains("28日以内"));
    let boundary = find(&entrant("2021-07-01"), Code::PassportBoundaryDay).unwrap();
    assert_eq!(boundary.severity(), Severity::Warning);
}

#[test]
fn a_given_passport_number_satisfies_the_window() {
    let mut changes = entrant("2021-06-10");
    changes.push((PassportNumber, "TK1234567"));
    assert!(!fires(&changes, Code::PassportRequired));
    assert_eq!(codes(&changes), Vec::<&str>::new());
}

#[test]
fn no_entry_date_means_no_passport_rule() {
    assert!(!fires(&[], Code::PassportRequired));
    assert!(!fires(&[(EntryDate, "not a date")], Code::PassportRequired));
}

#[test]
fn the_window_length_and_counting_are_options() {
    let record = record(&entrant("2021-07-01")); // d = 28
    let mut options = options();
    options.counting = WindowCounting::DayAfterEntryIsDayOne;
    let codes: Vec<Code> = validate(&record, &options).iter().map(|i| i.code).collect();
    assert!(codes.contains(&Code::PassportRequired));
    let record29 = self::record(&entrant("2021-07-02")); // d = 29
    let codes: Vec<Code> = validate(&record29, &options)
        .iter()
        .map(|i| i.code)
        .collect();
    assert!(codes.contains(&Code::PassportBoundaryDay));

    let mut options = self::options();
    options.passport_window_days = 14;
    let record14 = self::record(&entrant("2021-06-17")); // d = 14
    let found: Vec<Code> = validate(&record14, &options)
        .iter()
        .map(|i| i.code)
        .collect();
    assert!(found.contains(&Code::PassportBoundaryDay));
    let issue = validate(&record14, &options)
        .into_iter()
        .find(|i| i.code == Code::PassportBoundaryDay)
        .unwrap();
    assert!(issue.message(Lang::En).contains("14-day"));
}

#[test]
fn passport_half_width_with_a_fix() {
    let issue = find(
        &[(PassportNumber, "ＴＫ１２３４５６７")],
        Code::PassportHalfwidth,
    )
    .unwrap();
    assert_eq!(issue.fix.as_deref(), Some("TK1234567"));
    assert_eq!(issue.severity(), Severity::Error);
    assert!(!fires(
        &[(PassportNumber, "TK1234567")],
        Code::PassportHalfwidth
    ));
}

#[test]
fn passport_normalize_for_lower_case_and_separators() {
    let issue = find(&[(PassportNumber, "tk 123-4567")], Code::PassportNormalize).unwrap();
    assert_eq!(issue.fix.as_deref(), Some("TK1234567"));
    assert!(!fires(
        &[(PassportNumber, "TK1234567")],
        Code::PassportNormalize
    ));
}

#[test]
fn passport_format_by_nationality() {
    assert!(fires(
        &[(PassportNumber, "L898902C3"), (Nationality, "日本")],
        Code::PassportFormat
    ));
    assert!(!fires(
        &[(PassportNumber, "L898902C3"), (Nationality, "英国")],
        Code::PassportFormat
    ));
    assert!(!fires(
        &[(PassportNumber, "L898902C3")],
        Code::PassportFormat
    ));
    assert!(fires(&[(PassportNumber, "ABC")], Code::PassportFormat));
    let issue = find(&[(PassportNumber, "ABC")], Code::PassportFormat).unwrap();
    assert_eq!(issue.related, vec![Nationality]);
}

#[test]
fn passport_unusual_is_a_warning() {
    assert!(fires(
        &[(PassportNumber, "AB1234567"), (Nationality, "日本")],
        Code::PassportUnusual
    ));
    assert!(!fires(
        &[(PassportNumber, "MZ1234567"), (Nationality, "日本")],
        Code::PassportUnusual
    ));
    assert!(fires(
        &[(PassportNumber, "12345"), (Nationality, "韓国")],
        Code::PassportUnusual
    ));
    assert!(!fires(
        &[(PassportNumber, "123456"), (Nationality, "韓国")],
        Code::PassportUnusual
    ));
}

// --- status and death (notice 記2①) ----------------------------------------

#[test]
fn status_is_required_and_from_the_list() {
    assert!(fires(&[(Status, "")], Code::StatusRequired));
    assert!(fires(&[(Status, "\u{3000}")], Code::StatusRequired));
    assert!(!fires(&[], Code::StatusRequired));
    assert!(fires(&[(Status, "元気")], Code::StatusUnknown));
    assert!(!fires(&[(Status, "入院中")], Code::StatusUnknown));
}

#[test]
fn a_death_needs_its_date_and_place() {
    let death = [(Status, "死亡")];
    assert!(fires(&death, Code::DeathDateRequired));
    assert!(fires(&death, Code::DeathPlaceRequired));
    let complete = [
        (Status, "死亡"),
        (DeathDate, "2021-06-20"),
        (DeathPlace, "病院"),
    ];
    assert_eq!(codes(&complete), Vec::<&str>::new());
    assert!(!fires(&[], Code::DeathDateRequired));
}

#[test]
fn a_body_needs_a_date_of_death_not_after_diagnosis() {
    let body = [
        (CaseType, "感染症死亡者の死体"),
        (Status, "死亡"),
        (DeathPlace, "自宅"),
    ];
    let issue = find(&body, Code::DeathDateRequired).unwrap();
    assert_eq!(issue.related, vec![Status]);
    let body_no_status = [(CaseType, "感染症死亡疑い者の死体"), (Status, "不明")];
    let issue = find(&body_no_status, Code::DeathDateRequired).unwrap();
    assert_eq!(issue.related, vec![CaseType]);

    let after = [
        (CaseType, "感染症死亡者の死体"),
        (Status, "死亡"),
        (DeathPlace, "自宅"),
        (DeathDate, "2021-06-09"),
    ];
    let issue = find(&after, Code::DateOrder).unwrap();
    assert_eq!(
        (issue.field, issue.related.clone()),
        (DiagnosisDate, vec![DeathDate])
    );
    let on_the_day = [
        (CaseType, "感染症死亡者の死体"),
        (Status, "死亡"),
        (DeathPlace, "自宅"),
        (DeathDate, "2021-06-08"),
    ];
    assert!(!fires(&on_the_day, Code::DateOrder));
}

#[test]
fn death_place_from_the_list() {
    let changes = [
        (Status, "死亡"),
        (DeathDate, "2021-06-20"),
        (DeathPlace, "海"),
    ];
    assert!(fires(&changes, Code::DeathPlaceUnknown));
    assert!(!fires(&changes, Code::DeathPlaceRequired));
    assert!(!fires(
        &[
            (Status, "死亡"),
            (DeathDate, "2021-06-20"),
            (DeathPlace, "自宅")
        ],
        Code::DeathPlaceUnknown
    ));
}

#[test]
fn death_details_without_the_status_warn() {
    let issue = find(&[(DeathDate, "2021-06-20")], Code::DeathWithoutStatus).unwrap();
    assert_eq!(
        (issue.field, issue.related.clone()),
        (Status, vec![DeathDate])
    );
    assert_eq!(issue.severity(), Severity::Warning);
    let issue = find(
        &[(DeathDate, "2021-06-20"), (DeathPlace, "自宅")],
        Code::DeathWithoutStatus,
    )
    .unwrap();
    assert_eq!(issue.related, vec![DeathDate, DeathPlace]);
    assert!(!fires(
        &[
            (Status, "死亡"),
            (DeathDate, "2021-06-20"),
            (DeathPlace, "自宅")
        ],
        Code::DeathWithoutStatus
    ));
    // With no status at all, status.required already says it.
    assert!(!fires(
        &[(Status, ""), (DeathDate, "2021-06-20")],
        Code::DeathWithoutStatus
    ));
}

// --- place (notice 記2②) ----------------------------------------------------

#[test]
fn an_empty_place_category_is_fixed_by_place_unknown() {
    let issue = find(
        &[(PlaceCategory, ""), (PlaceName, "")],
        Code::PlaceCategoryRequired,
    )
    .unwrap();
    assert_eq!(issue.fix.as_deref(), Some("場所種別不明"));
    assert_eq!(issue.severity(), Severity::Error);
    assert!(!fires(
        &[(PlaceCategory, "場所種別不明"), (PlaceName, "")],
        Code::PlaceCategoryRequired
    ));
}

#[test]
fn place_category_from_the_list() {
    assert!(fires(
        &[(PlaceCategory, "公園")],
        Code::PlaceCategoryUnknown
    ));
    assert!(!fires(
        &[(PlaceCategory, "職場")],
        Code::PlaceCategoryUnknown
    ));
}

#[test]
fn a_place_name_with_unknown_category_warns() {
    let issue = find(
        &[(PlaceCategory, "場所種別不明")],
        Code::PlaceNameWithUnknownCategory,
    )
    .unwrap();
    assert_eq!(
        (issue.field, issue.related.clone()),
        (PlaceCategory, vec![PlaceName])
    );
    assert!(!fires(
        &[(PlaceCategory, "場所種別不明"), (PlaceName, "")],
        Code::PlaceNameWithUnknownCategory
    ));
}

#[test]
fn a_known_category_without_a_name_is_info() {
    let issue = find(&[(PlaceName, "")], Code::PlaceNameMissing).unwrap();
    assert_eq!(issue.severity(), Severity::Info);
    assert!(!fires(&[], Code::PlaceNameMissing));
    assert!(!fires(
        &[(PlaceCategory, "場所種別不明"), (PlaceName, "")],
        Code::PlaceNameMissing
    ));
}

// --- facility and other choices ----------------------------------------------

#[test]
fn facility_category_from_the_list() {
    assert!(fires(
        &[(FacilityCategory, "宇宙港")],
        Code::FacilityCategoryUnknown
    ));
    assert!(!fires(
        &[(FacilityCategory, "医療機関")],
        Code::FacilityCategoryUnknown
    ));
}

#[test]
fn other_choices_from_their_lists() {
    for field in [CaseType, Sex, Severity, InfectionRegion] {
        let issue = find(&[(field, "???")], Code::ChoiceUnknown).unwrap();
        assert_eq!(issue.field, field);
    }
    assert!(!fires(&[(Sex, "男性")], Code::ChoiceUnknown));
    assert!(!fires(&[(Severity, "中等症Ⅱ")], Code::ChoiceUnknown));
}

#[test]
fn vocabularies_are_replaceable_per_call() {
    let mut options = options();
    options.vocabulary.set_list(
        hersys_validator::VocabularyKey::Status,
        vec!["療養中".into(), "死亡".into()],
    );
    let codes: Vec<Code> = validate(&record(&[(Status, "療養中")]), &options)
        .iter()
        .map(|i| i.code)
        .collect();
    assert!(!codes.contains(&Code::StatusUnknown));
    let codes: Vec<Code> = validate(&record(&[]), &options)
        .iter()
        .map(|i| i.code)
        .collect();
    assert!(codes.contains(&Code::StatusUnknown));
}

// --- dates (domain.md §4, §6) ------------------------------------------------

#[test]
fn date_errors_have_their_own_codes() {
    assert!(fires(&[(OnsetDate, "昨日")], Code::DateInvalid));
    assert!(fires(&[(OnsetDate, "21/6/5")], Code::DateInvalid));
    assert!(fires(&[(OnsetDate, "2021-02-30")], Code::DateImpossible));
    assert!(fires(
        &[(BirthDate, "令和元年4月30日")],
        Code::DateOutsideEra
    ));
    assert!(!fires(
        &[(BirthDate, "平成31年4月30日")],
        Code::DateOutsideEra
    ));
    assert!(!fires(
        &[(BirthDate, "昭和64年1月7日")],
        Code::DateOutsideEra
    ));
    assert!(!fires(
        &[(BirthDate, "平成元年1月8日")],
        Code::DateOutsideEra
    ));
    assert!(fires(
        &[(BirthDate, "昭和64年1月8日")],
        Code::DateOutsideEra
    ));
}

#[test]
fn leap_days_in_records() {
    assert!(!fires(
        &[(BirthDate, "2020-02-29"), (Age, "1")],
        Code::DateImpossible
    ));
    assert!(fires(&[(BirthDate, "2021-02-29")], Code::DateImpossible));
    assert!(fires(
        &[(BirthDate, "令和3年2月29日")],
        Code::DateImpossible
    ));
}

#[test]
fn other_date_forms_get_the_canonical_fix() {
    let issue = find(&[(DiagnosisDate, "令和3年6月8日")], Code::DateCanonical).unwrap();
    assert_eq!(issue.fix.as_deref(), Some("2021-06-08"));
    assert_eq!(issue.severity(), Severity::Info);
    assert_eq!(
        find(&[(DiagnosisDate, "Ｒ３．６．８")], Code::DateCanonical)
            .unwrap()
            .fix
            .as_deref(),
        Some("2021-06-08")
    );
    assert!(!fires(&[], Code::DateCanonical));
    // A canonical form changes nothing else: the same issues as the ISO form.
    let others: Vec<&str> = codes(&[(DiagnosisDate, "2021/6/8")])
        .into_iter()
        .filter(|c| *c != "date.canonical")
        .collect();
    assert_eq!(others, Vec::<&str>::new());
}

#[test]
fn no_date_after_today() {
    assert!(fires(&[(ReportDate, "2021-08-01")], Code::DateFuture));
    assert!(!fires(&[(ReportDate, "2021-07-31")], Code::DateFuture));
}

#[test]
fn no_date_before_birth() {
    let issue = find(
        &[(BirthDate, "2021-06-06"), (Age, "0")],
        Code::DateBeforeBirth,
    )
    .unwrap();
    assert_eq!(issue.related, vec![BirthDate]);
    let fields: Vec<FieldKey> = issues(&[(BirthDate, "2021-06-06"), (Age, "0")])
        .iter()
        .filter(|i| i.code == Code::DateBeforeBirth)
        .map(|i| i.field)
        .collect();
    assert_eq!(fields, vec![OnsetDate, InfectionDate]);
    assert!(!fires(
        &[(BirthDate, "2021-06-02"), (Age, "0")],
        Code::DateBeforeBirth
    ));
}

#[test]
fn first_visit_diagnosis_report_in_order() {
    let issue = find(&[(FirstVisitDate, "2021-06-09")], Code::DateOrder).unwrap();
    assert_eq!(
        (issue.field, issue.related.clone()),
        (DiagnosisDate, vec![FirstVisitDate])
    );
    assert!(!fires(&[(FirstVisitDate, "2021-06-08")], Code::DateOrder));
    let issue = find(&[(ReportDate, "2021-06-07")], Code::DateOrder).unwrap();
    assert_eq!(
        (issue.field, issue.related.clone()),
        (ReportDate, vec![DiagnosisDate])
    );
}

#[test]
fn departure_before_entry() {
    let issue = find(
        &[(DepartureDate, "2021-06-05"), (EntryDate, "2021-06-04")],
        Code::DateOrder,
    )
    .unwrap();
    assert_eq!(issue.field, EntryDate);
    assert!(!fires(
        &[
            (DepartureDate, "2021-06-04"),
            (EntryDate, "2021-06-04"),
            (PassportNumber, "TK1234567")
        ],
        Code::DateOrder
    ));
}

#[test]
fn death_not_before_infection_or_onset() {
    let changes = [
        (Status, "死亡"),
        (DeathPlace, "病院"),
        (DeathDate, "2021-06-04"),
    ];
    let fields: Vec<FieldKey> = issues(&changes)
        .iter()
        .filter(|i| i.code == Code::DateOrder)
        .flat_map(|i| i.related.clone())
        .collect();
    assert_eq!(fields, vec![OnsetDate]);
    let changes = [
        (Status, "死亡"),
        (DeathPlace, "病院"),
        (DeathDate, "2021-06-01"),
    ];
    assert_eq!(
        issues(&changes)
            .iter()
            .filter(|i| i.code == Code::DateOrder)
            .count(),
        2
    );
}

#[test]
fn infection_onset_diagnosis_only_warn() {
    let issue = find(&[(OnsetDate, "2021-06-09")], Code::DateOnsetOrder).unwrap();
    assert_eq!(
        (issue.field, issue.related.clone()),
        (DiagnosisDate, vec![OnsetDate])
    );
    assert_eq!(issue.severity(), Severity::Warning);
    let issue = find(&[(InfectionDate, "2021-06-06")], Code::DateOnsetOrder).unwrap();
    assert_eq!(
        (issue.field, issue.related.clone()),
        (OnsetDate, vec![InfectionDate])
    );
    let issue = find(
        &[(InfectionDate, "2021-06-09"), (OnsetDate, "")],
        Code::DateOnsetOrder,
    )
    .unwrap();
    assert_eq!(
        (issue.field, issue.related.clone()),
        (DiagnosisDate, vec![InfectionDate])
    );
    assert!(!fires(
        &[(InfectionDate, "2021-06-05")],
        Code::DateOnsetOrder
    ));
}

#[test]
fn age_must_be_a_number_and_match_the_dates() {
    assert!(fires(&[(Age, "四十一")], Code::AgeInvalid));
    assert!(fires(&[(Age, "151")], Code::AgeInvalid));
    assert!(fires(&[(Age, "-1")], Code::AgeInvalid));
    assert!(!fires(&[(Age, "４１歳")], Code::AgeInvalid));
    let issue = find(&[(Age, "40")], Code::AgeMismatch).unwrap();
    assert_eq!(issue.fix.as_deref(), Some("41"));
    assert_eq!(issue.related, vec![BirthDate, DiagnosisDate]);
    // The day before the birthday: still 40.
    assert!(fires(&[(BirthDate, "1980-06-09")], Code::AgeMismatch));
    assert!(!fires(
        &[(BirthDate, "1980-06-09"), (Age, "40")],
        Code::AgeMismatch
    ));
    assert!(!fires(&[(BirthDate, "1980-06-08")], Code::AgeMismatch));
}

// --- the one-field entry point -----------------------------------------------

#[test]
fn changing_the_entry_date_reevaluates_the_passport_rule() {
    let record = record(&entrant("2021-06-10"));
    let issues = validate_field(EntryDate, &record, &options());
    assert!(issues
        .iter()
        .any(|i| i.code == Code::PassportRequired && i.field == PassportNumber));
    assert!(issues.iter().all(|i| i.involves(EntryDate)));
}

#[test]
fn changing_nationality_reevaluates_the_passport_format() {
    let record = record(&[(PassportNumber, "L898902C3"), (Nationality, "日本")]);
    let issues = validate_field(Nationality, &record, &options());
    assert_eq!(
        issues.iter().map(|i| i.code).collect::<Vec<_>>(),
        vec![Code::PassportFormat]
    );
}

// --- messages never repeat the typed value ------------------------------------

#[test]
fn messages_never_contain_typed_values() {
    let secret = "ZQ9876543";
    let changes = [
        (PassportNumber, "ＺＱ９８７６５４３"),
        (Status, "秘密の状態"),
        (PlaceCategory, "秘密の場所"),
        (DeathPlace, "秘密の死亡場所"),
        (Age, "秘密"),
        (OnsetDate, "秘密の日"),
    ];
    for issue in issues(&changes) {
        for lang in [Lang::Ja, Lang::En] {
            let message = issue.message(lang);
            assert!(!message.contains("秘密"), "{message}");
            assert!(
                !message.contains(secret) && !message.contains("ＺＱ"),
                "{message}"
            );
        }
    }
}

#[test]
fn every_field_level_code_has_a_case_that_fires() {
    let cases: Vec<(Code, Vec<(FieldKey, &str)>)> = vec![
        (Code::PassportRequired, entrant("2021-06-10")),
        (Code::PassportBoundaryDay, entrant("2021-07-01")),
        (
            Code::PassportHalfwidth,
            vec![(PassportNumber, "ＴＫ１２３４５６７")],
        ),
        (Code::PassportNormalize, vec![(PassportNumber, "tk1234567")]),
        (Code::PassportFormat, vec![(PassportNumber, "X")]),
        (Code::PassportUnusual, vec![(PassportNumber, "12345")]),
        (Code::StatusRequired, vec![(Status, "")]),
        (Code::StatusUnknown, vec![(Status, "?")]),
        (Code::DeathDateRequired, vec![(Status, "死亡")]),
        (Code::DeathPlaceRequired, vec![(Status, "死亡")]),
        (Code::DeathPlaceUnknown, vec![(DeathPlace, "?")]),
        (Code::DeathWithoutStatus, vec![(DeathPlace, "自宅")]),
        (Code::PlaceCategoryRequired, vec![(PlaceCategory, "")]),
        (Code::PlaceCategoryUnknown, vec![(PlaceCategory, "?")]),
        (
            Code::PlaceNameWithUnknownCategory,
            vec![(PlaceCategory, "場所種別不明")],
        ),
        (Code::PlaceNameMissing, vec![(PlaceName, "")]),
        (Code::FacilityCategoryUnknown, vec![(FacilityCategory, "?")]),
        (Code::ChoiceUnknown, vec![(Sex, "?")]),
        (Code::DateInvalid, vec![(OnsetDate, "?")]),
        (Code::DateImpossible, vec![(OnsetDate, "2021-02-30")]),
        (Code::DateOutsideEra, vec![(OnsetDate, "令和元年4月30日")]),
        (Code::DateCanonical, vec![(OnsetDate, "R3.6.5")]),
        (Code::DateFuture, vec![(ReportDate, "2099-01-01")]),
        (Code::DateBeforeBirth, vec![(BirthDate, "2021-06-06")]),
        (Code::DateOrder, vec![(ReportDate, "2021-06-01")]),
        (Code::DateOnsetOrder, vec![(OnsetDate, "2021-06-09")]),
        (Code::EntryAfterDiagnosis, vec![(EntryDate, "2021-06-09")]),
        (Code::AgeInvalid, vec![(Age, "?")]),
        (Code::AgeMismatch, vec![(Age, "1")]),
    ];
    for (code, changes) in &cases {
        assert!(fires(changes, *code), "{} does not fire", code.as_str());
    }
    let covered: Vec<Code> = cases.iter().map(|(code, _)| *code).collect();
    for code in Code::ALL.iter().filter(|code| code.field_level()) {
        assert!(covered.contains(code), "{} has no case", code.as_str());
    }
}

#[test]
fn apply_fixes_sets_each_known_value() {
    let record = record(&[
        (PassportNumber, "ＴＫ１２３４５６７"),
        (PlaceCategory, ""),
        (OnsetDate, "R3.6.5"),
    ]);
    let fixed = hersys_validator::apply_fixes(&record, &validate(&record, &options()));
    assert_eq!(fixed.get(PassportNumber), Some("TK1234567"));
    assert_eq!(fixed.get(PlaceCategory), Some("場所種別不明"));
    assert_eq!(fixed.get(OnsetDate), Some("2021-06-05"));
    assert_eq!(fixed.get(Status), record.get(Status));
}
