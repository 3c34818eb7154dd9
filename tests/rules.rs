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
    assert!(!codes.contains(&Code::PassportBoundaryDay));
    assert!(!codes.contains(&Code::PassportRequired));

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
    assert!(issue.message(Lang::En).contains("14 days after"));
    assert!(issue
        .message(Lang::Ja)
        .contains("入国日から起算すると14日を過ぎて"));
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
    assert!(codes.contains(&Code::StatusNotInList));
    assert!(!codes.contains(&Code::StatusUnknown));
}

// --- dates (docs/rules.md §4, §6) --------------------------------------------

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

/// A record change that makes each field-level code fire (with the
/// built-in lists): a new rule adds its case here, and
/// [`every_issue`] includes them, so its messages are checked too.
fn firing_cases() -> Vec<(Code, Vec<(FieldKey, &'static str)>)> {
    vec![
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
        (Code::DiagnosisRequired, vec![(DiagnosisDate, "")]),
        (Code::EntryDateMissing, vec![(InfectionRegion, "国外")]),
        (
            Code::DeathBodyWithoutStatus,
            vec![(CaseType, "感染症死亡者の死体")],
        ),
        (Code::DateTooEarly, vec![(OnsetDate, "1899-12-31")]),
        (
            Code::DateWeekdayMismatch,
            vec![(OnsetDate, "2021年6月5日（金）")],
        ),
        (Code::DeathDateRequired, vec![(Status, "死亡")]),
        (Code::DeathPlaceRequired, vec![(Status, "死亡")]),
        (Code::DeathPlaceUnknown, vec![(DeathPlace, "?")]),
        (Code::DeathWithoutStatus, vec![(DeathPlace, "自宅")]),
        (Code::PlaceCategoryRequired, vec![(PlaceCategory, "")]),
        (Code::PlaceCategoryUnknown, vec![(PlaceCategory, "公園")]),
        (
            Code::PlaceNameWithUnknownCategory,
            vec![(PlaceCategory, "場所種別不明")],
        ),
        (Code::PlaceNameMissing, vec![(PlaceName, "")]),
        (Code::FacilityCategoryUnknown, vec![(FacilityCategory, "?")]),
        (Code::ChoiceUnknown, vec![(Sex, "?")]),
        (Code::DateInvalid, vec![(OnsetDate, "明日")]),
        (Code::DatePlaceholder, vec![(OnsetDate, "調査中")]),
        (Code::DateNoYear, vec![(OnsetDate, "6/5")]),
        (Code::DateExcelSerial, vec![(OnsetDate, "44352")]),
        (Code::DateApproximate, vec![(OnsetDate, "2021/6/5頃")]),
        (Code::DateWithTime, vec![(OnsetDate, "2021/6/5 0:00")]),
        (Code::ChoiceCanonical, vec![(Sex, "女性")]),
        (Code::AgeBand, vec![(Age, "40代")]),
        (
            Code::DeathBeforeDiagnosis,
            vec![
                (Status, "死亡"),
                (DeathPlace, "病院"),
                (DeathDate, "2021-06-07"),
            ],
        ),
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
    ]
}

#[test]
fn every_field_level_code_has_a_case_that_fires() {
    let cases = firing_cases();
    for (code, changes) in &cases {
        assert!(fires(changes, *code), "{} does not fire", code.as_str());
    }
    // The caller-list codes fire under the caller's lists.
    let given = given_lists();
    let given_cases: Vec<(Code, Vec<(FieldKey, &str)>)> = vec![
        (Code::StatusNotInList, vec![(Status, "入院中")]),
        (
            Code::DeathPlaceNotInList,
            vec![
                (Status, "死亡"),
                (DeathDate, "2021-06-08"),
                (DeathPlace, "病院"),
            ],
        ),
        (Code::PlaceCategoryNotInList, vec![(PlaceCategory, "職場")]),
        (
            Code::FacilityCategoryNotInList,
            vec![(FacilityCategory, "医療機関")],
        ),
        (Code::ChoiceNotInList, vec![(Sex, "男")]),
    ];
    for (code, changes) in &given_cases {
        let found: Vec<Code> = validate(&record(changes), &given)
            .iter()
            .map(|i| i.code)
            .collect();
        assert!(found.contains(code), "{} does not fire", code.as_str());
    }
    let covered: Vec<Code> = cases
        .iter()
        .chain(&given_cases)
        .map(|(code, _)| *code)
        .collect();
    for code in Code::ALL.iter().filter(|code| code.field_level()) {
        assert!(covered.contains(code), "{} has no case", code.as_str());
    }
}

#[test]
fn apply_fixes_sets_each_known_value() {
    let record = record(&[
        (PassportNumber, "ＴＫ１２３４５６７"),
        (PlaceCategory, ""),
        (PlaceName, ""),
        (OnsetDate, "R3.6.5"),
    ]);
    let fixed = hersys_validator::apply_fixes(&record, &validate(&record, &options()));
    assert_eq!(fixed.get(PassportNumber), Some("TK1234567"));
    assert_eq!(fixed.get(PlaceCategory), Some("場所種別不明"));
    assert_eq!(fixed.get(OnsetDate), Some("2021-06-05"));
    assert_eq!(fixed.get(Status), record.get(Status));
}

// --- issue 9: the rules on the data clerks really type -------------------------

/// Options whose lists are the caller's: each lacks some built-in values
/// and the confirmed ones (死亡, 場所種別不明, 自宅).
fn given_lists() -> Options {
    use hersys_validator::VocabularyKey as V;
    let mut options = options();
    let lists: [(V, &[&str]); 8] = [
        (V::Status, &["療養中", "自宅療養中"]),
        (V::DeathPlace, &["老人ホーム"]),
        (V::PlaceCategory, &["飲食店"]),
        (V::FacilityCategory, &["病院"]),
        (V::Sex, &["女"]),
        (V::CaseType, &["患者（確定例）", "感染症死亡者の死体"]),
        (V::Severity, &["軽症"]),
        (V::InfectionRegion, &["国内", "国外"]),
    ];
    for (key, list) in lists {
        options
            .vocabulary
            .set_list(key, list.iter().map(|s| s.to_string()).collect());
    }
    options
}

fn codes_with(changes: &[(FieldKey, &str)], options: &Options) -> Vec<Code> {
    validate(&record(changes), options)
        .iter()
        .map(|i| i.code)
        .collect()
}

// 1. 場所区分 fix only when the place is not known.

#[test]
fn place_fix_only_when_the_place_name_is_empty() {
    let issue = find(
        &[(PlaceCategory, ""), (PlaceName, "")],
        Code::PlaceCategoryRequired,
    )
    .unwrap();
    assert_eq!(issue.fix.as_deref(), Some("場所種別不明"));
    let issue = find(&[(PlaceCategory, "")], Code::PlaceCategoryRequired).unwrap();
    assert_eq!(issue.severity(), Severity::Error);
    assert_eq!(issue.fix, None, "a known place name gets no automatic fix");
    // validateField from 場所名称 sees the fix appear and go.
    let issues = validate_field(PlaceName, &record(&[(PlaceCategory, "")]), &options());
    assert!(issues
        .iter()
        .any(|i| i.code == Code::PlaceCategoryRequired && i.fix.is_none()));
}

#[test]
fn apply_fixes_never_leaves_a_record_the_validator_then_warns_about() {
    let samples: Vec<Vec<(FieldKey, &str)>> = vec![
        vec![(PlaceCategory, "")],
        vec![(PlaceCategory, ""), (PlaceName, "")],
        vec![
            (PassportNumber, "ｔｋ１２３４５６７"),
            (Nationality, "日本"),
        ],
        vec![(OnsetDate, "R3.6.5(土)"), (Age, "40")],
        vec![
            (BirthDate, "2021-03-01"),
            (Age, "5"),
            (OnsetDate, ""),
            (InfectionDate, ""),
        ],
        vec![(BirthDate, "2020-01-01"), (Age, "5か月")],
    ];
    for changes in samples {
        let record = record(&changes);
        let before = validate(&record, &options());
        let fixed = hersys_validator::apply_fixes(&record, &before);
        for issue in validate(&fixed, &options()) {
            assert!(
                before
                    .iter()
                    .any(|b| b.code == issue.code && b.field == issue.field),
                "{changes:?}: the fix brought {}",
                issue.code.as_str()
            );
            assert_eq!(issue.fix, None, "{changes:?}: {}", issue.code.as_str());
        }
    }
}

// 2. Clause 1 never silently off.

#[test]
fn an_empty_diagnosis_date_is_an_error() {
    let issue = find(&[(DiagnosisDate, "")], Code::DiagnosisRequired).unwrap();
    assert_eq!(
        (issue.field, issue.severity()),
        (DiagnosisDate, Severity::Error)
    );
    assert!(!fires(&[], Code::DiagnosisRequired));
    let issues = validate_field(DiagnosisDate, &record(&[(DiagnosisDate, " ")]), &options());
    assert!(issues.iter().any(|i| i.code == Code::DiagnosisRequired));
}

#[test]
fn travel_without_an_entry_date_warns_on_the_entry_date() {
    for (travel, value) in [
        (InfectionRegion, "国外"),
        (InfectionRegion, " 国外\u{3000}"),
        (DepartureDate, "2021-06-01"),
        (Country, "フィリピン"),
    ] {
        let changes = [(travel, value)];
        let issue = find(&changes, Code::EntryDateMissing).unwrap_or_else(|| panic!("{travel:?}"));
        assert_eq!(
            (issue.field, issue.severity(), issue.related.clone()),
            (EntryDate, Severity::Warning, vec![travel])
        );
        // validateField reaches it from every field it reads.
        for field in [travel, EntryDate] {
            let issues = validate_field(field, &record(&changes), &options());
            assert!(
                issues.iter().any(|i| i.code == Code::EntryDateMissing),
                "{field:?}"
            );
        }
        let mut with_entry = changes.to_vec();
        with_entry.push((EntryDate, "2021-06-02"));
        with_entry.push((PassportNumber, "TK1234567"));
        assert!(!fires(&with_entry, Code::EntryDateMissing));
    }
    assert!(!fires(&[(InfectionRegion, "国内")], Code::EntryDateMissing));
    assert!(!fires(&[], Code::EntryDateMissing));
    // The window check then runs as soon as the entry date is there.
    assert!(fires(
        &[(InfectionRegion, "国外"), (EntryDate, "2021-06-01")],
        Code::PassportRequired
    ));
}

// 3. Bodies need 死亡.

#[test]
fn a_body_needs_the_status_death() {
    for body in ["感染症死亡者の死体", "感染症死亡疑い者の死体"] {
        let issue = find(&[(CaseType, body)], Code::DeathBodyWithoutStatus).unwrap();
        assert_eq!(
            (issue.field, issue.severity(), issue.related.clone()),
            (Status, Severity::Error, vec![CaseType])
        );
        // Then the date and place of death as usual.
        let dead = [(CaseType, body), (Status, "死亡")];
        assert!(!fires(&dead, Code::DeathBodyWithoutStatus));
        assert!(fires(&dead, Code::DeathDateRequired));
        assert!(fires(&dead, Code::DeathPlaceRequired));
        let complete = [
            (CaseType, body),
            (Status, "死亡"),
            (DeathDate, "2021-06-07"),
            (DeathPlace, "自宅"),
        ];
        assert_eq!(codes(&complete), Vec::<&str>::new());
    }
    // No double report: the error replaces death.without_status.
    let body_with_date = [(CaseType, "感染症死亡者の死体"), (DeathDate, "2021-06-07")];
    assert!(fires(&body_with_date, Code::DeathBodyWithoutStatus));
    assert!(!fires(&body_with_date, Code::DeathWithoutStatus));
    // Reached from 類型 and from the status.
    for field in [CaseType, Status] {
        let issues = validate_field(
            field,
            &record(&[(CaseType, "感染症死亡者の死体")]),
            &options(),
        );
        assert!(issues
            .iter()
            .any(|i| i.code == Code::DeathBodyWithoutStatus));
    }
}

// 4. Infant ages in months.

#[test]
fn infant_ages_in_months_agree_with_the_dates() {
    // Born 2021-03-01, diagnosed 2021-06-08: 3 whole months, 0 years.
    let infant = |age: &'static str| {
        vec![
            (BirthDate, "2021-03-01"),
            (Age, age),
            (OnsetDate, "2021-06-05"),
            (InfectionDate, "2021-06-02"),
        ]
    };
    for age in [
        "0",
        "3か月",
        "3ヶ月",
        "3カ月",
        "3ヵ月",
        "0歳3か月",
        "３か月",
        "０歳３ヶ月",
    ] {
        assert_eq!(codes(&infant(age)), Vec::<&str>::new(), "{age}");
    }
    let issue = find(&infant("2か月"), Code::AgeMismatch).unwrap();
    assert_eq!(issue.fix.as_deref(), Some("3か月"));
    let issue = find(&infant("1"), Code::AgeMismatch).unwrap();
    assert_eq!(issue.fix.as_deref(), Some("3か月"));
    assert!(fires(&infant("12か月"), Code::AgeInvalid));
    // The day before the 3-month day: still 2 months.
    let day_before = [
        (BirthDate, "2021-03-09"),
        (Age, "3か月"),
        (OnsetDate, "2021-06-05"),
        (InfectionDate, "2021-06-02"),
    ];
    assert_eq!(
        find(&day_before, Code::AgeMismatch).unwrap().fix.as_deref(),
        Some("2か月")
    );
    // An age the rule would reject is never offered as the fix.
    let issue = find(
        &[
            (BirthDate, "1900-01-01"),
            (DiagnosisDate, "2099-01-01"),
            (Age, "41"),
        ],
        Code::AgeMismatch,
    )
    .unwrap();
    assert_eq!(issue.fix, None);
    // Months for a person aged 1 or more are a mismatch, fixed in years.
    let issue = find(&[(Age, "3か月")], Code::AgeMismatch).unwrap();
    assert_eq!(issue.fix.as_deref(), Some("41"));
    // Leap day birthdays: born 2020-02-29, diagnosed 2021-02-28 → 11 months.
    let leap = [
        (BirthDate, "2020-02-29"),
        (DiagnosisDate, "2021-02-28"),
        (FirstVisitDate, "2021-02-27"),
        (ReportDate, "2021-03-01"),
        (OnsetDate, "2021-02-26"),
        (InfectionDate, "2021-02-25"),
        (Age, "11か月"),
    ];
    assert_eq!(codes(&leap), Vec::<&str>::new());
}

