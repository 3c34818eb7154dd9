//! The file's character encoding: UTF-8, Shift_JIS (CP932) or UTF-16 with a
//! BOM, detected from its first 64 KiB; the delimiter (comma or tab) read
//! from its first line; the refusal of binary files; and the decoding of
//! each field.

/// The encodings Japanese case files come in (docs/rules.md §7), and Excel's
/// 「Unicode テキスト」 (UTF-16LE with a BOM, tab-separated).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Encoding {
    Utf8,
    /// Shift_JIS as Windows writes it: CP932 (Windows-31J), which is what
    /// `encoding_rs::SHIFT_JIS` decodes (the WHATWG Shift_JIS).
    ShiftJis,
    Utf16Le,
    Utf16Be,
}

/// Every label [`Encoding::from_label`] accepts (compared in any case,
/// surrounding spaces ignored), with the encoding it names. The CLI and the
/// page read this list from the module; nothing else spells it out.
pub const LABELS: &[(&str, Encoding)] = &[
    ("utf-8", Encoding::Utf8),
    ("utf8", Encoding::Utf8),
    ("shift_jis", Encoding::ShiftJis),
    ("shift-jis", Encoding::ShiftJis),
    ("sjis", Encoding::ShiftJis),
    ("cp932", Encoding::ShiftJis),
    ("ms932", Encoding::ShiftJis),
    ("windows-31j", Encoding::ShiftJis),
    ("x-sjis", Encoding::ShiftJis),
    ("utf-16le", Encoding::Utf16Le),
    ("utf16le", Encoding::Utf16Le),
    // As in the WHATWG Encoding Standard (and Excel's "Unicode"): LE.
    ("utf-16", Encoding::Utf16Le),
    ("unicode", Encoding::Utf16Le),
    ("utf-16be", Encoding::Utf16Be),
    ("utf16be", Encoding::Utf16Be),
];

/// The UTF-8 byte order mark.
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
const UTF16LE_BOM: &[u8] = b"\xFF\xFE";
const UTF16BE_BOM: &[u8] = b"\xFE\xFF";

/// How many bytes of the file the detection reads at most: a file whose
/// first 64 KiB are valid UTF-8 is UTF-8.
pub const DETECTION_WINDOW: usize = 64 * 1024;

impl Encoding {
    /// Every encoding, in the order of [`LABELS`].
    pub const ALL: [Encoding; 4] = [
        Encoding::Utf8,
        Encoding::ShiftJis,
        Encoding::Utf16Le,
        Encoding::Utf16Be,
    ];

    /// The encoding a label of [`LABELS`] names, in any case, with
    /// surrounding spaces ignored.
    pub fn from_label(label: &str) -> Option<Encoding> {
        let label = label.trim();
        LABELS
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(label))
            .map(|&(_, encoding)| encoding)
    }

    /// The canonical label: `utf-8`, `shift_jis`, `utf-16le` or `utf-16be`.
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::ShiftJis => "shift_jis",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
        }
    }

    /// The name to show people.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::ShiftJis => "Shift_JIS (CP932)",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
        }
    }

    /// The `encoding_rs` encoding.
    pub fn encoding_rs(self) -> &'static encoding_rs::Encoding {
        match self {
            Encoding::Utf8 => encoding_rs::UTF_8,
            Encoding::ShiftJis => encoding_rs::SHIFT_JIS,
            Encoding::Utf16Le => encoding_rs::UTF_16LE,
            Encoding::Utf16Be => encoding_rs::UTF_16BE,
        }
    }

    /// UTF-16 is transcoded to UTF-8 before the CSV layer, which needs the
    /// ASCII bytes `,` TAB `"` CR LF to stand for themselves.
    pub fn is_utf16(self) -> bool {
        matches!(self, Encoding::Utf16Le | Encoding::Utf16Be)
    }
}

/// Detection over the first bytes of the file.
#[derive(Debug, Default)]
pub struct Detector {
    /// The bytes read so far, at most [`DETECTION_WINDOW`].
    pub buf: Vec<u8>,
}

/// A decision: the encoding, how many leading bytes are a BOM, and the
/// delimiter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Detected {
    pub encoding: Encoding,
    pub bom_len: usize,
    /// `b','` or `b'\t'`.
    pub delimiter: u8,
}

/// Why a file is not read at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Compressed, an office document, an image, or bytes no text holds
    /// (NUL): not a CSV file.
    Binary,
}

