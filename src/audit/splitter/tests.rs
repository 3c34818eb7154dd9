//! Tests of the splitter: records, line numbers, recovery, caps, for
//! every chunking.
use super::*;

fn split(chunks: &[&[u8]]) -> Vec<(u64, Vec<String>, bool)> {
    let mut splitter = Splitter::new();
    let mut rows = Vec::new();
    let mut sink = |row: RawRow| {
        let fields = (0..row.field_count())
            .map(|i| String::from_utf8_lossy(row.field(i)).into_owned())
            .collect();
        rows.push((row.line, fields, row.unclosed_quote));
    };
    for chunk in chunks {
        splitter.feed(chunk, &mut sink);
    }
    splitter.finish(&mut sink);
    rows
}

fn by_bytes(data: &[u8]) -> Vec<(u64, Vec<String>, bool)> {
    let chunks: Vec<&[u8]> = data.chunks(1).collect();
    split(&chunks)
}

fn split_sizes(data: &[u8], sizes: &[usize]) -> Vec<(u64, Vec<String>, bool)> {
    let mut chunks = Vec::new();
    let mut rest = data;
    for size in sizes.iter().cycle() {
        if rest.is_empty() {
            break;
        }
        let (chunk, tail) = rest.split_at((*size).clamp(1, rest.len()));
        chunks.push(chunk);
        rest = tail;
    }
    split(&chunks)
}

#[cfg(not(target_arch = "wasm32"))]
proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

    /// Any bytes, any split: the same records, with rising lines.
    #[test]
    fn any_bytes_split_anywhere_give_the_same_records(
        data in proptest::collection::vec(
            proptest::sample::select(vec![b'a', b'b', b',', b'"', b'\n', b'\r']),
            0..400,
        ),
        sizes in proptest::collection::vec(1usize..20, 1..8),
    ) {
        let whole = split(&[&data]);
        proptest::prop_assert_eq!(&split_sizes(&data, &sizes), &whole);
        proptest::prop_assert!(whole.windows(2).all(|w| w[0].0 < w[1].0));
    }
}

/// A record of a capped splitter: line, fields, unclosed quote, too
/// long.
type Capped = (u64, Vec<String>, bool, bool);

/// Splits with a cap, chunked by `sizes`; also returns the largest
/// buffer capacities seen at any chunk boundary and at the end.
fn split_capped(cap: usize, data: &[u8], sizes: &[usize]) -> (Vec<Capped>, [usize; 4]) {
    split_capped_with(Splitter::with_max_row_bytes(cap), data, sizes)
}

/// [`split_capped`] with a given splitter.
fn split_capped_with(
    mut splitter: Splitter,
    data: &[u8],
    sizes: &[usize],
) -> (Vec<Capped>, [usize; 4]) {
    let mut rows = Vec::new();
    let mut sink = |row: RawRow| {
        let fields = (0..row.field_count())
            .map(|i| String::from_utf8_lossy(row.field(i)).into_owned())
            .collect();
        rows.push((row.line, fields, row.unclosed_quote, row.too_long));
    };
    let mut peak = [0; 4];
    let mut rest = data;
    for size in sizes.iter().cycle() {
        if rest.is_empty() {
            break;
        }
        let (chunk, tail) = rest.split_at((*size).clamp(1, rest.len()));
        splitter.feed(chunk, &mut sink);
        rest = tail;
        for (p, c) in peak.iter_mut().zip(splitter.capacities()) {
            *p = (*p).max(c);
        }
    }
    splitter.finish(&mut sink);
    for (p, c) in peak.iter_mut().zip(splitter.capacities()) {
        *p = (*p).max(c);
    }
    (rows, peak)
}

/// `out` and `ends` hold at most one more than their cap, `tail` the
/// cap, and `pending` (a tail and what was left to parse) the cap and
/// one chunk.
fn assert_bounded(peak: [usize; 4], cap: usize, chunk: usize) {
    let [out, ends, tail, pending] = peak;
    assert!(out <= cap + 1, "out {out} > {cap} + 1");
    assert!(ends <= cap.min(MAX_ROW_FIELDS) + 1, "ends {ends}");
    assert!(tail <= cap, "tail {tail} > {cap}");
    assert!(
        pending <= cap + chunk,
        "pending {pending} > {cap} + {chunk}"
    );
}

fn too_long(line: u64) -> Capped {
    (line, Vec::new(), false, true)
}