// 5. Boundary day only where some counting covers it.

#[test]
fn the_boundary_day_exists_only_under_the_legal_counting() {
    let passport_code = |diagnosis: &'static str, counting: WindowCounting| {
        let mut options = options();
        options.counting = counting;
        validate(&record(&entrant(diagnosis)), &options)
            .into_iter()
            .find(|i| i.field == PassportNumber)
            .map(|i| i.code)
    };
    use WindowCounting::*;
    // d = 27: the 28th day counting the entry day as day 1.
    assert_eq!(
        passport_code("2021-06-30", EntryDayIsDayOne),
        Some(Code::PassportRequired)
    );
    assert_eq!(
        passport_code("2021-06-30", DayAfterEntryIsDayOne),
        Some(Code::PassportRequired)
    );
    // d = 28: the 28th day counting the day after entry as day 1.
    assert_eq!(
        passport_code("2021-07-01", EntryDayIsDayOne),
        Some(Code::PassportBoundaryDay)
    );
    assert_eq!(
        passport_code("2021-07-01", DayAfterEntryIsDayOne),
        Some(Code::PassportRequired)
    );
    // d = 29: covered by no counting.
    assert_eq!(passport_code("2021-07-02", EntryDayIsDayOne), None);
    assert_eq!(passport_code("2021-07-02", DayAfterEntryIsDayOne), None);
}

