//! The field catalogue: the 発生届 fields the rules read, with stable keys,
//! labels in Japanese and English, their kind and their vocabulary.

use crate::width;

/// What a field holds, which decides how it is parsed and rendered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKind {
    Date,
    Choice,
    Text,
    Passport,
    Number,
}

impl FieldKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FieldKind::Date => "date",
            FieldKind::Choice => "choice",
            FieldKind::Text => "text",
            FieldKind::Passport => "passport",
            FieldKind::Number => "number",
        }
    }
}

/// The option lists of docs/rules.md §3, each replaceable by the caller.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VocabularyKey {
    CaseType,
    Sex,
    Status,
    DeathPlace,
    InfectionRegion,
    PlaceCategory,
    FacilityCategory,
    Severity,
}

impl VocabularyKey {
    pub const ALL: [VocabularyKey; 8] = [
        VocabularyKey::CaseType,
        VocabularyKey::Sex,
        VocabularyKey::Status,
        VocabularyKey::DeathPlace,
        VocabularyKey::InfectionRegion,
        VocabularyKey::PlaceCategory,
        VocabularyKey::FacilityCategory,
        VocabularyKey::Severity,
    ];

    /// The key of the list in a vocabulary object: the same as its field's.
    pub fn as_str(self) -> &'static str {
        match self {
            VocabularyKey::CaseType => "caseType",
            VocabularyKey::Sex => "sex",
            VocabularyKey::Status => "status",
            VocabularyKey::DeathPlace => "deathPlace",
            VocabularyKey::InfectionRegion => "infectionRegion",
            VocabularyKey::PlaceCategory => "placeCategory",
            VocabularyKey::FacilityCategory => "facilityCategory",
            VocabularyKey::Severity => "severity",
        }
    }

    pub fn from_key(key: &str) -> Option<VocabularyKey> {
        VocabularyKey::ALL.into_iter().find(|v| v.as_str() == key)
    }
}

macro_rules! fields {
    ($( $variant:ident $key:literal $ja:literal $en:literal $kind:ident $vocab:expr, [$($alias:literal),*] ;)*) => {
        /// A field of the 発生届 record, by its stable key.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum FieldKey { $($variant),* }

        impl FieldKey {
            /// Every field, in the order of the catalogue.
            pub const ALL: &'static [FieldKey] = &[$(FieldKey::$variant),*];

            /// The field's entry in the catalogue.
            pub fn info(self) -> &'static FieldInfo {
                &CATALOGUE[self as usize]
            }

            /// The field's kind, as in [`FieldInfo::kind`], usable in
            /// constants ([`FieldKey::of_kind`]).
            pub const fn kind(self) -> FieldKind {
                match self { $(FieldKey::$variant => FieldKind::$kind),* }
            }
        }

        /// The catalogue, in the order of [`FieldKey::ALL`].
        pub static CATALOGUE: &[FieldInfo] = &[$(FieldInfo {
            key: $key,
            ja: $ja,
            en: $en,
            kind: FieldKind::$kind,
            vocabulary: $vocab,
            aliases: &[$($alias),*],
        }),*];
    };
}