fn row(line: u64, fields: &[&str]) -> Capped {
    (
        line,
        fields.iter().map(|f| f.to_string()).collect(),
        false,
        false,
    )
}

#[cfg(not(target_arch = "wasm32"))]
proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

    /// Lines without quotes split without csv-core give exactly what
    /// csv-core gives: records, lines, flags and bounded buffers, with
    /// either delimiter, any cap, any split, a BOM anywhere.
    #[test]
    fn plain_lines_split_as_csv_core_splits_them(
        data in proptest::collection::vec(
            proptest::sample::select(vec![
                b'a', b'b', b',', b',', b'\t', b'"', b'\n', b'\r', 0xEF, 0xBB, 0xBF, 0xE3, 0x81, 0x82,
            ]),
            0..300,
        ),
        cap in proptest::prop_oneof![1usize..40, 1000usize..1001],
        tab in proptest::bool::ANY,
        sizes in proptest::collection::vec(1usize..50, 1..6),
    ) {
        let make = |fast: bool| {
            let mut splitter = Splitter::with_max_row_bytes(cap);
            if tab {
                splitter.set_delimiter(b'\t');
            }
            splitter.plain_lines_fast = fast;
            splitter
        };
        let (fast, fast_peak) = split_capped_with(make(true), &data, &sizes);
        let (slow, _) = split_capped_with(make(false), &data, &sizes);
        proptest::prop_assert_eq!(&fast, &slow);
        assert_bounded(fast_peak, cap, sizes.iter().max().copied().unwrap_or(1));
        let plain = data.iter().filter(|&&b| b != b'"').copied().collect::<Vec<_>>();
        let (fast, _) = split_capped_with(make(true), &plain, &[plain.len().max(1)]);
        let (slow, _) = split_capped_with(make(false), &plain, &[plain.len().max(1)]);
        proptest::prop_assert_eq!(fast, slow);
    }
}

const CHUNKS: [usize; 6] = [1, 2, 3, 7, 64, 4096];

/// The same records for every chunk size, with bounded buffers.
fn split_every_way(cap: usize, data: &[u8]) -> Vec<Capped> {
    let (whole, peak) = split_capped(cap, data, &[data.len().max(1)]);
    assert_bounded(peak, cap, data.len());
    for chunk in CHUNKS {
        let (rows, peak) = split_capped(cap, data, &[chunk]);
        assert_eq!(rows, whole, "chunk {chunk}");
        assert_bounded(peak, cap, chunk);
    }
    whole
}

#[cfg(not(target_arch = "wasm32"))]
proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

    /// With any cap: the same records for any split, rising lines,
    /// bounded buffers, and, when the cap is never reached, the
    /// records of an uncapped splitter.
    #[test]
    fn capped_records_do_not_depend_on_the_split(
        data in proptest::collection::vec(
            proptest::sample::select(vec![b'a', b'b', b',', b'"', b'\n', b'\r']),
            0..400,
        ),
        sizes in proptest::collection::vec(1usize..20, 1..8),
        cap in 1usize..48,
    ) {
        let (whole, peak) = split_capped(cap, &data, &[data.len().max(1)]);
        assert_bounded(peak, cap, data.len());
        let (rows, peak) = split_capped(cap, &data, &sizes);
        assert_bounded(peak, cap, 20);
        proptest::prop_assert_eq!(&rows, &whole);
        proptest::prop_assert!(whole.windows(2).all(|w| w[0].0 < w[1].0));
        if whole.iter().all(|row| !row.3) {
            let plain: Vec<Capped> = split(&[&data])
                .into_iter()
                .map(|(line, fields, unclosed)| (line, fields, unclosed, false))
                .collect();
            proptest::prop_assert_eq!(whole, plain);
        }
    }
}

#[test]
fn a_giant_single_line_row_is_too_long_and_the_next_rows_follow() {
    let mut data = b"h1,h2\n".to_vec();
    data.extend(std::iter::repeat_n(b'x', 10_000));
    data.extend_from_slice(b",y\r\na,b\n\"q\"\"\",c\n");
    let rows = split_every_way(64, &data);
    assert_eq!(
        rows,
        vec![
            row(1, &["h1", "h2"]),
            too_long(2),
            row(3, &["a", "b"]),
            row(4, &["q\"", "c"]),
        ]
    );
}

