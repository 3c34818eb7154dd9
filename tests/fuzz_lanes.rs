#![cfg(not(target_arch = "wasm32"))]
//! Short stable lanes of the fuzz targets: the same checks
//! (`fuzz/checks.rs`) driven by proptest, so `npm test` finds a panic
//! without nightly. `npm run fuzz` runs the coverage-guided targets.

#[path = "../fuzz/checks.rs"]
mod checks;

use proptest::prelude::*;

/// Bytes that look like 発生届 data often enough to reach deep code:
/// pieces of dates, passports, CSV syntax and Shift_JIS, mixed with noise.
fn bytes() -> impl Strategy<Value = Vec<u8>> {
    const PIECES: &[&[u8]] = &[
        "令和3年6月3日".as_bytes(),
        "（木）".as_bytes(),
        b"(Thu)",
        b"R3.6.1",
        b"2021-06-03",
        "ＴＫ１２３４５６７".as_bytes(),
        b"TK1234567",
        "ｶﾞ".as_bytes(),
        "診断年月日,入国日,パスポート番号\r\n".as_bytes(),
        b"\x90\x66\x92\x66", // Shift_JIS 診断
        b"\xEF\xBB\xBF",
        b"\xFF\xFE",
        b"\",\"",
        b"\n",
        b"\x1F",
    ];
    prop::collection::vec(
        prop_oneof![
            3 => prop::sample::select(PIECES).prop_map(<[u8]>::to_vec),
            2 => prop::collection::vec(any::<u8>(), 0..8),
        ],
        0..24,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn date_parser(data in bytes()) { checks::date_parser(&data) }

    #[test]
    fn passport_checker(data in bytes()) { checks::passport_checker(&data) }

    #[test]
    fn validate_record(data in bytes()) { checks::validate_record(&data) }

    #[test]
    fn auditor_push(data in bytes()) { checks::auditor_push(&data) }
}
