//! Geometry of the tile map as plain numbers and SVG strings, and arrow-key
//! navigation between tiles.
//!
//! Tiles are pointy-top hexagons in `odd-r` offset coordinates (odd rows
//! shifted half a tile right) with `r` growing northwards, as in
//! [`crate::tiles`]. Everything is computed on an integer lattice first, so
//! shared vertices match exactly and no coordinate can overflow:
//! `X = 2q + (r odd)` counts half tile widths (√3·R/2) eastwards and
//! `Y = −3r` counts half radii (R/2) southwards (down the screen).

use std::collections::{BTreeMap, HashMap};

use crate::tiles::{Hex, TileLayout};

/// Used when the requested radius is not a positive finite number.
pub const DEFAULT_RADIUS: f64 = 12.0;

/// Larger radii would only produce coordinates no screen can show.
pub const MAX_RADIUS: f64 = 1.0e6;

/// Margin around the tiles, in radii: room for the district outlines' stroke
/// and the focus ring, which straddle the outermost edges.
const PADDING_RADII: f64 = 0.5;

type Point = (i64, i64);

/// Lattice offsets of the six vertices from a tile centre, clockwise on
/// screen from the top: N, upper right, lower right, S, lower left, upper left.
const VERTICES: [Point; 6] = [(0, -2), (1, -1), (1, 1), (0, 2), (-1, 1), (-1, -1)];

/// Lattice offsets of the six neighbours in the order of
/// [`crate::tiles::neighbour_cells`] (E, NE, NW, W, SW, SE), with the indices
/// into [`VERTICES`] of the edge shared with each, in clockwise order.
const SIDES: [(Point, usize, usize); 6] = [
    ((2, 0), 1, 2),
    ((1, -3), 0, 1),
    ((-1, -3), 5, 0),
    ((-2, 0), 4, 5),
    ((-1, 3), 3, 4),
    ((1, 3), 2, 3),
];

fn lattice(hex: &Hex) -> Point {
    let q = i64::from(hex.q);
    let r = i64::from(hex.r);
    (2 * q + r.rem_euclid(2), -3 * r)
}

fn offset((x, y): Point, (dx, dy): Point) -> Point {
    (x + dx, y + dy)
}

/// A number for SVG: at most two decimals, no trailing zeros, never "-0".
fn num(v: f64) -> String {
    let rounded = (v * 100.0).round() / 100.0 + 0.0;
    format!("{rounded}")
}

