//! The map geometry and keyboard navigation of the bundled tile layout
//! (`public/data/tiles.hexjson`), as the home view draws it.

use std::collections::{BTreeSet, HashSet, VecDeque};

use ward_domain::hexgeo::{keyboard_neighbour, ArrowKey, MapGeometry};
use ward_domain::tiles::TileLayout;
use ward_domain::Registry;

const RADIUS: f64 = 10.0;

fn layout() -> TileLayout {
    let registry = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../public/data/wards.json"
    ))
    .expect("public/data/wards.json is committed");
    let registry = Registry::parse(&registry).expect("wards.json is valid");
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../public/data/tiles.hexjson"
    ))
    .expect("public/data/tiles.hexjson is committed");
    TileLayout::parse(&text, &registry)
        .expect("tiles.hexjson is valid")
        .value
}

#[test]
fn draws_175_tiles_and_every_district() {
    let layout = layout();
    let geometry = MapGeometry::new(&layout, RADIUS);
    assert_eq!(geometry.tiles.len(), 175);
    let districts: BTreeSet<&str> = layout.tiles.values().map(|h| h.district.as_str()).collect();
    assert_eq!(districts.len(), 13);
    assert_eq!(geometry.districts.len(), districts.len());
    for d in &geometry.districts {
        assert!(districts.contains(d.code.as_str()));
        assert!(
            d.outline.starts_with('M') && d.outline.ends_with('Z'),
            "{}",
            d.code
        );
        assert_eq!(
            d.outline.matches('M').count(),
            d.outline.matches('Z').count(),
            "every ring of {} is closed",
            d.code
        );
        assert!(geometry.tiles.iter().any(|t| t.cx == d.label_x
            && t.cy == d.label_y
            && layout.tiles[&t.code].district == d.code));
    }
}

#[test]
fn tiles_do_not_overlap_and_fit_the_view_box() {
    let geometry = MapGeometry::new(&layout(), RADIUS);
    let min_gap = 3f64.sqrt() * RADIUS - 1e-6;
    for (i, a) in geometry.tiles.iter().enumerate() {
        for b in &geometry.tiles[i + 1..] {
            let d = (a.cx - b.cx).hypot(a.cy - b.cy);
            assert!(d >= min_gap, "{} and {} are {d} apart", a.code, b.code);
        }
        for corner in a.points.split(' ') {
            let (x, y) = corner.split_once(',').expect("x,y");
            let (x, y): (f64, f64) = (x.parse().unwrap(), y.parse().unwrap());
            assert!((0.0..=geometry.width).contains(&x), "{x}");
            assert!((0.0..=geometry.height).contains(&y), "{y}");
        }
    }
}

#[test]
fn every_tile_reaches_every_other_by_arrow_keys() {
    let layout = layout();
    let codes: Vec<&str> = layout.tiles.keys().map(String::as_str).collect();
    let moves: Vec<(String, String)> = codes
        .iter()
        .flat_map(|code| {
            ArrowKey::ALL
                .into_iter()
                .filter_map(|key| keyboard_neighbour(&layout, code, key))
                .map(|next| (code.to_string(), next))
        })
        .collect();
    // Strongly connected: one tile reaches all, and all reach it.
    let reach = |forward: bool| {
        let start = codes[0].to_string();
        let mut seen: HashSet<String> = HashSet::from([start.clone()]);
        let mut queue = VecDeque::from([start]);
        while let Some(code) = queue.pop_front() {
            for (from, to) in &moves {
                let (here, there) = if forward { (from, to) } else { (to, from) };
                if *here == code && seen.insert(there.clone()) {
                    queue.push_back(there.clone());
                }
            }
        }
        seen.len()
    };
    assert_eq!(reach(true), codes.len());
    assert_eq!(reach(false), codes.len());
}

#[test]
fn arrow_keys_reach_the_detached_cluster() {
    let layout = layout();
    // The Sơn Tây tiles (district 269) sit apart in the north-west.
    let son_tay: HashSet<&str> = layout
        .tiles
        .iter()
        .filter(|(_, h)| h.district == "269")
        .map(|(c, _)| c.as_str())
        .collect();
    assert!(!son_tay.is_empty());
    let crossings = layout
        .tiles
        .keys()
        .filter(|c| !son_tay.contains(c.as_str()))
        .filter(|c| {
            keyboard_neighbour(&layout, c, ArrowKey::Left)
                .is_some_and(|n| son_tay.contains(n.as_str()))
        })
        .count();
    assert!(crossings > 0);
}