impl Detector {
    /// Adds bytes and decides once [`DETECTION_WINDOW`] bytes (or the whole
    /// file, at `eof`) are in: the decision then depends only on the
    /// file's first bytes, never on how they were chunked. See
    /// [`decide`].
    ///
    /// Only the bytes up to the window are copied: returns how many of
    /// `chunk` were taken (all of them unless a decision was made), with
    /// the decision.
    pub fn push(
        &mut self,
        chunk: &[u8],
        explicit: Option<Encoding>,
        eof: bool,
    ) -> (usize, Option<Result<Detected, Refusal>>) {
        let taken = chunk
            .len()
            .min(DETECTION_WINDOW.saturating_sub(self.buf.len()));
        self.buf.extend_from_slice(&chunk[..taken]);
        let eof = eof && taken == chunk.len();
        if !eof && self.buf.len() < DETECTION_WINDOW {
            return (taken, None);
        }
        (taken, Some(decide(&self.buf, explicit)))
    }
}

/// The decision on a file's first bytes (`window`, at most
/// [`DETECTION_WINDOW`]):
/// - a known binary signature (gzip, ZIP and so xlsx, the old Excel and
///   Office format, PDF, 7z, bzip2, xz, zstd, PNG, JPEG, GIF) is refused;
/// - a UTF-16 BOM means UTF-16 (LE or BE), whatever encoding was asked
///   for: read as bytes such a file has a NUL in every other byte;
/// - an explicit encoding is taken as given (a UTF-8 BOM is dropped);
/// - a UTF-8 BOM means UTF-8;
/// - otherwise [`detect`] decides.
///
/// A NUL byte in the window of a file not read as UTF-16 refuses it too:
/// no CSV holds one (a UTF-16 file without a BOM needs an explicit
/// encoding). The delimiter is [`delimiter_of`] the first line with one.
pub fn decide(window: &[u8], explicit: Option<Encoding>) -> Result<Detected, Refusal> {
    if is_binary_signature(window) {
        return Err(Refusal::Binary);
    }
    let (encoding, bom_len) = if window.starts_with(UTF16LE_BOM) {
        (Encoding::Utf16Le, 2)
    } else if window.starts_with(UTF16BE_BOM) {
        (Encoding::Utf16Be, 2)
    } else {
        let bom_len = if window.starts_with(UTF8_BOM) { 3 } else { 0 };
        let encoding = match (explicit, bom_len) {
            (Some(encoding), _) => encoding,
            (None, 3) => Encoding::Utf8,
            (None, _) => detect(window),
        };
        (encoding, bom_len)
    };
    let body = &window[bom_len..];
    let delimiter = if encoding.is_utf16() {
        let (text, _) = encoding
            .encoding_rs()
            .decode_without_bom_handling(&body[..body.len() & !1]);
        delimiter_of(text.as_bytes())
    } else {
        if body.contains(&0) {
            return Err(Refusal::Binary);
        }
        delimiter_of(body)
    };
    Ok(Detected {
        encoding,
        bom_len,
        delimiter,
    })
}

/// Signatures of the binary files people pick by mistake instead of a CSV.
fn is_binary_signature(window: &[u8]) -> bool {
    const SIGNATURES: &[&[u8]] = &[
        b"\x1F\x8B",                         // gzip
        b"PK\x03\x04",                       // ZIP: xlsx, docx, ods
        b"PK\x05\x06",                       // empty ZIP
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", // OLE2: xls, doc
        b"%PDF-",
        b"7z\xBC\xAF\x27\x1C",
        b"\xFD7zXZ\x00",
        b"\x28\xB5\x2F\xFD", // zstd
        b"\x89PNG",
        b"\xFF\xD8\xFF", // JPEG
        b"GIF87a",
        b"GIF89a",
    ];
    SIGNATURES.iter().any(|magic| window.starts_with(magic))
        || (window.starts_with(b"BZh") && window.get(3).is_some_and(|b| (b'1'..=b'9').contains(b)))
}

/// The delimiter of a file whose text (UTF-8 or an ASCII-compatible
/// encoding) starts with `text`: a tab when the first line holding a tab
/// or a comma outside quotes holds more tabs than commas, else a comma.
/// Excel's 「Unicode テキスト」 is tab-separated; its CSV, comma-separated.
/// Lines with neither (a title typed above the table, blank lines) do not
/// decide (docs/rules.md §7).
pub fn delimiter_of(text: &[u8]) -> u8 {
    let (mut tabs, mut commas, mut quoted) = (0usize, 0usize, false);
    for &b in text {
        match b {
            b'"' => quoted = !quoted,
            b'\r' | b'\n' if !quoted && tabs + commas > 0 => break,
            b'\t' if !quoted => tabs += 1,
            b',' if !quoted => commas += 1,
            _ => {}
        }
    }
    if tabs > commas {
        b'\t'
    } else {
        b','
    }
}