#[test]
fn a_row_of_exactly_the_cap_is_kept() {
    let rows = split_every_way(4, b"ab,cd\nab,cde\n");
    assert_eq!(rows, vec![row(1, &["ab", "cd"]), too_long(2)]);
    // Too many fields, though few bytes.
    let rows = split_every_way(4, b",,,\n,,,,\n");
    assert_eq!(rows, vec![row(1, &["", "", "", ""]), too_long(2)]);
}

#[test]
fn a_giant_quoted_cell_spanning_lines_ends_where_its_quote_closes() {
    let mut data = b"h1,h2\n1,\"".to_vec();
    for _ in 0..20 {
        data.extend(std::iter::repeat_n(b'z', 500));
        data.extend_from_slice(b",\r\n");
    }
    data.extend_from_slice(b"end\"\nnext,row\n");
    let rows = split_every_way(64, &data);
    assert_eq!(
        rows,
        vec![
            row(1, &["h1", "h2"]),
            too_long(2),
            row(23, &["next", "row"])
        ]
    );
}

#[test]
fn a_too_long_record_with_too_many_quoted_lines_is_cut_after_them() {
    // An unclosed quote, a long line, then more lines than the limit:
    // the record is cut right after its 101st quoted line break, and
    // the lines after that are rows again.
    let mut data = b"h1,h2\n1,\"open".to_vec();
    data.extend(std::iter::repeat_n(b'z', 1000));
    data.push(b'\n');
    let n = MAX_QUOTED_LINE_BREAKS + 20;
    for i in 0..n {
        data.extend_from_slice(format!("{i},v\n").as_bytes());
    }
    let rows = split_every_way(64, &data);
    assert_eq!(rows[1], too_long(2));
    let first_back = MAX_QUOTED_LINE_BREAKS; // line 3 holds "0,v"
    assert_eq!(
        rows[2],
        row(first_back + 3, &[&first_back.to_string(), "v"])
    );
    assert_eq!(rows.len() as u64, 2 + n - first_back);
    assert_eq!(rows.last().unwrap().0, n + 2);
}

#[test]
fn a_giant_row_at_the_end_without_a_line_break() {
    let mut data = b"h1,h2\na,b\n".to_vec();
    data.extend(std::iter::repeat_n(b'x', 5000));
    let rows = split_every_way(64, &data);
    assert_eq!(
        rows,
        vec![row(1, &["h1", "h2"]), row(2, &["a", "b"]), too_long(3)]
    );
    // Inside an open quote: not recovered, its bytes are gone.
    data.extend_from_slice(b",\"open\nc,d\ne,f");
    let rows = split_every_way(64, &data);
    assert_eq!(
        rows,
        vec![row(1, &["h1", "h2"]), row(2, &["a", "b"]), too_long(3)]
    );
}

#[test]
fn many_giant_rows_each_give_one_record() {
    let mut data = Vec::new();
    let mut expected = Vec::new();
    let mut line = 1;
    for i in 0..40 {
        if i % 3 == 0 {
            data.extend_from_slice(b"\"");
            data.extend(std::iter::repeat_n(b'q', 100 + i * 37));
            data.extend_from_slice(b"\r\nq\",x\r\n");
            expected.push(too_long(line));
            line += 2;
        } else {
            data.extend(std::iter::repeat_n(b'g', 65 + i * 53));
            data.push(b'\n');
            expected.push(too_long(line));
            line += 1;
        }
        data.extend_from_slice(format!("r{i},s\n").as_bytes());
        expected.push(row(line, &[&format!("r{i}"), "s"]));
        line += 1;
    }
    assert_eq!(split_every_way(64, &data), expected);
}

#[test]
fn memory_stays_bounded_for_a_giant_row() {
    // 50 MB of one row, fed in 1 MiB chunks, against the real cap: as a
    // single line, and as a quoted cell with a line break in it.
    let cap = MAX_ROW_BYTES;
    let mut data = vec![b'x'; 50_000_000];
    data.extend_from_slice(b"\nnext,row\n");
    let (rows, peak) = split_capped(cap, &data, &[1 << 20]);
    assert_eq!(rows, vec![too_long(1), row(2, &["next", "row"])]);
    assert_bounded(peak, cap, 1 << 20);
    data[0] = b'"';
    data[1000] = b'\n';
    let end = data.len() - 10;
    data[end - 1] = b'"';
    let (rows, peak) = split_capped(cap, &data, &[1 << 20]);
    assert_eq!(rows, vec![too_long(1), row(3, &["next", "row"])]);
    assert_bounded(peak, cap, 1 << 20);
}

