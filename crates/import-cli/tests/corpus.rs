//! The import corpus (tests/import-corpus/, copied from the shared corpus)
//! through the `ward-import` checker: every row of `expected-matches.csv`
//! gets the code or the behaviour it must get.
//!
//! Each corpus file has its own test (the macro at the end), which runs the
//! built binary with `--json` (and, for files whose rows say "offer
//! conversion", once more with `--convert-legacy`) and checks every
//! expected row of that file:
//! - one expected code: the row is matched to that ward; when the behaviour
//!   says "or clear encoding error" or "suggest", a clear refusal (not
//!   matched, with a reason or a file-level notice; for "suggest", with the
//!   expected ward among the candidates) is accepted instead;
//! - no code: the row is not matched to any ward;
//! - several codes: the row is ambiguous, with exactly those candidates;
//! - "no match; say …, offer conversion": not matched as read, with a
//!   reason naming what the text looks like (TCVN3, VNI, UTF-8 read as
//!   cp1252), and with `--convert-legacy` the expected ward (or a clear
//!   refusal), never a wrong one;
//! - never, in any case, a match to another ward.
//!
//! A `case-01-*.csv` row applies to every file the pattern names, except a
//! file that has rows of its own. `cargo test -p ward-import --test corpus
//! -- --nocapture` prints the table file → row → status → code.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Value};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/import-corpus")
}

/// One row of expected-matches.csv.
#[derive(Debug, Clone)]
struct Expected {
    file: String,
    row: usize,
    input: String,
    codes: Vec<String>,
    behaviour: String,
}

