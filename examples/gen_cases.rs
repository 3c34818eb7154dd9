//! Generates SYNTHETIC HER-SYS case files for tests and benchmarks of the
//! batch audit. Every value is made up by a seeded PRNG; nothing comes from
//! real records.
//!
//! ```text
//! cargo run --release --example gen_cases -- --rows 1000000 --encoding shift_jis > cases.csv
//!
//!   --rows N            data rows (default 1000)
//!   --encoding E        utf-8 (default) or shift_jis (CP932)
//!   --bom               start with a UTF-8 BOM (utf-8 only)
//!   --defects P         share of rows with one planted defect, 0..1 (default 0.1)
//!   --seed S            PRNG seed (default 42); the same seed gives the same file
//!   --headers ja|en     Japanese labels (default) or the English field keys
//!   --lf                end lines with LF (default CR LF, as Excel writes)
//!   --broken-quote      end the file with an unclosed quote in the last row
//!   --out FILE          write to FILE instead of standard output
//! ```
//!
//! Columns: an ID column (`受付番号`, or `caseId` with `--headers en`), then
//! the 23 fields of the catalogue in its order. Clean rows pass the
//! validation without errors or warnings for any validation day from
//! 2023-01-31 to 2030-05-31 (diagnoses fall in 2020-06-01..2022-12-31;
//! info-level hints such as `date.canonical` do occur). A defective row has
//! exactly one of the defects below, chosen uniformly:
//!
//! | defect | codes it yields |
//! |---|---|
//! | entrant diagnosed within 28 days, passport missing | `passport.required` |
//! | passport typed in full-width | `passport.halfwidth` |
//! | status missing | `status.required` |
//! | death without date and/or place | `death.date_required`, `death.place_required` |
//! | place category empty | `place.category_required` |
//! | impossible or out-of-era first-visit date (2月30日, 令和元年4月30日) | `date.impossible`, `date.outside_era` |
//! | report date in the future (a 2021 → 2031 typo) | `date.future` |
//! | malformed row: a column missing or one too many | `row.columns` |
//!
//! Rows are written one by one through a `BufWriter`, so a million rows
//! need no more memory than ten. The planted defects are counted on
//! standard error.
//!
//! A development tool, not part of the library: an example, so that it is
//! not installed beside the CLI. tests/audit.rs compiles this file as a
//! module (`#[path]`) and calls [`parse_args`] and [`generate`] in process.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use chrono::{Datelike, NaiveDate, TimeDelta};
use hersys_validator::date::age_on;
use hersys_validator::vocabulary::default_list;
use hersys_validator::{FieldKey, VocabularyKey};

const USAGE: &str = "usage: gen_cases [--rows N] [--encoding utf-8|shift_jis] [--bom] \
[--defects P] [--seed S] [--headers ja|en] [--lf] [--broken-quote] [--out FILE]";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Enc {
    Utf8,
    ShiftJis,
}

pub(crate) struct Args {
    rows: u64,
    encoding: Enc,
    bom: bool,
    defects: f64,
    seed: u64,
    english: bool,
    crlf: bool,
    broken_quote: bool,
    out: Option<String>,
}