fields! {
    ReportDate "reportDate" "報告年月日" "Report date" Date None, ["届出年月日"];
    CaseType "caseType" "類型" "Case type" Choice Some(VocabularyKey::CaseType), [];
    Sex "sex" "性別" "Sex" Choice Some(VocabularyKey::Sex), ["患者_性別"];
    BirthDate "birthDate" "生年月日" "Date of birth" Date None, [];
    Age "age" "診断時の年齢" "Age at diagnosis" Number None, ["年齢", "患者_年齢"];
    Occupation "occupation" "職業" "Occupation" Text None, ["患者_職業"];
    OnsetDate "onsetDate" "発病年月日" "Date of onset" Date None, ["発症年月日", "発症_年月日", "発症日"];
    FirstVisitDate "firstVisitDate" "初診年月日" "Date of first visit" Date None, [];
    DiagnosisDate "diagnosisDate" "診断年月日" "Date of diagnosis" Date None, ["診断（検案）年月日", "診断日", "事例確定_年月日", "確定日", "陽性確定日", "判明日"];
    InfectionDate "infectionDate" "感染したと推定される年月日" "Estimated date of infection" Date None, ["感染推定年月日", "感染推定日"];
    DeathDate "deathDate" "死亡日付" "Date of death" Date None, ["死亡年月日", "死亡日"];
    Status "status" "現在のステータス" "Current status" Choice Some(VocabularyKey::Status), ["ステータス"];
    DeathPlace "deathPlace" "死亡場所" "Place of death" Choice Some(VocabularyKey::DeathPlace), [];
    InfectionRegion "infectionRegion" "感染地域" "Region of infection" Choice Some(VocabularyKey::InfectionRegion), [];
    Country "country" "国名" "Country" Text None, ["渡航先"];
    DepartureDate "departureDate" "出国日" "Date of departure" Date None, ["出国年月日"];
    EntryDate "entryDate" "入国日" "Date of entry" Date None, ["入国年月日", "帰国日", "到着日"];
    Nationality "nationality" "国籍" "Nationality" Text None, [];
    PassportNumber "passportNumber" "パスポート番号（旅券番号）" "Passport number" Passport None, ["旅券番号"];
    PlaceCategory "placeCategory" "場所区分" "Place category" Choice Some(VocabularyKey::PlaceCategory), [];
    PlaceName "placeName" "場所名称" "Place name" Text None, [];
    FacilityCategory "facilityCategory" "施設等区分" "Facility category" Choice Some(VocabularyKey::FacilityCategory), [];
    Severity "severity" "重症度" "Severity" Choice Some(VocabularyKey::Severity), [];
}

/// A group of fields as the HER-SYS 発生届 screen shows them: forms render
/// the groups in this order, each with its fields in this order.
#[derive(Debug)]
pub struct FieldGroup {
    /// A stable id (`basic`, `dates`, …).
    pub id: &'static str,
    pub ja: &'static str,
    pub en: &'static str,
    pub fields: &'static [FieldKey],
}

/// Every field is in exactly one group (a test checks it), so a new field
/// shows on the form page once it is placed here.
pub static GROUPS: &[FieldGroup] = {
    use FieldKey::*;
    &[
        FieldGroup {
            id: "basic",
            ja: "基本情報",
            en: "Basic information",
            fields: &[
                ReportDate,
                CaseType,
                Sex,
                BirthDate,
                Age,
                Occupation,
                Severity,
                FacilityCategory,
            ],
        },
        FieldGroup {
            id: "dates",
            ja: "日付",
            en: "Dates",
            fields: &[OnsetDate, FirstVisitDate, DiagnosisDate, InfectionDate],
        },
        FieldGroup {
            id: "entry",
            ja: "入国・旅券",
            en: "Entry and passport",
            fields: &[
                InfectionRegion,
                Country,
                DepartureDate,
                EntryDate,
                Nationality,
                PassportNumber,
            ],
        },
        FieldGroup {
            id: "status",
            ja: "現在のステータス",
            en: "Current status",
            fields: &[Status, DeathDate, DeathPlace],
        },
        FieldGroup {
            id: "place",
            ja: "感染原因・感染経路・感染地域",
            en: "Cause, route and place of infection",
            fields: &[PlaceCategory, PlaceName],
        },
    ]
};

/// How many fields a record has.
pub const FIELD_COUNT: usize = FieldKey::ALL.len();

/// One entry of the field catalogue.
#[derive(Debug)]
pub struct FieldInfo {
    /// The stable key used in records, options and issues.
    pub key: &'static str,
    /// The label on the HER-SYS screen.
    pub ja: &'static str,
    pub en: &'static str,
    pub kind: FieldKind,
    /// The option list of a choice field.
    pub vocabulary: Option<VocabularyKey>,
    /// Other Japanese labels seen in forms and exports.
    pub aliases: &'static [&'static str],
}

impl FieldKey {
    /// How many fields are of `kind`: the length for [`FieldKey::of_kind`].
    pub const fn count_of_kind(kind: FieldKind) -> usize {
        let mut count = 0;
        let mut index = 0;
        while index < FieldKey::ALL.len() {
            if FieldKey::ALL[index].kind() as u8 == kind as u8 {
                count += 1;
            }
            index += 1;
        }
        count
    }

