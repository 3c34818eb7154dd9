//! Issues: what a rule reports, with a stable code, the field to fix, and a
//! message in Japanese and English that never repeats the typed value.

use crate::fields::FieldKey;

/// How much an issue matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// The language of a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Ja,
    En,
}

macro_rules! codes {
    ($( $variant:ident $code:literal $severity:ident
        ja: $ja:literal en: $en:literal
        msg_ja: $msg_ja:literal msg_en: $msg_en:literal
        source: $source:literal ; )*) => {
        /// Every rule's stable code.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code { $($variant),* }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            pub fn info(self) -> &'static RuleInfo {
                &RULES[self as usize]
            }
        }

        /// The rules table: one entry per code, in the order of [`Code::ALL`].
        pub static RULES: &[RuleInfo] = &[$(RuleInfo {
            code: $code,
            severity: Severity::$severity,
            ja: $ja,
            en: $en,
            message_ja: $msg_ja,
            message_en: $msg_en,
            source: $source,
        }),*];
    };
}

// Message templates: {field} and {related} are field labels, {window} the
// passport window in days. Nothing the user typed is ever interpolated.
codes! {
    PassportRequired "passport.required" Error
        ja: "入国日から起算して28日以内に診断された入国者（帰国者）のパスポート番号が未入力"
        en: "Passport number missing for an entrant diagnosed within 28 days of entry"
        msg_ja: "診断年月日が入国日から起算して{window}日以内です。{field}を半角で入力してください。"
        msg_en: "The diagnosis is within {window} days of entry: enter the {field} in half-width characters."
        source: "notice 記1(2)①②; domain.md §2";
    PassportBoundaryDay "passport.boundary_day" Warning
        ja: "診断年月日が28日目の翌日（数え方により対象）でパスポート番号が未入力"
        en: "Passport number missing on the boundary day after the 28-day window"
        msg_ja: "診断年月日が入国日から{window}日の境界の日です。数え方によっては対象となるため、{field}を入力してください。"
        msg_en: "The diagnosis falls on the boundary day of the {window}-day window; depending on how days are counted it is covered: enter the {field}."
        source: "domain.md §2 decision (d = 28)";
    PassportHalfwidth "passport.halfwidth" Error
        ja: "パスポート番号に全角文字が含まれている"
        en: "Passport number contains full-width characters"
        msg_ja: "{field}は半角英数字で入力してください。"
        msg_en: "Enter the {field} in half-width letters and digits."
        source: "notice 記1(2)② (入力（半角）); domain.md §5";
    PassportNormalize "passport.normalize" Warning
        ja: "パスポート番号に小文字・空白・ハイフンが含まれている"
        en: "Passport number has lower case, spaces or hyphens"
        msg_ja: "{field}は大文字の英字と数字だけで、空白やハイフンを入れずに入力してください。"
        msg_en: "Enter the {field} in capital letters and digits, without spaces or hyphens."
        source: "domain.md §5";
    PassportFormat "passport.format" Error
        ja: "パスポート番号の形式が正しくない"
        en: "Passport number has the wrong format"
        msg_ja: "{field}の形式が正しくありません。日本の旅券は英字2文字と数字7桁、外国の旅券は英数字5〜12文字です。"
        msg_en: "The {field} has the wrong format: Japanese passports are 2 letters and 7 digits, others 5 to 12 letters and digits."
        source: "domain.md §5";
    PassportUnusual "passport.unusual" Warning
        ja: "パスポート番号の形式がまれ（日本旅券でM・T以外の頭文字、外国旅券で6〜9文字以外）"
        en: "Unusual passport number (Japanese not starting with M or T, foreign outside 6–9 characters)"
        msg_ja: "{field}の形式がまれです。旅券の記載と一致するか確認してください。"
        msg_en: "The {field} has an unusual form: check it against the passport."
        source: "domain.md §5";
    StatusRequired "status.required" Error
        ja: "現在のステータスが未入力"
        en: "Current status missing"
        msg_ja: "{field}を選択してください。"
        msg_en: "Choose the {field}."
        source: "notice 記2①";
    StatusUnknown "status.unknown" Error
        ja: "現在のステータスが選択肢にない"
        en: "Current status is not one of the options"
        msg_ja: "{field}は選択肢から選んでください。"
        msg_en: "Choose the {field} from the list."
        source: "notice 記2①; domain.md §3";
    DeathDateRequired "death.date_required" Error
        ja: "死亡の場合に死亡日付が未入力"
        en: "Date of death missing for a death"
        msg_ja: "死亡の場合は{field}を入力してください。"
        msg_en: "For a death, enter the {field}."
        source: "notice 記2① (死亡日付); domain.md §4 (死体の類型)";
    DeathPlaceRequired "death.place_required" Error
        ja: "死亡の場合に死亡場所が未入力"
        en: "Place of death missing for a death"
        msg_ja: "死亡の場合は{field}を選択してください。"
        msg_en: "For a death, choose the {field}."
        source: "notice 記2① (死亡場所)";
    DeathPlaceUnknown "death.place_unknown" Error
        ja: "死亡場所が選択肢にない"
        en: "Place of death is not one of the options"
        msg_ja: "{field}は選択肢から選んでください。"
        msg_en: "Choose the {field} from the list."
        source: "notice 記2①; domain.md §3";
    DeathWithoutStatus "death.without_status" Warning
        ja: "死亡日付・死亡場所があるのにステータスが死亡でない"
        en: "Date or place of death given but the status is not 死亡 (death)"
        msg_ja: "{related}が入力されていますが、{field}が「死亡」ではありません。"
        msg_en: "A {related} is given but the {field} is not 死亡 (death)."
        source: "notice 記2① (ステータスを死亡とした上で); domain.md §4";
    PlaceCategoryRequired "place.category_required" Error
        ja: "場所区分が未入力（不明なら「場所種別不明」）"
        en: "Place category missing (choose 場所種別不明 when unknown)"
        msg_ja: "{field}を選択してください。感染した場所が分からない場合は「場所種別不明」を選びます。"
        msg_en: "Choose the {field}; when the place is unknown, choose 場所種別不明 (unknown)."
        source: "notice 記2② (未入力のままとせず、場所種別不明)";
    PlaceCategoryUnknown "place.category_unknown" Error
        ja: "場所区分が選択肢にない"
        en: "Place category is not one of the options"
        msg_ja: "{field}は選択肢から選んでください。"
        msg_en: "Choose the {field} from the list."
        source: "notice 記2②; domain.md §3";
    PlaceNameWithUnknownCategory "place.name_with_unknown_category" Warning
        ja: "場所名称があるのに場所区分が「場所種別不明」"
        en: "Place name given but the place category is 場所種別不明 (unknown)"
        msg_ja: "{related}が分かっているなら、{field}は該当する区分を選んでください。"
        msg_en: "The {related} is known, so choose the matching {field}."
        source: "notice 記2② (場所が把握できている場合は該当する場所を選択)";
    PlaceNameMissing "place.name_missing" Info
        ja: "場所区分があり場所名称が未入力"
        en: "Place category chosen but no place name"
        msg_ja: "具体的な場所の名称が分かっていれば{field}に記入してください。"
        msg_en: "If the specific place is known, write it in the {field}."
        source: "notice 記2② (場所名称欄に記入)";
    FacilityCategoryUnknown "facility.category_unknown" Warning
        ja: "施設等区分が選択肢にない"
        en: "Facility category is not one of the options"
        msg_ja: "{field}は選択肢から選んでください。"
        msg_en: "Choose the {field} from the list."
        source: "notice of 2021-04-12 (発生届の施設等区分), cited by the notice; domain.md §3";
    ChoiceUnknown "choice.unknown" Warning
        ja: "類型・性別・重症度・感染地域が選択肢にない"
        en: "Case type, sex, severity or region is not one of the options"
        msg_ja: "{field}は選択肢から選んでください。"
        msg_en: "Choose the {field} from the list."
        source: "domain.md §3";
    DateInvalid "date.invalid" Error
        ja: "日付として読めない（西暦4桁・和暦で入力）"
        en: "Not a date (use a 4-digit year or a Japanese era)"
        msg_ja: "{field}は 2021-06-03、2021/6/3、令和3年6月3日、R3.6.3 のように入力してください。"
        msg_en: "Enter the {field} like 2021-06-03, 2021/6/3, 令和3年6月3日 or R3.6.3."
        source: "domain.md §6";
    DateImpossible "date.impossible" Error
        ja: "存在しない日付（2月30日など）"
        en: "A day that does not exist (such as 30 February)"
        msg_ja: "{field}は存在しない日付です。月と日を確認してください。"
        msg_en: "The {field} is not a real day: check the month and day."
        source: "domain.md §4 (dates are real calendar dates), §6";
    DateOutsideEra "date.outside_era" Error
        ja: "元号の期間外の和暦（令和元年4月30日など）"
        en: "Japanese era date outside its era (such as 令和元年4月30日)"
        msg_ja: "{field}の元号と年が合いません。元号の期間内の日付を入力してください。"
        msg_en: "The era and year of the {field} do not match: that day is outside the era."
        source: "domain.md §6";
    DateCanonical "date.canonical" Info
        ja: "日付をYYYY-MM-DD形式に統一できる"
        en: "Date can be written as YYYY-MM-DD"
        msg_ja: "{field}を YYYY-MM-DD 形式に統一できます。"
        msg_en: "The {field} can be written as YYYY-MM-DD."
        source: "domain.md §6";
    DateFuture "date.future" Error
        ja: "今日より後の日付"
        en: "Date after today"
        msg_ja: "{field}に未来の日付は入力できません。"
        msg_en: "The {field} cannot be in the future."
        source: "domain.md §4 decision";
    DateBeforeBirth "date.before_birth" Error
        ja: "生年月日より前の日付"
        en: "Date before the date of birth"
        msg_ja: "{field}が{related}より前になっています。"
        msg_en: "The {field} is before the {related}."
        source: "domain.md §4 decision";
    DateOrder "date.order" Error
        ja: "日付の順序が逆（初診≤診断≤報告、出国≤入国、感染推定・発病≤死亡、死亡≤診断（死体））"
        en: "Dates out of order (first visit ≤ diagnosis ≤ report, departure ≤ entry, infection/onset ≤ death, death ≤ diagnosis for a body)"
        msg_ja: "{field}は{related}以降の日付にしてください。"
        msg_en: "The {field} must be on or after the {related}."
        source: "domain.md §4 decision";
    DateOnsetOrder "date.onset_order" Warning
        ja: "感染推定≤発病≤診断の順でない"
        en: "Infection, onset and diagnosis are not in that order"
        msg_ja: "{field}が{related}より前になっています。確認してください。"
        msg_en: "The {field} is before the {related}: please check."
        source: "domain.md §4 decision (warning: onset after diagnosis happens)";
    EntryAfterDiagnosis "entry.after_diagnosis" Warning
        ja: "入国日が診断年月日より後"
        en: "Date of entry after the date of diagnosis"
        msg_ja: "{field}が{related}より後になっています。日付を確認してください。"
        msg_en: "The {field} is after the {related}: check the dates."
        source: "domain.md §2 decision (d < 0), §4";
    AgeInvalid "age.invalid" Error
        ja: "年齢が0〜150の整数でない"
        en: "Age is not a whole number from 0 to 150"
        msg_ja: "{field}は0〜150の数字で入力してください。"
        msg_en: "Enter the {field} as a whole number from 0 to 150."
        source: "domain.md §4 (age given); range 0–150 and the 歳/才 suffix are this project's decision";
    AgeMismatch "age.mismatch" Error
        ja: "年齢が生年月日と診断年月日から計算した年齢と違う"
        en: "Age differs from the age computed from the dates of birth and diagnosis"
        msg_ja: "{field}が{related}から計算した年齢と合いません。"
        msg_en: "The {field} does not match the age computed from the {related}."
        source: "domain.md §4 decision (年齢計算ニ関スル法律)";
    HeaderUnmapped "header.unmapped" Info
        ja: "列見出しがどの項目にも対応しない（列は保持）"
        en: "Column header maps to no field (the column is kept)"
        msg_ja: "この列見出しはどの項目にも対応しません。列はそのまま保持します。"
        msg_en: "This column header maps to no field; the column is kept as it is."
        source: "domain.md §7";
    RowColumns "row.columns" Error
        ja: "行の列数が見出しと違う"
        en: "Row has a different number of columns than the header"
        msg_ja: "この行の列数が見出し行と違います。"
        msg_en: "This row has a different number of columns than the header."
        source: "domain.md §7 (rows in = rows reported)";
    RowQuoting "row.quoting" Error
        ja: "行の引用符（\"）が閉じていない"
        en: "Row has an unclosed quote"
        msg_ja: "この行の引用符（\"）が閉じていません。"
        msg_en: "This row has an unclosed quote (\")."
        source: "domain.md §7 (rows in = rows reported)";
    RowTooLong "row.too_long" Error
        ja: "行が長すぎる（8 MiB または 10万列を超える。内容は確認せず）"
        en: "Row too long (over 8 MiB or 100,000 fields; its content is not checked)"
        msg_ja: "この行は長すぎるため内容を確認できません（8 MiB・10万列まで）。"
        msg_en: "This row is too long to check (8 MiB and 100,000 fields at most)."
        source: "domain.md §7 (rows in = rows reported); bounded memory";
    RowEncoding "row.encoding" Error
        ja: "行に文字コードとして読めないバイトがある"
        en: "Row has bytes that are not valid in the file's encoding"
        msg_ja: "この行に文字コードとして読めないバイトがあります。"
        msg_en: "This row has bytes that are not valid in the file's encoding."
        source: "domain.md §7 (UTF-8 or Shift_JIS)";
    FileBinary "file.binary" Error
        ja: "ファイルがCSV（テキスト）ではない（gzip・ZIP・Excel形式・PDFなど）。確認せず"
        en: "The file is not a CSV text file (gzip, ZIP, Excel workbook, PDF …); not audited"
        msg_ja: "このファイルはCSV（テキスト）ではありません（圧縮ファイル・Excel形式などのバイナリ）。CSVで保存したファイルを選んでください。BOMのないUTF-16なら文字コードを指定してください。"
        msg_en: "This file is not a CSV text file (it is compressed, an Excel workbook or other binary data). Choose a file saved as CSV; for UTF-16 without a BOM, choose the encoding."
        source: "docs/rules.md (batch audit: files)";
    FileHeaderUnterminated "file.header_unterminated" Error
        ja: "見出し行が終わらない（改行がなく、データ行を読めない）。確認せず"
        en: "The header line never ends (no line break, so no data row can be read); not audited"
        msg_ja: "見出し行が終わりません（8 MiB を超えるか、改行のないままファイルが終わり、データ行を読めません）。改行（CR LF・LF・CR）で行を区切ったCSVか確認してください。"
        msg_en: "The header line never ends (it is over 8 MiB, or the file ends without a line break after a long first line), so no data row can be read. Check that the file's lines end in CR LF, LF or CR."
        source: "docs/rules.md (batch audit: files)";
}