// 6. Lists we could not confirm warn; lists the caller gives block.

#[test]
fn built_in_lists_warn_and_caller_lists_block() {
    let cases: [(FieldKey, &str, Code, Code); 5] = [
        (Status, "元気", Code::StatusUnknown, Code::StatusNotInList),
        (
            DeathPlace,
            "海",
            Code::DeathPlaceUnknown,
            Code::DeathPlaceNotInList,
        ),
        (
            PlaceCategory,
            "公園",
            Code::PlaceCategoryUnknown,
            Code::PlaceCategoryNotInList,
        ),
        (
            FacilityCategory,
            "宇宙港",
            Code::FacilityCategoryUnknown,
            Code::FacilityCategoryNotInList,
        ),
        (
            Severity,
            "やや重い",
            Code::ChoiceUnknown,
            Code::ChoiceNotInList,
        ),
    ];
    for (field, value, built_in, given) in cases {
        let changes = [(field, value)];
        let issue = find(&changes, built_in).unwrap();
        assert_eq!((issue.field, issue.severity()), (field, Severity::Warning));
        assert!(!codes_with(&changes, &options()).contains(&given));
        let found = validate(&record(&changes), &given_lists());
        let issue = found.iter().find(|i| i.code == given).unwrap();
        assert_eq!((issue.field, issue.severity()), (field, Severity::Error));
        assert!(!found.iter().any(|i| i.code == built_in));
    }
    // A record whose only findings are built-in-list warnings has no error.
    let record = record(&[(Status, "元気"), (Sex, "不詳")]);
    assert!(validate(&record, &options())
        .iter()
        .all(|i| i.severity() != Severity::Error));
}

#[test]
fn confirmed_values_pass_whatever_list_the_caller_gives() {
    let options = given_lists();
    let death = [
        (Status, "死亡"),
        (DeathDate, "2021-06-08"),
        (DeathPlace, "自宅"),
        (PlaceCategory, "場所種別不明"),
        (PlaceName, ""),
        (Sex, "女"),
        (Severity, "軽症"),
    ];
    assert_eq!(codes_with(&death, &options), Vec::<Code>::new());
    // The fix for an empty 場所区分 is still 場所種別不明.
    let issue = validate(&record(&[(PlaceCategory, ""), (PlaceName, "")]), &options)
        .into_iter()
        .find(|i| i.code == Code::PlaceCategoryRequired)
        .unwrap();
    assert_eq!(issue.fix.as_deref(), Some("場所種別不明"));
}