/// The options in `argv` (without the program name).
pub(crate) fn parse_args(argv: impl IntoIterator<Item = String>) -> Result<Args, String> {
    let mut args = Args {
        rows: 1000,
        encoding: Enc::Utf8,
        bom: false,
        defects: 0.1,
        seed: 42,
        english: false,
        crlf: true,
        broken_quote: false,
        out: None,
    };
    let mut argv = argv.into_iter();
    while let Some(arg) = argv.next() {
        let mut value = |name: &str| argv.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--rows" => {
                args.rows = value("--rows")?
                    .parse()
                    .map_err(|_| "--rows: not a number")?
            }
            "--encoding" => {
                args.encoding = match value("--encoding")?.to_ascii_lowercase().as_str() {
                    "utf-8" | "utf8" => Enc::Utf8,
                    "shift_jis" | "sjis" | "cp932" | "windows-31j" => Enc::ShiftJis,
                    other => return Err(format!("--encoding: unknown encoding {other}")),
                }
            }
            "--bom" => args.bom = true,
            "--defects" => {
                args.defects = value("--defects")?
                    .parse()
                    .map_err(|_| "--defects: not a number")?;
                if !(0.0..=1.0).contains(&args.defects) {
                    return Err("--defects: must be between 0 and 1".into());
                }
            }
            "--seed" => {
                args.seed = value("--seed")?
                    .parse()
                    .map_err(|_| "--seed: not a number")?
            }
            "--headers" => {
                args.english = match value("--headers")?.as_str() {
                    "ja" => false,
                    "en" => true,
                    other => return Err(format!("--headers: ja or en, not {other}")),
                }
            }
            "--lf" => args.crlf = false,
            "--broken-quote" => args.broken_quote = true,
            "--out" => args.out = Some(value("--out")?),
            "-h" | "--help" => return Err(USAGE.into()),
            other => return Err(format!("unknown option {other}\n{USAGE}")),
        }
    }
    if args.bom && args.encoding == Enc::ShiftJis {
        return Err("--bom is for utf-8 only".into());
    }
    Ok(args)
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("gen_cases: {message}");
            return ExitCode::from(2);
        }
    };
    let sink: Box<dyn Write> = match &args.out {
        Some(path) => match File::create(path) {
            Ok(file) => Box::new(file),
            Err(error) => {
                eprintln!("gen_cases: {path}: {error}");
                return ExitCode::FAILURE;
            }
        },
        None => Box::new(io::stdout().lock()),
    };
    let mut writer = BufWriter::with_capacity(1 << 16, sink);
    match generate(&args, &mut writer).and_then(|counts| writer.flush().map(|_| counts)) {
        Ok(counts) => {
            let planted: Vec<String> = Defect::ALL
                .iter()
                .zip(counts)
                .map(|(defect, n)| format!("{}={n}", defect.name()))
                .collect();
            eprintln!(
                "gen_cases: {} rows, seed {}, defects: {}{}",
                args.rows,
                args.seed,
                planted.join(" "),
                if args.broken_quote {
                    " broken_quote=1"
                } else {
                    ""
                }
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("gen_cases: {error}");
            ExitCode::FAILURE
        }
    }
}

/// xorshift64*: tiny, fast, and deterministic for a seed.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        // splitmix64 of the seed, so that nearby seeds diverge at once.
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        Rng(if z == 0 { 0x2545_F491_4F6C_DD1D } else { z })
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }

    fn range(&mut self, low: i64, high: i64) -> i64 {
        low + self.below((high - low + 1) as u64) as i64
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 + f64::EPSILON <= p
    }

    fn pick<'a, T: ?Sized>(&mut self, items: &[&'a T]) -> &'a T {
        items[self.below(items.len() as u64) as usize]
    }

    /// Picks by weight.
    fn weighted<'a, T: ?Sized>(&mut self, items: &[(&'a T, u32)]) -> &'a T {
        let total: u32 = items.iter().map(|(_, w)| w).sum();
        let mut roll = self.below(u64::from(total)) as u32;
        for (item, weight) in items {
            if roll < *weight {
                return item;
            }
            roll -= weight;
        }
        items[items.len() - 1].0
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Defect {
    MissingPassport,
    FullWidthPassport,
    MissingStatus,
    DeathWithoutDetails,
    EmptyPlaceCategory,
    InvalidDate,
    FutureDate,
    WrongColumnCount,
}

impl Defect {
    const ALL: [Defect; 8] = [
        Defect::MissingPassport,
        Defect::FullWidthPassport,
        Defect::MissingStatus,
        Defect::DeathWithoutDetails,
        Defect::EmptyPlaceCategory,
        Defect::InvalidDate,
        Defect::FutureDate,
        Defect::WrongColumnCount,
    ];

    fn name(self) -> &'static str {
        match self {
            Defect::MissingPassport => "missing_passport",
            Defect::FullWidthPassport => "fullwidth_passport",
            Defect::MissingStatus => "missing_status",
            Defect::DeathWithoutDetails => "death_without_details",
            Defect::EmptyPlaceCategory => "empty_place_category",
            Defect::InvalidDate => "invalid_date",
            Defect::FutureDate => "future_date",
            Defect::WrongColumnCount => "wrong_column_count",
        }
    }
}

/// One column per field of the catalogue, plus the ID in front.
const COLUMNS: usize = 1 + FieldKey::ALL.len();