/// One row of the rules table.
#[derive(Debug)]
pub struct RuleInfo {
    pub code: &'static str,
    pub severity: Severity,
    /// What the rule checks, for the README and `rules()`.
    pub ja: &'static str,
    pub en: &'static str,
    message_ja: &'static str,
    message_en: &'static str,
    /// The clause of the notice or the domain.md decision it enforces.
    pub source: &'static str,
}

impl Code {
    pub fn as_str(self) -> &'static str {
        self.info().code
    }

    pub fn severity(self) -> Severity {
        self.info().severity
    }

    /// False for the file-level codes of the batch audit (`header.*`,
    /// `row.*`), which are about a column or a row rather than a field.
    pub fn field_level(self) -> bool {
        !matches!(
            self,
            Code::HeaderUnmapped
                | Code::RowColumns
                | Code::RowQuoting
                | Code::RowEncoding
                | Code::RowTooLong
                | Code::FileBinary
                | Code::FileHeaderUnterminated
        )
    }

    /// The codes that refuse a whole file (`file.*`): never on a row.
    pub fn is_file_refusal(self) -> bool {
        matches!(self, Code::FileBinary | Code::FileHeaderUnterminated)
    }

    /// The message of a file-level code, which names no field.
    pub fn message(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Ja => self.info().message_ja,
            Lang::En => self.info().message_en,
        }
    }

    pub fn from_code(code: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == code)
    }
}

