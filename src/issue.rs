//! Issues: what a rule reports, with a stable code, the field to fix, and a
//! message in Japanese and English that never repeats the typed value.

use crate::fields::FieldKey;
use crate::options::WindowCounting;

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

/// The optional fix label of a code: `None` when the code gives none.
macro_rules! fix_label {
    () => {
        None
    };
    ($ja:literal $en:literal) => {
        Some(FixLabel { ja: $ja, en: $en })
    };
}

/// The optional second message of a code: `None` when it has one message.
macro_rules! alt_message {
    () => {
        None
    };
    ($ja:literal $en:literal) => {
        Some(($ja, $en))
    };
}

macro_rules! codes {
    ($( $variant:ident $code:literal $severity:ident
        ja: $ja:literal en: $en:literal
        msg_ja: $msg_ja:literal msg_en: $msg_en:literal
        $( alt_ja: $alt_ja:literal alt_en: $alt_en:literal )?
        source: $source:literal
        $( fix: $fix_ja:literal $fix_en:literal )? ; )*) => {
        /// Every rule's stable code.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code { $($variant),* }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            pub fn info(self) -> &'static CodeInfo {
                &CODES[self as usize]
            }
        }

        /// The code table: one entry per code, in the order of [`Code::ALL`].
        /// The messages of the file-level codes, which only the batch audit
        /// reports, are in the module built with it alone (the forms module
        /// has them empty).
        pub static CODES: &[CodeInfo] = &[$(CodeInfo {
            code: $code,
            severity: Severity::$severity,
            ja: $ja,
            en: $en,
            message_ja: audit_message(Code::$variant, $msg_ja),
            message_en: audit_message(Code::$variant, $msg_en),
            alternative: alt_message!($($alt_ja $alt_en)?),
            source: $source,
            fix_label: fix_label!($($fix_ja $fix_en)?),
        }),*];
    };
}

