//! The command line itself: usage errors (exit 2), a file that can be shown
//! (exit 0), one that cannot (exit 1), the human report and standard input.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn ward_import(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ward-import"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start ward-import");
    let mut input = child.stdin.take().expect("stdin");
    if let Some(bytes) = stdin {
        input.write_all(bytes).expect("write stdin");
    }
    drop(input);
    child.wait_with_output().expect("wait for ward-import")
}

fn corpus(file: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/import-corpus")
        .join(file)
        .to_string_lossy()
        .into_owned()
}

#[test]
fn usage_errors_exit_2_with_a_message_on_stderr() {
    let utf8 = corpus("case-02-utf8-bom.csv");
    for args in [
        vec![],
        vec!["--json"],
        vec![utf8.as_str(), "--no-such-flag"],
        vec![utf8.as_str(), "--sheet"],
        vec![utf8.as_str(), "--lang", "fr"],
        vec!["/no/such/file.csv"],
    ] {
        let out = ward_import(&args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            out.stdout.is_empty(),
            "{args:?}: usage errors print nothing on stdout"
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.starts_with("ward-import: "), "{args:?}: {stderr}");
    }
    let help = ward_import(&["--help"], None);
    assert_eq!(help.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&help.stdout).contains("Usage: ward-import FILE"));
}

#[test]
fn a_file_that_can_be_shown_exits_0_and_the_report_lists_every_row() {
    let file = corpus("case-05-prefixes-abbreviations.csv");
    // Without a period column the file cannot be shown until the period is given.
    let without = ward_import(&[&file], None);
    assert_eq!(without.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&without.stdout).contains("[period-needed]"),
        "{}",
        String::from_utf8_lossy(&without.stdout)
    );
    let out = ward_import(&[&file, "--period", "2024"], None);
    let text = String::from_utf8(out.stdout).expect("UTF-8 report");
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("Encoding: UTF-8"), "{text}");
    assert!(text.contains("Columns (guessed):"), "{text}");
    assert!(text.contains("Data rows: 13"), "{text}");
    // Every row, with its status, code and ward.
    assert!(
        text.contains("00232") && text.contains("Phương Mai"),
        "{text}"
    );
    assert!(text.contains("Can be shown: 13 wards"), "{text}");

    let vi = ward_import(&[&file, "--lang", "vi", "--period=2024"], None);
    let text = String::from_utf8(vi.stdout).expect("UTF-8 report");
    assert!(text.contains("Mã hoá ký tự: UTF-8"), "{text}");
    assert!(text.contains("Hiển thị được: 13 phường"), "{text}");
}

#[test]
fn a_file_with_no_ward_exits_1_and_says_why() {
    let csv = "ten_phuong,ty_le\nKhông có phường này,12\nCũng không,13\n";
    let out = ward_import(&["-", "--json"], Some(csv.as_bytes()));
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(lines.len(), 3, "two rows and the summary: {stdout}");
    for row in &lines[..2] {
        assert_eq!(row["status"], "unmatched", "{row}");
        assert!(row["code"].is_null(), "{row}");
    }
    assert_eq!(lines[2]["summary"]["can_show"], false);
    assert_eq!(lines[2]["summary"]["counts"]["unmatched"], 2);

    let empty = ward_import(&["-"], Some(b""));
    assert_eq!(
        empty.status.code(),
        Some(1),
        "an empty file cannot be shown"
    );
}
