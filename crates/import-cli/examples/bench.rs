//! Benchmark of the import pipeline (issue 12, item 7): a 10,000-row CSV
//! read, matched and validated, the median of several runs printed. No
//! assertion on time: the figure is for people (scripts/test.sh prints it).
//!
//! `cargo run --release -p ward-import --example bench`
//!
//! The file is what a portal export or a merged spreadsheet looks like:
//! semicolon-separated with a decimal comma, an STT column, the 175 wards
//! over 58 months (long format, a period column), names written every way
//! people write them ("Phường Hàng Bồ", "P. Hàng Bồ", "PHƯỜNG HÀNG BỒ",
//! "phuong hang bo", "Hàng Bồ ward"), a district column, and a GSO code on
//! every third row only.
#![cfg(not(target_arch = "wasm32"))]

use std::fmt::Write;
use std::time::{Duration, Instant};

use ward_domain::dataset::Dataset;
use ward_domain::import::pipeline;
use ward_domain::Registry;
use ward_import::{check, registry, request_for, STATUSES};

const ROWS: usize = 10_000;
const RUNS: usize = 7;

fn csv(registry: &Registry) -> String {
    let months: Vec<String> = (0..58)
        .map(|i| format!("{}-{:02}", 2020 + (i + 6) / 12, (i + 6) % 12 + 1))
        .collect();
    let mut out = String::from("STT;Mã phường;Tên phường;Quận/Thị xã;Kỳ;Tỷ lệ đúng hạn (%)\r\n");
    let mut n = 0;
    'all: for month in &months {
        for (w, ward) in registry.wards.iter().enumerate() {
            if n == ROWS {
                break 'all;
            }
            n += 1;
            let district = registry
                .district(&ward.district)
                .map(|d| d.name.as_str())
                .unwrap_or("");
            let name = match (n + w) % 5 {
                0 => format!("Phường {}", ward.name),
                1 => format!("P. {}", ward.name),
                2 => ward.full_name.to_uppercase(),
                3 => format!("phuong {}", ward.folded),
                _ => format!("{} ward", ward.folded),
            };
            let code = if n % 3 == 0 { ward.code.as_str() } else { "" };
            // 60.0–99.9 with one decimal, written with a decimal comma.
            let tenths = 600 + (n * 37 + w * 11) % 400;
            let value = format!("{},{}", tenths / 10, tenths % 10);
            let _ = write!(out, "{n};{code};{name};{district};{month};{value}\r\n");
        }
    }
    out
}

fn main() {
    let registry = registry();
    let text = csv(&registry);
    let bytes = text.as_bytes();
    let request = request_for("ty-le-dung-han.csv", None, false);

    // One run to check the work is real (every row matched, the dataset
    // valid), and to warm up.
    let checked = check(bytes, &request, &registry);
    let counts: Vec<String> = STATUSES
        .iter()
        .zip(checked.counts())
        .map(|(s, (_, n))| format!("{n} {}", ward_import::status_name(*s)))
        .collect();
    println!(
        "import benchmark: {} rows, {} KB ({}), {}; can be shown: {}",
        checked.outcome.report.len(),
        bytes.len() / 1024,
        checked.outcome.encoding,
        counts.join(", "),
        checked.can_show()
    );
    if !checked.can_show() {
        eprintln!(
            "the benchmark's file cannot be shown: {:?} {:?}",
            checked.outcome.fatal, checked.validation
        );
        std::process::exit(1);
    }

    // What the worker does: read, guess, match, write and validate the
    // dataset (the pipeline ends with `Dataset::parse`).
    let pipeline = median(|| {
        let outcome = pipeline::run(bytes, &request, &registry);
        // Keep the result until timed, so nothing is optimised away.
        std::hint::black_box(&outcome);
    });
    // What the page then does with the dataset JSON it receives.
    let json = checked.outcome.dataset_json.as_deref().unwrap_or_default();
    let parse = median(|| {
        let dataset = Dataset::parse(json, &registry);
        std::hint::black_box(&dataset);
    });
    let ms = |d: Duration| format!("{:.1}", d.as_secs_f64() * 1000.0);
    println!(
        "read + match + validate, {ROWS} rows: median {} ms over {RUNS} runs \
         (the worker's pipeline); the page's Dataset::parse of the result: {} ms more",
        ms(pipeline),
        ms(parse)
    );
}

/// The median time of [`RUNS`] runs of `work`.
fn median(mut work: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[RUNS / 2]
}