#[derive(Debug, Clone, PartialEq)]
pub struct TileShape {
    pub code: String,
    pub cx: f64,
    pub cy: f64,
    /// The six corners, "x,y x,y …", for `<polygon points>`.
    pub points: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DistrictShape {
    pub code: String,
    /// SVG path data of the district's boundary: one closed ring
    /// ("M…L…Z") per outer boundary or hole.
    pub outline: String,
    /// A tile centre of the district, the one nearest the mean of its tile
    /// centres, so a label placed there sits on the district even when the
    /// district is not convex.
    pub label_x: f64,
    pub label_y: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MapGeometry {
    /// The SVG's viewBox is `0 0 width height`.
    pub width: f64,
    pub height: f64,
    /// In ward code order.
    pub tiles: Vec<TileShape>,
    /// In district code order.
    pub districts: Vec<DistrictShape>,
}

/// Converts lattice points to SVG user units.
struct Frame {
    x0: i64,
    y0: i64,
    half_width: f64,
    half_radius: f64,
    padding: f64,
}

impl Frame {
    fn x(&self, x: i64) -> f64 {
        // Lattice spans stay far below 2^53, so the conversion is exact.
        self.padding + (x - self.x0) as f64 * self.half_width
    }
    fn y(&self, y: i64) -> f64 {
        self.padding + (y - self.y0) as f64 * self.half_radius
    }
    fn point(&self, (x, y): Point) -> String {
        format!("{},{}", num(self.x(x)), num(self.y(y)))
    }
}

impl MapGeometry {
    /// Lays out `layout` with hexagons of circumradius `radius` (a
    /// non-positive or non-finite radius gives [`DEFAULT_RADIUS`]).
    pub fn new(layout: &TileLayout, radius: f64) -> MapGeometry {
        let radius = if radius.is_finite() && radius > 0.0 {
            radius.min(MAX_RADIUS)
        } else {
            DEFAULT_RADIUS
        };
        let padding = PADDING_RADII * radius;
        let centres: Vec<(&str, &Hex, Point)> = layout
            .tiles
            .iter()
            .map(|(code, hex)| (code.as_str(), hex, lattice(hex)))
            .collect();
        let xs = centres.iter().map(|(_, _, (x, _))| *x);
        let ys = centres.iter().map(|(_, _, (_, y))| *y);
        let (Some(x_min), Some(x_max), Some(y_min), Some(y_max)) =
            (xs.clone().min(), xs.max(), ys.clone().min(), ys.max())
        else {
            return MapGeometry {
                width: 2.0 * padding,
                height: 2.0 * padding,
                tiles: Vec::new(),
                districts: Vec::new(),
            };
        };
        let frame = Frame {
            x0: x_min - 1,
            y0: y_min - 2,
            half_width: 3f64.sqrt() * radius / 2.0,
            half_radius: radius / 2.0,
            padding,
        };
        let width = frame.x(x_max + 1) + padding;
        let height = frame.y(y_max + 2) + padding;

        let tiles = centres
            .iter()
            .map(|(code, _, centre)| TileShape {
                code: (*code).to_string(),
                cx: frame.x(centre.0),
                cy: frame.y(centre.1),
                points: VERTICES
                    .iter()
                    .map(|v| frame.point(offset(*centre, *v)))
                    .collect::<Vec<_>>()
                    .join(" "),
            })
            .collect();

        let district_at: HashMap<Point, &str> = centres
            .iter()
            .map(|(_, hex, centre)| (*centre, hex.district.as_str()))
            .collect();
        let mut members: BTreeMap<&str, Vec<Point>> = BTreeMap::new();
        for (_, hex, centre) in &centres {
            members
                .entry(hex.district.as_str())
                .or_default()
                .push(*centre);
        }
        let districts = members
            .into_iter()
            .map(|(district, cells)| district_shape(district, &cells, &district_at, &frame))
            .collect();

        MapGeometry {
            width,
            height,
            tiles,
            districts,
        }
    }
}

fn district_shape(
    district: &str,
    cells: &[Point],
    district_at: &HashMap<Point, &str>,
    frame: &Frame,
) -> DistrictShape {
    // Edges facing a cell of another district (or none), oriented clockwise
    // around their tile. Interior edges are skipped, so what remains is the
    // boundary of the district and the edges chain into closed rings. On a
    // hex grid three tiles meet at every vertex, so two tiles of a district
    // sharing a vertex also share an edge: each vertex starts at most one
    // boundary edge and the chaining never has to choose.
    let mut next: BTreeMap<Point, Point> = BTreeMap::new();
    for centre in cells {
        for (step, from, to) in SIDES {
            let across = offset(*centre, step);
            if district_at.get(&across) != Some(&district) {
                if let (Some(a), Some(b)) = (VERTICES.get(from), VERTICES.get(to)) {
                    next.insert(offset(*centre, *a), offset(*centre, *b));
                }
            }
        }
    }
    let mut outline = String::new();
    while let Some((start, mut at)) = next.pop_first() {
        outline.push('M');
        outline.push_str(&frame.point(start));
        while at != start {
            outline.push('L');
            outline.push_str(&frame.point(at));
            match next.remove(&at) {
                Some(following) => at = following,
                None => break,
            }
        }
        // Always true for a valid layout; an open chain stays an open path.
        if at == start {
            outline.push('Z');
        }
    }

    let count = cells.len().max(1) as f64;
    let mean_x = cells.iter().map(|c| frame.x(c.0)).sum::<f64>() / count;
    let mean_y = cells.iter().map(|c| frame.y(c.1)).sum::<f64>() / count;
    let label = cells
        .iter()
        .map(|c| (frame.x(c.0), frame.y(c.1)))
        .min_by(|a, b| {
            let da = (a.0 - mean_x).powi(2) + (a.1 - mean_y).powi(2);
            let db = (b.0 - mean_x).powi(2) + (b.1 - mean_y).powi(2);
            da.total_cmp(&db)
        })
        .unwrap_or((mean_x, mean_y));
    DistrictShape {
        code: district.to_string(),
        outline,
        label_x: label.0,
        label_y: label.1,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ArrowKey {
    Left,
    Right,
    Up,
    Down,
}

impl ArrowKey {
    pub const ALL: [ArrowKey; 4] = [
        ArrowKey::Left,
        ArrowKey::Right,
        ArrowKey::Up,
        ArrowKey::Down,
    ];

    /// From a `KeyboardEvent.key` value ("ArrowLeft", or "Left" from old
    /// browsers).
    pub fn from_key(key: &str) -> Option<ArrowKey> {
        match key {
            "ArrowLeft" | "Left" => Some(ArrowKey::Left),
            "ArrowRight" | "Right" => Some(ArrowKey::Right),
            "ArrowUp" | "Up" => Some(ArrowKey::Up),
            "ArrowDown" | "Down" => Some(ArrowKey::Down),
            _ => None,
        }
    }
}

/// The tile an arrow key moves to from `code`: the adjacent tile that way
/// (W or E; NW/NE for up, SW/SE for down), else the nearest tile anywhere in
/// that half-plane, so keyboard users can cross gaps such as the one to the
/// detached Sơn Tây cluster. `None` if `code` has no tile or nothing lies
/// that way.
///
/// Up and Down prefer, of the two diagonal neighbours, the one in the same
/// offset column (same `q`): both are half a tile off sideways, and this
/// choice makes Up then Down return to the start and repeated presses zigzag
/// around a column instead of drifting sideways.
pub fn keyboard_neighbour(layout: &TileLayout, code: &str, key: ArrowKey) -> Option<String> {
    let hex = layout.tiles.get(code)?;
    let here = lattice(hex);
    let by_cell: HashMap<Point, &str> = layout
        .tiles
        .iter()
        .map(|(c, h)| (lattice(h), c.as_str()))
        .collect();
    let even_row = hex.r.rem_euclid(2) == 0;
    let (ne, nw, sw, se) = ((1, -3), (-1, -3), (-1, 3), (1, 3));
    let steps: [Point; 2] = match key {
        ArrowKey::Left => [(-2, 0); 2],
        ArrowKey::Right => [(2, 0); 2],
        ArrowKey::Up if even_row => [ne, nw],
        ArrowKey::Up => [nw, ne],
        ArrowKey::Down if even_row => [se, sw],
        ArrowKey::Down => [sw, se],
    };
    if let Some(found) = steps
        .iter()
        .find_map(|step| by_cell.get(&offset(here, *step)))
    {
        return Some((*found).to_string());
    }
    layout
        .tiles
        .iter()
        .filter_map(|(c, h)| {
            let (x, y) = lattice(h);
            let (dx, dy) = (i128::from(x - here.0), i128::from(y - here.1));
            let (along, across) = match key {
                ArrowKey::Left => (-dx, dy),
                ArrowKey::Right => (dx, dy),
                ArrowKey::Up => (-dy, dx),
                ArrowKey::Down => (dy, dx),
            };
            // Squared distance in units of (R/2)²: a lattice step in X is √3 times one in Y.
            let distance = 3 * dx * dx + dy * dy;
            (along > 0).then_some(((distance, across.abs(), c.as_str()), c))
        })
        .min_by(|a, b| a.0.cmp(&b.0))
        .map(|(_, c)| c.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tiles::Placement;

    fn hex(q: i32, r: i32, district: &str) -> Hex {
        Hex {
            q,
            r,
            n: String::new(),
            district: district.to_string(),
            placement: Placement::Centroid,
            placed_from: Vec::new(),
        }
    }

    fn layout(cells: &[(&str, i32, i32, &str)]) -> TileLayout {
        TileLayout {
            tiles: cells
                .iter()
                .map(|(code, q, r, d)| (code.to_string(), hex(*q, *r, d)))
                .collect(),
        }
    }

    /// Row 2:   a b
    /// Row 1:    c d    e   (odd row, shifted right; gap between d and e)
    /// Row 0:   f g
    fn sample() -> TileLayout {
        layout(&[
            ("a", 0, 2, "001"),
            ("b", 1, 2, "001"),
            ("c", 0, 1, "001"),
            ("d", 1, 1, "002"),
            ("e", 3, 1, "002"),
            ("f", 0, 0, "002"),
            ("g", 1, 0, "002"),
        ])
    }

    fn polygon(points: &str) -> Vec<(f64, f64)> {
        points
            .split([' ', 'L', 'M', 'Z'])
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (x, y) = p.split_once(',').unwrap();
                (x.parse().unwrap(), y.parse().unwrap())
            })
            .collect()
    }

    #[test]
    fn formats_numbers_compactly() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(10.392304845), "10.39");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(0.125), "0.13");
    }

