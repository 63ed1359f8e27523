//! Optional real ward boundaries, as a GeoJSON FeatureCollection whose
//! features carry `properties.code` = ward GSO code (WGS84, [lon, lat]).
//!
//! No open ward polygons exist that we may ship, so the default map is the
//! tile cartogram; a publisher who has boundaries can provide them in this
//! form. Parsing uses the georust `geojson` crate.

use std::collections::{BTreeMap, HashSet};

use geojson::{FeatureCollection, GeometryValue, Position};

use crate::json::Loaded;
use crate::problem::{check_text, Problem};
use crate::registry::Registry;

/// A polygon: an outer ring then holes, each ring a closed list of [lon, lat].
pub type Polygon = Vec<Vec<[f64; 2]>>;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Boundaries {
    /// Each ward's polygons (a MultiPolygon has several).
    pub wards: BTreeMap<String, Vec<Polygon>>,
}

/// Roughly the extent of Hanoi, with a margin: a point outside is almost
/// certainly a swapped [lat, lon] or another projection.
const HANOI_LON: (f64, f64) = (105.0, 106.3);
const HANOI_LAT: (f64, f64) = (20.3, 21.6);

fn ring(at: &str, positions: &[Position], errors: &mut Vec<Problem>) -> Option<Vec<[f64; 2]>> {
    if positions.len() < 4 {
        errors.push(Problem::error(
            at,
            format!(
                "a ring needs at least 4 positions, found {}",
                positions.len()
            ),
        ));
        return None;
    }
    let mut out = Vec::with_capacity(positions.len());
    for (i, p) in positions.iter().enumerate() {
        let [lon, lat, ..] = p.as_slice() else {
            errors.push(Problem::error(
                format!("{at}[{i}]"),
                "a position needs two numbers, [longitude, latitude]",
            ));
            return None;
        };
        let (lon, lat) = (*lon, *lat);
        if !(lon.is_finite() && lat.is_finite()) {
            errors.push(Problem::error(
                format!("{at}[{i}]"),
                "coordinates must be finite numbers",
            ));
            return None;
        }
        let in_hanoi = |lon: f64, lat: f64| {
            (HANOI_LON.0..=HANOI_LON.1).contains(&lon) && (HANOI_LAT.0..=HANOI_LAT.1).contains(&lat)
        };
        if !in_hanoi(lon, lat) {
            let hint = if in_hanoi(lat, lon) {
                "; it looks like [latitude, longitude]: GeoJSON wants [longitude, latitude]"
            } else {
                "; expected WGS84 longitude/latitude degrees"
            };
            errors.push(Problem::error(
                format!("{at}[{i}]"),
                format!("[{lon}, {lat}] is not in Hanoi{hint}"),
            ));
            return None;
        }
        out.push([lon, lat]);
    }
    if out.first() != out.last() {
        errors.push(Problem::error(
            at,
            "the ring is not closed: its last position must equal its first",
        ));
        return None;
    }
    Some(out)
}

fn polygon(at: &str, rings: &[Vec<Position>], errors: &mut Vec<Problem>) -> Option<Polygon> {
    if rings.is_empty() {
        errors.push(Problem::error(at, "a polygon needs at least one ring"));
        return None;
    }
    rings
        .iter()
        .enumerate()
        .map(|(i, r)| ring(&format!("{at}[{i}]"), r, errors))
        .collect()
}

