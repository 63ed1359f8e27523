//! A publisher's ward boundaries ([`crate::boundaries`]) laid out for the
//! map: projected into an SVG viewBox, written as compact path data, with a
//! label point per ward, arrow-key neighbours and the list of wards that
//! have no polygon.
//!
//! The projection is equirectangular with the longitude scaled by the
//! cosine of the middle latitude: across a city (about 1° of latitude) its
//! distortion is far below what a choropleth can show, and it needs no
//! projection library. North is up.
//!
//! Nothing here panics on any geometry: coordinates are finite (the parser
//! refuses the rest), extents are bounded, a degenerate extent (one point)
//! gets a minimum span, and files with more than [`MAX_POINTS`] positions
//! are thinned (every k-th position of each ring kept) with a warning.
//!
//! Reading and laying out ([`BoundaryMap::load`], [`BoundaryMap::new`]) is
//! compiled with the `import` feature only: the app asks the import worker
//! for the laid-out map (JSON) and only deserialises it, so the GeoJSON
//! parser and the layout never grow its first download.

#[cfg(feature = "import")]
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

#[cfg(feature = "import")]
use crate::boundaries::{Boundaries, Polygon};
use crate::hexgeo::ArrowKey;
#[cfg(feature = "import")]
use crate::json::Loaded;
#[cfg(feature = "import")]
use crate::problem::Problem;
#[cfg(feature = "import")]
use crate::registry::Registry;

/// The largest boundaries file read, in bytes (8 MiB, the limit of every
/// file the app reads): a bigger file is refused before parsing, with a
/// hint to simplify it.
pub const MAX_BYTES: usize = crate::problem::MAX_FILE_BYTES;

/// At most this many positions are projected (all rings together); above
/// it every ring keeps every k-th position, so a file of millions of
/// points still draws, quickly, and says it was thinned.
pub const MAX_POINTS: usize = 200_000;

/// Margin around the wards, as a share of the map's width.
#[cfg(feature = "import")]
const MARGIN_SHARE: f64 = 0.02;

/// The smallest extent drawn, in degrees: one point or a line would
/// otherwise divide by zero.
#[cfg(feature = "import")]
const MIN_SPAN_DEG: f64 = 1e-4;

/// One ward's shape on the map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WardPath {
    pub code: String,
    /// SVG path data, one closed subpath ("M…L…Z") per ring (outer rings and
    /// holes alike), coordinates with at most one decimal: draw it with
    /// `fill-rule="evenodd"` so holes stay holes.
    pub d: String,
    /// A point inside the ward (of its largest polygon), in viewBox units:
    /// where a tooltip or label points at it.
    pub label_x: f64,
    pub label_y: f64,
}

/// A district's outline and where its name goes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DistrictLabel {
    pub code: String,
    /// SVG path data of the district's boundary: the edges of its wards
    /// that no other of its wards shares, as closed rings ("M…L…Z") or open
    /// lines where the file's rings do not meet exactly. Empty when its
    /// wards share no edge at all (their vertices do not match), rather
    /// than every ward edge drawn as a district boundary.
    pub outline: String,
    /// The label point of its ward nearest the mean of its wards' label
    /// points (so it sits on the district).
    pub label_x: f64,
    pub label_y: f64,
}

/// The boundaries ready to draw.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BoundaryMap {
    /// The SVG's viewBox is `0 0 width height`.
    pub width: f64,
    pub height: f64,
    /// The wards that have a polygon, in ward code order.
    pub wards: Vec<WardPath>,
    /// In district code order, only districts with at least one drawn ward.
    pub districts: Vec<DistrictLabel>,
    /// Codes of the registry's wards without a polygon, in registry order.
    pub missing: Vec<String>,
}

#[cfg(feature = "import")]
struct Projection {
    lon0: f64,
    lat1: f64,
    kx: f64,
    ky: f64,
    margin: f64,
}

#[cfg(feature = "import")]
impl Projection {
    fn project(&self, [lon, lat]: [f64; 2]) -> (f64, f64) {
        (
            self.margin + (lon - self.lon0) * self.kx,
            self.margin + (self.lat1 - lat) * self.ky,
        )
    }
}

