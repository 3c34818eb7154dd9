//! The file's character encoding: UTF-8 or Shift_JIS (CP932), detected
//! from its first 64 KiB, and the decoding of each field.

/// The encodings Japanese case files come in (domain.md §7).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Encoding {
    Utf8,
    /// Shift_JIS as Windows writes it: CP932 (Windows-31J), which is what
    /// `encoding_rs::SHIFT_JIS` decodes (the WHATWG Shift_JIS).
    ShiftJis,
}

/// The UTF-8 byte order mark.
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// How many bytes of the file the detection reads at most: a file whose
/// first 64 KiB are valid UTF-8 is UTF-8.
pub const DETECTION_WINDOW: usize = 64 * 1024;

impl Encoding {
    /// The encoding a label names: `utf-8`, `utf8`, `shift_jis`, `sjis`,
    /// `cp932`, `windows-31j` (and `shift-jis`, `ms932`, `x-sjis`), in any
    /// case, with surrounding spaces ignored.
    pub fn from_label(label: &str) -> Option<Encoding> {
        match label.trim().to_ascii_lowercase().as_str() {
            "utf-8" | "utf8" => Some(Encoding::Utf8),
            "shift_jis" | "shift-jis" | "sjis" | "cp932" | "ms932" | "windows-31j" | "x-sjis" => {
                Some(Encoding::ShiftJis)
            }
            _ => None,
        }
    }

    /// The canonical label: `utf-8` or `shift_jis`.
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::ShiftJis => "shift_jis",
        }
    }

    /// The `encoding_rs` encoding.
    pub fn encoding_rs(self) -> &'static encoding_rs::Encoding {
        match self {
            Encoding::Utf8 => encoding_rs::UTF_8,
            Encoding::ShiftJis => encoding_rs::SHIFT_JIS,
        }
    }
}

/// Detection over the first bytes of the file.
#[derive(Debug, Default)]
pub struct Detector {
    /// The bytes read so far, at most [`DETECTION_WINDOW`].
    pub buf: Vec<u8>,
}

/// A decision: the encoding, and how many leading bytes are a BOM.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Detected {
    pub encoding: Encoding,
    pub bom_len: usize,
}

impl Detector {
    /// Adds bytes and decides when it can: a UTF-8 BOM means UTF-8; an
    /// explicit encoding is taken as given (a UTF-8 BOM is still dropped);
    /// otherwise, once [`DETECTION_WINDOW`] bytes (or the whole file, at
    /// `eof`) are in, [`detect`] decides.
    ///
    /// Only the bytes up to the window are copied: returns how many of
    /// `chunk` were taken (all of them unless a decision was made), with
    /// the decision. The decision depends only on the file's first bytes,
    /// never on how they were chunked.
    pub fn push(
        &mut self,
        chunk: &[u8],
        explicit: Option<Encoding>,
        eof: bool,
    ) -> (usize, Option<Detected>) {
        let taken = chunk
            .len()
            .min(DETECTION_WINDOW.saturating_sub(self.buf.len()));
        self.buf.extend_from_slice(&chunk[..taken]);
        let eof = eof && taken == chunk.len();
        (taken, self.decide(explicit, eof))
    }

    fn decide(&self, explicit: Option<Encoding>, eof: bool) -> Option<Detected> {
        if !eof && self.buf.len() < UTF8_BOM.len() && UTF8_BOM.starts_with(&self.buf) {
            // Could still be a BOM.
            return None;
        }
        let bom_len = if self.buf.starts_with(UTF8_BOM) {
            UTF8_BOM.len()
        } else {
            0
        };
        if let Some(encoding) = explicit {
            return Some(Detected { encoding, bom_len });
        }
        if bom_len > 0 {
            return Some(Detected {
                encoding: Encoding::Utf8,
                bom_len,
            });
        }
        if !eof && self.buf.len() < DETECTION_WINDOW {
            return None;
        }
        Some(Detected {
            encoding: detect(&self.buf),
            bom_len: 0,
        })
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

/// Appends one field to `text`; false when it held invalid bytes.
fn decode_field(encoding: Encoding, field: &[u8], text: &mut String) -> bool {
    if field.is_ascii() {
        // ASCII is the same in both encodings (CP932 maps 0x5C to U+005C).
        text.push_str(std::str::from_utf8(field).unwrap_or_default());
        return true;
    }
    match encoding {
        Encoding::Utf8 => match std::str::from_utf8(field) {
            Ok(value) => {
                text.push_str(value);
                true
            }
            Err(_) => {
                text.push_str(&String::from_utf8_lossy(field));
                false
            }
        },
        Encoding::ShiftJis => {
            // The allocation-free form of
            // `decode_without_bom_handling_and_without_replacement`.
            let start = text.len();
            let mut decoder = encoding_rs::SHIFT_JIS.new_decoder_without_bom_handling();
            let room = decoder
                .max_utf8_buffer_length_without_replacement(field.len())
                .unwrap_or(field.len() * 3);
            text.reserve(room);
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

    fn detect(data: &[u8], chunk: usize, explicit: Option<Encoding>) -> Option<Detected> {
        let mut detector = Detector::default();
        for part in data.chunks(chunk.max(1)) {
            if let (_, Some(found)) = detector.push(part, explicit, false) {
                return Some(found);
            }
        }
        detector.push(&[], explicit, true).1
    }

    #[test]
    fn labels() {
        for label in ["utf-8", "UTF8", " utf-8 "] {
            assert_eq!(Encoding::from_label(label), Some(Encoding::Utf8));
        }
        for label in ["shift_jis", "SJIS", "cp932", "Windows-31J"] {
            assert_eq!(Encoding::from_label(label), Some(Encoding::ShiftJis));
        }
        assert_eq!(Encoding::from_label("latin1"), None);
    }

    #[test]
    fn detects_for_any_chunking() {
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("診断年月日,現在のステータス\n");
        let utf8 = "診断年月日,現在のステータス\n".as_bytes();
        let mut bom = UTF8_BOM.to_vec();
        bom.extend_from_slice(utf8);
        for chunk in [1, 2, 3, 5, 4096] {
            let found = detect(&sjis, chunk, None).unwrap();
            assert_eq!(found.encoding, Encoding::ShiftJis);
            let found = detect(utf8, chunk, None).unwrap();
            assert_eq!((found.encoding, found.bom_len), (Encoding::Utf8, 0));
            let found = detect(&bom, chunk, None).unwrap();
            assert_eq!((found.encoding, found.bom_len), (Encoding::Utf8, 3));
            let found = detect(&bom, chunk, Some(Encoding::ShiftJis)).unwrap();
            assert_eq!((found.encoding, found.bom_len), (Encoding::ShiftJis, 3));
        }
        assert_eq!(detect(b"", 1, None).unwrap().encoding, Encoding::Utf8);
        assert_eq!(detect(b"\xEF\xBB", 1, None).unwrap().bom_len, 0);
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
}