/// A finding about one field of one record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    pub code: Code,
    /// The field the user should change.
    pub field: FieldKey,
    /// The other fields the finding depends on.
    pub related: Vec<FieldKey>,
    /// The exact replacement value for `field`, when it is known.
    pub fix: Option<String>,
    /// Fields the finding also depends on without naming them in its
    /// message (the 類型 that makes a death date required, say).
    pub depends: Vec<FieldKey>,
    /// The passport window in days, for the messages that name it.
    window_days: u32,
}

impl Issue {
    pub fn new(code: Code, field: FieldKey) -> Issue {
        Issue {
            code,
            field,
            related: Vec::new(),
            fix: None,
            depends: Vec::new(),
            window_days: 0,
        }
    }

    pub fn related(mut self, related: &[FieldKey]) -> Issue {
        self.related = related.to_vec();
        self
    }

    pub fn depends_on(mut self, fields: &[FieldKey]) -> Issue {
        self.depends = fields.to_vec();
        self
    }

    pub fn fix(mut self, fix: impl Into<String>) -> Issue {
        self.fix = Some(fix.into());
        self
    }

    pub(crate) fn window(mut self, days: u32) -> Issue {
        self.window_days = days;
        self
    }

    pub fn severity(&self) -> Severity {
        self.code.severity()
    }

