//! The hex-tile cartogram (`public/data/tiles.hexjson`): one equal tile per
//! ward, laid out from real ward centroids by `tools/data_prep/cartogram.py`.
//!
//! HexJSON (open-innovations.org) with the `odd-r` layout: pointy-top
//! hexagons, odd rows shifted half a tile right, `r` growing northwards.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::json::{parse, Loaded};
use crate::problem::Problem;
use crate::registry::Registry;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Placement {
    /// From the ward's own centroid.
    Centroid,
    /// The ward was merged later; placed at its successor's centroid.
    Successor,
    /// Placed from the mean of neighbouring wards.
    Neighbours,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Hex {
    pub q: i32,
    pub r: i32,
    /// Name (HexJSON's `n`).
    pub n: String,
    pub district: String,
    pub placement: Placement,
    #[serde(default)]
    pub placed_from: Vec<String>,
}

/// The hexes in file order, keeping duplicates so they can be reported
/// (a JSON object with a repeated key would otherwise silently keep the last).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HexList(pub Vec<(String, Hex)>);

impl<'de> Deserialize<'de> for HexList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ListVisitor;
        impl<'de> Visitor<'de> for ListVisitor {
            type Value = HexList;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object of hexes keyed by ward code")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<HexList, A::Error> {
                let mut list = Vec::new();
                while let Some((code, hex)) = map.next_entry::<String, Hex>()? {
                    list.push((code, hex));
                }
                Ok(HexList(list))
            }
        }
        deserializer.deserialize_map(ListVisitor)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[allow(dead_code)] // read so that they are not reported as unknown fields
struct TileFile {
    #[serde(rename = "$comment", default)]
    comment: Option<String>,
    /// How the layout was made (source, method, displacement); free-form.
    #[serde(default)]
    meta: Option<serde_json::Value>,
    layout: String,
    hexes: HexList,
}

/// A validated tile layout: one cell per ward code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TileLayout {
    pub tiles: BTreeMap<String, Hex>,
}

/// Largest q or r accepted: 175 tiles never need more, and it bounds the
/// size of the SVG a hostile file could ask for.
pub const MAX_COORDINATE: i32 = 1000;

/// Axial directions of the six neighbours of a cell in `odd-r` offset
/// coordinates, for even and odd rows (r grows northwards).
const NEIGHBOURS_EVEN: [(i32, i32); 6] = [(1, 0), (0, 1), (-1, 1), (-1, 0), (-1, -1), (0, -1)];
const NEIGHBOURS_ODD: [(i32, i32); 6] = [(1, 0), (1, 1), (0, 1), (-1, 0), (0, -1), (1, -1)];

/// The six neighbouring cells of `(q, r)`, starting east and turning
/// anticlockwise (E, NE, NW, W, SW, SE).
pub fn neighbour_cells(q: i32, r: i32) -> [(i32, i32); 6] {
    let deltas = if r.rem_euclid(2) == 0 {
        NEIGHBOURS_EVEN
    } else {
        NEIGHBOURS_ODD
    };
    deltas.map(|(dq, dr)| (q.saturating_add(dq), r.saturating_add(dr)))
}

impl TileLayout {
    pub fn parse(text: &str, registry: &Registry) -> Result<Loaded<TileLayout>, Vec<Problem>> {
        let (file, mut warnings): (TileFile, _) = parse(text).map_err(|p| vec![p])?;
        let mut errors = Vec::new();
        if file.layout != "odd-r" {
            errors.push(Problem::error(
                "$.layout",
                format!(
                    "layout {:?} is not supported; expected \"odd-r\"",
                    file.layout
                ),
            ));
        }
        let mut tiles = BTreeMap::new();
        let mut cells: HashMap<(i32, i32), &str> = HashMap::new();
        for (code, hex) in &file.hexes.0 {
            let at = format!("$.hexes.{code}");
            match registry.ward(code) {
                None => errors.push(Problem::error(
                    at.clone(),
                    format!("unknown ward code {code:?}: expected a code from data/wards.json"),
                )),
                Some(ward) if ward.district != hex.district => errors.push(Problem::error(
                    format!("{at}.district"),
                    format!(
                        "ward {code} belongs to district {}, not {}",
                        ward.district, hex.district
                    ),
                )),
                Some(_) => {}
            }
            if !(0..=MAX_COORDINATE).contains(&hex.q) || !(0..=MAX_COORDINATE).contains(&hex.r) {
                errors.push(Problem::error(
                    at.clone(),
                    format!(
                        "q={}, r={}: coordinates must be between 0 and {MAX_COORDINATE}",
                        hex.q, hex.r
                    ),
                ));
            }
            if let Some(other) = cells.insert((hex.q, hex.r), code) {
                errors.push(Problem::error(
                    at.clone(),
                    format!(
                        "cell q={}, r={} is already taken by ward {other}",
                        hex.q, hex.r
                    ),
                ));
            }
            if tiles.insert(code.clone(), hex.clone()).is_some() {
                errors.push(Problem::error(
                    at,
                    format!("ward {code} has more than one tile"),
                ));
            }
        }
        for ward in &registry.wards {
            if !tiles.contains_key(&ward.code) {
                warnings.push(Problem::warning(
                    format!("ward {} ({})", ward.code, ward.name),
                    "has no tile: it is listed in the table but not drawn on the map",
                ));
            }
        }
        Loaded::unless_errors(TileLayout { tiles }, warnings, errors)
    }

    /// Whether the tiles of each district form one connected group.
    pub fn disconnected_districts(&self) -> Vec<String> {
        let by_cell: HashMap<(i32, i32), &Hex> =
            self.tiles.values().map(|h| ((h.q, h.r), h)).collect();
        let districts: HashSet<&str> = self.tiles.values().map(|h| h.district.as_str()).collect();
        let mut broken: Vec<String> = districts
            .into_iter()
            .filter(|district| {
                let cells: Vec<(i32, i32)> = self
                    .tiles
                    .values()
                    .filter(|h| h.district == *district)
                    .map(|h| (h.q, h.r))
                    .collect();
                let mut seen = HashSet::from([cells[0]]);
                let mut stack = vec![cells[0]];
                while let Some((q, r)) = stack.pop() {
                    for cell in neighbour_cells(q, r) {
                        if by_cell.get(&cell).is_some_and(|h| h.district == *district)
                            && seen.insert(cell)
                        {
                            stack.push(cell);
                        }
                    }
                }
                seen.len() != cells.len()
            })
            .map(str::to_string)
            .collect();
        broken.sort();
        broken
    }
}