/// Twice the signed area and the area-weighted centroid of a ring.
#[cfg(feature = "import")]
fn ring_area_centroid(ring: &[(f64, f64)]) -> (f64, f64, f64) {
    let (mut a, mut cx, mut cy) = (0.0, 0.0, 0.0);
    for w in ring.windows(2) {
        let ((x0, y0), (x1, y1)) = (w[0], w[1]);
        let cross = x0 * y1 - x1 * y0;
        a += cross;
        cx += (x0 + x1) * cross;
        cy += (y0 + y1) * cross;
    }
    (a, cx, cy)
}

/// A point inside `rings` (outer ring then holes, even-odd): the midpoint
/// of the widest stretch of the horizontal line through `y` that lies
/// inside, or `None` if the line misses the shape.
#[cfg(feature = "import")]
fn inside_on_line(rings: &[Vec<(f64, f64)>], y: f64) -> Option<(f64, f64)> {
    let mut xs: Vec<f64> = Vec::new();
    for ring in rings {
        for w in ring.windows(2) {
            let ((x0, y0), (x1, y1)) = (w[0], w[1]);
            // Half-open rule: each crossing counted once.
            if (y0 <= y) != (y1 <= y) {
                xs.push(x0 + (y - y0) / (y1 - y0) * (x1 - x0));
            }
        }
    }
    xs.sort_by(f64::total_cmp);
    xs.chunks_exact(2)
        .map(|p| (p[0], p[1]))
        .max_by(|a, b| (a.1 - a.0).total_cmp(&(b.1 - b.0)))
        .map(|(a, b)| ((a + b) / 2.0, y))
}

/// The label point of one projected polygon: its centroid's height, the
/// widest inside stretch there (so a crescent's label is not in its hole
/// or outside), else the bounding box's centre.
#[cfg(feature = "import")]
fn label_point(rings: &[Vec<(f64, f64)>]) -> (f64, f64) {
    let outer = rings.first().map(Vec::as_slice).unwrap_or(&[]);
    let (a, _, cy) = ring_area_centroid(outer);
    let (min_y, max_y) = outer
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), p| {
            (lo.min(p.1), hi.max(p.1))
        });
    let mid_y = if a.abs() > 1e-12 {
        cy / (3.0 * a)
    } else {
        (min_y + max_y) / 2.0
    };
    // Nudged off a vertex's exact height, where the crossing rule is
    // ambiguous for a reader though not for the code.
    let y = mid_y + (max_y - min_y) * 1e-6;
    inside_on_line(rings, y)
        .or_else(|| inside_on_line(rings, (min_y + max_y) / 2.0))
        .unwrap_or_else(|| {
            let n = outer.len().max(1) as f64;
            (
                outer.iter().map(|p| p.0).sum::<f64>() / n,
                outer.iter().map(|p| p.1).sum::<f64>() / n,
            )
        })
}

/// Area of a projected ring (absolute), for picking the largest polygon.
#[cfg(feature = "import")]
fn area(ring: &[(f64, f64)]) -> f64 {
    ring_area_centroid(ring).0.abs() / 2.0
}

#[cfg(feature = "import")]
impl BoundaryMap {
    /// Reads a boundaries file and lays it out `width` viewBox units wide
    /// (a non-positive or non-finite width gives 500; at most 100 000).
    /// Errors: the file is larger than [`MAX_BYTES`], or any problem of
    /// [`Boundaries::parse`] (not GeoJSON, unknown code, swapped
    /// coordinates, open ring…). Warnings: thinning above [`MAX_POINTS`];
    /// the wards without a polygon are in [`BoundaryMap::missing`].
    pub fn load(
        text: &str,
        registry: &Registry,
        width: f64,
    ) -> Result<Loaded<BoundaryMap>, Vec<Problem>> {
        if text.len() > MAX_BYTES {
            return Err(vec![Problem::error(
                "$",
                format!(
                    "the file is {} bytes, more than the {MAX_BYTES} read: simplify the polygons (about 10 m, 5 decimals) to make it smaller",
                    text.len()
                ),
            )]);
        }
        // The parser's only warnings name the wards without a polygon,
        // which the map lists in `missing`.
        let loaded = Boundaries::parse(text, registry)?;
        let (map, warnings) = BoundaryMap::new(&loaded.value, registry, width);
        Ok(Loaded {
            value: map,
            warnings,
        })
    }