// 7. Width by NFKC.

#[test]
fn shift_jis_half_width_katakana_match_their_options() {
    assert!(!fires(
        &[(Status, "入院･療養等調整中")],
        Code::StatusUnknown
    ));
    assert!(!fires(
        &[(PlaceCategory, "学校･教育施設")],
        Code::PlaceCategoryUnknown
    ));
    assert!(!fires(
        &[(CaseType, "患者(確定例)"), (Severity, "中等症２")],
        Code::ChoiceUnknown
    ));
    // ｶﾞ composes: a caller's list in full-width katakana matches.
    let mut options = options();
    options.vocabulary.set_list(
        hersys_validator::VocabularyKey::PlaceCategory,
        vec!["ガソリンスタンド".into(), "パチンコ店".into()],
    );
    for typed in ["ｶﾞｿﾘﾝｽﾀﾝﾄﾞ", "ﾊﾟﾁﾝｺ店", "\u{3000}パチンコ店 "]
    {
        let found = codes_with(&[(PlaceCategory, typed)], &options);
        assert!(!found.contains(&Code::PlaceCategoryNotInList), "{typed}");
    }
    assert!(codes_with(&[(PlaceCategory, "ｶｿﾘﾝｽﾀﾝﾄ")], &options)
        .contains(&Code::PlaceCategoryNotInList));
    // Dates and passports fold the same way.
    assert!(!fires(
        &[(OnsetDate, "２０２１／６／５")],
        Code::DateInvalid
    ));
    assert!(fires(
        &[(PassportNumber, "ＴＫ１２３４５６７")],
        Code::PassportHalfwidth
    ));
}

// 8. Dates as people write them.

#[test]
fn dates_with_a_weekday_are_read_and_a_wrong_weekday_warns() {
    // 2021-06-08 was a Tuesday.
    for typed in [
        "2021年6月8日（火）",
        "2021/6/8(火)",
        "令和3年6月8日(火曜日)",
        "2021-06-08 (Tue)",
        "2021-06-08 Tuesday",
    ] {
        let issues = issues(&[(DiagnosisDate, typed)]);
        let found: Vec<Code> = issues.iter().map(|i| i.code).collect();
        assert_eq!(found, vec![Code::DateCanonical], "{typed}");
        assert_eq!(issues[0].fix.as_deref(), Some("2021-06-08"));
    }
    let issue = find(
        &[(DiagnosisDate, "2021年6月8日（水）")],
        Code::DateWeekdayMismatch,
    )
    .unwrap();
    assert_eq!(
        (issue.field, issue.severity()),
        (DiagnosisDate, Severity::Warning)
    );
    assert_eq!(issue.fix, None);
    assert!(!fires(
        &[(DiagnosisDate, "2021年6月8日（水）")],
        Code::DateCanonical
    ));
    // The date still takes part in every other rule.
    assert!(fires(
        &[(DiagnosisDate, "2021年6月6日（水）")],
        Code::DateOrder
    ));
}

#[test]
fn no_date_field_accepts_a_day_before_1900() {
    // Every date field of the catalogue, so that a new one is covered too.
    let date_fields = hersys_validator::FieldKey::ALL
        .iter()
        .copied()
        .filter(|field| field.info().kind == hersys_validator::FieldKind::Date);
    for field in date_fields {
        let issue = find(&[(field, "1899-12-31")], Code::DateTooEarly).unwrap();
        assert_eq!((issue.field, issue.severity()), (field, Severity::Error));
        assert!(
            fires(&[(field, "0021-06-03")], Code::DateTooEarly),
            "{field:?}"
        );
        assert!(
            !fires(&[(field, "1900-01-01")], Code::DateTooEarly),
            "{field:?}"
        );
        assert!(
            !fires(&[(field, "1900-01-01")], Code::DateInvalid),
            "{field:?}"
        );
    }
    // Era edges and leap days still hold.
    assert!(fires(
        &[(BirthDate, "令和元年4月30日")],
        Code::DateOutsideEra
    ));
    assert!(!fires(
        &[(BirthDate, "平成31年4月30日")],
        Code::DateOutsideEra
    ));
    assert!(fires(&[(BirthDate, "1900-02-29")], Code::DateImpossible));
    assert!(!fires(
        &[(BirthDate, "1904-02-29"), (Age, "")],
        Code::DateImpossible
    ));
}

// 9. 国籍 spellings.

#[test]
fn every_spelling_of_japan_selects_the_japanese_format() {
    for nationality in [
        "日本",
        "日本国",
        "日本国籍",
        "日本人",
        "Japan",
        "JAPANESE",
        "japanese",
        "JPN",
        "jp",
        "ＪＡＰＡＮ",
        "ｊｐ",
        " 日本 ",
    ] {
        assert!(
            fires(
                &[(PassportNumber, "L898902C3"), (Nationality, nationality)],
                Code::PassportFormat
            ),
            "{nationality}"
        );
        assert!(
            !fires(
                &[(PassportNumber, "TK1234567"), (Nationality, nationality)],
                Code::PassportFormat
            ),
            "{nationality}"
        );
    }
    assert!(!fires(
        &[(PassportNumber, "L898902C3"), (Nationality, "フィリピン")],
        Code::PassportFormat
    ));
}

// 10. Messages a clerk reads without stumbling.