/// Transcodes UTF-16 to UTF-8 chunk by chunk, for the CSV layer. A
/// malformed sequence (a lone surrogate, an odd last byte) becomes the
/// byte 0xFF, which no UTF-8 text holds: its row then gets `row.encoding`
/// and U+FFFD, as a bad byte of any other encoding does.
pub struct Utf16ToUtf8 {
    decoder: encoding_rs::Decoder,
    out: Vec<u8>,
}

impl Utf16ToUtf8 {
    pub fn new(encoding: Encoding) -> Utf16ToUtf8 {
        Utf16ToUtf8 {
            decoder: encoding.encoding_rs().new_decoder_without_bom_handling(),
            out: Vec::new(),
        }
    }

    /// The UTF-8 of `input` (and of a code unit or pair an earlier chunk
    /// left open); `last` ends the file.
    pub fn convert(&mut self, mut input: &[u8], last: bool) -> &[u8] {
        self.out.clear();
        // UTF-16 never needs more than 3 UTF-8 bytes per 2 input bytes.
        self.out.resize(input.len() * 3 / 2 + 16, 0);
        let mut written = 0;
        loop {
            let (result, read, wrote) = self.decoder.decode_to_utf8_without_replacement(
                input,
                &mut self.out[written..],
                last,
            );
            written += wrote;
            input = &input[read..];
            match result {
                encoding_rs::DecoderResult::InputEmpty => break,
                encoding_rs::DecoderResult::Malformed(..) => {
                    if written == self.out.len() {
                        self.out.push(0);
                    }
                    self.out[written] = 0xFF;
                    written += 1;
                }
                encoding_rs::DecoderResult::OutputFull => {
                    let len = self.out.len();
                    self.out.resize(len * 2, 0);
                }
            }
        }
        &self.out[..written]
    }
}

/// The encoding of a file that starts with `window` (no BOM): valid UTF-8
/// (a character cut at the end allowed) is UTF-8; otherwise Shift_JIS,
/// unless the window has no fewer invalid sequences as Shift_JIS than as
/// UTF-8 (a UTF-8 file with a stray bad byte stays UTF-8).
pub fn detect(window: &[u8]) -> Encoding {
    let utf8_errors = utf8_errors(window);
    if utf8_errors == 0 || shift_jis_errors(window) >= utf8_errors {
        Encoding::Utf8
    } else {
        Encoding::ShiftJis
    }
}

/// Invalid UTF-8 sequences in `bytes`, not counting one cut at the end.
fn utf8_errors(mut bytes: &[u8]) -> usize {
    let mut errors = 0;
    loop {
        match std::str::from_utf8(bytes) {
            Ok(_) => return errors,
            Err(error) => match error.error_len() {
                None => return errors,
                Some(len) => {
                    errors += 1;
                    bytes = &bytes[error.valid_up_to() + len..];
                }
            },
        }
    }
}

/// Malformed Shift_JIS sequences in `bytes`, not counting one cut at the
/// end.
fn shift_jis_errors(bytes: &[u8]) -> usize {
    let mut decoder = encoding_rs::SHIFT_JIS.new_decoder_without_bom_handling();
    let mut scratch = String::with_capacity(4096);
    let mut errors = 0;
    let mut rest = bytes;
    loop {
        scratch.clear();
        let (result, read) =
            decoder.decode_to_string_without_replacement(rest, &mut scratch, false);
        rest = &rest[read..];
        match result {
            encoding_rs::DecoderResult::InputEmpty => return errors,
            encoding_rs::DecoderResult::OutputFull => {}
            encoding_rs::DecoderResult::Malformed(..) => errors += 1,
        }
    }
}