    /// Lays out `boundaries` `width` viewBox units wide (see
    /// [`BoundaryMap::load`]). Returns the map and warnings (thinning).
    pub fn new(
        boundaries: &Boundaries,
        registry: &Registry,
        width: f64,
    ) -> (BoundaryMap, Vec<Problem>) {
        let width = if width.is_finite() && width > 0.0 {
            width.min(100_000.0)
        } else {
            500.0
        };
        let mut warnings = Vec::new();
        let all_points = || {
            boundaries
                .wards
                .values()
                .flatten()
                .flatten()
                .flat_map(|ring| ring.iter())
        };
        let total: usize = boundaries
            .wards
            .values()
            .flatten()
            .flatten()
            .map(Vec::len)
            .sum();
        let step = total.div_ceil(MAX_POINTS).max(1);
        if step > 1 {
            warnings.push(Problem::warning(
                "$",
                format!(
                    "{total} positions is more than the {MAX_POINTS} drawn: every {step}th position of each ring is kept; simplify the file (about 10 m) for a faithful map"
                ),
            ));
        }
        let (mut lon_min, mut lon_max, mut lat_min, mut lat_max) = (
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
        );
        for [lon, lat] in all_points() {
            if lon.is_finite() && lat.is_finite() {
                lon_min = lon_min.min(*lon);
                lon_max = lon_max.max(*lon);
                lat_min = lat_min.min(*lat);
                lat_max = lat_max.max(*lat);
            }
        }
        let missing: Vec<String> = registry
            .wards
            .iter()
            .filter(|w| !boundaries.wards.contains_key(&w.code))
            .map(|w| w.code.clone())
            .collect();
        if lon_min > lon_max || lat_min > lat_max {
            let side = width;
            return (
                BoundaryMap {
                    width: side,
                    height: side,
                    wards: Vec::new(),
                    districts: Vec::new(),
                    missing,
                },
                warnings,
            );
        }
        // Clamp the latitude into ±85° so the cosine stays well away from 0.
        let mid_lat = ((lat_min + lat_max) / 2.0).clamp(-85.0, 85.0);
        let cos = mid_lat.to_radians().cos();
        let span_x = ((lon_max - lon_min) * cos).max(MIN_SPAN_DEG);
        let span_y = (lat_max - lat_min).max(MIN_SPAN_DEG);
        let margin = width * MARGIN_SHARE;
        let k = (width - 2.0 * margin) / span_x;
        // A very tall, narrow extent would make a map miles high: at most
        // four times as tall as wide.
        let k = k.min((4.0 * width - 2.0 * margin) / span_y);
        let projection = Projection {
            lon0: lon_min - ((width - 2.0 * margin) / k - span_x) / 2.0 / cos,
            lat1: lat_max,
            kx: k * cos,
            ky: k,
            margin,
        };
        let height = 2.0 * margin + span_y * k;

        let (wards, rings): (Vec<WardPath>, Vec<Vec<Vec<Tenths>>>) = boundaries
            .wards
            .iter()
            .map(|(code, polygons)| ward_path(code, polygons, &projection, step))
            .unzip();

        type Members<'a> = (Vec<(f64, f64)>, Vec<&'a Vec<Tenths>>);
        let mut members: BTreeMap<&str, Members> = BTreeMap::new();
        for (ward, rings) in wards.iter().zip(&rings) {
            if let Some(w) = registry.ward(&ward.code) {
                let entry = members.entry(w.district.as_str()).or_default();
                entry.0.push((ward.label_x, ward.label_y));
                entry.1.extend(rings.iter());
            }
        }
        let districts = members
            .into_iter()
            .map(|(code, (points, rings))| {
                let outline = district_outline(&rings, points.len());
                let n = points.len().max(1) as f64;
                let mx = points.iter().map(|p| p.0).sum::<f64>() / n;
                let my = points.iter().map(|p| p.1).sum::<f64>() / n;
                let (label_x, label_y) = points
                    .iter()
                    .copied()
                    .min_by(|a, b| {
                        let da = (a.0 - mx).powi(2) + (a.1 - my).powi(2);
                        let db = (b.0 - mx).powi(2) + (b.1 - my).powi(2);
                        da.total_cmp(&db)
                    })
                    .unwrap_or((mx, my));
                DistrictLabel {
                    code: code.to_string(),
                    outline,
                    label_x,
                    label_y,
                }
            })
            .collect();
        (
            BoundaryMap {
                width,
                height,
                wards,
                districts,
                missing,
            },
            warnings,
        )
    }
}