// Message templates: {field} and {related} are field labels, {window} the
// passport window in days and {counted} how its days are counted, in the
// notice's words (rule texts take both too). A code with two cases has a
// second message (`alt_ja`, `alt_en`), chosen by the issue's variant.
// Nothing the user typed is ever interpolated. Sources cite the notice (記1, 記2①…) and the
// sections of docs/rules.md, which ships with the package.
codes! {
    PassportRequired "passport.required" Error
        ja: "{counted}{window}日以内に診断された入国者（帰国者）のパスポート番号が未入力"
        en: "Passport number missing for an entrant diagnosed within {window} days of entry ({counted})"
        msg_ja: "診断年月日が{counted}{window}日以内です。入国者（帰国者）は日本人も含めて全員が対象のため、{field}を聴取して半角で入力してください。"
        msg_en: "The diagnosis is within {window} days of entry ({counted}). Every entrant or returnee, Japanese nationals included, needs the {field}: ask for it and enter it in half-width characters."
        source: "notice 記1(1), 記1(2)①②; docs/rules.md §2";
    PassportBoundaryDay "passport.boundary_day" Warning
        ja: "診断年月日が入国日から起算して{window}日を過ぎたが、入国日の翌日から起算すると{window}日以内で、パスポート番号が未入力"
        en: "Passport number missing when the diagnosis is {window} days after entry: outside the window counted from the day of entry, inside it counted from the day after"
        msg_ja: "診断年月日は入国日から起算すると{window}日を過ぎていますが、入国日の翌日から起算すると{window}日以内です。どちらの数え方でも漏れないよう、{field}を聴取して半角で入力してください。"
        msg_en: "The diagnosis is {window} days after the day of entry: outside the window when the day of entry counts as day 1, inside it when the day after entry does. So that neither counting misses it, ask for the {field} and enter it in half-width characters."
        source: "notice 記1(2)① (入国日から起算して); docs/rules.md §2";
    PassportHalfwidth "passport.halfwidth" Error
        ja: "パスポート番号に全角文字が含まれている"
        en: "Passport number contains full-width characters"
        msg_ja: "{field}に全角文字が含まれています。半角英数字で入力してください。"
        msg_en: "The {field} contains full-width characters: enter it in half-width letters and digits."
        source: "notice 記1(2)② (入力（半角）); docs/rules.md §5"
        fix: "全角→半角（{fix}）" "Convert to half-width ({fix})";
    PassportNormalize "passport.normalize" Warning
        ja: "パスポート番号に小文字・空白・ハイフン・句読点が含まれている"
        en: "Passport number has lower case, spaces, hyphens or punctuation"
        msg_ja: "{field}は英大文字と数字だけで、空白・ハイフン・句読点を入れずに入力してください。"
        msg_en: "Enter the {field} in capital letters and digits only, without spaces, hyphens or punctuation."
        source: "docs/rules.md §5 (tidying beyond 半角, the project's decision)"
        fix: "半角大文字に統一（{fix}）" "Use upper case, no spaces ({fix})";
    PassportFormat "passport.format" Error
        ja: "パスポート番号の形式が正しくない"
        en: "Passport number has the wrong format"
        msg_ja: "{field}の形式が正しくありません。日本の旅券は英字2文字と数字7桁、外国の旅券は英数字5〜12文字です。旅券の記載どおりに入力してください。"
        msg_en: "The {field} has the wrong format: Japanese passports have 2 letters and 7 digits, others 5 to 12 letters and digits. Enter it as printed in the passport."
        source: "docs/rules.md §5 (ICAO 9303)";
    PassportUnusual "passport.unusual" Warning
        ja: "パスポート番号の形式がまれ（日本旅券でM・T以外の頭文字、外国旅券で6〜9文字以外）"
        en: "Unusual passport number (Japanese not starting with M or T, foreign outside 6–9 characters)"
        msg_ja: "{field}が日本の旅券としてはまれな形式です。日本の旅券番号は通常MかTで始まります。旅券の記載どおりか確認してください。"
        msg_en: "The {field} is unusual for a Japanese passport, whose numbers usually start with M or T: check that it is exactly as printed in the passport."
        alt_ja: "{field}の文字数がまれです。外国の旅券番号は通常6〜9文字です。旅券の記載どおりか確認してください。"
        alt_en: "The {field} has an unusual length: foreign passport numbers usually have 6 to 9 characters. Check that it is exactly as printed in the passport."
        source: "docs/rules.md §5 (ICAO 9303)";
    DiagnosisRequired "diagnosis.required" Error
        ja: "診断年月日が未入力（パスポート番号の要否を判断できない）"
        en: "Date of diagnosis missing (the passport rule cannot be checked)"
        msg_ja: "{field}を入力してください。発生届に必要で、パスポート番号が必要かどうかの判断にも使います。"
        msg_en: "Enter the {field}: every notification needs it, and the passport rule depends on it."
        source: "notice 記1(2)① (「診断年月日」を確認); docs/rules.md §2";
    EntryDateMissing "entry.date_missing" Warning
        ja: "渡航歴（感染地域が国外、出国日、国名）があるのに入国日が未入力"
        en: "Travel abroad shown (region 国外, a date of departure or a country) but no date of entry"
        msg_ja: "渡航歴（感染地域「国外」・出国日・国名）がありますが、{field}が未入力です。パスポート番号が必要か判断できるよう、{field}を入力してください。"
        msg_en: "The record shows travel abroad (region of infection 国外, a date of departure or a country) but no {field}: enter the {field} so that the passport rule can be checked."
        source: "notice 記1(2)① (「入国日欄」を確認); docs/rules.md §2";
    StatusRequired "status.required" Error
        ja: "現在のステータスが未入力"
        en: "Current status missing"
        msg_ja: "{field}を選択してください。"
        msg_en: "Choose the {field}."
        source: "notice 記2①";
    StatusUnknown "status.unknown" Warning
        ja: "現在のステータスがこのツールの既定の選択肢にない（HER-SYSの画面の表記か確認）"
        en: "Current status is not in this tool's default list (check it is spelled as on the HER-SYS screen)"
        msg_ja: "{field}の値がこのツールの既定の選択肢にありません。HER-SYSの画面の表記どおりか確認してください。"
        msg_en: "The {field} is not in this tool's default list: check that it is spelled as on the HER-SYS screen."
        source: "notice 記2①; docs/rules.md §3";
    StatusNotInList "status.not_in_list" Error
        ja: "現在のステータスが呼び出し側の指定した選択肢にない"
        en: "Current status is not in the list given in the options"
        msg_ja: "{field}の値が指定された選択肢にありません。選択肢から選んでください。"
        msg_en: "The {field} is not one of the options given: choose one of them."
        source: "notice 記2①; docs/rules.md §3";
    DeathDateRequired "death.date_required" Error
        ja: "死亡（または死体の類型）なのに死亡日付が未入力"
        en: "Date of death missing for a death (or a body)"
        msg_ja: "{related}が「死亡」のため、{field}を入力してください。"
        msg_en: "The {related} is 死亡 (death): enter the {field}."
        alt_ja: "{related}が死体のため、{field}を入力してください。"
        alt_en: "The {related} is a body: enter the {field}."
        source: "notice 記2① (死亡日付); docs/rules.md §4";
    DeathPlaceRequired "death.place_required" Error
        ja: "死亡の場合に死亡場所が未入力"
        en: "Place of death missing for a death"
        msg_ja: "{related}が「死亡」のため、{field}を選択してください。"
        msg_en: "The {related} is 死亡 (death): choose the {field}."
        source: "notice 記2① (死亡場所)";
    DeathPlaceUnknown "death.place_unknown" Warning
        ja: "死亡場所がこのツールの既定の選択肢にない（HER-SYSの画面の表記か確認）"
        en: "Place of death is not in this tool's default list (check it is spelled as on the HER-SYS screen)"
        msg_ja: "{field}の値がこのツールの既定の選択肢にありません。HER-SYSの画面の表記どおりか確認してください。"
        msg_en: "The {field} is not in this tool's default list: check that it is spelled as on the HER-SYS screen."
        source: "notice 記2①; docs/rules.md §3";
    DeathPlaceNotInList "death.place_not_in_list" Error
        ja: "死亡場所が呼び出し側の指定した選択肢にない"
        en: "Place of death is not in the list given in the options"
        msg_ja: "{field}の値が指定された選択肢にありません。選択肢から選んでください。"
        msg_en: "The {field} is not one of the options given: choose one of them."
        source: "notice 記2①; docs/rules.md §3";
    DeathWithoutStatus "death.without_status" Warning
        ja: "死亡日付・死亡場所があるのにステータスが死亡でない"
        en: "Date or place of death entered but the status is not 死亡 (death)"
        msg_ja: "{related}が入力されていますが、{field}が「死亡」ではありません。死亡した場合は{field}を「死亡」にし、そうでなければ{related}を確認してください。"
        msg_en: "With the {related} entered, the {field} should be 死亡 (death): if the patient has died, choose 死亡; if not, check the {related}."
        source: "notice 記2① (「現在のステータス」を「死亡」とした上で); docs/rules.md §4";
    DeathBodyWithoutStatus "death.body_without_status" Error
        ja: "類型が死体（感染症死亡者・感染症死亡疑い者の死体）なのにステータスが死亡でない"
        en: "Case type is a body but the current status is not 死亡 (death)"
        msg_ja: "{related}が死体のため、{field}は「死亡」を選択してください。"
        msg_en: "The {related} is a body, so choose 死亡 (death) as the {field}."
        source: "notice 記2①; docs/rules.md §4 (死体の類型)";
    DeathBeforeDiagnosis "death.before_diagnosis" Warning
        ja: "死体以外の類型で、死亡日付が初診年月日・診断年月日より前"
        en: "Date of death before the first visit or the diagnosis for a case type that is not a body"
        msg_ja: "{field}が{related}より前です。診断の前に亡くなった場合、類型は「感染症死亡者の死体」か「感染症死亡疑い者の死体」です。日付と類型を確認してください。"
        msg_en: "The {field} is before the {related}: a person who died before being diagnosed is reported with a body case type (感染症死亡者の死体 or 感染症死亡疑い者の死体). Check the dates and the case type."
        source: "notice 記2①; docs/rules.md §4 (死体の類型)";
    PlaceCategoryRequired "place.category_required" Error
        ja: "場所区分が未入力（把握できていない場合も空欄にせず「場所種別不明」）"
        en: "Place category missing (choose 場所種別不明 when the place is not known)"
        msg_ja: "{field}を選択してください。感染源となる場所が把握できている場合は該当する区分を、把握できていない場合も空欄にせず「場所種別不明」を選択してください。"
        msg_en: "Choose the {field}: the matching category when the place of infection is known; when it is not known, do not leave it empty but choose 場所種別不明 (unknown)."
        source: "notice 記2② (未入力のままとせず、「場所種別不明」を選択); docs/rules.md §2"
        fix: "「{fix}」を選択" "Choose {fix} (unknown)";
    PlaceCategoryUnknown "place.category_unknown" Warning
        ja: "場所区分がこのツールの既定の選択肢にない（HER-SYSの画面の表記か確認）"
        en: "Place category is not in this tool's default list (check it is spelled as on the HER-SYS screen)"
        msg_ja: "{field}の値がこのツールの既定の選択肢にありません。HER-SYSの画面の表記どおりか確認してください。"
        msg_en: "The {field} is not in this tool's default list: check that it is spelled as on the HER-SYS screen."
        source: "notice 記2②; docs/rules.md §3";
    PlaceCategoryNotInList "place.category_not_in_list" Error
        ja: "場所区分が呼び出し側の指定した選択肢にない"
        en: "Place category is not in the list given in the options"
        msg_ja: "{field}の値が指定された選択肢にありません。選択肢から選んでください。"
        msg_en: "The {field} is not one of the options given: choose one of them."
        source: "notice 記2②; docs/rules.md §3";
    PlaceNameWithUnknownCategory "place.name_with_unknown_category" Warning
        ja: "場所名称があるのに場所区分が「場所種別不明」"
        en: "Place name entered but the place category is 場所種別不明 (unknown)"
        msg_ja: "{related}が入力されているため、感染した場所は把握できています。{field}は「場所種別不明」ではなく、その場所に当たる区分を選択してください。"
        msg_en: "A {related} is entered, so the place of infection is known: choose the {field} that fits it instead of 場所種別不明 (unknown)."
        source: "notice 記2② (場所が把握できている場合は該当する場所を選択)";
    PlaceNameMissing "place.name_missing" Info
        ja: "場所区分があり場所名称が未入力"
        en: "Place category chosen but no place name"
        msg_ja: "具体的な場所の名称が分かっていれば、{field}に記入してください。"
        msg_en: "If the specific place is known, write its name in the {field}."
        source: "notice 記2② (「場所名称」欄に記入)";
    FacilityCategoryUnknown "facility.category_unknown" Warning
        ja: "施設等区分がこのツールの既定の選択肢にない（HER-SYSの画面の表記か確認）"
        en: "Facility category is not in this tool's default list (check it is spelled as on the HER-SYS screen)"
        msg_ja: "{field}の値がこのツールの既定の選択肢にありません。HER-SYSの画面の表記どおりか確認してください。"
        msg_en: "The {field} is not in this tool's default list: check that it is spelled as on the HER-SYS screen."
        source: "notice of 2021-04-12 (発生届の施設等区分), cited by the notice; docs/rules.md §3";
    FacilityCategoryNotInList "facility.category_not_in_list" Error
        ja: "施設等区分が呼び出し側の指定した選択肢にない"
        en: "Facility category is not in the list given in the options"
        msg_ja: "{field}の値が指定された選択肢にありません。選択肢から選んでください。"
        msg_en: "The {field} is not one of the options given: choose one of them."
        source: "notice of 2021-04-12 (発生届の施設等区分), cited by the notice; docs/rules.md §3";
    ChoiceUnknown "choice.unknown" Warning
        ja: "類型・性別・重症度・感染地域がこのツールの既定の選択肢にない（HER-SYSの画面の表記か確認）"
        en: "Case type, sex, severity or region is not in this tool's default list (check it is spelled as on the HER-SYS screen)"
        msg_ja: "{field}の値がこのツールの既定の選択肢にありません。HER-SYSの画面の表記どおりか確認してください。"
        msg_en: "The {field} is not in this tool's default list: check that it is spelled as on the HER-SYS screen."
        source: "docs/rules.md §3";
    ChoiceNotInList "choice.not_in_list" Error
        ja: "類型・性別・重症度・感染地域が呼び出し側の指定した選択肢にない"
        en: "Case type, sex, severity or region is not in the list given in the options"
        msg_ja: "{field}の値が指定された選択肢にありません。選択肢から選んでください。"
        msg_en: "The {field} is not one of the options given: choose one of them."
        source: "docs/rules.md §3";
    ChoiceCanonical "choice.canonical" Info
        ja: "選択肢の値を選択肢の表記にそろえられる（全角・半角、空白、男性→男など）"
        en: "A choice can be written as its option list spells it (width, spaces, 男性 → 男 …)"
        msg_ja: "{field}は選択肢の表記どおりに入力してください（修正案の表記にそろえることができます）。"
        msg_en: "Write the {field} as its option list spells it (the fix does it)."
        source: "docs/rules.md §3 (corrected values are canonical)"
        fix: "「{fix}」にそろえる" "Write it as {fix}";
    DateInvalid "date.invalid" Error
        ja: "日付として読めない（西暦4桁・和暦で入力）"
        en: "Not a date (use a 4-digit year or a Japanese era)"
        msg_ja: "{field}を日付として読めません。2021-06-03、2021/6/3、令和3年6月3日、R3.6.3 のように年・月・日を入力してください。"
        msg_en: "The {field} cannot be read as a date: enter the year, month and day like 2021-06-03, 2021/6/3, 令和3年6月3日 or R3.6.3."
        source: "docs/rules.md §6";
    DateImpossible "date.impossible" Error
        ja: "存在しない日付（2月30日など）"
        en: "A day that does not exist (such as 30 February)"
        msg_ja: "{field}は存在しない日付です。月と日を確認してください。"
        msg_en: "The {field} is not a real day: check the month and day."
        source: "docs/rules.md §6";
    DateOutsideEra "date.outside_era" Error
        ja: "元号の期間外の和暦（令和元年4月30日など）"
        en: "Japanese era date outside its era (such as 令和元年4月30日)"
        msg_ja: "{field}はその元号の期間外の日付です。元号と年月日を確認してください。"
        msg_en: "The {field} is a day outside the era it names: check the era, year, month and day."
        source: "docs/rules.md §6";
    DateTooEarly "date.too_early" Error
        ja: "1900年1月1日より前の日付（年の入力誤り）"
        en: "Date before 1 January 1900 (a mistyped year)"
        msg_ja: "{field}が1900年より前の日付です。発生届の日付がそれより前になることはないため、年の桁の打ち間違いがないか確認してください。"
        msg_en: "The {field} is before the year 1900, which no notification date is: check the year for a mistyped digit."
        source: "docs/rules.md §6";
    DateWeekdayMismatch "date.weekday_mismatch" Warning
        ja: "日付に添えた曜日が日付と合わない"
        en: "The weekday written with a date does not match it"
        msg_ja: "{field}に添えた曜日が日付と合いません。日付と曜日のどちらが正しいか確認してください。"
        msg_en: "The weekday written with the {field} does not match the date: check which of the two is right."
        source: "docs/rules.md §6";
    DatePlaceholder "date.placeholder" Warning
        ja: "日付の欄に「調査中」「不明」などの語（日付は未入力として扱う）"
        en: "A word such as 調査中 or 不明 in a date field (the date counts as not given)"
        msg_ja: "{field}に日付ではなく、日付がまだ分からないことを示す語が入っています。日付が分かったら日付を入力し、分からないうちは空欄にしてください。"
        msg_en: "The {field} holds a word saying the date is not known yet, instead of a date: enter the date once it is known, and leave the field empty until then."
        source: "docs/rules.md §6 (placeholders)";
    DateNoYear "date.no_year" Error
        ja: "年のない日付（2月9日、6/10など。年は推測しない）"
        en: "A date without a year (such as 2月9日 or 6/10; the year is never guessed)"
        msg_ja: "{field}に年が書かれていません。2021-06-03、令和3年6月3日のように年も入力してください（年は推測しません）。"
        msg_en: "The {field} has no year: enter it with the year, like 2021-06-03 or 令和3年6月3日 (the year is never guessed)."
        source: "docs/rules.md §6 (dates without a year)";
    DateExcelSerial "date.excel_serial" Error
        ja: "日付が5桁の数字（Excelの日付シリアル値）"
        en: "A five-digit number in a date field (an Excel date serial)"
        msg_ja: "{field}が日付ではなく5桁の数字になっています（表計算ソフトの日付シリアル値）。修正案の日付が正しいか確認してください。"
        msg_en: "The {field} is a five-digit number, not a date (a spreadsheet date serial): check that the suggested date is right."
        source: "docs/rules.md §6 (Excel serials)"
        fix: "日付 {fix} にする" "Use the date {fix}";
    DateApproximate "date.approximate" Warning
        ja: "日付に「頃」「推定」などが付いている（日付として読み、修正案では除く）"
        en: "A date marked 頃 or 推定 (approximate; read as the date, the fix drops the mark)"
        msg_ja: "{field}に、推定の日付であることを示す語が付いています。HER-SYSには日付だけを入力します。推定の日付でよいか確認してください。"
        msg_en: "The {field} is marked as approximate: HER-SYS takes the date alone. Check that the estimated date is the one to enter."
        source: "docs/rules.md §6 (approximate dates)"
        fix: "「頃」などを除き {fix} にする" "Drop the mark: {fix}";
    DateWithTime "date.with_time" Info
        ja: "時刻付きの日付（日付だけにそろえられる。時差の表記があれば日本時間の日付）"
        en: "A date with a time of day (can be written as the date alone; with a UTC offset, the date in Japan)"
        msg_ja: "{field}に時刻が付いています。日付だけ（時差の表記があれば日本時間での日付）に統一できます。"
        msg_en: "The {field} has a time of day: it can be written as the date alone (with a UTC offset, the date in Japan)."
        source: "docs/rules.md §6 (dates with a time)"
        fix: "{fix} に統一" "Change to {fix}";
    DateCanonical "date.canonical" Info
        ja: "日付をYYYY-MM-DD形式に統一できる"
        en: "Date can be written as YYYY-MM-DD"
        msg_ja: "{field}を YYYY-MM-DD 形式に統一できます。"
        msg_en: "The {field} can be written as YYYY-MM-DD."
        source: "docs/rules.md §6"
        fix: "{fix} に統一" "Change to {fix}";
    DateFuture "date.future" Error
        ja: "今日より後の日付"
        en: "Date after today"
        msg_ja: "{field}が今日より後の日付です。日付を確認してください。"
        msg_en: "The {field} is after today: check the date."
        source: "docs/rules.md §4";
    DateBeforeBirth "date.before_birth" Error
        ja: "生年月日より前の日付"
        en: "Date before the date of birth"
        msg_ja: "{field}が{related}より前になっています。{field}と{related}を確認してください。"
        msg_en: "The {field} is before the {related}: check both dates."
        source: "docs/rules.md §4";
    DateOrder "date.order" Error
        ja: "日付の順序が逆（初診≤診断≤報告、出国≤入国、感染推定・発病≤死亡、死亡≤診断（死体））"
        en: "Dates out of order (first visit ≤ diagnosis ≤ report, departure ≤ entry, infection/onset ≤ death, death ≤ diagnosis for a body)"
        msg_ja: "{related}が{field}より後の日付になっています。{field}は{related}と同じ日かそれより後のはずです。どちらの日付が正しいか確認してください。"
        msg_en: "The {related} is later than the {field}, which must be on or after it: check which of the two dates is right."
        source: "docs/rules.md §4";
    DateOnsetOrder "date.onset_order" Warning
        ja: "感染推定≤発病≤診断の順でない"
        en: "Infection, onset and diagnosis are not in that order"
        msg_ja: "{field}が{related}より前になっています。日付を確認してください。"
        msg_en: "The {field} is before the {related}: check the dates."
        source: "docs/rules.md §4 (a warning: onset after diagnosis happens)";
    EntryAfterDiagnosis "entry.after_diagnosis" Warning
        ja: "入国日が診断年月日より後"
        en: "Date of entry after the date of diagnosis"
        msg_ja: "{field}が{related}より後になっています。日付を確認してください。"
        msg_en: "The {field} is after the {related}: check the dates."
        source: "docs/rules.md §2, §4";
    AgeInvalid "age.invalid" Error
        ja: "年齢が0〜150の整数（0歳は0〜11か月の月齢）でない"
        en: "Age is not a whole number from 0 to 150 (or 0 to 11 months for an infant)"
        msg_ja: "{field}は0〜150の数字で入力してください（0歳は「3か月」のように月齢で）。"
        msg_en: "Enter the {field} as a whole number of years from 0 to 150, or in months for an infant (such as 3か月)."
        source: "docs/rules.md §4 (「診断時の年齢（0歳は月齢）」)";
    AgeBand "age.band" Error
        ja: "年齢が年代・区分（40代、10歳未満、高齢者など）"
        en: "Age given as a band (such as 40代, 10歳未満 or 高齢者)"
        msg_ja: "{field}が年齢ではなく年代や区分になっています。診断時の年齢を数字で入力してください（0歳は「3か月」のように月齢で）。"
        msg_en: "The {field} is an age band, not an age: enter the age at diagnosis as a number of years, or in months for an infant (such as 3か月)."
        source: "docs/rules.md §4 (「診断時の年齢（0歳は月齢）」)";
    AgeMismatch "age.mismatch" Error
        ja: "年齢（月齢）が生年月日と診断年月日から計算した値と違う"
        en: "Age (or months) differs from the one computed from the dates of birth and diagnosis"
        msg_ja: "{field}が{related}から計算した年齢と合いません。年齢と日付を確認してください。"
        msg_en: "The {field} does not match the age computed from the {related}: check the age and the dates."
        source: "docs/rules.md §4 (年齢計算ニ関スル法律)"
        fix: "年齢を {fix} にする" "Set the age to {fix}";
    HeaderUnmapped "header.unmapped" Info
        ja: "列見出しがどの項目にも対応しない（列は保持）"
        en: "Column header maps to no field (the column is kept)"
        msg_ja: "この列見出しはどの項目にも対応しません。列はそのまま保持します。"
        msg_en: "This column header maps to no field; the column is kept as it is."
        source: "docs/rules.md §7";
    HeaderSkipped "header.skipped" Info
        ja: "見出し行の上の行（表題・凡例・空行）を記録とせず読み飛ばした"
        en: "Lines above the header (a title, a legend, blank lines) skipped, not audited as records"
        msg_ja: "見出し行は{line}行目です。その上の{skipped}行（表題・凡例・空行など）は記録ではないため読み飛ばしました。"
        msg_en: "The header is on line {line}; the {skipped} line(s) above it (a title, a legend, blank lines) are not records and were skipped."
        source: "docs/rules.md §7 (the header)";
    HeaderMissing "header.missing" Warning
        ja: "通知の確認に必要な列がファイルにない（その確認はできない。各行には指摘しない）"
        en: "A column a check of the notice needs is not in the file (that check cannot run; not reported on every row)"
        msg_ja: "{field}の列がないため、{checks}を確認できませんでした。各記録にはこの項目の未入力を指摘していません。"
        msg_en: "The file has no {field} column, so {checks} could not be checked. No record is reported for this field being empty."
        source: "notice 記1, 記2①②; docs/rules.md §7 (what cannot be checked)";
    HeaderUnrecognised "header.unrecognised" Info
        ja: "日付・ステータス・旅券番号・場所の列に見えるが、どの項目にも対応づけられない列見出し"
        en: "A column header that looks like a date, status, passport or place column but maps to no field"
        msg_ja: "列「{header}」は{kind}の列に見えますが、どの項目にも対応づけていません（この列は確認していません）。項目に当たる列なら対応づけてください。"
        msg_en: "Column “{header}” looks like {kind} column but maps to no field (it is not checked). If it holds a field, map it."
        source: "docs/rules.md §7 (the header)";
    RowColumns "row.columns" Error
        ja: "行の列数が見出しと違う"
        en: "Row has a different number of columns than the header"
        msg_ja: "この行の列数が見出し行と違います。"
        msg_en: "This row has a different number of columns than the header."
        source: "docs/rules.md §7 (rows in = rows reported)";
    RowQuoting "row.quoting" Error
        ja: "行の引用符（\"）が閉じていない"
        en: "Row has an unclosed quote"
        msg_ja: "この行の引用符（\"）が閉じていません。"
        msg_en: "This row has an unclosed quote (\")."
        source: "docs/rules.md §7 (rows in = rows reported)";
    RowTooLong "row.too_long" Error
        ja: "行が長すぎる（8 MiB または 10万列を超える。内容は確認せず）"
        en: "Row too long (over 8 MiB or 100,000 fields; its content is not checked)"
        msg_ja: "この行は長すぎるため内容を確認できません（8 MiB・10万列まで）。"
        msg_en: "This row is too long to check (8 MiB and 100,000 fields at most)."
        source: "docs/rules.md §7 (rows in = rows reported; bounded memory)";
    RowEncoding "row.encoding" Error
        ja: "行に文字コードとして読めないバイトがある"
        en: "Row has bytes that are not valid in the file's encoding"
        msg_ja: "この行に文字コードとして読めないバイトがあります。"
        msg_en: "This row has bytes that are not valid in the file's encoding."
        source: "docs/rules.md §7 (UTF-8, UTF-16 or Shift_JIS)";
    RowDuplicate "row.duplicate" Warning
        ja: "前の行と同じ内容の記録（対応づけた全項目が同じ）"
        en: "Same record as an earlier row (every mapped field the same)"
        msg_ja: "この記録は{row}行目の記録と同じ内容です。重複していないか確認してください。"
        msg_en: "This record is the same as the one on line {row}: check that it is not a duplicate."
        source: "docs/rules.md §7 (repeated records)";
    FileBinary "file.binary" Error
        ja: "ファイルがCSV（テキスト）ではない（gzip・ZIP・Excel形式・PDFなど）。確認せず"
        en: "The file is not a CSV text file (gzip, ZIP, Excel workbook, PDF …); not audited"
        msg_ja: "このファイルはCSV（テキスト）ではありません（圧縮ファイル・Excel形式などのバイナリ）。CSVで保存したファイルを選んでください。BOMのないUTF-16なら文字コードを指定してください。"
        msg_en: "This file is not a CSV text file (it is compressed, an Excel workbook or other binary data). Choose a file saved as CSV; for UTF-16 without a BOM, choose the encoding."
        source: "docs/rules.md §7 (files that cannot be audited)";
    FileHeaderUnterminated "file.header_unterminated" Error
        ja: "見出し行が終わらない（改行がなく、データ行を読めない）。確認せず"
        en: "The header line never ends (no line break, so no data row can be read); not audited"
        msg_ja: "見出し行が終わりません（8 MiB を超えるか、改行のないままファイルが終わり、データ行を読めません）。改行（CR LF・LF・CR）で行を区切ったCSVか確認してください。"
        msg_en: "The header line never ends (it is over 8 MiB, or the file ends without a line break after a long first line), so no data row can be read. Check that the file's lines end in CR LF, LF or CR."
        source: "docs/rules.md §7 (files that cannot be audited)";
    FileHeaderNotFound "file.header_not_found" Error
        ja: "見出し行が見つからない（先頭50行に項目名を2つ以上含む行がない）。確認せず"
        en: "No header line found (no line among the first 50 names two fields); not audited"
        msg_ja: "先頭50行（64 KiB まで）に、項目名（診断年月日・現在のステータスなど）を2つ以上含む見出し行が見つかりません。見出し行の行番号を指定するか、列を項目に対応づけてください（文字コードの指定が違うときにも起こります）。"
        msg_en: "No header line was found: no line among the first 50 (up to 64 KiB) names two fields (診断年月日, 現在のステータス …). Give the header's line number or map the columns to fields (a wrong encoding also causes this)."
        source: "docs/rules.md §7 (the header; files that cannot be audited)";
}