impl Boundaries {
    pub fn parse(text: &str, registry: &Registry) -> Result<Loaded<Boundaries>, Vec<Problem>> {
        check_text(text).map_err(|p| vec![p])?;
        let collection: FeatureCollection = text.parse().map_err(|e: geojson::Error| {
            vec![Problem::error(
                "$",
                format!("not a GeoJSON FeatureCollection: {e}"),
            )]
        })?;
        let mut errors = Vec::new();
        let mut warnings = Vec::new();
        let mut wards = BTreeMap::new();
        let mut seen = HashSet::new();
        for (i, feature) in collection.features.iter().enumerate() {
            let at = format!("$.features[{i}]");
            let code = feature
                .properties
                .as_ref()
                .and_then(|p| p.get("code"))
                .and_then(|c| c.as_str());
            let Some(code) = code else {
                errors.push(Problem::error(
                    format!("{at}.properties.code"),
                    "each feature needs properties.code, the ward's 5-digit GSO code as a string",
                ));
                continue;
            };
            if registry.ward(code).is_none() {
                errors.push(Problem::error(
                    format!("{at}.properties.code"),
                    format!("unknown ward code {code:?}: expected a code from data/wards.json"),
                ));
                continue;
            }
            if !seen.insert(code.to_string()) {
                errors.push(Problem::error(
                    format!("{at}.properties.code"),
                    format!("ward {code} has more than one feature; use one MultiPolygon"),
                ));
                continue;
            }
            let geometry_at = format!("{at}.geometry.coordinates");
            let polygons = match feature.geometry.as_ref().map(|g| &g.value) {
                Some(GeometryValue::Polygon { coordinates }) => {
                    polygon(&geometry_at, coordinates, &mut errors).map(|p| vec![p])
                }
                Some(GeometryValue::MultiPolygon { coordinates }) => coordinates
                    .iter()
                    .enumerate()
                    .map(|(j, p)| polygon(&format!("{geometry_at}[{j}]"), p, &mut errors))
                    .collect(),
                Some(other) => {
                    errors.push(Problem::error(
                        format!("{at}.geometry.type"),
                        format!("{} is not a Polygon or MultiPolygon", other.type_name()),
                    ));
                    None
                }
                None => {
                    errors.push(Problem::error(
                        format!("{at}.geometry"),
                        "the geometry is null",
                    ));
                    None
                }
            };
            if let Some(polygons) = polygons {
                wards.insert(code.to_string(), polygons);
            }
        }
        for ward in &registry.wards {
            if !wards.contains_key(&ward.code) && errors.is_empty() {
                warnings.push(Problem::warning(
                    format!("ward {} ({})", ward.code, ward.name),
                    "has no boundary: it is not drawn on this map",
                ));
            }
        }
        Loaded::unless_errors(Boundaries { wards }, warnings, errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registry() -> Registry {
        Registry::parse(
            r#"{"districts": [{"code": "001", "name": "Ba Đình", "full_name": "Quận Ba Đình", "folded": "ba dinh"}],
                "wards": [{"code": "00001", "name": "Phúc Xá", "full_name": "Phường Phúc Xá", "district": "001", "folded": "phuc xa"},
                          {"code": "00004", "name": "Trúc Bạch", "full_name": "Phường Trúc Bạch", "district": "001", "folded": "truc bach"}]}"#,
        )
        .unwrap()
    }

    fn collection(code: &str, ring: &str) -> String {
        format!(
            r#"{{"type": "FeatureCollection", "features": [{{"type": "Feature", "properties": {{"code": "{code}"}},
                "geometry": {{"type": "Polygon", "coordinates": [{ring}]}}}}]}}"#
        )
    }

    const SQUARE: &str = "[[105.84,21.04],[105.85,21.04],[105.85,21.05],[105.84,21.04]]";

    #[test]
    fn reads_a_polygon_and_warns_about_wards_without_one() {
        let loaded = Boundaries::parse(&collection("00001", SQUARE), &registry()).unwrap();
        assert_eq!(loaded.value.wards["00001"][0][0].len(), 4);
        assert_eq!(loaded.warnings.len(), 1);
        assert!(loaded.warnings[0].location.contains("00004"));
    }

    #[test]
    fn reports_unknown_codes_swapped_coordinates_and_open_rings() {
        let err = Boundaries::parse(&collection("99999", SQUARE), &registry()).unwrap_err();
        assert!(err[0].message.contains("unknown ward code"));
        let swapped = "[[21.04,105.84],[21.04,105.85],[21.05,105.85],[21.04,105.84]]";
        let err = Boundaries::parse(&collection("00001", swapped), &registry()).unwrap_err();
        assert!(
            err[0].message.contains("[latitude, longitude]"),
            "{}",
            err[0]
        );
        let open = "[[105.84,21.04],[105.85,21.04],[105.85,21.05],[105.84,21.05]]";
        let err = Boundaries::parse(&collection("00001", open), &registry()).unwrap_err();
        assert!(err[0].message.contains("not closed"));
        let err = Boundaries::parse("{\"type\": \"Feature\"}", &registry()).unwrap_err();
        assert!(err[0].message.contains("FeatureCollection"));
    }
}