/// Records that make every field-level code fire, with the options to use.
fn every_issue(options: &Options) -> Vec<Issue> {
    let mut all = Vec::new();
    let samples: Vec<Vec<(FieldKey, &str)>> = vec![
        entrant("2021-06-10"),
        entrant("2021-06-17"),
        entrant("2021-07-01"),
        vec![(PassportNumber, "ＴＫ１２３"), (Nationality, "日本")],
        vec![(PassportNumber, "tk-1234567")],
        vec![(PassportNumber, "AB1234567"), (Nationality, "日本")],
        vec![(Status, ""), (DiagnosisDate, ""), (InfectionRegion, "国外")],
        vec![(Status, "?"), (DeathPlace, "?"), (DeathDate, "2021-06-07")],
        vec![(CaseType, "感染症死亡者の死体"), (Status, "入院中")],
        vec![(Status, "死亡")],
        vec![(PlaceCategory, ""), (FacilityCategory, "?"), (Sex, "?")],
        vec![(PlaceCategory, "場所種別不明")],
        vec![(PlaceName, "")],
        vec![(PlaceCategory, "公園")],
        vec![(Sex, "女性"), (Age, "40代")],
        vec![(OnsetDate, "調査中"), (InfectionDate, "2021/6/1頃")],
        vec![(OnsetDate, "6/5"), (InfectionDate, "2021/6/1 0:00")],
        vec![(OnsetDate, "44352")],
        vec![
            (Status, "死亡"),
            (DeathPlace, "病院"),
            (DeathDate, "2021-06-07"),
        ],
        vec![
            (OnsetDate, "明日"),
            (InfectionDate, "2021-02-30"),
            (ReportDate, "令和元年4月30日"),
        ],
        vec![
            (OnsetDate, "1899-12-31"),
            (InfectionDate, "2021年6月2日（月）"),
        ],
        vec![
            (OnsetDate, "R3.6.5"),
            (ReportDate, "2099-01-01"),
            (BirthDate, "2021-06-06"),
        ],
        vec![
            (ReportDate, "2021-06-01"),
            (OnsetDate, "2021-06-09"),
            (EntryDate, "2021-06-09"),
        ],
        vec![(Age, "?")],
        vec![(Age, "1")],
    ];
    let cases = firing_cases().into_iter().map(|(_, changes)| changes);
    for changes in samples.into_iter().chain(cases) {
        all.extend(validate(&record(&changes), options));
    }
    all
}

#[test]
fn messages_and_rule_texts_follow_the_window_option() {
    let mut options = options();
    options.passport_window_days = 14;
    let issues = every_issue(&options);
    assert!(issues.iter().any(|i| i.code == Code::PassportRequired));
    assert!(issues.iter().any(|i| i.code == Code::PassportBoundaryDay));
    for issue in &issues {
        for lang in [Lang::Ja, Lang::En] {
            let message = issue.message(lang);
            assert!(!message.contains("28"), "{message}");
            if matches!(
                issue.code,
                Code::PassportRequired | Code::PassportBoundaryDay
            ) {
                assert!(message.contains("14"), "{message}");
            }
        }
    }
    for rule in hersys_validator::issue::CODES {
        for lang in [Lang::Ja, Lang::En] {
            let text = rule.text(lang, 14, WindowCounting::EntryDayIsDayOne);
            assert!(!text.contains("28") && !text.contains("{window}"), "{text}");
        }
    }
    let text = Code::PassportRequired
        .info()
        .text(Lang::Ja, 28, WindowCounting::EntryDayIsDayOne);
    assert!(text.contains("28日以内"), "{text}");
}

#[test]
fn every_message_is_polite_and_says_what_to_do() {
    let issues = every_issue(&options());
    let fired: std::collections::BTreeSet<&str> = issues.iter().map(|i| i.code.as_str()).collect();
    for code in Code::ALL.iter().filter(|c| c.field_level()) {
        let given = matches!(
            code,
            Code::StatusNotInList
                | Code::DeathPlaceNotInList
                | Code::PlaceCategoryNotInList
                | Code::FacilityCategoryNotInList
                | Code::ChoiceNotInList
        );
        assert!(
            given || fired.contains(code.as_str()),
            "{} not covered",
            code.as_str()
        );
    }
    let mut all = issues;
    all.extend(every_issue(&given_lists()));
    for issue in &all {
        let ja = issue.message(Lang::Ja);
        assert!(ja.ends_with('。'), "{ja}");
        let action = ["ください", "できます"]
            .iter()
            .any(|word| ja.contains(word));
        assert!(action, "no action: {ja}");
        assert!(!ja.contains("{") && !issue.message(Lang::En).contains("{"));
        let en = issue.message(Lang::En);
        assert!(en.ends_with('.'), "{en}");
        // Two related fields are never the subject of a singular verb.
        if issue.related.len() > 1 {
            assert!(
                !en.contains(" is given") && !en.contains(" is entered"),
                "{en}"
            );
        }
    }
}

#[test]
fn the_reworded_messages_say_what_the_notice_says() {
    let message = |changes: &[(FieldKey, &str)], code: Code, lang: Lang| {
        find(changes, code).unwrap().message(lang)
    };
    let unusual = message(
        &[(PassportNumber, "AB1234567"), (Nationality, "日本")],
        Code::PassportUnusual,
        Lang::Ja,
    );
    assert!(unusual.contains("旅券の記載どおりか"), "{unusual}");
    let boundary = message(&entrant("2021-07-01"), Code::PassportBoundaryDay, Lang::Ja);
    assert!(
        boundary.contains("入国日から起算すると28日を過ぎて"),
        "{boundary}"
    );
    let era = message(
        &[(BirthDate, "令和元年4月30日")],
        Code::DateOutsideEra,
        Lang::Ja,
    );
    assert!(
        era.contains("元号の期間外") && !era.contains("年が合いません"),
        "{era}"
    );
    let era_en = message(
        &[(BirthDate, "令和元年4月30日")],
        Code::DateOutsideEra,
        Lang::En,
    );
    assert!(era_en.contains("outside the era"), "{era_en}");
    let place = message(
        &[(PlaceCategory, ""), (PlaceName, "")],
        Code::PlaceCategoryRequired,
        Lang::Ja,
    );
    assert!(
        place.contains("把握できていない場合も")
            && place.contains("空欄にせず「場所種別不明」を選択"),
        "{place}"
    );
    let normalize = message(
        &[(PassportNumber, "tk1234567")],
        Code::PassportNormalize,
        Lang::Ja,
    );
    assert!(normalize.contains("英大文字"), "{normalize}");
    for (changes, code) in [
        (
            vec![(PlaceCategory, "場所種別不明")],
            Code::PlaceNameWithUnknownCategory,
        ),
        (
            vec![(DeathDate, "2021-06-20"), (DeathPlace, "自宅")],
            Code::DeathWithoutStatus,
        ),
        (vec![(BirthDate, "2021-06-06")], Code::DateBeforeBirth),
    ] {
        let ja = message(&changes, code, Lang::Ja);
        assert!(ja.ends_with("ください。"), "{ja}");
    }
    let en = message(
        &[(DeathDate, "2021-06-20"), (DeathPlace, "自宅")],
        Code::DeathWithoutStatus,
        Lang::En,
    );
    assert_eq!(
        en,
        "With the date of death and place of death entered, the current status should be 死亡 (death): if the patient has died, choose 死亡; if not, check the date of death and place of death."
    );
}