    #[test]
    fn empty_layout() {
        let g = MapGeometry::new(&layout(&[]), 10.0);
        assert!(g.tiles.is_empty() && g.districts.is_empty());
        assert_eq!((g.width, g.height), (10.0, 10.0));
    }

    #[test]
    fn one_tile() {
        let g = MapGeometry::new(&layout(&[("a", 0, 0, "001")]), 10.0);
        let w = 3f64.sqrt() * 10.0;
        assert!((g.width - (w + 10.0)).abs() < 1e-9);
        assert!((g.height - 30.0).abs() < 1e-9);
        let tile = &g.tiles[0];
        assert!((tile.cx - (5.0 + w / 2.0)).abs() < 1e-9);
        assert_eq!(tile.cy, 15.0);
        assert_eq!(tile.points, "13.66,5 22.32,10 22.32,20 13.66,25 5,20 5,10");
        let d = &g.districts[0];
        assert_eq!(d.outline, "M5,10L13.66,5L22.32,10L22.32,20L13.66,25L5,20Z");
        assert_eq!((d.label_x, d.label_y), (tile.cx, tile.cy));
    }

    #[test]
    fn bad_radius_falls_back() {
        let l = layout(&[("a", 0, 0, "001")]);
        for r in [0.0, -3.0, f64::NAN, f64::INFINITY] {
            assert_eq!(
                MapGeometry::new(&l, r),
                MapGeometry::new(&l, DEFAULT_RADIUS)
            );
        }
        let huge = MapGeometry::new(&l, f64::MAX);
        assert!(huge.width.is_finite());
    }