impl BoundaryMap {
    /// The ward an arrow key moves to from `code`: of the wards whose label
    /// point lies that way (ahead along the key's direction), the one with
    /// the least `distance ahead + 2 × distance sideways`, so a ward
    /// straight ahead beats a nearer one off to the side. `None` if `code`
    /// is not drawn or nothing lies that way.
    pub fn keyboard_neighbour(&self, code: &str, key: ArrowKey) -> Option<&str> {
        let here = self.wards.iter().find(|w| w.code == code)?;
        self.wards
            .iter()
            .filter(|w| w.code != code)
            .filter_map(|w| {
                let (dx, dy) = (w.label_x - here.label_x, w.label_y - here.label_y);
                let (along, across) = match key {
                    ArrowKey::Left => (-dx, dy),
                    ArrowKey::Right => (dx, dy),
                    ArrowKey::Up => (-dy, dx),
                    ArrowKey::Down => (dy, dx),
                };
                (along > 1e-9).then_some((along + 2.0 * across.abs(), w.code.as_str()))
            })
            .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(b.1)))
            .map(|(_, c)| c)
    }

    /// A ward's label point, if it is drawn.
    pub fn label_of(&self, code: &str) -> Option<(f64, f64)> {
        self.wards
            .iter()
            .find(|w| w.code == code)
            .map(|w| (w.label_x, w.label_y))
    }
}

/// A position in tenths of a viewBox unit: what the path data writes, and
/// the key that makes the edges of neighbouring wards meet exactly.
#[cfg(feature = "import")]
type Tenths = (i64, i64);

#[cfg(feature = "import")]
fn ward_path(
    code: &str,
    polygons: &[Polygon],
    projection: &Projection,
    step: usize,
) -> (WardPath, Vec<Vec<Tenths>>) {
    let mut d = String::new();
    let mut all_rings = Vec::new();
    let mut best: Option<(f64, (f64, f64))> = None;
    for polygon in polygons {
        let rings: Vec<Vec<(f64, f64)>> = polygon
            .iter()
            .map(|ring| {
                let last = ring.len().saturating_sub(1);
                ring.iter()
                    .enumerate()
                    // Every step-th position, and always the closing one.
                    .filter(|(i, _)| i % step == 0 || *i == last)
                    .map(|(_, p)| projection.project(*p))
                    .collect()
            })
            .collect();
        for ring in &rings {
            let tenths = rounded_ring(ring);
            write_ring(&mut d, &tenths);
            if !tenths.is_empty() {
                all_rings.push(tenths);
            }
        }
        if let Some(outer) = rings.first() {
            let a = area(outer);
            if best.is_none_or(|(b, _)| a > b) {
                best = Some((a, label_point(&rings)));
            }
        }
    }
    let (label_x, label_y) = best.map(|(_, p)| p).unwrap_or((0.0, 0.0));
    (
        WardPath {
            code: code.to_string(),
            d,
            label_x,
            label_y,
        },
        all_rings,
    )
}

/// A ring's positions in tenths of a unit, dropping those that round to
/// the previous one (at one decimal of a viewBox unit, a fraction of a
/// pixel: a finely drawn file gives a small path) and the closing repeat
/// of the first. Empty if fewer than three distinct positions remain: the
/// ring would draw nothing.
#[cfg(feature = "import")]
fn rounded_ring(ring: &[(f64, f64)]) -> Vec<Tenths> {
    // Coordinates are within the viewBox (at most 400,000 units), so the
    // conversions cannot overflow.
    let mut points: Vec<Tenths> = Vec::with_capacity(ring.len());
    for (x, y) in ring {
        let p = ((x * 10.0).round() as i64, (y * 10.0).round() as i64);
        if points.last() != Some(&p) {
            points.push(p);
        }
    }
    if points.len() > 1 && points.first() == points.last() {
        points.pop();
    }
    if points.len() < 3 {
        points.clear();
    }
    points
}

/// A coordinate in tenths as path data: "123.4", "12".
#[cfg(feature = "import")]
fn tenths(v: i64) -> String {
    let (whole, tenth) = (v.div_euclid(10), v.rem_euclid(10));
    if tenth == 0 {
        format!("{whole}")
    } else if v < 0 && whole == -1 {
        // -0.3 is whole -1 and tenth 7 in Euclidean terms.
        format!("-0.{}", 10 - tenth)
    } else if v < 0 {
        format!("{}.{}", whole + 1, 10 - tenth)
    } else {
        format!("{whole}.{tenth}")
    }
}