#[test]
fn no_message_repeats_a_typed_value_of_the_new_rules() {
    let changes = [
        (Age, "9か月"),
        (DiagnosisDate, "2021年6月8日（木）"),
        (OnsetDate, "0021-06-05"),
        (Country, "秘密国"),
        (Nationality, "秘密"),
        (Status, "ﾋﾐﾂ"),
        (CaseType, "感染症死亡者の死体"),
    ];
    for issue in issues(&changes)
        .into_iter()
        .chain(validate(&record(&changes), &given_lists()))
    {
        for lang in [Lang::Ja, Lang::En] {
            let message = issue.message(lang);
            for typed in ["9か月", "木", "0021", "秘密", "ﾋﾐﾂ", "ヒミツ"] {
                assert!(!message.contains(typed), "{message} repeats {typed}");
            }
        }
    }
}

// --- round 3: values as found in files (docs/rules.md §2–§6) ----------------

fn fix_of(changes: &[(FieldKey, &str)], code: Code) -> Option<String> {
    find(changes, code).and_then(|issue| issue.fix)
}

#[test]
fn placeholders_count_as_empty_in_place_and_country() {
    for word in [
        "不明",
        "調査中",
        "確認中",
        "非公表",
        "－",
        "―",
        "N/A",
        "？",
        " 不明\u{3000}",
    ] {
        // 場所区分 不明 with no name: the 場所種別不明 fix, not an unknown category.
        let changes = [(PlaceCategory, word), (PlaceName, "")];
        assert!(fires(&changes, Code::PlaceCategoryRequired), "{word}");
        assert_eq!(
            fix_of(&changes, Code::PlaceCategoryRequired).as_deref(),
            Some("場所種別不明"),
            "{word}"
        );
        assert!(!fires(&changes, Code::PlaceCategoryUnknown), "{word}");
        // An empty 場所区分 with 場所名称 不明: the place is not known.
        let changes = [(PlaceCategory, ""), (PlaceName, word)];
        assert_eq!(
            fix_of(&changes, Code::PlaceCategoryRequired).as_deref(),
            Some("場所種別不明"),
            "{word}"
        );
        // 場所種別不明 with 場所名称 不明 is right: no warning.
        let changes = [(PlaceCategory, "場所種別不明"), (PlaceName, word)];
        assert!(
            !fires(&changes, Code::PlaceNameWithUnknownCategory),
            "{word}"
        );
        // 国名 不明 shows no travel.
        assert!(!fires(&[(Country, word)], Code::EntryDateMissing), "{word}");
    }
    // A real name is still a known place.
    assert!(fires(
        &[(PlaceCategory, "場所種別不明"), (PlaceName, "不明な飲食店")],
        Code::PlaceNameWithUnknownCategory
    ));
}

#[test]
fn placeholders_in_dates_are_their_own_finding() {
    for field in [
        OnsetDate,
        InfectionDate,
        ReportDate,
        BirthDate,
        FirstVisitDate,
    ] {
        let changes = [(field, "調査中")];
        let found = find(&changes, Code::DatePlaceholder).expect("date.placeholder");
        assert_eq!(found.field, field);
        assert_eq!(found.severity(), Severity::Warning);
        assert!(!fires(&changes, Code::DateInvalid));
    }
    // 診断年月日: the clause-1 error, nothing else on it.
    let on_diagnosis: Vec<_> = issues(&[(DiagnosisDate, "不明")])
        .into_iter()
        .filter(|issue| issue.field == DiagnosisDate)
        .map(|issue| issue.code)
        .collect();
    assert_eq!(on_diagnosis, vec![Code::DiagnosisRequired]);
    // 死亡日付 under 死亡: required, so death.date_required; under another
    // status the date may be pending: a warning, and no death.without_status.
    let dead = [
        (Status, "死亡"),
        (DeathDate, "調査中"),
        (DeathPlace, "病院"),
    ];
    assert!(fires(&dead, Code::DeathDateRequired));
    assert!(!fires(&dead, Code::DatePlaceholder));
    let alive = [(DeathDate, "調査中")];
    assert!(fires(&alive, Code::DatePlaceholder));
    assert!(!fires(&alive, Code::DeathWithoutStatus));
    // 入国日 with travel shown: entry.date_missing; without: a warning.
    let abroad = [(InfectionRegion, "国外"), (EntryDate, "不明")];
    assert!(fires(&abroad, Code::EntryDateMissing));
    assert!(!fires(&abroad, Code::DatePlaceholder));
    assert!(fires(&[(EntryDate, "不明")], Code::DatePlaceholder));
}

#[test]
fn dates_with_a_time_are_that_date() {
    for (text, date) in [
        ("2021/6/10 0:00", "2021-06-10"),
        ("2021-06-10 10:30:00", "2021-06-10"),
        ("2021/06/10, 18:00", "2021-06-10"),
        ("2021-06-10T23:59:59", "2021-06-10"),
        // With an offset: the date in Japan.
        ("2021-06-09T15:00:00.000Z", "2021-06-10"),
        ("2021-06-10T14:59:59Z", "2021-06-10"),
        ("2021-06-10T00:00:00+09:00", "2021-06-10"),
    ] {
        let changes = [(FirstVisitDate, text), (DiagnosisDate, "2021-06-10")];
        let found = find(&changes, Code::DateWithTime).expect(text);
        assert_eq!(found.severity(), Severity::Info, "{text}");
        assert_eq!(found.fix.as_deref(), Some(date), "{text}");
        assert!(!fires(&changes, Code::DateInvalid), "{text}");
    }
    // The Japan date takes part in the order checks: 15:00Z on the 10th is
    // the 11th in Japan, after the diagnosis.
    let changes = [
        (FirstVisitDate, "2021-06-10T15:00:00Z"),
        (DiagnosisDate, "2021-06-10"),
    ];
    assert_eq!(
        find(&changes, Code::DateOrder).unwrap().field,
        DiagnosisDate
    );
}