    #[test]
    fn extreme_coordinates_do_not_overflow() {
        let l = layout(&[
            ("a", i32::MAX, i32::MAX, "001"),
            ("b", i32::MIN, i32::MIN, "002"),
        ]);
        let g = MapGeometry::new(&l, 1.0);
        assert_eq!(g.tiles.len(), 2);
        assert!(g.width.is_finite() && g.height.is_finite());
        assert_eq!(
            keyboard_neighbour(&l, "a", ArrowKey::Left).as_deref(),
            Some("b")
        );
        assert_eq!(keyboard_neighbour(&l, "a", ArrowKey::Up), None);
    }

    #[test]
    fn north_is_up_and_odd_rows_shift_right() {
        let g = MapGeometry::new(&sample(), 10.0);
        let at = |code: &str| {
            let t = g.tiles.iter().find(|t| t.code == code).unwrap();
            (t.cx, t.cy)
        };
        let w = 3f64.sqrt() * 10.0;
        assert!(at("a").1 < at("c").1 && at("c").1 < at("f").1);
        assert!((at("c").1 - at("a").1 - 15.0).abs() < 1e-9);
        assert!((at("c").0 - at("a").0 - w / 2.0).abs() < 1e-9);
        assert!((at("b").0 - at("a").0 - w).abs() < 1e-9);
        // Every tile fits in the viewBox with the padding around it.
        for t in &g.tiles {
            for (x, y) in polygon(&t.points) {
                assert!(x >= 4.99 && x <= g.width - 4.99, "{x}");
                assert!(y >= 4.99 && y <= g.height - 4.99, "{y}");
            }
        }
    }

    #[test]
    fn adjacency_matches_the_tiles_module() {
        let l = sample();
        for (code, hex) in &l.tiles {
            let expected = crate::tiles::neighbour_cells(hex.q, hex.r).map(|(q, r)| {
                l.tiles
                    .iter()
                    .find(|(_, h)| h.q == q && h.r == r)
                    .map(|(c, _)| c.as_str())
            });
            let here = lattice(&l.tiles[code]);
            for (i, (step, _, _)) in SIDES.iter().enumerate() {
                let there = offset(here, *step);
                let found = l
                    .tiles
                    .iter()
                    .find(|(_, h)| lattice(h) == there)
                    .map(|(c, _)| c.as_str());
                assert_eq!(found, expected[i], "{code} side {i}");
            }
        }
    }

