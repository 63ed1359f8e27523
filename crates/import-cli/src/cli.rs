//! The command line of `ward-import` (see main.rs).

use std::io::{Read, Write};
use std::path::Path;
use std::process::ExitCode;

use ward_domain::dataset::Direction;
use ward_import::{check_with, human_report, json_lines, registry, request_for, Lang, MetaChoice};

const USAGE: &str = "\
Usage: ward-import FILE [--json] [--sheet NAME] [--convert-legacy] [--period ID]
                        [--title TEXT] [--unit TEXT] [--lower-is-better] [--lang vi|en]

Checks a file of ward figures (.csv, .tsv, .txt, .xlsx, .json; FILE '-' reads
standard input) with exactly the reading, column guess, ward matching and
validation the dashboard uses, and prints the match report: the encoding and
notices, the guessed columns, and every data row (matched and how, ambiguous
with its candidates, unmatched with the nearest names, duplicate, out of scope).

  --json            one JSON object per data row (row, input, status, code, how,
                    candidates, reason, values), then one last object
                    {\"summary\": {...}} with the encoding, notices, fatal
                    problems, mapping, can_show and validation problems
  --sheet NAME      the sheet of an .xlsx workbook (default: the first)
  --convert-legacy  convert text in a legacy font encoding (TCVN3, VNI) or
                    double-decoded UTF-8, as the app offers to
  --period ID       the period of every value when the file has no period
                    column (2024, 2024-Q3, Quý 3/2024, 2024-07); without it
                    the period is read from the value's header or the file
                    name (ho-so-2024.csv), or the file cannot be shown
  --title TEXT      title of the dataset (default: the value column's header)
  --unit TEXT       unit, e.g. % or hồ sơ (default: % when the cells say so)
  --lower-is-better lower values are better (default: higher is better)
  --lang vi|en      language of the report (default: en)
  -h, --help        this text

Exit status: 0 the file can be shown, 1 it cannot, 2 usage error.";

#[derive(Debug)]
struct Options {
    file: String,
    json: bool,
    sheet: Option<String>,
    convert_legacy: bool,
    choice: MetaChoice,
    lang: Lang,
}

enum Parsed {
    Run(Options),
    Help,
}

fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Parsed, String> {
    let mut file = None;
    let mut json = false;
    let mut sheet = None;
    let mut convert_legacy = false;
    let mut choice = MetaChoice::default();
    let mut lang = Lang::En;
    let mut only_files = false;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if only_files || arg == "-" || !arg.starts_with('-') {
            if file.replace(arg.clone()).is_some() {
                return Err(format!(
                    "only one FILE can be checked at a time (got {arg:?} too)"
                ));
            }
            continue;
        }
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) => (flag.to_owned(), Some(value.to_owned())),
            None => (arg.clone(), None),
        };
        let mut value = |name: &str| {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match flag.as_str() {
            "--" => only_files = true,
            "-h" | "--help" => return Ok(Parsed::Help),
            "--json" if inline.is_none() => json = true,
            "--convert-legacy" if inline.is_none() => convert_legacy = true,
            "--lower-is-better" if inline.is_none() => {
                choice.direction = Some(Direction::LowerIsBetter)
            }
            "--sheet" => sheet = Some(value("--sheet")?),
            "--period" => choice.period = Some(value("--period")?),
            "--title" => choice.title = Some(value("--title")?),
            "--unit" => choice.unit = Some(value("--unit")?),
            "--lang" => {
                lang = match value("--lang")?.as_str() {
                    "vi" => Lang::Vi,
                    "en" => Lang::En,
                    other => return Err(format!("--lang must be vi or en, not {other:?}")),
                }
            }
            _ => return Err(format!("unknown option {arg:?}")),
        }
    }
    let file = file.ok_or("no FILE given")?;
    Ok(Parsed::Run(Options {
        file,
        json,
        sheet,
        convert_legacy,
        choice,
        lang,
    }))
}

fn read_input(file: &str) -> Result<Vec<u8>, String> {
    if file == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        return Ok(bytes);
    }
    std::fs::read(file).map_err(|e| format!("cannot read {file}: {e}"))
}

pub fn main() -> ExitCode {
    let options = match parse_args(std::env::args().skip(1)) {
        Ok(Parsed::Run(options)) => options,
        Ok(Parsed::Help) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("ward-import: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let bytes = match read_input(&options.file) {
        Ok(bytes) => bytes,
        Err(message) => {
            eprintln!("ward-import: {message}");
            return ExitCode::from(2);
        }
    };
    // The file's own name, as the app records a picked file.
    let name = Path::new(&options.file)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "stdin".to_owned());
    let registry = registry();
    let request = request_for(&name, options.sheet, options.convert_legacy);
    let checked = check_with(&bytes, &request, &options.choice, &registry);
    let text = if options.json {
        json_lines(&options.file, &checked)
    } else {
        human_report(&options.file, &checked, &registry, options.lang)
    };
    // A closed pipe (`ward-import f --json | head`) is not an error of the file.
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    if checked.can_show() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Parsed, String> {
        parse_args(args.iter().map(|s| s.to_string()))
    }

    fn options(args: &[&str]) -> Options {
        match parse(args) {
            Ok(Parsed::Run(o)) => o,
            Ok(Parsed::Help) => panic!("{args:?} asked for help"),
            Err(e) => panic!("{args:?}: {e}"),
        }
    }

    #[test]
    fn flags_in_any_order_with_or_without_equals() {
        let o = options(&["--json", "f.xlsx", "--sheet", "Quý 3", "--lang=vi"]);
        assert_eq!(o.file, "f.xlsx");
        assert!(o.json);
        assert_eq!(o.sheet.as_deref(), Some("Quý 3"));
        assert_eq!(o.lang, Lang::Vi);
        assert!(!o.convert_legacy);
        assert_eq!(o.choice, MetaChoice::default());
        let o = options(&["--sheet=Data", "--convert-legacy", "--", "--odd-name.csv"]);
        assert_eq!(o.file, "--odd-name.csv");
        assert_eq!(o.sheet.as_deref(), Some("Data"));
        assert!(o.convert_legacy);
        let o = options(&[
            "f.csv",
            "--period",
            "2024-Q3",
            "--unit=%",
            "--lower-is-better",
        ]);
        assert_eq!(o.choice.period.as_deref(), Some("2024-Q3"));
        assert_eq!(o.choice.unit.as_deref(), Some("%"));
        assert_eq!(o.choice.direction, Some(Direction::LowerIsBetter));
        assert_eq!(options(&["-"]).file, "-");
    }

    #[test]
    fn usage_errors() {
        for args in [
            &[][..],
            &["--json"],
            &["f.csv", "--jsn"],
            &["f.csv", "--sheet"],
            &["f.csv", "--lang", "fr"],
            &["a.csv", "b.csv"],
            &["f.csv", "--json=yes"],
            &["f.csv", "--period"],
        ] {
            assert!(parse(args).is_err(), "{args:?} should be a usage error");
        }
        assert!(matches!(parse(&["--help"]), Ok(Parsed::Help)));
    }
}
