//! Guarantees that already held before issue 11 and must keep holding, each
//! pinned by a test: oversized, deeply nested and non-finite input gives a
//! readable error (never a panic or a stack overflow), and only web
//! addresses are accepted as links.

use std::path::Path;

use ward_domain::dataset::Dataset;
use ward_domain::problem::MAX_FILE_BYTES;
use ward_domain::Registry;

fn read(relative: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn registry() -> Registry {
    Registry::parse(&read("../../public/data/wards.json")).expect("bundled registry")
}

fn first_error(text: &str) -> String {
    let problems = Dataset::parse(text, &registry()).expect_err("the file must be refused");
    problems
        .iter()
        .find(|p| p.is_error())
        .map(|p| p.to_string())
        .expect("an error")
}

#[test]
fn a_file_over_8_mib_is_refused_before_parsing() {
    let text = format!("{{\"pad\": \"{}\"}}", "x".repeat(MAX_FILE_BYTES));
    let error = first_error(&text);
    assert!(error.contains("at most 8388608 bytes"), "{error}");
    let registry_error = Registry::parse(&text).unwrap_err()[0].to_string();
    assert!(
        registry_error.contains("at most 8388608 bytes"),
        "{registry_error}"
    );
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    // Inside an unknown field, whose value the reader skips without a
    // type, and inside a typed one; open and closed.
    let deep = 200_000;
    for extra in [
        "[".repeat(deep),
        format!("{}{}", "[".repeat(deep), "]".repeat(deep)),
    ] {
        for field in ["extra", "title"] {
            let text = format!("{{\"format\": \"hanoi-wards/dataset\", \"{field}\": {extra}}}");
            let error = first_error(&text);
            assert!(error.starts_with("error at "), "{field}: {error}");
        }
    }
}

#[test]
fn non_finite_numbers_are_refused_with_their_place() {
    for literal in ["NaN", "Infinity", "-Infinity", "1e309"] {
        let text = read("tests/bad/share-above-100.json");
        let at = text.find("\"value\": ").expect("a value") + "\"value\": ".len();
        let end = at
            + text[at..]
                .find([',', '\n', '}'])
                .expect("end of the number");
        let bad = format!("{}{literal}{}", &text[..at], &text[end..]);
        let error = first_error(&bad);
        assert!(error.contains("line "), "{literal}: {error}");
    }
}

#[test]
fn javascript_and_data_links_are_refused() {
    let text = read("tests/bad/script-url.json");
    for scheme in [
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "JAVASCRIPT:x",
        "vbscript:x",
    ] {
        let start = text.find("\"url\": \"").expect("a url") + "\"url\": \"".len();
        let end = start + text[start..].find('"').expect("end of the url");
        let bad = format!(
            "{}{}{}",
            &text[..start],
            scheme.replace('"', "\\\""),
            &text[end..]
        );
        let error = first_error(&bad);
        assert!(error.contains("not a web address"), "{scheme}: {error}");
    }
}