pub(crate) fn generate(args: &Args, out: &mut impl Write) -> io::Result<[u64; 8]> {
    let mut rng = Rng::new(args.seed);
    let mut encoder = Encoder::new(args.encoding);
    let newline = if args.crlf { "\r\n" } else { "\n" };
    if args.bom {
        out.write_all(b"\xEF\xBB\xBF")?;
    }

    let mut line = String::with_capacity(512);
    let mut cells: Vec<String> = vec![String::new(); COLUMNS];
    cells[0].push_str(if args.english {
        "caseId"
    } else {
        "受付番号"
    });
    for (cell, field) in cells[1..].iter_mut().zip(FieldKey::ALL) {
        let info = field.info();
        cell.push_str(if args.english { info.key } else { info.ja });
    }
    write_row(&cells, &mut line, newline);
    encoder.write(&line, out)?;

    let mut counts = [0u64; 8];
    for index in 0..args.rows {
        for cell in cells.iter_mut() {
            cell.clear();
        }
        let defect = rng
            .chance(args.defects)
            .then(|| Defect::ALL[rng.below(Defect::ALL.len() as u64) as usize]);
        if let Some(defect) = defect {
            counts[defect as usize] += 1;
        }
        fill_case(&mut rng, index, defect, &mut cells);
        if args.broken_quote && index + 1 == args.rows {
            // An opening quote that is never closed, in the place name.
            // A plain name: no quote that could close it, no line break.
            cells[column(FieldKey::PlaceName)] = "\u{0}店舗 架空".to_string();
        }
        match defect {
            Some(Defect::WrongColumnCount) if rng.chance(0.5) => {
                write_row(&cells[..COLUMNS - 1], &mut line, newline)
            }
            Some(Defect::WrongColumnCount) => {
                cells.push("余分な列".to_string());
                write_row(&cells, &mut line, newline);
                cells.pop();
            }
            _ => write_row(&cells, &mut line, newline),
        }
        encoder.write(&line, out)?;
    }
    Ok(counts)
}

/// The column of a field (after the ID column).
fn column(field: FieldKey) -> usize {
    1 + field as usize
}

/// Writes the cells as one CSV line: quoted when they hold `,` `"` or a
/// line break, with `"` doubled. A cell starting with NUL is the broken
/// quote: written as `"` and the text, never closed.
fn write_row(cells: &[String], line: &mut String, newline: &str) {
    line.clear();
    for (index, cell) in cells.iter().enumerate() {
        if index > 0 {
            line.push(',');
        }
        if let Some(open) = cell.strip_prefix('\u{0}') {
            line.push('"');
            line.push_str(open);
        } else if cell.contains([',', '"', '\r', '\n']) {
            line.push('"');
            for c in cell.chars() {
                if c == '"' {
                    line.push('"');
                }
                line.push(c);
            }
            line.push('"');
        } else {
            line.push_str(cell);
        }
    }
    line.push_str(newline);
}

/// UTF-8 passes through; Shift_JIS goes through `encoding_rs`, one
/// character at a time with a cache (the generated text reuses a few
/// hundred characters, and the encoder's table search is slow under the
/// size-optimised release profile), into a reused buffer.
struct Encoder {
    shift_jis: bool,
    cache: HashMap<char, ([u8; 2], usize)>,
    buffer: Vec<u8>,
}

impl Encoder {
    fn new(encoding: Enc) -> Encoder {
        Encoder {
            shift_jis: encoding == Enc::ShiftJis,
            cache: HashMap::new(),
            buffer: Vec::new(),
        }
    }

    fn write(&mut self, text: &str, out: &mut impl Write) -> io::Result<()> {
        if !self.shift_jis {
            return out.write_all(text.as_bytes());
        }
        self.buffer.clear();
        for c in text.chars() {
            if c.is_ascii() {
                self.buffer.push(c as u8);
                continue;
            }
            let (bytes, len) = match self.cache.get(&c) {
                Some(&found) => found,
                None => {
                    let mut utf8 = [0u8; 4];
                    let (encoded, _, unmappable) =
                        encoding_rs::SHIFT_JIS.encode(c.encode_utf8(&mut utf8));
                    if unmappable || encoded.len() > 2 {
                        return Err(io::Error::other(format!(
                            "U+{:04X} is not encodable in Shift_JIS",
                            c as u32
                        )));
                    }
                    let mut bytes = [0u8; 2];
                    bytes[..encoded.len()].copy_from_slice(&encoded);
                    let found = (bytes, encoded.len());
                    self.cache.insert(c, found);
                    found
                }
            };
            self.buffer.extend_from_slice(&bytes[..len]);
        }
        out.write_all(&self.buffer)
    }
}

// --- values -------------------------------------------------------------

const OCCUPATIONS: &[&str] = &[
    "会社員",
    "会社員",
    "学生",
    "無職",
    "医療従事者",
    "飲食業",
    "自営業",
    "教員",
    "保育士",
    "介護職員",
    "公務員",
    "パート・アルバイト",
];

