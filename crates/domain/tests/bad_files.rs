//! A corpus of bad files (`tests/bad/*.json`), each with the problem it must
//! yield (`tests/bad/expected.tsv`: file, kind, location, message). A
//! publisher who makes one of these mistakes gets exactly this message.

use std::path::Path;

use ward_domain::dataset::Dataset;
use ward_domain::Registry;

#[test]
fn each_bad_file_yields_its_expected_problem() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let registry = Registry::parse(
        &std::fs::read_to_string(root.join("../../public/data/wards.json")).unwrap(),
    )
    .unwrap();
    let expected = std::fs::read_to_string(root.join("tests/bad/expected.tsv")).unwrap();
    let mut checked = 0;
    let mut failures = Vec::new();
    for line in expected
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let fields: Vec<&str> = line.split('\t').collect();
        let [file, kind, location, message] = fields[..] else {
            panic!("malformed line in expected.tsv: {line:?}");
        };
        let text = std::fs::read_to_string(root.join(format!("tests/bad/{file}.json"))).unwrap();
        let problems = match kind {
            "dataset" => Dataset::parse(&text, &registry).err(),
            other => panic!("unknown kind {other}"),
        }
        .unwrap_or_default();
        if !problems
            .iter()
            .any(|p| p.is_error() && p.location.contains(location) && p.message.contains(message))
        {
            failures.push(format!(
                "{file}.json: expected a problem at {location:?} containing {message:?}, got {problems:#?}"
            ));
        }
        checked += 1;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked >= 25, "only {checked} bad files checked");
}