/// Decodes the fields of a row into `text`, field after field, writing
/// each field's end in `text` to `text_ends`. Returns false when a field
/// held bytes invalid in the encoding; such a field is decoded with
/// U+FFFD replacements.
///
/// For the common case of a valid UTF-8 row the caller does not need this:
/// see [`utf8_row`].
pub fn decode_row(
    encoding: Encoding,
    bytes: &[u8],
    ends: &[usize],
    text: &mut String,
    text_ends: &mut Vec<usize>,
) -> bool {
    text.clear();
    text_ends.clear();
    if encoding == Encoding::ShiftJis && shift_jis_row(bytes, ends, text, text_ends) {
        return true;
    }
    decode_fields(encoding, bytes, ends, text, text_ends)
}

/// [`decode_row`] one field at a time.
fn decode_fields(
    encoding: Encoding,
    bytes: &[u8],
    ends: &[usize],
    text: &mut String,
    text_ends: &mut Vec<usize>,
) -> bool {
    text.clear();
    text_ends.clear();
    let mut valid = true;
    let mut start = 0;
    for &end in ends {
        let field = &bytes[start..end];
        start = end;
        valid &= decode_field(encoding, field, text);
        text_ends.push(text.len());
    }
    valid
}

/// A valid Shift_JIS row decoded in one call of the decoder rather than
/// one per field (in wasm, the calls cost about as much as the decoding):
/// the field ends in `text` are then found by walking the bytes and the
/// text side by side, a character at a time (in valid Shift_JIS a
/// character is one byte, or two from a lead byte, and gives one
/// character). False, with `text` and `text_ends` to be cleared, when a
/// byte is invalid or a character straddles two fields: the caller then
/// decodes field by field, which flags exactly the fields at fault.
fn shift_jis_row(
    bytes: &[u8],
    ends: &[usize],
    text: &mut String,
    text_ends: &mut Vec<usize>,
) -> bool {
    let mut decoder = encoding_rs::SHIFT_JIS.new_decoder_without_bom_handling();
    // Three bytes of UTF-8 per byte at most (a half-width katakana byte).
    text.reserve(bytes.len().saturating_mul(3));
    let (result, _) = decoder.decode_to_string_without_replacement(bytes, text, true);
    if result != encoding_rs::DecoderResult::InputEmpty {
        return false;
    }
    let out = text.as_bytes();
    let (mut at, mut out_at) = (0, 0);
    for &end in ends {
        while at < end {
            at += match bytes[at] {
                0x81..=0x9F | 0xE0..=0xFC => 2,
                _ => 1,
            };
            out_at += match out.get(out_at) {
                Some(0..=0x7F) => 1,
                Some(0x80..=0xDF) => 2,
                Some(0xE0..=0xEF) => 3,
                _ => 4,
            };
        }
        if at != end {
            return false;
        }
        text_ends.push(out_at);
    }
    out_at == out.len()
}

/// Appends one field to `text`; false when it held invalid bytes.
fn decode_field(encoding: Encoding, field: &[u8], text: &mut String) -> bool {
    if field.is_ascii() {
        // ASCII is the same in both encodings (CP932 maps 0x5C to U+005C).
        text.push_str(std::str::from_utf8(field).unwrap_or_default());
        return true;
    }
    match encoding {
        // UTF-16 reaches the rows transcoded to UTF-8.
        Encoding::Utf8 | Encoding::Utf16Le | Encoding::Utf16Be => {
            match std::str::from_utf8(field) {
                Ok(value) => {
                    text.push_str(value);
                    true
                }
                Err(_) => {
                    text.push_str(&String::from_utf8_lossy(field));
                    false
                }
            }
        }
        Encoding::ShiftJis => {
            // The allocation-free form of
            // `decode_without_bom_handling_and_without_replacement`.
            let start = text.len();
            let mut decoder = encoding_rs::SHIFT_JIS.new_decoder_without_bom_handling();
            // Three bytes of UTF-8 per byte at most (a half-width katakana
            // byte): enough room, without asking the decoder for each field.
            text.reserve(field.len().saturating_mul(3));
            let (result, _) = decoder.decode_to_string_without_replacement(field, text, true);
            if result == encoding_rs::DecoderResult::InputEmpty {
                return true;
            }
            text.truncate(start);
            let mut decoder = encoding_rs::SHIFT_JIS.new_decoder_without_bom_handling();
            let room = decoder
                .max_utf8_buffer_length(field.len())
                .unwrap_or(field.len() * 3 + 3);
            text.reserve(room);
            let _ = decoder.decode_to_string(field, text, true);
            false
        }
    }
}