/// `message`, or nothing for a file-level code in a build without the
/// batch audit.
const fn audit_message(code: Code, message: &'static str) -> &'static str {
    if cfg!(feature = "audit") || code.field_level() {
        message
    } else {
        ""
    }
}

/// One row of the code table.
#[derive(Debug)]
pub struct CodeInfo {
    pub code: &'static str,
    pub severity: Severity,
    /// What the rule checks, for the README and `rules()`; `{window}` is
    /// the passport window in days (see [`CodeInfo::text`]).
    pub ja: &'static str,
    pub en: &'static str,
    message_ja: &'static str,
    message_en: &'static str,
    /// The message of the code's second case (variant 1), when it has one.
    alternative: Option<(&'static str, &'static str)>,
    /// The clause of the notice and the section of docs/rules.md it
    /// enforces.
    pub source: &'static str,
    /// The label of the button that applies this code's fix, when its
    /// issues offer one; `{fix}` is the value the fix writes.
    pub fix_label: Option<FixLabel>,
}

/// A fix button's label in both languages; `{fix}` stands for the value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FixLabel {
    pub ja: &'static str,
    pub en: &'static str,
}

impl FixLabel {
    /// The label of a fix that has no label of its own.
    pub const OTHER: FixLabel = FixLabel {
        ja: "「{fix}」にする",
        en: "Change to “{fix}”",
    };