    #[test]
    fn district_outlines_are_closed_rings() {
        let g = MapGeometry::new(&sample(), 10.0);
        assert_eq!(g.districts.len(), 2);
        let d1 = &g.districts[0];
        assert_eq!(d1.code, "001");
        // Three tiles in a triangle: 3 × 6 − 2 × 3 = 12 boundary edges, one ring.
        assert_eq!(d1.outline.matches('M').count(), 1);
        assert_eq!(d1.outline.matches('Z').count(), 1);
        assert_eq!(polygon(&d1.outline).len(), 12);
        // d–g and f–g touch, e is apart: two rings, (3 × 6 − 2 × 2) + 6 edges.
        let d2 = &g.districts[1];
        assert_eq!(d2.outline.matches('M').count(), 2);
        assert_eq!(d2.outline.matches('Z').count(), 2);
        assert_eq!(polygon(&d2.outline).len(), 20);
    }

    #[test]
    fn a_ring_around_a_hole_is_kept() {
        // Six tiles around an empty cell: an outer ring and the hole's ring.
        let ring = [(1, 0), (0, 1), (-1, 1), (-1, 0), (-1, -1), (0, -1)];
        let cells: Vec<(String, i32, i32)> = ring
            .iter()
            .enumerate()
            .map(|(i, (q, r))| (format!("t{i}"), *q, *r))
            .collect();
        let l = TileLayout {
            tiles: cells
                .iter()
                .map(|(c, q, r)| (c.clone(), hex(*q, *r, "001")))
                .collect(),
        };
        let g = MapGeometry::new(&l, 10.0);
        let outline = &g.districts[0].outline;
        assert_eq!(outline.matches('Z').count(), 2);
        assert_eq!(polygon(outline).len(), 18 + 6);
    }

    #[test]
    fn label_sits_on_a_tile() {
        let g = MapGeometry::new(&sample(), 10.0);
        for d in &g.districts {
            assert!(g
                .tiles
                .iter()
                .any(|t| t.cx == d.label_x && t.cy == d.label_y));
        }
    }

    #[test]
    fn arrow_keys() {
        let l = sample();
        let go = |from: &str, key| keyboard_neighbour(&l, from, key);
        use ArrowKey::*;
        assert_eq!(go("a", Right).as_deref(), Some("b"));
        assert_eq!(go("b", Left).as_deref(), Some("a"));
        // Even row: up-right is the same column. Odd row: up-left.
        assert_eq!(go("f", Up).as_deref(), Some("c"));
        assert_eq!(go("c", Up).as_deref(), Some("a"));
        assert_eq!(go("c", Down).as_deref(), Some("f"));
        assert_eq!(go("g", Up).as_deref(), Some("d"));
        assert_eq!(go("d", Down).as_deref(), Some("g"));
        // Both diagonals exist: the same column wins.
        assert_eq!(go("b", Down).as_deref(), Some("d"));
        assert_eq!(go("d", Up).as_deref(), Some("b"));
        // Only the other diagonal exists.
        let l2 = layout(&[("x", 1, 0, "001"), ("y", 0, 1, "001")]);
        assert_eq!(keyboard_neighbour(&l2, "x", Up).as_deref(), Some("y"));
        assert_eq!(keyboard_neighbour(&l2, "y", Down).as_deref(), Some("x"));
        // Across the gap, and past the edges.
        assert_eq!(go("d", Right).as_deref(), Some("e"));
        assert_eq!(go("e", Left).as_deref(), Some("d"));
        assert_eq!(go("e", Right), None);
        assert_eq!(go("a", Up), None);
        assert_eq!(go("f", Down), None);
        assert_eq!(go("f", Left), None);
        // No adjacent tile up from e: the nearest tile above it.
        assert_eq!(go("e", Up).as_deref(), Some("b"));
        assert_eq!(go("zzz", Up), None);
        assert_eq!(ArrowKey::from_key("ArrowDown"), Some(Down));
        assert_eq!(ArrowKey::from_key("Enter"), None);
    }
}