#[test]
fn approximate_dates_read_with_a_warning_and_a_fix_without_the_mark() {
    for text in [
        "2021/6/1頃",
        "2021年6月1日ごろ",
        "令和3年6月1日(推定)",
        "2021-06-01（推定）",
    ] {
        let changes = [(InfectionDate, text)];
        let found = find(&changes, Code::DateApproximate).expect(text);
        assert_eq!(found.severity(), Severity::Warning);
        assert_eq!(found.fix.as_deref(), Some("2021-06-01"), "{text}");
        assert!(!fires(&changes, Code::DateInvalid));
    }
}

#[test]
fn dates_without_a_year_are_an_error_without_a_guess() {
    for text in ["2月9日", "6/10", "１月９日", "12/7"] {
        let found = find(&[(OnsetDate, text)], Code::DateNoYear).expect(text);
        assert_eq!(found.severity(), Severity::Error);
        assert_eq!(found.fix, None, "{text}: never a guessed year");
        assert!(!fires(&[(OnsetDate, text)], Code::DateInvalid));
    }
    let message = find(&[(OnsetDate, "2月9日")], Code::DateNoYear)
        .unwrap()
        .message(Lang::Ja);
    assert!(message.contains("年が書かれていません"), "{message}");
}

#[test]
fn excel_serials_are_an_error_with_the_date_as_fix() {
    let found = find(&[(OnsetDate, "44352")], Code::DateExcelSerial).unwrap();
    assert_eq!(found.severity(), Severity::Error);
    assert_eq!(found.fix.as_deref(), Some("2021-06-05"));
    assert_eq!(
        fix_of(&[(OnsetDate, "44357")], Code::DateExcelSerial).as_deref(),
        Some("2021-06-10")
    );
    // Four or six digits are not serials.
    assert!(fires(&[(OnsetDate, "4435")], Code::DateInvalid));
    assert!(fires(&[(OnsetDate, "443570")], Code::DateInvalid));
}

#[test]
fn meiji_dates_are_read_from_1900() {
    assert!(!fires(
        &[(BirthDate, "明治33年1月1日"), (Age, "")],
        Code::DateInvalid
    ));
    assert_eq!(
        fix_of(
            &[(BirthDate, "明治45年7月29日"), (Age, "")],
            Code::DateCanonical
        )
        .as_deref(),
        Some("1912-07-29")
    );
    assert!(fires(
        &[(BirthDate, "M33.1.1"), (Age, "")],
        Code::DateCanonical
    ));
    assert!(fires(
        &[(BirthDate, "明治32年12月31日"), (Age, "")],
        Code::DateTooEarly
    ));
    assert!(fires(
        &[(BirthDate, "明治45年7月30日"), (Age, "")],
        Code::DateOutsideEra
    ));
}

#[test]
fn age_bands_get_their_own_error() {
    for band in ["40代", "10歳未満", "10代未満", "高齢者", "９０歳以上"] {
        let found = find(&[(Age, band)], Code::AgeBand).expect(band);
        assert_eq!(found.severity(), Severity::Error);
        assert!(!fires(&[(Age, band)], Code::AgeInvalid), "{band}");
    }
    assert!(fires(&[(Age, "四十一")], Code::AgeInvalid));
}

#[test]
fn years_and_months_for_a_child_are_compared_in_full() {
    // Born 2020-03-01, diagnosed 2021-06-08: 1歳3か月.
    let child = |age: &'static str| {
        vec![
            (BirthDate, "2020-03-01"),
            (DiagnosisDate, "2021-06-08"),
            (Age, age),
        ]
    };
    assert!(!fires(&child("1歳3か月"), Code::AgeMismatch));
    assert!(!fires(&child("1"), Code::AgeMismatch));
    let found = find(&child("1歳9か月"), Code::AgeMismatch).unwrap();
    assert_eq!(found.fix.as_deref(), Some("1"));
    assert!(fires(&child("2歳3か月"), Code::AgeMismatch));
    assert!(fires(&child("3か月"), Code::AgeMismatch));
}

#[test]
fn japan_as_the_country_shows_no_travel() {
    for japan in ["日本", "日本国", "Japan", "ＪＰＮ", "にほん"] {
        let changes = [(InfectionRegion, "国内"), (Country, japan)];
        assert!(!fires(&changes, Code::EntryDateMissing), "{japan}");
    }
    assert!(fires(
        &[(InfectionRegion, "国内"), (Country, "米国")],
        Code::EntryDateMissing
    ));
    // 国外 still shows travel, whatever the country says.
    assert!(fires(
        &[(InfectionRegion, "国外"), (Country, "日本")],
        Code::EntryDateMissing
    ));
}

#[test]
fn death_before_diagnosis_is_a_warning_for_other_case_types() {
    let dead = |case_type: &'static str, death: &'static str| {
        vec![
            (CaseType, case_type),
            (Status, "死亡"),
            (DeathPlace, "病院"),
            (DeathDate, death),
        ]
    };
    // Diagnosis 2021-06-08, first visit 2021-06-07 in the valid record.
    let found = find(
        &dead("患者（確定例）", "2021-06-07"),
        Code::DeathBeforeDiagnosis,
    )
    .unwrap();
    assert_eq!(found.field, DeathDate);
    assert_eq!(found.related, vec![DiagnosisDate]);
    assert_eq!(found.severity(), Severity::Warning);
    let found = find(
        &dead("患者（確定例）", "2021-06-06"),
        Code::DeathBeforeDiagnosis,
    )
    .unwrap();
    assert_eq!(found.related, vec![DiagnosisDate]);
    assert!(!fires(
        &dead("患者（確定例）", "2021-06-08"),
        Code::DeathBeforeDiagnosis
    ));
    // For a body, dying before the 検案 is the rule, not a finding.
    assert!(!fires(
        &dead("感染症死亡者の死体", "2021-06-07"),
        Code::DeathBeforeDiagnosis
    ));
}