const STATUSES: &[(&str, u32)] = &[
    ("療養解除", 40),
    ("自宅療養中", 20),
    ("入院中", 14),
    ("宿泊療養中", 10),
    ("入院・療養等調整中", 6),
    ("社会福祉施設等療養中", 3),
    ("死亡", 3),
    ("不明", 1),
];

const DEATH_PLACES: &[&str] = &[
    "病院",
    "病院",
    "病院",
    "診療所",
    "介護医療院・介護老人保健施設",
    "老人ホーム",
    "自宅",
    "宿泊療養施設",
];

/// Place categories with made-up names; some names hold commas, quotes or
/// line breaks, as real exports do.
const PLACES: &[(&str, &[&str])] = &[
    ("家庭内", &[""]),
    (
        "職場",
        &[
            "株式会社サンプル商事",
            "架空工業株式会社, 第二工場",
            "〇〇物流センター",
        ],
    ),
    (
        "飲食店",
        &[
            "居酒屋 みなと",
            "レストラン\"ルナ\"",
            "カフェ 架空堂, 駅前店",
        ],
    ),
    (
        "医療機関",
        &["架空市立病院\n第2病棟", "さくら内科クリニック"],
    ),
    (
        "高齢者福祉施設",
        &["特別養護老人ホーム ひだまり", "ケアハウス 青空"],
    ),
    (
        "学校・教育施設",
        &["架空市立第一中学校", "サンプル大学, 文学部"],
    ),
    ("児童福祉施設", &["あおぞら保育園"]),
    ("運動施設", &["架空スポーツクラブ"]),
    ("宿泊施設", &["ホテル サンプル\n本館"]),
    ("交通機関", &["架空航空 123便"]),
    ("その他", &["カラオケ店 架空"]),
    ("場所種別不明", &[""]),
];

/// (国籍, 国名 of the travel, passport number shape)
const FOREIGNERS: &[(&str, &str, Shape)] = &[
    ("米国", "アメリカ合衆国", Shape::Digits9),
    ("韓国", "韓国", Shape::Letter8),
    ("中国", "中国", Shape::Letter8),
    ("フィリピン", "フィリピン", Shape::PhilippineNew),
    ("ベトナム", "ベトナム", Shape::Letter7),
    ("ブラジル", "ブラジル", Shape::TwoLetters6),
    ("インド", "インド", Shape::Letter7),
    ("英国", "英国", Shape::Digits9),
];

const TRAVEL_COUNTRIES: &[&str] = &[
    "アメリカ合衆国",
    "英国",
    "フランス",
    "インド",
    "インドネシア",
    "タイ",
    "ブラジル",
    "アラブ首長国連邦",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Japanese,
    Digits9,
    Letter8,
    Letter7,
    PhilippineNew,
    TwoLetters6,
}

fn passport(rng: &mut Rng, shape: Shape) -> String {
    let letter = |rng: &mut Rng| (b'A' + rng.below(26) as u8) as char;
    let digits = |rng: &mut Rng, n: usize| -> String {
        (0..n)
            .map(|_| (b'0' + rng.below(10) as u8) as char)
            .collect()
    };
    match shape {
        Shape::Japanese => {
            let first = if rng.chance(0.7) { 'T' } else { 'M' };
            format!("{first}{}{}", letter(rng), digits(rng, 7))
        }
        Shape::Digits9 => digits(rng, 9),
        Shape::Letter8 => format!("{}{}", letter(rng), digits(rng, 8)),
        Shape::Letter7 => format!("{}{}", letter(rng), digits(rng, 7)),
        Shape::PhilippineNew => format!("P{}{}", digits(rng, 7), letter(rng)),
        Shape::TwoLetters6 => format!("{}{}{}", letter(rng), letter(rng), digits(rng, 6)),
    }
}

fn days(n: i64) -> TimeDelta {
    TimeDelta::days(n)
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a real date")
}