fn expected_rows() -> Vec<Expected> {
    let path = corpus_dir().join("expected-matches.csv");
    let mut reader = csv::Reader::from_path(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    reader
        .records()
        .map(|r| {
            let r = r.expect("a CSV record");
            Expected {
                file: r[1].to_owned(),
                row: r[2].parse().expect("a row number"),
                input: r[3].to_owned(),
                codes: r[4]
                    .split('|')
                    .filter(|c| !c.is_empty())
                    .map(str::to_owned)
                    .collect(),
                behaviour: r[5].to_owned(),
            }
        })
        .collect()
}

/// `pattern` with at most one `*`, matched against a file name.
fn glob_matches(pattern: &str, name: &str) -> bool {
    match pattern.split_once('*') {
        Some((head, tail)) => {
            name.len() >= head.len() + tail.len() && name.starts_with(head) && name.ends_with(tail)
        }
        None => pattern == name,
    }
}

/// The expected rows that apply to `file`: its own rows, or else the rows
/// of a pattern that names it.
fn expected_for(file: &str) -> Vec<Expected> {
    let all = expected_rows();
    let own: Vec<Expected> = all.iter().filter(|e| e.file == file).cloned().collect();
    if !own.is_empty() {
        return own;
    }
    all.into_iter()
        .filter(|e| e.file.contains('*') && glob_matches(&e.file, file))
        .collect()
}

/// What the checker printed for one file.
struct Run {
    status: i32,
    rows: Vec<Value>,
    summary: Value,
    stderr: String,
}

impl Run {
    fn row(&self, n: usize) -> &Value {
        self.rows
            .iter()
            .find(|r| r["row"].as_u64() == Some(n as u64))
            .unwrap_or_else(|| panic!("no report for data row {n}: {:#?}", self.rows))
    }

    /// The codes of the file-level notices and fatal problems.
    fn notice_codes(&self) -> Vec<String> {
        ["notices", "fatal"]
            .iter()
            .flat_map(|k| self.summary[k].as_array().cloned().unwrap_or_default())
            .filter_map(|n| n["code"].as_str().map(str::to_owned))
            .collect()
    }
}

fn run(file: &str, extra: &[&str]) -> Run {
    let path = corpus_dir().join(file);
    let output = Command::new(env!("CARGO_BIN_EXE_ward-import"))
        .arg(&path)
        .arg("--json")
        // The files have no period column: the app asks for the period,
        // the checker takes it as an option.
        .args(["--period", "2024"])
        .args(extra)
        .output()
        .expect("run ward-import");
    let stdout = String::from_utf8(output.stdout).expect("the JSON output is UTF-8");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let status = output.status.code().expect("an exit status");
    assert!(
        status == 0 || status == 1,
        "{file}: exit status {status} (2 is a usage error): {stderr}"
    );
    let mut objects: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{file}: {e}: {l}")))
        .collect();
    let summary = objects
        .pop()
        .and_then(|o| o.get("summary").cloned())
        .unwrap_or_else(|| panic!("{file}: the last line is not the summary: {stdout}"));
    for (i, row) in objects.iter().enumerate() {
        assert_eq!(row["row"].as_u64(), Some(i as u64 + 1), "{file}: row order");
        for key in ["input", "status", "code", "how", "candidates", "reason"] {
            assert!(row.get(key).is_some(), "{file}: no {key:?} in {row}");
        }
    }
    assert_eq!(
        summary["can_show"].as_bool(),
        Some(status == 0),
        "{file}: exit status {status} but summary {summary}"
    );
    Run {
        status,
        rows: objects,
        summary,
        stderr,
    }
}

fn describe(row: &Value) -> String {
    let candidates: Vec<&str> = row["candidates"]
        .as_array()
        .map(|c| c.iter().filter_map(|c| c["code"].as_str()).collect())
        .unwrap_or_default();
    format!(
        "{} {} how={} candidates={candidates:?} reason={}",
        row["status"].as_str().unwrap_or("?"),
        row["code"].as_str().unwrap_or("—"),
        row["how"].as_str().unwrap_or("—"),
        row["reason"]["code"].as_str().unwrap_or("—"),
    )
}

/// Checks one expected row against the checker's report of it; returns the
/// failure, if any.
fn check_row(file: &str, run: &Run, e: &Expected, converted: bool) -> Result<(), String> {
    let row = run.row(e.row);
    let status = row["status"].as_str().unwrap_or("");
    let code = row["code"].as_str();
    let matched = status == "matched";
    let at = format!("{file} row {} ({}; {})", e.row, e.input, e.behaviour);
    let seen = describe(row);
    // Never a wrong ward, whatever the row expects.
    if matched && !(e.codes.len() == 1 && code == Some(e.codes[0].as_str())) {
        return Err(format!(
            "{at}: matched to the wrong ward: {seen} (expected {:?})",
            e.codes
        ));
    }
    if matched && code.is_none() {
        return Err(format!("{at}: matched without a code: {seen}"));
    }
    let clear_refusal = !matched && (row["reason"].is_object() || !run.notice_codes().is_empty());
    let offers_conversion = e.behaviour.contains("offer conversion");
    let refusal_accepted = e.behaviour.contains("or clear encoding error")
        || e.behaviour.contains("suggest")
        || (offers_conversion && converted);
    match e.codes.len() {
        0 => {
            if matched {
                return Err(format!("{at}: must not be matched: {seen}"));
            }
            if !clear_refusal {
                return Err(format!("{at}: not matched, but no reason given: {seen}"));
            }
        }
        1 if offers_conversion && !converted => {
            if matched {
                return Err(format!("{at}: must not be matched as read: {seen}"));
            }
            // "say 'looks like tcvn3 glyphs'": the row's reason names it.
            let reason = row["reason"]["code"].as_str().unwrap_or("");
            let named = ["tcvn3", "vni", "cp1252"]
                .iter()
                .filter(|k| e.behaviour.contains(*k))
                .all(|k| reason.contains(k));
            if !named {
                return Err(format!(
                    "{at}: the reason does not say what the text looks like: {seen}"
                ));
            }
        }
        1 => {
            let refused_clearly = refusal_accepted && clear_refusal;
            if !matched && !refused_clearly {
                return Err(format!("{at}: expected {}: {seen}", e.codes[0]));
            }
            // "suggest": a refusal offers the expected ward.
            let offered = row["candidates"]
                .as_array()
                .is_some_and(|c| c.iter().any(|c| c["code"] == e.codes[0].as_str()));
            if !matched && e.behaviour.contains("suggest") && !offered {
                return Err(format!(
                    "{at}: not matched, and {} is not suggested: {seen}",
                    e.codes[0]
                ));
            }
        }
        _ => {
            let candidates: BTreeSet<&str> = row["candidates"]
                .as_array()
                .map(|c| c.iter().filter_map(|c| c["code"].as_str()).collect())
                .unwrap_or_default();
            let expected: BTreeSet<&str> = e.codes.iter().map(String::as_str).collect();
            if status != "ambiguous" || candidates != expected {
                return Err(format!(
                    "{at}: expected ambiguous between {expected:?}: {seen}"
                ));
            }
        }
    }
    Ok(())
}

/// Runs `file` and checks its expected rows; panics with every failure.
fn check_file(file: &str) {
    let expected = expected_for(file);
    let plain = run(file, &[]);
    let mut failures = Vec::new();
    let mut table = Vec::new();
    let conversion = expected
        .iter()
        .any(|e| e.behaviour.contains("offer conversion"));
    let converted = conversion.then(|| run(file, &["--convert-legacy"]));
    let mut runs = vec![("", &plain, false)];
    if let Some(converted) = &converted {
        runs.push((" --convert-legacy", converted, true));
    }
    for (label, run, is_converted) in runs {
        for row in &run.rows {
            table.push(format!(
                "{file}{label}  row {}  {}",
                row["row"],
                describe(row)
            ));
        }
        table.push(format!(
            "{file}{label}  encoding={} notices={:?} exit={}",
            run.summary["encoding"],
            run.notice_codes(),
            run.status
        ));
        for e in &expected {
            if let Err(f) = check_row(file, run, e, is_converted) {
                failures.push(format!("{f}{label}"));
            }
        }
    }
    println!("{}", table.join("\n"));
    assert!(
        failures.is_empty(),
        "{} of {} expected rows fail:\n{}\n(stderr: {})",
        failures.len(),
        expected.len(),
        failures.join("\n"),
        plain.stderr
    );
}

/// Files of case 10 have no rows in expected-matches.csv; what the issue
/// asks of them: codes matched, the decimal comma, thousands dot and "%"
/// read, whichever column the guess takes as the value.
fn check_numbers(file: &str, values: &[(&str, &[f64])]) {
    let run = run(file, &[]);
    assert_eq!(run.status, 0, "{file} can be shown: {:?}", run.summary);
    for (i, (code, allowed)) in values.iter().enumerate() {
        let row = run.row(i + 1);
        assert_eq!(row["status"], "matched", "{file} row {}: {row}", i + 1);
        assert_eq!(row["code"], *code, "{file} row {}", i + 1);
        let value = row["values"][0]["value"].as_f64();
        assert!(
            value.is_some_and(|v| allowed.iter().any(|a| (a - v).abs() < 1e-9)),
            "{file} row {}: value {value:?}, expected one of {allowed:?} (by column)",
            i + 1
        );
    }
}

macro_rules! corpus_tests {
    ($($name:ident => $file:literal,)*) => {
        $(
            #[test]
            fn $name() {
                check_file($file);
            }
        )*

        /// Every file of the corpus has a test above, and every file that
        /// expected-matches.csv names exists.
        #[test]
        fn every_corpus_file_is_checked() {
            let tested: BTreeSet<&str> = [$($file,)* CASE_10[0], CASE_10[1]].into_iter().collect();
            let on_disk: BTreeSet<String> = std::fs::read_dir(corpus_dir())
                .expect("the corpus directory")
                .map(|e| e.expect("an entry").file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with("case-"))
                .collect();
            let on_disk: BTreeSet<&str> = on_disk.iter().map(String::as_str).collect();
            assert_eq!(tested, on_disk, "a corpus file without a test, or a test without its file");
            for e in expected_rows() {
                assert!(
                    on_disk.iter().any(|f| glob_matches(&e.file, f)),
                    "expected-matches.csv names {} which is not in the corpus", e.file
                );
            }
            for file in [$($file,)*] {
                assert!(!expected_for(file).is_empty(), "{file} has no expected rows");
            }
        }
    };
}

const CASE_10: [&str; 2] = [
    "case-10-mixed-separators.csv",
    "case-10-semicolon-decimal-comma.csv",
];

corpus_tests! {
    case_01_cp1258_lossy => "case-01-cp1258-lossy.csv",
    case_01_pasted_mojibake_utf8 => "case-01-pasted-mojibake-utf8.csv",
    case_01_tcvn3 => "case-01-tcvn3.csv",
    case_01_vni => "case-01-vni.csv",
    case_01_windows1258_names_only => "case-01-windows1258-names-only.csv",
    case_01_windows1258 => "case-01-windows1258.csv",
    case_02_excel_unicode_text_utf16le => "case-02-excel-unicode-text-utf16le.txt",
    case_02_utf8_bom => "case-02-utf8-bom.csv",
    case_03_decomposed_names => "case-03-decomposed-names.csv",
    case_05_prefixes_abbreviations => "case-05-prefixes-abbreviations.csv",
    case_07_duplicate_names => "case-07-duplicate-names.csv",
    case_09_codes_lost_zeros_and_stt => "case-09-codes-lost-zeros-and-stt.csv",
}

#[test]
fn case_10_mixed_separators() {
    // ty_le "91,9" / dan_so "6.000" (thousands dot) and "7,215" (a decimal comma in a count).
    check_numbers(
        CASE_10[0],
        &[
            ("00052", &[91.9, 6000.0]),
            ("00061", &[88.2, 1234.0]),
            ("00049", &[85.5, 7.215, 7215.0]),
        ],
    );
}

#[test]
fn case_10_semicolon_decimal_comma() {
    check_numbers(
        CASE_10[1],
        &[
            ("00052", &[91.9, 6000.0]),
            ("00061", &[88.25, 7215.0]),
            ("00049", &[100.0, 12345.0]),
        ],
    );
}

#[test]
fn the_utf16_file_reads_its_decimal_comma() {
    // expected-matches.csv: "UTF-16LE + tabs read; 91,9 -> 91.9".
    let run = run("case-02-excel-unicode-text-utf16le.txt", &[]);
    let row = run.row(1);
    assert_eq!(row["code"], "00052", "{row}");
    assert_eq!(row["values"][0]["value"].as_f64(), Some(91.9), "{row}");
}

/// The checks above fail where they should: a wrong ward, a guess where
/// none is allowed, an ambiguity with other candidates, a silent refusal.
#[test]
fn the_row_checks_catch_wrong_answers() {
    let fake = |row: Value, notices: Value| Run {
        status: 0,
        rows: vec![row],
        summary: json!({ "notices": notices, "fatal": [] }),
        stderr: String::new(),
    };
    let expected = |codes: &[&str], behaviour: &str| Expected {
        file: "f.csv".into(),
        row: 1,
        input: "x".into(),
        codes: codes.iter().map(|c| c.to_string()).collect(),
        behaviour: behaviour.into(),
    };
    let row = |status: &str, code: Value, candidates: &[&str], reason: Value| {
        let candidates: Vec<Value> = candidates.iter().map(|c| json!({ "code": c })).collect();
        json!({ "row": 1, "input": "x", "status": status, "code": code, "how": null,
                "candidates": candidates, "reason": reason })
    };
    let reason = json!({ "code": "why", "vi": "", "en": "" });
    let no = json!([]);
    let cases = [
        // A wrong ward, whatever the row allows.
        (
            row("matched", json!("00055"), &[], Value::Null),
            expected(&["00052"], "or clear encoding error"),
            false,
        ),
        // A match where none is allowed.
        (
            row("matched", json!("00052"), &[], Value::Null),
            expected(&[], "conflict"),
            false,
        ),
        // A refusal without a reason.
        (
            row("unmatched", Value::Null, &[], Value::Null),
            expected(&[], "conflict"),
            false,
        ),
        (
            row("unmatched", Value::Null, &[], reason.clone()),
            expected(&[], "conflict"),
            true,
        ),
        // A refusal where a match is required.
        (
            row("unmatched", Value::Null, &[], reason.clone()),
            expected(&["00052"], "match"),
            false,
        ),
        (
            row("unmatched", Value::Null, &[], reason.clone()),
            expected(&["00052"], "or clear encoding error"),
            true,
        ),
        // "suggest" needs the ward among the candidates.
        (
            row("unmatched", Value::Null, &["00022"], reason.clone()),
            expected(&["00055"], "name may suggest 00055"),
            false,
        ),
        (
            row("unmatched", Value::Null, &["00055"], reason.clone()),
            expected(&["00055"], "name may suggest 00055"),
            true,
        ),
        // Ambiguous: exactly the candidates.
        (
            row(
                "ambiguous",
                Value::Null,
                &["00214", "09550"],
                reason.clone(),
            ),
            expected(&["00214", "09550", "09583"], "ambiguous"),
            false,
        ),
        (
            row(
                "ambiguous",
                Value::Null,
                &["09583", "00214", "09550"],
                reason.clone(),
            ),
            expected(&["00214", "09550", "09583"], "ambiguous"),
            true,
        ),
        // Mojibake: the reason names the glyphs.
        (
            row(
                "unmatched",
                Value::Null,
                &[],
                json!({ "code": "mojibake-vni" }),
            ),
            expected(
                &["00052"],
                "no match; say 'looks like tcvn3 glyphs', offer conversion",
            ),
            false,
        ),
        (
            row(
                "unmatched",
                Value::Null,
                &[],
                json!({ "code": "mojibake-tcvn3" }),
            ),
            expected(
                &["00052"],
                "no match; say 'looks like tcvn3 glyphs', offer conversion",
            ),
            true,
        ),
    ];
    for (i, (row, e, ok)) in cases.into_iter().enumerate() {
        let result = check_row("f.csv", &fake(row, no.clone()), &e, false);
        assert_eq!(result.is_ok(), ok, "case {i}: {result:?}");
    }
}