    /// True when the issue is on `field` or depends on it: a change of
    /// `field` can make it appear, change or go.
    pub fn involves(&self, field: FieldKey) -> bool {
        self.field == field || self.related.contains(&field) || self.depends.contains(&field)
    }

    /// The message in `lang`: field labels and fixed text only.
    pub fn message(&self, lang: Lang) -> String {
        let info = self.code.info();
        let (template, label): (&str, fn(FieldKey) -> &'static str) = match lang {
            Lang::Ja => (info.message_ja, |f| f.info().ja),
            Lang::En => (info.message_en, |f| f.info().en),
        };
        let separator = if lang == Lang::Ja { "・" } else { " and " };
        let related: Vec<&str> = self.related.iter().map(|f| label(*f)).collect();
        let mut field_label = label(self.field).to_string();
        if lang == Lang::En {
            field_label = field_label.to_lowercase();
        }
        let mut related_label = related.join(separator);
        if lang == Lang::En {
            related_label = related_label.to_lowercase();
        }
        let message = template
            .replace("{field}", &field_label)
            .replace("{related}", &related_label)
            .replace("{window}", &self.window_days.to_string());
        if lang == Lang::En {
            capitalize(&message)
        } else {
            message
        }
    }
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_in_table_order() {
        for (index, code) in Code::ALL.iter().enumerate() {
            assert_eq!(*code as usize, index);
            assert_eq!(Code::from_code(code.as_str()), Some(*code));
        }
    }

    #[test]
    fn every_template_names_its_field() {
        for code in Code::ALL.iter().filter(|code| code.field_level()) {
            let info = code.info();
            assert!(info.message_ja.contains("{field}"), "{}", info.code);
            assert!(info.message_en.contains("{field}"), "{}", info.code);
            assert!(!info.source.is_empty());
        }
    }

    #[test]
    fn messages_use_labels() {
        let issue = Issue::new(Code::DateOrder, FieldKey::DiagnosisDate)
            .related(&[FieldKey::FirstVisitDate]);
        assert_eq!(
            issue.message(Lang::Ja),
            "診断年月日は初診年月日以降の日付にしてください。"
        );
        assert_eq!(
            issue.message(Lang::En),
            "The date of diagnosis must be on or after the date of first visit."
        );
        let issue = Issue::new(Code::PassportRequired, FieldKey::PassportNumber).window(28);
        assert!(issue.message(Lang::Ja).contains("28日以内"));
    }
}
