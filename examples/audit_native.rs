//! The batch audit compiled natively: the speed limit of the Rust core on this
//! machine, for the benchmark's batch section (bench/run.mjs) to compare the
//! wasm build against.
//!
//! ```text
//! cargo run --release --example audit_native -- FILE [--encoding utf-8|shift_jis]
//!     [--today YYYY-MM-DD] [--chunk BYTES] [--json]
//! ```
//!
//! Reads FILE in chunks of `--chunk` bytes (default 1 MiB, the chunk size of
//! `auditStream` in js/audit.js) and pushes each into one
//! [`Auditor`](hersys_validator::audit::Auditor) that keeps failing rows
//! only, as the wasm binding's auditor does. It renders the messages of
//! those rows' errors and warnings in Japanese through
//! [`Messages`](hersys_validator::audit::Messages) and drops the rows chunk
//! by chunk, as the binding does once it has handed them to JS. The time covers the reads (from the page cache once the file
//! has been read before) and the audit, as in the browser, where
//! `Blob.slice().arrayBuffer()` is timed too. Prints rows, bytes, seconds,
//! rows/s, MB/s (10^6 bytes) and the peak resident set size (VmHWM of
//! /proc/self/status); `--json` prints one JSON object instead, with the
//! summary's counts per code.
//!
//! Built with the release profile of Cargo.toml (`opt-level = "z"`, LTO),
//! or, as `npm run bench` also does, with `CARGO_PROFILE_RELEASE_OPT_LEVEL=3`:
//! the opt level the audit wasm module is built with.

use std::fs::File;
use std::io::Read;
use std::process::ExitCode;
use std::time::Instant;

use chrono::NaiveDate;
use hersys_validator::audit::{AuditConfig, Auditor, Encoding, Messages, RowResult};
use hersys_validator::{Lang, Options, Severity};

const USAGE: &str = "usage: audit_native FILE [--encoding utf-8|shift_jis] [--today YYYY-MM-DD] [--chunk BYTES] [--json]";

struct Args {
    file: String,
    encoding: Option<Encoding>,
    today: NaiveDate,
    chunk: usize,
    json: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut file = None;
    let mut encoding = None;
    let mut today = NaiveDate::from_ymd_opt(2025, 1, 1).expect("a real date");
    let mut chunk = 1 << 20;
    let mut json = false;
    let mut argv = std::env::args().skip(1);
    while let Some(arg) = argv.next() {
        let mut value = |name: &str| argv.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--encoding" => {
                let label = value("--encoding")?;
                encoding = Some(
                    Encoding::from_label(&label)
                        .ok_or(format!("--encoding: unknown encoding {label}"))?,
                );
            }
            "--today" => {
                today = NaiveDate::parse_from_str(&value("--today")?, "%Y-%m-%d")
                    .map_err(|_| "--today: YYYY-MM-DD")?;
            }
            "--chunk" => {
                chunk = value("--chunk")?
                    .parse()
                    .map_err(|_| "--chunk: not a number")?;
                if chunk == 0 {
                    return Err("--chunk: must be positive".into());
                }
            }
            "--json" => json = true,
            "-h" | "--help" => return Err(USAGE.into()),
            other if other.starts_with("--") => {
                return Err(format!("unknown option {other}\n{USAGE}"))
            }
            other => file = Some(other.to_string()),
        }
    }
    Ok(Args {
        file: file.ok_or(USAGE)?,
        encoding,
        today,
        chunk,
        json,
    })
}

/// Counts the failing rows of a batch, rendering their messages as the
/// binding's report does.
fn report(rows: &[RowResult], messages: &mut Messages) -> u64 {
    // The auditor keeps failing rows only.
    for row in rows {
        for finding in row.findings() {
            if finding.code().severity() != Severity::Info {
                std::hint::black_box(finding.message(messages));
            }
        }
    }
    rows.len() as u64
}

/// Peak resident set size in bytes (VmHWM), if /proc says.
fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("audit_native: {message}");
            return ExitCode::from(2);
        }
    };
    let mut file = match File::open(&args.file) {
        Ok(file) => file,
        Err(error) => {
            eprintln!("audit_native: {}: {error}", args.file);
            return ExitCode::FAILURE;
        }
    };

    let start = Instant::now();
    let mut config = AuditConfig::new(Options::new(args.today));
    config.encoding = args.encoding;
    let mut auditor = Auditor::new(config);
    // As the wasm binding does: clean rows are counted, not built.
    auditor.keep_failing_rows_only();
    let mut buffer = vec![0u8; args.chunk];
    let mut rows: Vec<RowResult> = Vec::new();
    let mut messages = Messages::new(Lang::Ja);
    let mut failing = 0u64;
    loop {
        let n = match file.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => n,
            Err(error) => {
                eprintln!("audit_native: {}: {error}", args.file);
                return ExitCode::FAILURE;
            }
        };
        rows.clear();
        auditor.push_into(&buffer[..n], &mut rows);
        failing += report(&rows, &mut messages);
    }
    rows.clear();
    auditor.finish_into(&mut rows);
    failing += report(&rows, &mut messages);
    drop(rows);
    let seconds = start.elapsed().as_secs_f64();

    let summary = auditor.summary();
    let rss = peak_rss();
    let rows_per_s = summary.rows as f64 / seconds;
    let mb_per_s = summary.bytes as f64 / 1e6 / seconds;
    let encoding = auditor.encoding().map_or("?", |e| e.label());
    if args.json {
        let counts: Vec<String> = summary
            .counts
            .iter()
            .map(|(code, n)| format!("\"{}\":{n}", code.as_str()))
            .collect();
        println!(
            "{{\"file\":{:?},\"encoding\":\"{encoding}\",\"rows\":{},\"rowsWithErrors\":{},\"rowsWithWarnings\":{},\"blankRows\":{},\"failingRows\":{failing},\"bytes\":{},\"seconds\":{seconds},\"rowsPerSecond\":{rows_per_s},\"mbPerSecond\":{mb_per_s},\"peakRssBytes\":{},\"chunkBytes\":{},\"counts\":{{{}}}}}",
            args.file,
            summary.rows,
            summary.rows_with_errors,
            summary.rows_with_warnings,
            summary.blank_rows,
            summary.bytes,
            rss.map_or("null".to_string(), |n| n.to_string()),
            args.chunk,
            counts.join(",")
        );
    } else {
        println!("file        {}", args.file);
        println!("encoding    {encoding}");
        println!("rows        {}", summary.rows);
        println!("with errors {}", summary.rows_with_errors);
        println!("bytes       {}", summary.bytes);
        println!("seconds     {seconds:.3}");
        println!("rows/s      {rows_per_s:.0}");
        println!("MB/s        {mb_per_s:.1}");
        match rss {
            Some(n) => println!("peak RSS    {:.1} MiB", n as f64 / (1 << 20) as f64),
            None => println!("peak RSS    unknown"),
        }
    }
    ExitCode::SUCCESS
}