/// A date as people type it: ISO, slashes, eight digits, 年月日, the era
/// (令和3年6月3日, 令和元年…, R3.6.3, R03.06.03), some in full-width.
fn typed_date(rng: &mut Rng, date: NaiveDate) -> String {
    let (y, m, d) = (date.year(), date.month(), date.day());
    let text = match rng.below(20) {
        0..=8 => format!("{y:04}-{m:02}-{d:02}"),
        9..=11 => format!("{y}/{m}/{d}"),
        12 => format!("{y:04}{m:02}{d:02}"),
        13 => format!("{y}年{m}月{d}日"),
        14 | 15 => match era(date) {
            Some((name, _, 1)) if rng.chance(0.5) => format!("{name}元年{m}月{d}日"),
            Some((name, _, year)) => format!("{name}{year}年{m}月{d}日"),
            None => format!("{y:04}-{m:02}-{d:02}"),
        },
        16 => match era(date) {
            Some((_, letter, year)) => format!("{letter}{year}.{m}.{d}"),
            None => format!("{y}/{m}/{d}"),
        },
        17 => match era(date) {
            Some((_, letter, year)) => format!("{letter}{year:02}.{m:02}.{d:02}"),
            None => format!("{y}/{m}/{d}"),
        },
        _ => {
            let text = if rng.chance(0.5) {
                format!("{y:04}-{m:02}-{d:02}")
            } else {
                format!("{y}/{m}/{d}")
            };
            return full_width(&text);
        }
    };
    text
}

/// The era name, letter and year of a date from 昭和 on.
fn era(date: NaiveDate) -> Option<(&'static str, char, i32)> {
    const ERAS: [(&str, char, (i32, u32, u32)); 3] = [
        ("令和", 'R', (2019, 5, 1)),
        ("平成", 'H', (1989, 1, 8)),
        ("昭和", 'S', (1926, 12, 25)),
    ];
    ERAS.iter().find_map(|&(name, letter, (y, m, d))| {
        (date >= ymd(y, m, d)).then(|| (name, letter, date.year() - y + 1))
    })
}