/// The row as one `&str` when it is valid UTF-8 and every field end falls
/// on a character boundary: the fields are then slices of it, with no copy.
pub fn utf8_row<'a>(bytes: &'a [u8], ends: &[usize]) -> Option<&'a str> {
    let text = std::str::from_utf8(bytes).ok()?;
    ends.iter()
        .all(|&end| text.is_char_boundary(end))
        .then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detect(data: &[u8], chunk: usize, explicit: Option<Encoding>) -> Result<Detected, Refusal> {
        let mut detector = Detector::default();
        for part in data.chunks(chunk.max(1)) {
            if let (_, Some(found)) = detector.push(part, explicit, false) {
                return found;
            }
        }
        detector.push(&[], explicit, true).1.unwrap()
    }

    #[test]
    fn labels() {
        for label in ["utf-8", "UTF8", " utf-8 "] {
            assert_eq!(Encoding::from_label(label), Some(Encoding::Utf8));
        }
        for label in ["shift_jis", "SJIS", "cp932", "Windows-31J", "ms932"] {
            assert_eq!(Encoding::from_label(label), Some(Encoding::ShiftJis));
        }
        assert_eq!(Encoding::from_label("UTF-16"), Some(Encoding::Utf16Le));
        assert_eq!(Encoding::from_label("utf-16be"), Some(Encoding::Utf16Be));
        assert_eq!(Encoding::from_label("latin1"), None);
        for encoding in Encoding::ALL {
            assert_eq!(Encoding::from_label(encoding.label()), Some(encoding));
        }
    }

    #[test]
    fn detects_for_any_chunking() {
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("診断年月日,現在のステータス\n");
        let utf8 = "診断年月日,現在のステータス\n".as_bytes();
        let mut bom = UTF8_BOM.to_vec();
        bom.extend_from_slice(utf8);
        let mut utf16 = UTF16LE_BOM.to_vec();
        for unit in "診断年月日\t現在のステータス\r\n".encode_utf16() {
            utf16.extend_from_slice(&unit.to_le_bytes());
        }
        for chunk in [1, 2, 3, 5, 4096] {
            let found = detect(&sjis, chunk, None).unwrap();
            assert_eq!(found.encoding, Encoding::ShiftJis);
            let found = detect(utf8, chunk, None).unwrap();
            assert_eq!((found.encoding, found.bom_len), (Encoding::Utf8, 0));
            let found = detect(&bom, chunk, None).unwrap();
            assert_eq!((found.encoding, found.bom_len), (Encoding::Utf8, 3));
            let found = detect(&bom, chunk, Some(Encoding::ShiftJis)).unwrap();
            assert_eq!((found.encoding, found.bom_len), (Encoding::ShiftJis, 3));
            let found = detect(&utf16, chunk, Some(Encoding::Utf8)).unwrap();
            assert_eq!(
                (found.encoding, found.bom_len, found.delimiter),
                (Encoding::Utf16Le, 2, b'\t')
            );
        }
        assert_eq!(detect(b"", 1, None).unwrap().encoding, Encoding::Utf8);
        assert_eq!(detect(b"\xEF\xBB", 1, None).unwrap().bom_len, 0);
    }

    #[test]
    fn binary_files_are_refused() {
        for data in [
            &b"\x1F\x8B\x08\x00rest"[..],
            b"PK\x03\x04",
            b"%PDF-1.7\n",
            b"a,b\n1,\x002\n",
            b"BZh91AY",
        ] {
            assert_eq!(detect(data, 3, None), Err(Refusal::Binary), "{data:?}");
        }
        // A header that merely starts with the letters BZh is text.
        assert!(detect(b"BZh,b\n", 3, None).is_ok());
    }

    #[test]
    fn the_delimiter_comes_from_the_first_line() {
        assert_eq!(delimiter_of(b"\r\na\tb\tc,d\n1,2,3,4,5\n"), b'\t');
        assert_eq!(delimiter_of(b"a,b\tc\n"), b',');
        assert_eq!(delimiter_of(b"\"a\tb\tc\",d\n"), b',');
        assert_eq!(delimiter_of(b"single\n"), b',');
        // A title typed above a tab-separated table does not decide.
        assert_eq!(delimiter_of("一覧表\r\n\r\na\tb\tc\n".as_bytes()), b'\t');
        assert_eq!(delimiter_of("一覧表\na,b\tc\n".as_bytes()), b',');
    }

    #[test]
    fn a_stray_bad_byte_does_not_make_utf8_shift_jis() {
        let mut bytes = "診断年月日,現在のステータス\n".repeat(10).into_bytes();
        bytes.push(0xFF);
        assert_eq!(super::detect(&bytes), Encoding::Utf8);
        // Half-width katakana alone are Shift_JIS.
        assert_eq!(super::detect(b"a,\xB1\xB2\xB3\n"), Encoding::ShiftJis);
        // A window cut inside a character.
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("死亡");
        assert_eq!(super::detect(&sjis[..3]), Encoding::ShiftJis);
        assert_eq!(super::detect(&"死亡".as_bytes()[..4]), Encoding::Utf8);
    }

    #[test]
    fn decodes_fields_and_flags_invalid_bytes() {
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("死亡");
        let mut bytes = sjis.to_vec();
        bytes.extend_from_slice(b"ok\x82");
        let ends = [sjis.len(), sjis.len() + 2, bytes.len()];
        let (mut text, mut text_ends) = (String::new(), Vec::new());
        assert!(!decode_row(
            Encoding::ShiftJis,
            &bytes,
            &ends,
            &mut text,
            &mut text_ends
        ));
        assert_eq!(text, "死亡ok\u{FFFD}");
        assert_eq!(text_ends, vec![6, 8, 11]);
        assert!(utf8_row("あい".as_bytes(), &[1, 6]).is_none());
        assert_eq!(utf8_row("あい".as_bytes(), &[3, 6]), Some("あい"));
    }

    #[test]
    fn a_valid_shift_jis_row_is_decoded_in_one_call() {
        let fields = [
            "A-1",
            "ｶﾀｶﾅ",
            "",
            "入院中",
            "αβ×",
            "Жж",
            "\u{80}～",
            "纊ⅰ",
            "\\~,",
        ];
        let mut bytes = Vec::new();
        let mut ends = Vec::new();
        for field in fields {
            bytes.extend_from_slice(&encoding_rs::SHIFT_JIS.encode(field).0);
            ends.push(bytes.len());
        }
        let (mut text, mut text_ends) = (String::new(), Vec::new());
        assert!(shift_jis_row(&bytes, &ends, &mut text, &mut text_ends));
        assert_eq!(text, fields.concat());
        let expected: Vec<usize> = fields
            .iter()
            .scan(0, |end, field| {
                *end += field.len();
                Some(*end)
            })
            .collect();
        assert_eq!(text_ends, expected);
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2048))]

        /// A Shift_JIS row decoded in one call gives what decoding it field
        /// by field gives: the text, the field ends, the verdict, with
        /// lead bytes, trail bytes, katakana and invalid bytes anywhere,
        /// characters straddling fields included.
        #[test]
        fn a_shift_jis_row_decodes_as_its_fields_do(
            units in proptest::collection::vec(
                proptest::prop_oneof![
                    // Valid characters: ASCII, U+0080, katakana, kana, kanji, Greek,
                    // Cyrillic, ×, the IBM and NEC extensions (1 to 3 bytes of UTF-8).
                    8 => proptest::sample::select(vec![
                        &b"a"[..], b",", b"\x5C", b"\x7E", b"\x80", b"\xA1", b"\xDF", b"\x82\xA0",
                        b"\x88\x9F", b"\x83\x9F", b"\x84\x40", b"\x81\x7E", b"\xEA\xA4",
                        b"\xFA\x40", b"\xED\x40", b"\xFC\x4B",
                    ]),
                    // Invalid: a lone lead, bytes no character uses, unmapped pairs.
                    1 => proptest::sample::select(vec![&b"\x81"[..], b"\xA0", b"\xFD", b"\xFF", b"\x85\x40", b"\xEF\x40"]),
                ],
                0..24,
            ),
            cuts in proptest::collection::vec(0usize..60, 0..6),
        ) {
            let bytes: Vec<u8> = units.concat();
            let mut ends: Vec<usize> = cuts.into_iter().filter(|&cut| cut < bytes.len()).collect();
            ends.push(bytes.len());
            ends.sort_unstable();
            let (mut text, mut text_ends) = (String::new(), Vec::new());
            let valid = decode_row(Encoding::ShiftJis, &bytes, &ends, &mut text, &mut text_ends);
            let (mut expected, mut expected_ends) = (String::new(), Vec::new());
            let expected_valid = decode_fields(Encoding::ShiftJis, &bytes, &ends, &mut expected, &mut expected_ends);
            proptest::prop_assert_eq!((valid, text, text_ends), (expected_valid, expected, expected_ends));
        }
    }
}