#[cfg(feature = "import")]
fn point(d: &mut String, (x, y): Tenths) {
    d.push_str(&tenths(x));
    d.push(',');
    d.push_str(&tenths(y));
}

/// Appends one ring as "M x,y L x,y … Z" (nothing for an empty ring).
#[cfg(feature = "import")]
fn write_ring(d: &mut String, ring: &[Tenths]) {
    for (i, p) in ring.iter().enumerate() {
        d.push(if i == 0 { 'M' } else { 'L' });
        point(d, *p);
    }
    if !ring.is_empty() {
        d.push('Z');
    }
}

/// Removes an unused edge leaving `at` and returns its other end.
#[cfg(feature = "import")]
fn take_edge(at: Tenths, from: &mut BTreeMap<Tenths, Vec<Tenths>>) -> Option<Tenths> {
    let next = from.get_mut(&at)?.pop()?;
    if let Some(back) = from.get_mut(&next) {
        if let Some(i) = back.iter().position(|p| *p == at) {
            back.swap_remove(i);
        }
    }
    Some(next)
}

/// A district's outline from its wards' rings: every edge not shared by
/// two of its wards (an edge inside the district appears once in each
/// neighbour's ring, in either direction), chained into lines. Empty when
/// the wards' edges do not meet (no shared edge although the district has
/// several wards): files whose neighbours do not share vertices would
/// otherwise have every ward edge drawn as a district boundary.
#[cfg(feature = "import")]
fn district_outline(rings: &[&Vec<Tenths>], wards: usize) -> String {
    let mut count: BTreeMap<(Tenths, Tenths), usize> = BTreeMap::new();
    let mut total = 0usize;
    for ring in rings {
        for (i, a) in ring.iter().enumerate() {
            let b = ring[(i + 1) % ring.len()];
            let key = if *a <= b { (*a, b) } else { (b, *a) };
            *count.entry(key).or_default() += 1;
            total += 1;
        }
    }
    let boundary: Vec<(Tenths, Tenths)> = count
        .into_iter()
        .filter(|(_, n)| *n == 1)
        .map(|(k, _)| k)
        .collect();
    if wards > 1 && boundary.len() == total {
        return String::new();
    }
    // Chain the edges: from any unused edge, follow unused edges from its
    // end as long as there is one.
    let mut from: BTreeMap<Tenths, Vec<Tenths>> = BTreeMap::new();
    for (a, b) in &boundary {
        from.entry(*a).or_default().push(*b);
        from.entry(*b).or_default().push(*a);
    }
    let mut d = String::new();
    for (start, _) in &boundary {
        let start = *start;
        // Every edge is consumed from one of its ends: from `start`, walk
        // until no edge goes on, as many times as edges leave `start`.
        while let Some(mut at) = take_edge(start, &mut from) {
            d.push('M');
            point(&mut d, start);
            loop {
                if at == start {
                    d.push('Z');
                    break;
                }
                d.push('L');
                point(&mut d, at);
                match take_edge(at, &mut from) {
                    Some(next) => at = next,
                    None => break,
                }
            }
        }
    }
    d
}

#[cfg(all(test, feature = "import"))]
mod tests {
    use super::*;