    /// The label in `lang` with the fix value put in.
    pub fn text(&self, lang: Lang, fix: &str) -> String {
        let template = match lang {
            Lang::Ja => self.ja,
            Lang::En => self.en,
        };
        template.replace("{fix}", fix)
    }
}

impl CodeInfo {
    /// What the rule checks, in `lang`, for a passport window of
    /// `window_days` days counted as `counting` says.
    pub fn text(&self, lang: Lang, window_days: u32, counting: WindowCounting) -> String {
        let template = match lang {
            Lang::Ja => self.ja,
            Lang::En => self.en,
        };
        let mut out = String::with_capacity(template.len() + 32);
        fill(&mut out, template, |out, name| {
            match name {
                "window" => out.push_str(&window_days.to_string()),
                "counted" => out.push_str(counted(counting, lang)),
                _ => return false,
            }
            true
        });
        out
    }
}

/// Copies `template` into `out` with each `{name}` in it replaced by what
/// `put` writes for `name`; a name `put` does not fill (it returns false)
/// is copied as it is. (`split_once`, not `str::replace` or slicing: see
/// the crate documentation on panics.)
fn fill(out: &mut String, template: &str, mut put: impl FnMut(&mut String, &str) -> bool) {
    let mut rest = template;
    while let Some((text, after)) = rest.split_once('{') {
        out.push_str(text);
        let (name, after) = after.split_once('}').unwrap_or((after, ""));
        if !put(out, name) {
            out.push('{');
            out.push_str(name);
            out.push('}');
        }
        rest = after;
    }
    out.push_str(rest);
}