    /// The fields of `kind`, in catalogue order, worked out at compile time
    /// so that a rule over every field of a kind (the date checks) cannot
    /// miss a field added later. `N` must be [`FieldKey::count_of_kind`].
    pub const fn of_kind<const N: usize>(kind: FieldKind) -> [FieldKey; N] {
        let mut fields = [FieldKey::ALL[0]; N];
        let mut count = 0;
        let mut index = 0;
        while index < FieldKey::ALL.len() {
            let field = FieldKey::ALL[index];
            if field.kind() as u8 == kind as u8 {
                assert!(count < N, "of_kind: N is less than count_of_kind");
                fields[count] = field;
                count += 1;
            }
            index += 1;
        }
        assert!(count == N, "of_kind: N is more than count_of_kind");
        fields
    }

    pub fn as_str(self) -> &'static str {
        self.info().key
    }

    /// The field with this stable key (exact, case-sensitive).
    pub fn from_key(key: &str) -> Option<FieldKey> {
        FieldKey::ALL.iter().copied().find(|f| f.as_str() == key)
    }

    /// The field named by a key or a Japanese label, as a form or a file
    /// header spells it: full-width or half-width, with or without the
    /// parenthesised parts, ignoring spaces, `_` and the case of keys.
    pub fn lookup(name: &str) -> Option<FieldKey> {
        FieldKey::lookup_header(name).map(|(field, _)| field)
    }

    /// [`lookup`](Self::lookup), telling how the name matched:
    /// [`HeaderMatch::Label`] for the field's own key or label, else
    /// [`HeaderMatch::Alias`] (an alias seen in public files, or the name
    /// after dropping a bracketed note at its end: 入国日（帰国日）,
    /// 診断年月日【必須】, `[]` too), which a report shows so that nothing is
    /// mapped silently (docs/rules.md §7).
    pub fn lookup_header(name: &str) -> Option<(FieldKey, HeaderMatch)> {
        LabelIndex::new().lookup_header(name)
    }
}

/// Every field's names in their compared form, folded once: a file's
/// header search looks up hundreds of cells.
#[derive(Clone, Debug)]
pub struct LabelIndex {
    /// Keys and labels (with and without their parenthesised part).
    own: Vec<(String, FieldKey)>,
    aliases: Vec<(String, FieldKey)>,
}

impl Default for LabelIndex {
    fn default() -> Self {
        LabelIndex::new()
    }
}

impl LabelIndex {
    pub fn new() -> LabelIndex {
        let forms = |label: &str| [label_form(label), label_form(&without_parentheses(label))];
        let mut own = Vec::new();
        let mut aliases = Vec::new();
        for &field in FieldKey::ALL {
            let info = field.info();
            own.push((label_form(info.key), field));
            own.extend(forms(info.ja).map(|form| (form, field)));
            for alias in info.aliases {
                aliases.extend(forms(alias).map(|form| (form, field)));
            }
        }
        LabelIndex { own, aliases }
    }

    /// [`FieldKey::lookup_header`].
    pub fn lookup_header(&self, name: &str) -> Option<(FieldKey, HeaderMatch)> {
        let mut wanted = label_form(name);
        let mut how = HeaderMatch::Label;
        loop {
            if wanted.is_empty() {
                return None;
            }
            let find = |list: &[(String, FieldKey)]| {
                list.iter()
                    .find(|(form, _)| *form == wanted)
                    .map(|&(_, field)| field)
            };
            if let Some(field) = find(&self.own) {
                return Some((field, how));
            }
            if let Some(field) = find(&self.aliases) {
                return Some((field, HeaderMatch::Alias));
            }
            wanted = without_trailing_note(&wanted)?;
            how = HeaderMatch::Alias;
        }
    }
}

/// How a header named its field (see [`FieldKey::lookup_header`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeaderMatch {
    /// The field's key or its label on the HER-SYS screen.
    Label,
    /// Another name: an alias, or the name without a bracketed note.
    Alias,
}

/// A label form without the bracketed note that ends it (`入国日(帰国日)`
/// → `入国日`); `None` when it ends in no note or is only a note.
fn without_trailing_note(form: &str) -> Option<String> {
    let close = form.chars().next_back()?;
    let open = match close {
        ')' => '(',
        ']' => '[',
        '】' => '【',
        '〕' => '〔',
        '》' => '《',
        _ => return None,
    };
    let (rest, _note) = form.strip_suffix(close)?.rsplit_once(open)?;
    let rest = rest.trim_end();
    (!rest.is_empty()).then(|| rest.to_string())
}