#[test]
fn corrected_choices_are_written_as_the_list_spells_them() {
    for (field, typed, entry) in [
        (Status, "入院中\u{3000}", "入院中"),
        (Severity, "中等症1", "中等症Ⅰ"),
        (Sex, "女性", "女"),
        (CaseType, "患者(確定例)", "患者（確定例）"),
        (PlaceCategory, "学校･教育施設", "学校・教育施設"),
    ] {
        let found = find(&[(field, typed)], Code::ChoiceCanonical).expect(typed);
        assert_eq!(found.field, field);
        assert_eq!(found.severity(), Severity::Info);
        assert_eq!(found.fix.as_deref(), Some(entry), "{typed}");
    }
    // A caller's list: its own spelling.
    let mut options = options();
    options.vocabulary.set_list(
        hersys_validator::fields::VocabularyKey::PlaceCategory,
        vec!["スポーツクラブ".into(), "場所種別不明".into()],
    );
    let found = validate(&record(&[(PlaceCategory, "ｽﾎﾟｰﾂｸﾗﾌﾞ")]), &options)
        .into_iter()
        .find(|issue| issue.code == Code::ChoiceCanonical)
        .unwrap();
    assert_eq!(found.fix.as_deref(), Some("スポーツクラブ"));
    assert!(!fires(&[(Status, "入院中")], Code::ChoiceCanonical));
}

#[test]
fn passport_fixes_are_only_ever_letters_and_digits() {
    let found = find(
        &[(PassportNumber, "ＴＫ１２３４５６ｱ")],
        Code::PassportHalfwidth,
    )
    .unwrap();
    assert_eq!(found.fix, None);
    assert!(fires(
        &[(PassportNumber, "ＴＫ１２３４５６ｱ")],
        Code::PassportFormat
    ));
    assert_eq!(
        fix_of(&[(PassportNumber, "TK・123.4567")], Code::PassportNormalize).as_deref(),
        Some("TK1234567")
    );
    assert_eq!(
        fix_of(
            &[(PassportNumber, "ＴＫ１２３。４５６７")],
            Code::PassportHalfwidth
        )
        .as_deref(),
        Some("TK1234567")
    );
}

#[test]
fn dual_nationality_that_names_japan_accepts_either_format() {
    for nationality in ["二重国籍（日本・米国）", "日本・米国", "日本/アメリカ"]
    {
        for number in ["TK1234567", "L898902C3"] {
            let changes = [(Nationality, nationality), (PassportNumber, number)];
            assert!(
                !fires(&changes, Code::PassportFormat),
                "{nationality} {number}"
            );
            assert!(
                !fires(&changes, Code::PassportUnusual),
                "{nationality} {number}"
            );
        }
    }
    for japan in ["日本国民", "Nippon", "Nihon", "Japon", "ニホン"] {
        let changes = [(Nationality, japan), (PassportNumber, "L898902C3")];
        assert!(fires(&changes, Code::PassportFormat), "{japan}");
    }
}

#[test]
fn messages_use_the_notices_words_and_follow_the_counting() {
    let message = |counting: WindowCounting, lang: Lang| {
        let mut options = options();
        options.counting = counting;
        let record = Record::from_pairs(entrant("2021-06-10"));
        validate(&record, &options)
            .into_iter()
            .find(|issue| issue.code == Code::PassportRequired)
            .unwrap()
            .message(lang)
    };
    assert!(
        message(WindowCounting::EntryDayIsDayOne, Lang::Ja).contains("入国日から起算して28日以内")
    );
    assert!(message(WindowCounting::DayAfterEntryIsDayOne, Lang::Ja)
        .contains("入国日の翌日から起算して28日以内"));
    assert!(message(WindowCounting::DayAfterEntryIsDayOne, Lang::En).contains("day after entry"));
    let text = |counting| Code::PassportRequired.info().text(Lang::Ja, 28, counting);
    assert!(text(WindowCounting::EntryDayIsDayOne).contains("入国日から起算して28日以内"));
    assert!(
        text(WindowCounting::DayAfterEntryIsDayOne).contains("入国日の翌日から起算して28日以内")
    );
}

#[test]
fn each_case_has_its_own_message() {
    let status = find(
        &[(Status, "死亡"), (DeathPlace, "病院")],
        Code::DeathDateRequired,
    )
    .unwrap();
    assert!(status
        .message(Lang::Ja)
        .starts_with("現在のステータスが「死亡」のため"));
    let body = find(
        &[(CaseType, "感染症死亡者の死体"), (Status, "")],
        Code::DeathDateRequired,
    )
    .unwrap();
    assert!(
        body.message(Lang::Ja).contains("類型が死体のため"),
        "{}",
        body.message(Lang::Ja)
    );
    let japanese = find(
        &[(PassportNumber, "AB1234567"), (Nationality, "日本")],
        Code::PassportUnusual,
    )
    .unwrap();
    assert!(japanese.message(Lang::Ja).contains("MかT"));
    assert!(!japanese.message(Lang::Ja).contains("6〜9"));
    let foreign = find(
        &[(PassportNumber, "12345"), (Nationality, "米国")],
        Code::PassportUnusual,
    )
    .unwrap();
    assert!(foreign.message(Lang::Ja).contains("6〜9文字"));
    assert!(!foreign.message(Lang::Ja).contains("MかT"));
    let order = find(
        &[
            (FirstVisitDate, "2021-06-09"),
            (DiagnosisDate, "2021-06-08"),
        ],
        Code::DateOrder,
    )
    .unwrap();
    assert_eq!(
        order.message(Lang::Ja),
        "初診年月日が診断年月日より後の日付になっています。診断年月日は初診年月日と同じ日かそれより後のはずです。どちらの日付が正しいか確認してください。"
    );
}
