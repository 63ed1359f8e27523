//! Typed JSON reading with precise locations.
//!
//! `serde_path_to_error` gives the JSON path of a type error
//! (`$.values[12].value: invalid type: string "12", expected f64`), and
//! `serde_ignored` reports fields we do not know (often a typo such as
//! `numerater`) as warnings instead of silently dropping them.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::dataset::MAX_PROBLEMS;
use crate::problem::{check_text, json_error, Problem};

/// A parsed file and the warnings met on the way. Warnings never block.
/// Serialisable so the import worker can send a result to the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Loaded<T> {
    pub value: T,
    pub warnings: Vec<Problem>,
}

impl<T> Loaded<T> {
    /// The end of every validation: the value with its warnings, or the
    /// errors (at most [`MAX_PROBLEMS`]) if there is any.
    pub(crate) fn unless_errors(
        value: T,
        warnings: Vec<Problem>,
        mut errors: Vec<Problem>,
    ) -> Result<Loaded<T>, Vec<Problem>> {
        if errors.is_empty() {
            Ok(Loaded { value, warnings })
        } else {
            errors.truncate(MAX_PROBLEMS);
            Err(errors)
        }
    }
}

/// Parses `text` into `T`. Returns the value with a warning per unknown field,
/// or the first structural error (bad syntax, wrong type, missing field).
///
/// Without the `json-paths` feature (the browser build) unknown fields are
/// not reported and errors carry a line and column instead of a JSON path.
#[cfg(not(feature = "json-paths"))]
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<(T, Vec<Problem>), Problem> {
    check_text(text)?;
    serde_json::from_str(text)
        .map(|value| (value, Vec::new()))
        .map_err(|err| json_error(&err))
}

/// Parses `text` into `T`. Returns the value with a warning per unknown field,
/// or the first structural error (bad syntax, wrong type, missing field).
#[cfg(feature = "json-paths")]
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<(T, Vec<Problem>), Problem> {
    check_text(text)?;
    let mut unknown = Vec::new();
    let mut de = serde_json::Deserializer::from_str(text);
    let result: Result<T, _> = {
        let mut on_unknown = |path: serde_ignored::Path| {
            unknown.push(Problem::warning(
                json_path(&path),
                "unknown field, ignored (check its spelling against docs/data-format.md)",
            ))
        };
        let ignoring = serde_ignored::Deserializer::new(&mut de, &mut on_unknown);
        serde_path_to_error::deserialize(ignoring)
    };
    let value = result.map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        match inner.classify() {
            serde_json::error::Category::Data => Problem::error(
                if path == "." {
                    "$".to_string()
                } else {
                    format!("$.{path}")
                },
                format!("the file does not have the expected structure: {inner}"),
            ),
            _ => json_error(&inner),
        }
    })?;
    de.end().map_err(|err| json_error(&err))?;
    Ok((value, unknown))
}

/// `$.values[0].numerater`, the same notation as type errors use.
#[cfg(feature = "json-paths")]
fn json_path(path: &serde_ignored::Path) -> String {
    use serde_ignored::Path;
    match path {
        Path::Root => "$".to_string(),
        Path::Seq { parent, index } => format!("{}[{index}]", json_path(parent)),
        Path::Map { parent, key } => format!("{}.{key}", json_path(parent)),
        Path::Some { parent }
        | Path::NewtypeStruct { parent }
        | Path::NewtypeVariant { parent } => json_path(parent),
    }
}

#[cfg(all(test, feature = "json-paths"))]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Row {
        value: f64,
    }
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct File {
        values: Vec<Row>,
    }

    #[test]
    fn type_errors_carry_their_json_path() {
        let err = parse::<File>(r#"{"values": [{"value": 1}, {"value": "2"}]}"#).unwrap_err();
        assert_eq!(err.location, "$.values[1].value");
        assert!(err.message.contains("invalid type: string \"2\""), "{err}");
    }

    #[test]
    fn unknown_fields_are_warnings() {
        let (_, warnings) = parse::<File>(r#"{"values": [{"value": 1, "numerater": 3}]}"#).unwrap();
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].location, "$.values[0].numerater");
    }

    #[test]
    fn nan_and_trailing_garbage_are_syntax_errors() {
        assert!(parse::<File>(r#"{"values": [{"value": NaN}]}"#)
            .unwrap_err()
            .message
            .contains("not valid JSON"));
        assert!(parse::<File>(r#"{"values": []} x"#).is_err());
    }
}