/// Folded, upper-cased, without spaces, underscores or dots: a label as
/// people retype it.
fn label_form(label: &str) -> String {
    width::comparable(label)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '・' | '.'))
        .collect()
}

fn without_parentheses(label: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::new();
    for c in label.chars().map(width::fold_ascii) {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalogue_is_in_enum_order_with_unique_keys() {
        for (index, field) in FieldKey::ALL.iter().enumerate() {
            assert_eq!(*field as usize, index);
            assert_eq!(FieldKey::from_key(field.as_str()), Some(*field));
            assert_eq!(field.kind(), field.info().kind);
        }
    }

    #[test]
    fn of_kind_lists_the_catalogue_fields_of_that_kind_in_order() {
        fn listed(kind: FieldKind) -> Vec<FieldKey> {
            FieldKey::ALL
                .iter()
                .copied()
                .filter(|field| field.info().kind == kind)
                .collect()
        }
        const DATES: [FieldKey; FieldKey::count_of_kind(FieldKind::Date)] =
            FieldKey::of_kind(FieldKind::Date);
        const CHOICES: [FieldKey; FieldKey::count_of_kind(FieldKind::Choice)] =
            FieldKey::of_kind(FieldKind::Choice);
        const PASSPORTS: [FieldKey; FieldKey::count_of_kind(FieldKind::Passport)] =
            FieldKey::of_kind(FieldKind::Passport);
        assert_eq!(DATES.to_vec(), listed(FieldKind::Date));
        assert_eq!(CHOICES.to_vec(), listed(FieldKind::Choice));
        assert_eq!(PASSPORTS.to_vec(), listed(FieldKind::Passport));
        assert!(DATES.contains(&FieldKey::EntryDate) && !DATES.contains(&FieldKey::Age));
    }

    #[test]
    fn every_field_is_in_exactly_one_group() {
        for field in FieldKey::ALL {
            let homes = GROUPS.iter().filter(|g| g.fields.contains(field)).count();
            assert_eq!(homes, 1, "{} is in {homes} groups", field.as_str());
        }
        let total: usize = GROUPS.iter().map(|g| g.fields.len()).sum();
        assert_eq!(total, FIELD_COUNT);
        let mut ids: Vec<_> = GROUPS.iter().map(|g| g.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), GROUPS.len());
    }

    #[test]
    fn looks_up_by_key_and_japanese_label() {
        assert_eq!(
            FieldKey::lookup("passportNumber"),
            Some(FieldKey::PassportNumber)
        );
        assert_eq!(
            FieldKey::lookup("PASSPORTNUMBER"),
            Some(FieldKey::PassportNumber)
        );
        assert_eq!(
            FieldKey::lookup("パスポート番号（旅券番号）"),
            Some(FieldKey::PassportNumber)
        );
        assert_eq!(
            FieldKey::lookup("パスポート番号"),
            Some(FieldKey::PassportNumber)
        );
        assert_eq!(
            FieldKey::lookup("パスポート番号(旅券番号)"),
            Some(FieldKey::PassportNumber)
        );
        assert_eq!(
            FieldKey::lookup(" 旅券番号 "),
            Some(FieldKey::PassportNumber)
        );
        assert_eq!(
            FieldKey::lookup("診断年月日"),
            Some(FieldKey::DiagnosisDate)
        );
        assert_eq!(FieldKey::lookup("発症_年月日"), Some(FieldKey::OnsetDate));
        assert_eq!(
            FieldKey::lookup("ｄｉａｇｎｏｓｉｓＤａｔｅ"),
            Some(FieldKey::DiagnosisDate)
        );
        assert_eq!(
            FieldKey::lookup("現在の ステータス"),
            Some(FieldKey::Status)
        );
    }

    #[test]
    fn unknown_names_map_to_nothing() {
        assert_eq!(FieldKey::lookup(""), None);
        assert_eq!(FieldKey::lookup("（）"), None);
        assert_eq!(FieldKey::lookup("備考"), None);
    }
}