/// How the window's days are counted, in the notice's words (記1(2)①:
/// 入国日から起算して) or in those of the other counting.
fn counted(counting: WindowCounting, lang: Lang) -> &'static str {
    match (counting, lang) {
        (WindowCounting::EntryDayIsDayOne, Lang::Ja) => "入国日から起算して",
        (WindowCounting::DayAfterEntryIsDayOne, Lang::Ja) => "入国日の翌日から起算して",
        (WindowCounting::EntryDayIsDayOne, Lang::En) => "counting the day of entry as day 1",
        (WindowCounting::DayAfterEntryIsDayOne, Lang::En) => {
            "counting the day after entry as day 1"
        }
    }
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
    pub const fn field_level(self) -> bool {
        !matches!(
            self,
            Code::HeaderUnmapped
                | Code::HeaderSkipped
                | Code::HeaderMissing
                | Code::HeaderUnrecognised
                | Code::RowColumns
                | Code::RowQuoting
                | Code::RowEncoding
                | Code::RowTooLong
                | Code::RowDuplicate
                | Code::FileBinary
                | Code::FileHeaderUnterminated
                | Code::FileHeaderNotFound
        )
    }

    /// The codes that refuse a whole file (`file.*`): never on a row.
    pub fn is_file_refusal(self) -> bool {
        matches!(
            self,
            Code::FileBinary | Code::FileHeaderUnterminated | Code::FileHeaderNotFound
        )
    }

    /// The codes about the file's columns (`header.*`), said once for the
    /// file: never on a row.
    pub fn is_header_level(self) -> bool {
        matches!(
            self,
            Code::HeaderUnmapped
                | Code::HeaderSkipped
                | Code::HeaderMissing
                | Code::HeaderUnrecognised
        )
    }

    /// The message of a file-level code, which names no field.
    pub fn message(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Ja => self.info().message_ja,
            Lang::En => self.info().message_en,
        }
    }

    /// The message of a date code about a date on its own (`parseDate`),
    /// naming 「日付」 where a record's message names the field.
    pub fn message_about_a_date(self, lang: Lang) -> String {
        Issue::new(self, FieldKey::DiagnosisDate).render(lang, Some(("日付", "date")))
    }

    /// The code of a date that does not parse.
    pub fn from_date_error(error: crate::date::DateError) -> Code {
        use crate::date::DateError;
        match error {
            DateError::Format => Code::DateInvalid,
            DateError::Impossible => Code::DateImpossible,
            DateError::OutsideEra => Code::DateOutsideEra,
            DateError::TooEarly => Code::DateTooEarly,
            DateError::NoYear => Code::DateNoYear,
        }
    }

    pub fn from_code(code: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == code)
    }
}