#[test]
fn many_stray_quotes_inside_a_long_open_quote_do_not_nest() {
    // A quote open for more than the limit, and within the lines it
    // swallowed, thousands of stray quotes that each close on the next
    // line: every line is still a row, in order, for any split.
    let mut data = b"h1,h2,h3,h4\n1,\"open\n".to_vec();
    for i in 0..3000 {
        data.extend_from_slice(format!("{i},\"x,y\n").as_bytes());
    }
    let whole = split(&[&data]);
    assert_eq!(whole.len(), 3002);
    let lines: Vec<u64> = whole.iter().map(|row| row.0).collect();
    assert_eq!(lines, (1..=3002).collect::<Vec<u64>>());
    for size in [1, 7, 4096] {
        assert_eq!(split_sizes(&data, &[size]), whole, "chunk {size}");
    }
}

#[test]
fn counts_line_breaks_of_every_style() {
    assert_eq!(count_line_breaks(b"a\nb\r\nc\rd", false), 3);
    assert_eq!(count_line_breaks(b"\n", true), 0);
    assert_eq!(count_line_breaks(b"\r", true), 1);
    assert_eq!(count_line_breaks(b"", true), 0);
}

#[test]
fn line_numbers_follow_quoted_line_breaks_and_blank_lines() {
    let data = b"h1,h2\r\n\"a\r\nb\",c\r\n\r\nd,e\rf,g\n";
    let expected = vec![
        (1, vec!["h1".into(), "h2".into()], false),
        (2, vec!["a\r\nb".into(), "c".into()], false),
        (5, vec!["d".into(), "e".into()], false),
        (6, vec!["f".into(), "g".into()], false),
    ];
    assert_eq!(split(&[data]), expected);
    assert_eq!(by_bytes(data), expected);
}

#[test]
fn a_bom_inside_the_file_is_data() {
    let rows = by_bytes(b"a\n\xEF\xBB\xBFb\n");
    assert_eq!(rows[1].1, vec!["\u{feff}b".to_string()]);
}

/// The plain lines before it never reach csv-core, whose reader would
/// then still strip a BOM.
#[test]
fn a_bom_on_a_last_line_after_plain_lines_is_data() {
    for data in [
        &b"a\n\xEF\xBB\xBF"[..],
        b"a\n\xEF\xBB\xBFb",
        b"a\n\xEF\xBB\xBF\"b\"\n",
    ] {
        let rows = split(&[data]);
        assert_eq!(rows.len(), 2);
        assert!(rows[1].1[0].starts_with('\u{feff}'));
    }
}

#[test]
fn an_unclosed_quote_at_the_end_is_flagged_on_its_row() {
    let rows = split(&[b"a,b\n1,\"x"]);
    assert_eq!(rows[1], (2, vec!["1".into(), "x".into()], true));
}

#[test]
fn the_lines_an_unclosed_quote_swallowed_come_back() {
    let data = b"a,b\n1,\"x\n2,y\n3,z\n";
    let expected = vec![
        (1, vec!["a".into(), "b".into()], false),
        (2, vec!["1".into(), "x".into()], true),
        (3, vec!["2".into(), "y".into()], false),
        (4, vec!["3".into(), "z".into()], false),
    ];
    assert_eq!(split(&[data]), expected);
    assert_eq!(by_bytes(data), expected);
}

#[test]
fn too_many_quoted_lines_are_recovered_the_same_for_any_split() {
    let mut data = b"a,b\n1,\"x\n".to_vec();
    for i in 0..150 {
        data.extend_from_slice(format!("{i},v\n").as_bytes());
    }
    data.extend_from_slice(b"\"closed late\",z\nlast,row\n");
    let whole = split(&[&data]);
    assert_eq!(whole, by_bytes(&data));
    assert_eq!(whole[1], (2, vec!["1".into(), "x".into()], true));
    assert_eq!(whole[2].0, 3);
    assert_eq!(
        whole.last().unwrap().1,
        vec!["last".to_string(), "row".to_string()]
    );
    for chunk in [2, 3, 7, 64, 4096] {
        let chunks: Vec<&[u8]> = data.chunks(chunk).collect();
        assert_eq!(split(&chunks), whole, "chunk {chunk}");
    }
}