    fn registry() -> Registry {
        Registry::parse(
            r#"{"districts": [{"code": "001", "name": "Ba Đình", "full_name": "Quận Ba Đình", "folded": "ba dinh"},
                              {"code": "002", "name": "Hoàn Kiếm", "full_name": "Quận Hoàn Kiếm", "folded": "hoan kiem"}],
                "wards": [{"code": "00001", "name": "Phúc Xá", "full_name": "Phường Phúc Xá", "district": "001", "folded": "phuc xa"},
                          {"code": "00004", "name": "Trúc Bạch", "full_name": "Phường Trúc Bạch", "district": "001", "folded": "truc bach"},
                          {"code": "00006", "name": "Vĩnh Phúc", "full_name": "Phường Vĩnh Phúc", "district": "001", "folded": "vinh phuc"},
                          {"code": "00037", "name": "Phúc Tân", "full_name": "Phường Phúc Tân", "district": "002", "folded": "phuc tan"}]}"#,
        )
        .unwrap()
    }

    fn square(lon: f64, lat: f64, side: f64) -> String {
        let (a, b) = (lon + side, lat + side);
        format!("[[{lon},{lat}],[{a},{lat}],[{a},{b}],[{lon},{b}],[{lon},{lat}]]")
    }

    fn feature(code: &str, geometry: &str) -> String {
        format!(
            r#"{{"type": "Feature", "properties": {{"code": "{code}"}}, "geometry": {geometry}}}"#
        )
    }

    fn polygon(rings: &[String]) -> String {
        format!(
            r#"{{"type": "Polygon", "coordinates": [{}]}}"#,
            rings.join(",")
        )
    }

    fn collection(features: &[String]) -> String {
        format!(
            r#"{{"type": "FeatureCollection", "features": [{}]}}"#,
            features.join(",")
        )
    }

    /// Three squares in a row, west to east, 0.01° apart; 00037 absent.
    fn three_in_a_row() -> String {
        collection(&[
            feature("00001", &polygon(&[square(105.80, 21.00, 0.01)])),
            feature("00004", &polygon(&[square(105.81, 21.00, 0.01)])),
            feature("00006", &polygon(&[square(105.82, 21.00, 0.01)])),
        ])
    }

    fn coords(d: &str) -> Vec<(f64, f64)> {
        d.split(['M', 'L', 'Z'])
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (x, y) = p.split_once(',').unwrap();
                (x.parse().unwrap(), y.parse().unwrap())
            })
            .collect()
    }

    #[test]
    fn projects_into_the_view_box_with_north_up_and_a_margin() {
        let map = BoundaryMap::load(&three_in_a_row(), &registry(), 300.0)
            .unwrap()
            .value;
        assert_eq!(map.width, 300.0);
        // 0.03° of longitude × cos(21°) against 0.01° of latitude.
        let expected = 12.0 + (300.0 - 12.0) / (0.03 * 21.005f64.to_radians().cos()) * 0.01;
        assert!((map.height - expected).abs() < 1e-6, "{}", map.height);
        for w in &map.wards {
            for (x, y) in coords(&w.d) {
                assert!((5.9..=294.1).contains(&x), "{x}");
                assert!((5.9..=map.height - 5.9).contains(&y), "{y}");
            }
        }
        // West to east is left to right; the squares' labels are their centres.
        let x = |c| map.label_of(c).unwrap().0;
        assert!(x("00001") < x("00004") && x("00004") < x("00006"));
        let (lx, ly) = map.label_of("00004").unwrap();
        assert!((lx - 150.0).abs() < 0.01 && (ly - map.height / 2.0).abs() < 0.01);
        // North up: a ring's first position (south-west) is at the bottom.
        let first = coords(&map.wards[0].d)[0];
        assert!((first.1 - (map.height - 6.0)).abs() < 0.06, "{first:?}");
    }

    #[test]
    fn paths_have_one_decimal_and_close_each_ring() {
        let map = BoundaryMap::load(&three_in_a_row(), &registry(), 300.0)
            .unwrap()
            .value;
        let d = &map.wards[0].d;
        assert!(d.starts_with('M') && d.ends_with('Z'));
        assert_eq!(d.matches('L').count(), 3, "{d}");
        for part in d.split(['M', 'L', 'Z', ',']).filter(|p| !p.is_empty()) {
            let decimals = part.split_once('.').map_or(0, |(_, f)| f.len());
            assert!(decimals <= 1, "{part} in {d}");
        }
        assert_eq!(tenths(0), "0");
        assert_eq!(tenths(123), "12.3");
        assert_eq!(tenths(120), "12");
        assert_eq!(tenths(-3), "-0.3");
        assert_eq!(tenths(-27), "-2.7");
        assert_eq!(tenths(-20), "-2");
    }

    #[test]
    fn lists_wards_without_a_polygon_and_labels_districts() {
        let loaded = BoundaryMap::load(&three_in_a_row(), &registry(), 300.0).unwrap();
        assert_eq!(loaded.value.missing, vec!["00037".to_string()]);
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        assert_eq!(loaded.value.districts.len(), 1);
        // The middle ward is nearest the mean of the three.
        let d = &loaded.value.districts[0];
        assert_eq!(
            (d.label_x, d.label_y),
            loaded.value.label_of("00004").unwrap()
        );
    }

    #[test]
    fn district_outlines_leave_out_the_edges_its_wards_share() {
        let map = BoundaryMap::load(&three_in_a_row(), &registry(), 300.0)
            .unwrap()
            .value;
        // Three squares in a row: 12 edges, 2 shared pairs inside: one ring
        // of 8 edges.
        let outline = &map.districts[0].outline;
        assert_eq!(outline.matches('M').count(), 1, "{outline}");
        assert_eq!(outline.matches('Z').count(), 1, "{outline}");
        assert_eq!(outline.matches('L').count(), 7, "{outline}");
        // Wards whose vertices do not meet: no outline rather than all edges.
        let apart = collection(&[
            feature("00001", &polygon(&[square(105.80, 21.00, 0.01)])),
            feature("00004", &polygon(&[square(105.8103, 21.0041, 0.01)])),
        ]);
        let map = BoundaryMap::load(&apart, &registry(), 300.0).unwrap().value;
        assert_eq!(map.districts[0].outline, "");
        // One ward alone is its district's outline.
        let alone = collection(&[feature("00037", &polygon(&[square(105.80, 21.00, 0.01)]))]);
        let map = BoundaryMap::load(&alone, &registry(), 300.0).unwrap().value;
        assert_eq!(map.districts[0].outline.matches('L').count(), 3);
    }

    #[test]
    fn multipolygons_and_holes_are_subpaths() {
        let outer = square(105.80, 21.00, 0.04);
        let hole = square(105.81, 21.01, 0.02);
        let island = square(105.90, 21.00, 0.005);
        let multi =
            format!(r#"{{"type": "MultiPolygon", "coordinates": [[{outer},{hole}],[{island}]]}}"#);
        let text = collection(&[feature("00001", &multi)]);
        let map = BoundaryMap::load(&text, &registry(), 400.0).unwrap().value;
        let d = &map.wards[0].d;
        assert_eq!(d.matches('M').count(), 3, "{d}");
        assert_eq!(d.matches('Z').count(), 3);
        // The label is on the large polygon, not in its hole.
        let (lx, ly) = map.label_of("00001").unwrap();
        let pts = coords(d);
        let (hx0, hx1) = (pts[4].0, pts[5].0);
        let (hy0, hy1) = (pts[6].1, pts[4].1);
        let in_hole = lx > hx0 && lx < hx1 && ly > hy0 && ly < hy1;
        assert!(
            !in_hole,
            "label ({lx}, {ly}) in the hole {hx0}..{hx1} × {hy0}..{hy1}"
        );
        assert!(lx < pts[8].0, "label on the island");
    }

    #[test]
    fn arrow_keys_follow_label_points() {
        // 00001 00004 00006 in a row, 00037 above the middle one.
        let text = collection(&[
            feature("00001", &polygon(&[square(105.80, 21.00, 0.01)])),
            feature("00004", &polygon(&[square(105.81, 21.00, 0.01)])),
            feature("00006", &polygon(&[square(105.82, 21.00, 0.01)])),
            feature("00037", &polygon(&[square(105.81, 21.01, 0.01)])),
        ]);
        let map = BoundaryMap::load(&text, &registry(), 300.0).unwrap().value;
        use ArrowKey::*;
        let go = |c, k| map.keyboard_neighbour(c, k);
        assert_eq!(go("00001", Right), Some("00004"));
        assert_eq!(go("00004", Right), Some("00006"));
        assert_eq!(go("00006", Left), Some("00004"));
        assert_eq!(go("00004", Up), Some("00037"));
        assert_eq!(go("00037", Down), Some("00004"));
        // Diagonal: the only ward above 00001 is up and to the right.
        assert_eq!(go("00001", Up), Some("00037"));
        assert_eq!(go("00006", Right), None);
        assert_eq!(go("00004", Down), None);
        assert_eq!(go("99999", Up), None);
    }

    #[test]
    fn hostile_geometry_is_refused_or_contained() {
        let reg = registry();
        // Not GeoJSON, NaN-like text, an empty ring, a degenerate polygon.
        assert!(BoundaryMap::load("", &reg, 300.0).is_err());
        assert!(BoundaryMap::load("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"code\":\"00001\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[NaN,21],[105.8,21],[105.8,21.1],[NaN,21]]]}}]}", &reg, 300.0).is_err());
        let empty = collection(&[feature(
            "00001",
            r#"{"type": "Polygon", "coordinates": [[]]}"#,
        )]);
        let err = BoundaryMap::load(&empty, &reg, 300.0).unwrap_err();
        assert!(err[0].message.contains("at least 4"), "{}", err[0]);
        let huge = collection(&[feature(
            "00001",
            &polygon(&["[[1e308,21],[105.8,21],[105.8,21.1],[1e308,21]]".into()]),
        )]);
        assert!(BoundaryMap::load(&huge, &reg, 300.0).is_err());
        // All positions equal: drawn as nothing, but no panic or NaN.
        let point = collection(&[feature(
            "00001",
            &polygon(&["[[105.8,21],[105.8,21],[105.8,21],[105.8,21]]".into()]),
        )]);
        let map = BoundaryMap::load(&point, &reg, 300.0).unwrap().value;
        assert!(map.height.is_finite() && map.wards[0].d.is_empty());
        assert!(map.wards[0].label_x.is_finite() && map.wards[0].label_y.is_finite());
        // Widths that make no sense fall back.
        let map = BoundaryMap::load(&three_in_a_row(), &reg, f64::NAN)
            .unwrap()
            .value;
        assert_eq!(map.width, 500.0);
        // Too big a file is refused before parsing.
        let big = " ".repeat(MAX_BYTES + 1);
        let err = BoundaryMap::load(&big, &reg, 300.0).unwrap_err();
        assert!(err[0].message.contains("simplify"));
    }

    #[test]
    fn the_result_crosses_the_worker_as_json_unchanged() {
        // What the import worker sends and the page reads back.
        let reg = registry();
        let loaded = BoundaryMap::load(&three_in_a_row(), &reg, 300.0);
        let json = serde_json::to_string(&loaded).unwrap();
        let back: Result<Loaded<BoundaryMap>, Vec<Problem>> = serde_json::from_str(&json).unwrap();
        // serde_json reads floats to within an ulp (its exact reader would
        // grow the app's wasm): far below what a drawing shows.
        let (sent, read) = (loaded.unwrap().value, back.unwrap().value);
        let near = |a: f64, b: f64| (a - b).abs() <= 1e-9 * a.abs().max(1.0);
        assert!(near(sent.width, read.width) && near(sent.height, read.height));
        assert_eq!(sent.missing, read.missing);
        assert_eq!(sent.wards.len(), read.wards.len());
        for (a, b) in sent.wards.iter().zip(&read.wards) {
            assert_eq!((&a.code, &a.d), (&b.code, &b.d));
            assert!(near(a.label_x, b.label_x) && near(a.label_y, b.label_y));
        }
        assert_eq!(sent.districts.len(), read.districts.len());
        for (a, b) in sent.districts.iter().zip(&read.districts) {
            assert_eq!((&a.code, &a.outline), (&b.code, &b.outline));
            assert!(near(a.label_x, b.label_x) && near(a.label_y, b.label_y));
        }
        assert!(
            json.starts_with(r#"{"Ok":{"value":{"width":300.0,"#),
            "{json}"
        );
        let refused = BoundaryMap::load("not json", &reg, 300.0);
        let json = serde_json::to_string(&refused).unwrap();
        let back: Result<Loaded<BoundaryMap>, Vec<Problem>> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, refused);
        assert!(back.unwrap_err()[0].is_error());
    }

    #[test]
    fn a_million_points_are_thinned_and_reported() {
        // A circle of a million positions around 00001's place: more than a
        // file of 8 MiB can hold, so built directly.
        let n = 1_000_000;
        let mut ring: Vec<[f64; 2]> = (0..n)
            .map(|i| {
                let t = i as f64 / n as f64 * std::f64::consts::TAU;
                [105.8 + 0.05 * t.cos(), 21.0 + 0.05 * t.sin()]
            })
            .collect();
        ring.push(ring[0]);
        let boundaries = Boundaries {
            wards: [("00001".to_string(), vec![vec![ring]])].into(),
        };
        let (map, warnings) = BoundaryMap::new(&boundaries, &registry(), 500.0);
        assert!(
            warnings
                .iter()
                .any(|w| w.message.contains("every 6th position")),
            "{warnings:?}"
        );
        let d = &map.wards[0].d;
        // At one decimal a circle about 500 units across (1,600 around)
        // has at most about 16,000 distinct positions, whatever the input:
        // the 166,667 kept positions collapse to those.
        let positions = d.matches('L').count() + 1;
        assert!(positions < 20_000, "{positions}");
        assert_eq!(d.matches('M').count(), 1);
        assert_eq!(map.missing.len(), 3);
    }
}