/// A finding about one field of one record.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
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
    /// How that window is counted, for the same messages.
    counting: WindowCounting,
    /// Which of the code's messages applies (0, or 1 for its second case).
    variant: u8,
}

/// Bits of the passport window in [`Issue::message_detail`].
const WINDOW_BITS: u32 = 10;
const WINDOW_MASK: u32 = (1 << WINDOW_BITS) - 1;
/// The variants a code's message has, less one: two bits, above the counting.
const VARIANT_MASK: u32 = 3;
/// The bits [`Issue::message_detail`] uses: the window, the counting bit and
/// the variant. js/wire.js reads it from the catalogue (`wire.detailBits`)
/// to key its messages.
pub const MESSAGE_DETAIL_BITS: u32 = WINDOW_BITS + 1 + VARIANT_MASK.count_ones();

const _: () = assert!(
    *crate::options::PASSPORT_WINDOW_DAYS_RANGE.end() <= WINDOW_MASK,
    "message_detail keeps the passport window in WINDOW_BITS: a longer window would be cut and \
     its message would name another; widen WINDOW_BITS"
);

impl Issue {
    pub fn new(code: Code, field: FieldKey) -> Issue {
        Issue {
            code,
            field,
            related: Vec::new(),
            fix: None,
            depends: Vec::new(),
            window_days: 0,
            counting: WindowCounting::EntryDayIsDayOne,
            variant: 0,
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

    pub(crate) fn window(mut self, days: u32, counting: WindowCounting) -> Issue {
        self.window_days = days;
        self.counting = counting;
        self
    }

    /// Chooses the code's second message (a code with two cases).
    pub(crate) fn variant(mut self, variant: u8) -> Issue {
        self.variant = variant;
        self
    }

    pub fn severity(&self) -> Severity {
        self.code.severity()
    }

    /// What its message depends on beyond code, field and related fields:
    /// the passport window in days (bits 0–9, 0 when it names none), the
    /// counting (bit 10) and the variant (bits 11–12), below
    /// [`MESSAGE_DETAIL_BITS`]. The batch audit and js/wire.js key their
    /// tables of messages on it.
    pub fn message_detail(&self) -> u32 {
        let counting = match self.counting {
            WindowCounting::EntryDayIsDayOne => 0,
            WindowCounting::DayAfterEntryIsDayOne => 1,
        };
        self.window_days.min(WINDOW_MASK)
            | counting << WINDOW_BITS
            | u32::from(self.variant.min(VARIANT_MASK as u8)) << (WINDOW_BITS + 1)
    }

    /// Sets what [`Issue::message_detail`] packs.
    pub fn with_message_detail(self, detail: u32) -> Issue {
        let counting = if detail >> WINDOW_BITS & 1 == 1 {
            WindowCounting::DayAfterEntryIsDayOne
        } else {
            WindowCounting::EntryDayIsDayOne
        };
        self.window(detail & WINDOW_MASK, counting)
            .variant((detail >> (WINDOW_BITS + 1) & VARIANT_MASK) as u8)
    }

    /// True when the issue is on `field` or depends on it: a change of
    /// `field` can make it appear, change or go.
    pub fn involves(&self, field: FieldKey) -> bool {
        self.field == field || self.related.contains(&field) || self.depends.contains(&field)
    }

    /// The message in `lang`: field labels and fixed text only. English
    /// labels are lower-cased inside the sentence and its first letter is
    /// capitalised (labels are ASCII, so no Unicode case tables are needed).
    pub fn message(&self, lang: Lang) -> String {
        self.render(lang, None)
    }

    /// The message, with `label` (Japanese, English) for the field's label
    /// when given.
    fn render(&self, lang: Lang, label: Option<(&str, &str)>) -> String {
        let info = self.code.info();
        let template = match (lang, info.alternative.filter(|_| self.variant == 1)) {
            (Lang::Ja, Some((ja, _))) => ja,
            (Lang::En, Some((_, en))) => en,
            (Lang::Ja, None) => info.message_ja,
            (Lang::En, None) => info.message_en,
        };
        let mut out = String::with_capacity(template.len() + 48);
        fill(&mut out, template, |out, name| {
            match name {
                "field" => match (label, lang) {
                    (Some((ja, _)), Lang::Ja) => out.push_str(ja),
                    (Some((_, en)), Lang::En) => out.push_str(en),
                    (None, _) => push_label(out, self.field, lang),
                },
                "related" => {
                    for (index, field) in self.related.iter().enumerate() {
                        if index > 0 {
                            out.push_str(if lang == Lang::Ja { "・" } else { " and " });
                        }
                        push_label(out, *field, lang);
                    }
                }
                "window" => out.push_str(&self.window_days.to_string()),
                "counted" => out.push_str(counted(self.counting, lang)),
                _ => return false,
            }
            true
        });
        if lang == Lang::En {
            if let Some(first) = out.get_mut(0..1) {
                first.make_ascii_uppercase();
            }
        }
        out
    }
}

fn push_label(out: &mut String, field: FieldKey, lang: Lang) {
    match lang {
        Lang::Ja => out.push_str(field.info().ja),
        Lang::En => out.extend(field.info().en.chars().map(|c| c.to_ascii_lowercase())),
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
            "初診年月日が診断年月日より後の日付になっています。診断年月日は初診年月日と同じ日かそれより後のはずです。どちらの日付が正しいか確認してください。"
        );
        assert_eq!(
            issue.message(Lang::En),
            "The date of first visit is later than the date of diagnosis, which must be on or after it: check which of the two dates is right."
        );
        let issue = Issue::new(Code::PassportRequired, FieldKey::PassportNumber)
            .window(28, WindowCounting::EntryDayIsDayOne);
        assert!(issue
            .message(Lang::Ja)
            .contains("入国日から起算して28日以内"));
        let issue = issue.window(28, WindowCounting::DayAfterEntryIsDayOne);
        assert!(issue
            .message(Lang::Ja)
            .contains("入国日の翌日から起算して28日以内"));
        assert_eq!(
            Issue::new(Code::PassportRequired, FieldKey::PassportNumber)
                .with_message_detail(issue.message_detail()),
            issue
        );
    }
}