/// ASCII digits, letters and signs in their full-width forms.
fn full_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Fills the 24 cells of one case.
fn fill_case(rng: &mut Rng, index: u64, defect: Option<Defect>, cells: &mut [String]) {
    let set = |cells: &mut [String], field: FieldKey, value: &str| {
        let cell = &mut cells[column(field)];
        cell.clear();
        cell.push_str(value);
    };

    // The diagnosis, 2020-06-01 .. 2022-12-31.
    let first_day = ymd(2020, 6, 1);
    let diagnosis = first_day + days(rng.range(0, 943));
    cells[0] = format!("{}-{:07}", diagnosis.year(), index + 1);

    let case_type = rng.weighted(&[
        ("患者（確定例）", 85),
        ("無症状病原体保有者", 12),
        ("疑似症患者", 3),
    ]);
    let symptomatic = case_type != "無症状病原体保有者";
    set(cells, FieldKey::CaseType, case_type);
    let sex = rng.weighted(&[("男", 45), ("女", 45), ("男性", 5), ("女性", 5)]);
    set(cells, FieldKey::Sex, sex);

    let age_years = rng.range(0, 98);
    // Born well before any date of the case (departures go back 130 days).
    let birth = diagnosis - days(age_years * 365 + rng.range(200, 364));
    let birth_text = typed_date(rng, birth);
    set(cells, FieldKey::BirthDate, &birth_text);
    if let Some(age) = age_on(birth, diagnosis) {
        let age = if rng.chance(0.1) {
            format!("{age}歳")
        } else {
            age.to_string()
        };
        set(cells, FieldKey::Age, &age);
    }
    let occupation = if age_years < 6 {
        "未就学児"
    } else {
        rng.pick(OCCUPATIONS)
    };
    set(cells, FieldKey::Occupation, occupation);

    let onset = symptomatic.then(|| diagnosis - days(rng.range(0, 5)));
    if let Some(onset) = onset {
        let text = typed_date(rng, onset);
        set(cells, FieldKey::OnsetDate, &text);
    }
    let first_visit = diagnosis - days(rng.range(0, 2));
    let first_visit = onset.map_or(first_visit, |onset| first_visit.max(onset));
    let text = typed_date(rng, first_visit);
    set(cells, FieldKey::FirstVisitDate, &text);
    let text = typed_date(rng, diagnosis);
    set(cells, FieldKey::DiagnosisDate, &text);
    let infection = onset.unwrap_or(diagnosis) - days(rng.range(2, 6));
    if rng.chance(0.7) {
        let text = typed_date(rng, infection);
        set(cells, FieldKey::InfectionDate, &text);
    }
    let report = diagnosis + days(rng.range(0, 2));
    let text = typed_date(rng, report);
    set(cells, FieldKey::ReportDate, &text);

    let mut status = rng.weighted(STATUSES);
    if defect == Some(Defect::DeathWithoutDetails) {
        status = "死亡";
    }
    set(cells, FieldKey::Status, status);
    if status == "死亡" {
        let death = diagnosis + days(rng.range(1, 25));
        let text = typed_date(rng, death);
        set(cells, FieldKey::DeathDate, &text);
        set(cells, FieldKey::DeathPlace, rng.pick(DEATH_PLACES));
    }

    // Entrants: 8% of cases, a third of them Japanese returnees.
    let entrant = rng.chance(0.08) || defect == Some(Defect::MissingPassport);
    let mut passport_shape = None;
    if entrant {
        set(cells, FieldKey::InfectionRegion, "国外");
        let within = if defect == Some(Defect::MissingPassport) {
            rng.range(0, 27)
        } else {
            rng.range(0, 40)
        };
        let entry = diagnosis - days(within);
        let departure = entry - days(rng.range(5, 90));
        if rng.chance(0.35) {
            set(cells, FieldKey::Nationality, "日本");
            set(cells, FieldKey::Country, rng.pick(TRAVEL_COUNTRIES));
            let text = typed_date(rng, departure);
            set(cells, FieldKey::DepartureDate, &text);
            passport_shape = Some(Shape::Japanese);
        } else {
            let (nationality, country, shape) =
                FOREIGNERS[rng.below(FOREIGNERS.len() as u64) as usize];
            set(cells, FieldKey::Nationality, nationality);
            set(cells, FieldKey::Country, country);
            passport_shape = Some(shape);
        }
        let text = typed_date(rng, entry);
        set(cells, FieldKey::EntryDate, &text);
    } else {
        set(cells, FieldKey::InfectionRegion, "国内");
        if rng.chance(0.9) {
            set(cells, FieldKey::Nationality, "日本");
        }
    }
    if defect == Some(Defect::FullWidthPassport) && passport_shape.is_none() {
        // A resident who travelled long ago: the number is still recorded.
        set(cells, FieldKey::Nationality, "日本");
        passport_shape = Some(Shape::Japanese);
    }
    if let Some(shape) = passport_shape {
        let number = passport(rng, shape);
        match defect {
            Some(Defect::MissingPassport) => {}
            Some(Defect::FullWidthPassport) => {
                set(cells, FieldKey::PassportNumber, &full_width(&number))
            }
            _ => set(cells, FieldKey::PassportNumber, &number),
        }
    }

    let (category, names) = PLACES[rng.below(PLACES.len() as u64) as usize];
    set(cells, FieldKey::PlaceCategory, category);
    let name = names[rng.below(names.len() as u64) as usize];
    if !name.is_empty() && rng.chance(0.8) {
        set(cells, FieldKey::PlaceName, name);
    }
    if rng.chance(0.6) {
        set(
            cells,
            FieldKey::FacilityCategory,
            rng.pick(default_list(VocabularyKey::FacilityCategory)),
        );
    }
    let severity = if status == "死亡" {
        "重症"
    } else {
        rng.weighted(&[("軽症", 70), ("中等症Ⅰ", 18), ("中等症Ⅱ", 8), ("重症", 4)])
    };
    set(cells, FieldKey::Severity, severity);

    match defect {
        Some(Defect::MissingStatus) => set(cells, FieldKey::Status, ""),
        Some(Defect::DeathWithoutDetails) => match rng.below(3) {
            0 => set(cells, FieldKey::DeathDate, ""),
            1 => set(cells, FieldKey::DeathPlace, ""),
            _ => {
                set(cells, FieldKey::DeathDate, "");
                set(cells, FieldKey::DeathPlace, "");
            }
        },
        Some(Defect::EmptyPlaceCategory) => {
            set(cells, FieldKey::PlaceCategory, "");
            set(cells, FieldKey::PlaceName, "");
        }
        Some(Defect::InvalidDate) => {
            let text = match rng.below(4) {
                0 => format!("{}-02-30", first_visit.year()),
                1 => format!("{}年2月30日", first_visit.year()),
                2 => "令和元年4月30日".to_string(),
                _ => "平成32年1月1日".to_string(),
            };
            set(cells, FieldKey::FirstVisitDate, &text);
        }
        Some(Defect::FutureDate) => {
            let text = format!(
                "{:04}-{:02}-{:02}",
                report.year() + 10,
                report.month(),
                report.day().min(28)
            );
            set(cells, FieldKey::ReportDate, &text);
        }
        _ => {}
    }
}
