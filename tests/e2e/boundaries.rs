//! A publisher's ward boundaries (`?boundaries=<URL>` or a picked GeoJSON
//! file) drawn instead of the hexagon tiles: the same fills, keys, tooltip
//! and selection; wards without a polygon listed; a broken file shows its
//! error and the tiles stay.
//!
//! The boundaries are SYNTHETIC, generated here: one hexagon around each
//! ward's tile centre (tiles.hexjson's q, r mapped to made-up longitudes and
//! latitudes inside Hanoi's extent). They are not real ward boundaries,
//! which the project may not ship.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use fantoccini::key::Key;
use serde_json::{json, Value};

use crate::support::{keys, App, Fault, WAIT};

const GEOJSON_PATH: &str = "/files/b.geojson";
const BROKEN_PATH: &str = "/files/broken.geojson";
const DRAWN_BOUNDARIES: &str = r#"svg.tile-map[data-drawn="boundaries"]"#;
const TILE_POLYGON: &str = "svg.tile-map g.tile[data-ward] > polygon";
const WARD_PATH: &str = "svg.tile-map g.tile[data-ward] > path";
const MISSING: &str = r#"[data-testid="boundaries-missing"] li[data-ward]"#;
const CREDIT: &str = r#"[data-testid="boundaries-credit"]"#;
const ERROR: &str = r#"[data-testid="boundaries-error"]"#;
const TOOLTIP: &str = r#"[data-testid="tooltip"]"#;
const FILE_INPUT: &str = r#"input[data-testid="boundaries-file"]"#;

fn data_file(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("public/data")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every ward's tile (q, r).
fn tiles() -> BTreeMap<String, (i64, i64)> {
    data_file("tiles.hexjson")["hexes"]
        .as_object()
        .expect("hexes")
        .iter()
        .map(|(code, h)| {
            (
                code.clone(),
                (h["q"].as_i64().expect("q"), h["r"].as_i64().expect("r")),
            )
        })
        .collect()
}

fn ward_names() -> BTreeMap<String, String> {
    data_file("wards.json")["wards"]
        .as_array()
        .expect("wards")
        .iter()
        .map(|w| {
            (
                w["code"].as_str().expect("code").to_string(),
                w["name"].as_str().expect("name").to_string(),
            )
        })
        .collect()
}

/// The wards left out of the synthetic file (listed as without a polygon).
fn omitted() -> BTreeSet<String> {
    let codes: Vec<String> = tiles().into_keys().collect();
    [10, 50, 100].iter().map(|&i| codes[i].clone()).collect()
}

/// Made-up coordinates of a point of the tile lattice: `x` counts half
/// tile widths (0.01° of longitude) eastwards, `y` half radii (0.0057735°
/// of latitude) northwards. Computed from integers, so the corners that
/// neighbouring hexagons share are the same numbers.
fn lon_lat(x: i64, y: i64) -> (f64, f64) {
    (105.6 + x as f64 * 0.01, 20.8 + y as f64 * 0.0057735)
}

/// The synthetic FeatureCollection: a hexagon around every tile centre but
/// the omitted wards' (neighbours share their edges, as real boundaries
/// do); the first ward is a MultiPolygon with a hole.
fn synthetic_geojson() -> String {
    let left_out = omitted();
    let features: Vec<Value> = tiles()
        .into_iter()
        .filter(|(code, _)| !left_out.contains(code))
        .enumerate()
        .map(|(i, (code, (q, r)))| {
            let (x, y) = (2 * q + r.rem_euclid(2), 3 * r);
            let corners = [(0, 2), (1, 1), (1, -1), (0, -2), (-1, -1), (-1, 1), (0, 2)];
            let hexagon: Vec<Value> = corners
                .iter()
                .map(|(dx, dy)| {
                    let (lon, lat) = lon_lat(x + dx, y + dy);
                    json!([lon, lat])
                })
                .collect();
            let geometry = if i == 0 {
                let (lon, lat) = lon_lat(x, y);
                let h = 0.003;
                let hole = json!([
                    [lon - h, lat - h],
                    [lon + h, lat - h],
                    [lon + h, lat + h],
                    [lon - h, lat + h],
                    [lon - h, lat - h]
                ]);
                json!({"type": "MultiPolygon", "coordinates": [[hexagon, hole]]})
            } else {
                json!({"type": "Polygon", "coordinates": [hexagon]})
            };
            json!({
                "type": "Feature",
                "properties": {"code": code, "note": "synthetic hexagon, not a real boundary"},
                "geometry": geometry
            })
        })
        .collect();
    json!({"type": "FeatureCollection", "features": features}).to_string()
}

/// (fill, data-class) of each ward's shape on the home map.
async fn home_fills(app: &App) -> BTreeMap<String, (String, String)> {
    let value = app
        .browser
        .execute(
            "return Array.from(document.querySelectorAll('svg.tile-map g.tile[data-ward]')).map((g) => [
                 g.getAttribute('data-ward'),
                 g.firstElementChild ? g.firstElementChild.getAttribute('fill') : null,
                 g.getAttribute('data-class')]);",
            vec![],
        )
        .await;
    serde_json::from_value::<Vec<(String, Option<String>, Option<String>)>>(value)
        .expect("fills")
        .into_iter()
        .map(|(code, fill, class)| (code, (fill.unwrap_or_default(), class.unwrap_or_default())))
        .collect()
}

/// Fill of each ward on the page's static map.
async fn static_fills(app: &App, shape: &str) -> BTreeMap<String, String> {
    let value = app
        .browser
        .execute(
            "return Array.from(document.querySelectorAll('svg.static-map ' + arguments[0] + '.static-tile[data-ward]'))
                 .map((e) => [e.getAttribute('data-ward'), e.getAttribute('fill')]);",
            vec![json!(shape)],
        )
        .await;
    serde_json::from_value::<Vec<(String, String)>>(value)
        .expect("static fills")
        .into_iter()
        .collect()
}

async fn focused_ward(app: &App) -> Option<String> {
    app.browser
        .execute(
            "const el = document.activeElement; return el ? el.getAttribute('data-ward') : null;",
            vec![],
        )
        .await
        .as_str()
        .map(str::to_string)
}

/// A ward with a drawn neighbour east of it (the next column, same row).
fn ward_with_east_neighbour() -> (String, String) {
    let tiles = tiles();
    let left_out = omitted();
    let at: BTreeMap<(i64, i64), String> = tiles.iter().map(|(c, p)| (*p, c.clone())).collect();
    tiles
        .iter()
        .filter(|(code, _)| !left_out.contains(*code))
        .find_map(|(code, (q, r))| {
            let east = at.get(&(q + 1, *r))?;
            (!left_out.contains(east)).then(|| (code.clone(), east.clone()))
        })
        .expect("a ward with an eastern neighbour")
}

fn serve_synthetic(app: &App) {
    app.server
        .set_fault(GEOJSON_PATH, Fault::Body(synthetic_geojson()));
}

/// The home map drawn from `?boundaries=`: polygons instead of hexagons,
/// with the fills and classes the tiles had; keyboard, tooltip and
/// selection; the wards without a polygon and the publisher's credit.
#[test]
fn boundaries_from_an_address_replace_the_tiles_with_the_same_fills() {
    crate::support::run(async |app| {
        serve_synthetic(app);
        app.open("/").await;
        app.browser.wait_for_count(TILE_POLYGON, 175, WAIT).await;
        let tiles_fills = home_fills(app).await;
        assert_eq!(tiles_fills.len(), 175);

        app.open(&format!("/?boundaries={GEOJSON_PATH}")).await;
        app.browser.wait_for(DRAWN_BOUNDARIES, WAIT).await;
        app.browser.wait_for_count(WARD_PATH, 172, WAIT).await;
        assert_eq!(app.browser.count(TILE_POLYGON).await, 0, "hexagons left");
        let left_out = omitted();
        let drawn = home_fills(app).await;
        assert_eq!(drawn.len(), 172);
        for (code, fill) in &drawn {
            assert!(
                !left_out.contains(code),
                "{code} has no polygon but is drawn"
            );
            assert_eq!(
                Some(fill),
                tiles_fills.get(code),
                "fill and class of {code}"
            );
        }
        // District outlines: the synthetic hexagons of neighbouring wards
        // share their edges, so every district with a drawn ward has one.
        app.browser
            .wait_until("district outlines", WAIT, async || {
                let n = app
                    .browser
                    .count("svg.tile-map path.district-outline")
                    .await;
                (n >= 12).then_some(())
            })
            .await;
        // Holes stay holes.
        let rule = app
            .browser
            .execute(
                "return document.querySelector('svg.tile-map g.tile > path').getAttribute('fill-rule');",
                vec![],
            )
            .await;
        assert_eq!(rule, json!("evenodd"));

        // The wards without a polygon, by name, and who supplied the boundaries.
        let listed: BTreeSet<String> = app
            .browser
            .execute(
                "return Array.from(document.querySelectorAll(arguments[0])).map((li) => li.getAttribute('data-ward'));",
                vec![json!(MISSING)],
            )
            .await
            .as_array()
            .expect("missing list")
            .iter()
            .map(|v| v.as_str().expect("code").to_string())
            .collect();
        assert_eq!(listed, left_out);
        let missing_text = app
            .browser
            .text(r#"[data-testid="boundaries-missing"]"#)
            .await;
        assert!(
            missing_text.contains("3 phường không có ranh giới"),
            "{missing_text}"
        );
        let names = ward_names();
        for code in &left_out {
            assert!(missing_text.contains(&names[code]), "{missing_text}");
        }
        let credit = app.browser.text(CREDIT).await;
        assert!(
            credit.contains("Ranh giới do trang này cung cấp"),
            "{credit}"
        );

        // Keyboard: east and back, the tooltip follows, Enter selects.
        let (from, east) = ward_with_east_neighbour();
        let tile = |code: &str| format!(r#"svg.tile-map g.tile[data-ward="{code}"]"#);
        assert!(keys::focus(&app.browser, &tile(&from)).await);
        keys::press(&app.browser, Key::Right).await;
        app.browser
            .wait_until("focus on the eastern ward", WAIT, async || {
                (focused_ward(app).await.as_deref() == Some(east.as_str())).then_some(())
            })
            .await;
        app.browser
            .wait_until("the tooltip of the eastern ward", WAIT, async || {
                let text = app.browser.first(TOOLTIP).await?.text().await.ok()?;
                text.contains(&names[&east]).then_some(())
            })
            .await;
        keys::press(&app.browser, Key::Left).await;
        app.browser
            .wait_until("focus back", WAIT, async || {
                (focused_ward(app).await.as_deref() == Some(from.as_str())).then_some(())
            })
            .await;
        keys::press(&app.browser, Key::Enter).await;
        app.browser
            .wait_until("the ward selected", WAIT, async || {
                let pressed = app
                    .browser
                    .first(&tile(&from))
                    .await?
                    .attr("aria-pressed")
                    .await
                    .ok()??;
                (pressed == "true").then_some(())
            })
            .await;
        app.browser.set_viewport(1280, 1600).await;
        crate::charts::screenshot(app, "boundaries-home.png").await;
        // The map keeps one Tab stop.
        let stops = app
            .browser
            .count(r#"svg.tile-map g.tile[tabindex="0"]"#)
            .await;
        assert_eq!(stops, 1);

        // The downloaded map: the polygons and the credit, as SVG and PNG.
        app.browser
            .execute(
                "window.__downloads = [];
                 const original = URL.createObjectURL.bind(URL);
                 URL.createObjectURL = (blob) => { window.__downloads.push(blob); return original(blob); };",
                vec![],
            )
            .await;
        for button in ["download-svg", "download-png"] {
            app.browser
                .wait_for(&format!(r#"button[data-testid="{button}"]"#), WAIT)
                .await
                .click()
                .await
                .unwrap_or_else(|e| panic!("click {button}: {e}"));
        }
        let downloads = app
            .browser
            .wait_until("the SVG and the PNG", WAIT, async || {
                let value = app
                    .browser
                    .execute(
                        "const all = window.__downloads || [];
                         const svg = all.find((b) => b.type.startsWith('image/svg'));
                         const png = all.find((b) => b.type === 'image/png');
                         if (!svg || !png) { return null; }
                         return { svg: await svg.text(), png: png.size };",
                        vec![],
                    )
                    .await;
                (!value.is_null()).then_some(value)
            })
            .await;
        let svg = downloads["svg"].as_str().unwrap_or_default();
        assert!(svg.starts_with("<svg"), "{svg:.200}");
        let outlines = svg.matches(r#"class="district-outline""#).count();
        assert!(outlines >= 12, "{outlines} district outlines");
        assert_eq!(
            svg.matches("<path").count() - outlines,
            172,
            "one path per ward with a polygon"
        );
        assert!(svg.contains(r#"fill-rule="evenodd""#));
        assert!(
            svg.contains("Ranh giới do trang này cung cấp"),
            "no credit in the image"
        );
        assert!(downloads["png"].as_u64().unwrap_or(0) > 1000, "{downloads}");

        // Back to the tiles.
        app.browser
            .wait_for(r#"button[data-testid="boundaries-off"]"#, WAIT)
            .await
            .click()
            .await
            .expect("click back to tiles");
        app.browser.wait_for_count(TILE_POLYGON, 175, WAIT).await;
        crate::home_map::assert_no_console_errors(app, "with boundaries").await;
    });
}

/// A broken file or address shows a precise error and the tiles stay.
#[test]
fn broken_boundaries_show_the_error_and_keep_the_tiles() {
    crate::support::run(async |app| {
        let cases = [
            (
                r#"{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"code": "99999"}, "geometry": null}]}"#,
                "unknown ward code \"99999\"",
            ),
            ("{not json", "not a GeoJSON FeatureCollection"),
            (
                r#"{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"code": "00001"}, "geometry": {"type": "Polygon", "coordinates": [[[21.04, 105.84], [21.04, 105.85], [21.05, 105.85], [21.04, 105.84]]]}}]}"#,
                "[latitude, longitude]",
            ),
        ];
        for (body, expected) in cases {
            app.server
                .set_fault(BROKEN_PATH, Fault::Body(body.to_string()));
            app.open(&format!("/?boundaries={BROKEN_PATH}")).await;
            let error = app.browser.wait_for(ERROR, WAIT).await;
            let text = error.text().await.expect("error text");
            assert!(text.contains(expected), "{expected:?} not in {text:?}");
            assert!(text.contains("bản đồ vẫn dùng ô lục giác"), "{text:?}");
            app.browser.wait_for_count(TILE_POLYGON, 175, WAIT).await;
            assert_eq!(app.browser.count(WARD_PATH).await, 0);
        }
        // A missing file (HTTP 404) and an address the app may not fetch.
        app.open("/?boundaries=/files/none.geojson").await;
        let text = app
            .browser
            .wait_for(ERROR, WAIT)
            .await
            .text()
            .await
            .expect("text");
        assert!(text.contains("404"), "{text}");
        // An address the app may not fetch is refused by the store (its
        // notice is the store's, tested with the other site-wide
        // parameters): nothing is fetched and the tiles stay.
        app.open("/?boundaries=http://example.org/b.geojson").await;
        app.browser.wait_for_count(TILE_POLYGON, 175, WAIT).await;
        assert!(app
            .browser
            .first(r#"[data-testid="boundaries-credit"]"#)
            .await
            .is_none());
        assert_eq!(app.browser.count(WARD_PATH).await, 0);
        app.browser.wait_for_count(TILE_POLYGON, 175, WAIT).await;
    });
}

/// The boundaries are read in the import worker: when it cannot start (its
/// wasm fails its integrity check), the worker's message is shown and the
/// tiles stay.
#[test]
fn boundaries_without_a_worker_say_so_and_keep_the_tiles() {
    let (dist, _fake) = crate::support::dist_dir();
    let [_, _, wasm] = crate::import_worker::worker_files(&dist);
    let size = std::fs::metadata(dist.join(wasm.trim_start_matches('/')))
        .expect("the worker's wasm")
        .len() as usize;
    crate::support::run(async |app| {
        serve_synthetic(app);
        app.server.set_fault(&wasm, Fault::Truncate(size / 2));
        app.open(&format!("/?boundaries={GEOJSON_PATH}")).await;
        let text = app
            .browser
            .wait_for(ERROR, WAIT)
            .await
            .text()
            .await
            .expect("error text");
        assert!(
            text.contains("Không chạy được bộ đọc dữ liệu")
                && text.contains("không khởi động được"),
            "{text:?}"
        );
        app.browser.wait_for_count(TILE_POLYGON, 175, WAIT).await;
        assert_eq!(app.browser.count(WARD_PATH).await, 0);
    });
}

/// A picked file draws the home map; an address draws the static maps of
/// the district and composite pages and the map embed with the same fills
/// as their tiles.
#[test]
fn a_picked_file_and_the_static_maps_and_embed_use_the_boundaries() {
    crate::support::run(async |app| {
        let dir = crate::support::TempDir::new("boundaries");
        let file = dir.path().join("b.geojson");
        std::fs::write(&file, synthetic_geojson()).expect("write the synthetic file");
        app.open("/").await;
        app.browser.wait_for_count(TILE_POLYGON, 175, WAIT).await;
        app.browser
            .wait_for(FILE_INPUT, WAIT)
            .await
            .send_keys(file.to_str().expect("path"))
            .await
            .expect("pick the file");
        app.browser.wait_for_count(WARD_PATH, 172, WAIT).await;
        let credit = app.browser.text(CREDIT).await;
        assert!(credit.contains("tệp của bạn (b.geojson)"), "{credit}");

        serve_synthetic(app);
        for page in ["/district/001", "/composite"] {
            app.open(page).await;
            app.browser
                .wait_until("the static map's tiles", WAIT, async || {
                    let fills = static_fills(app, "polygon").await;
                    (fills.len() >= 175).then_some(())
                })
                .await;
            let tiles = static_fills(app, "polygon").await;
            app.open(&format!("{page}?boundaries={GEOJSON_PATH}")).await;
            app.browser
                .wait_for(r#"svg.static-map[data-drawn="boundaries"]"#, WAIT)
                .await;
            let drawn = app
                .browser
                .wait_until("the static map's polygons", WAIT, async || {
                    let fills = static_fills(app, "path").await;
                    (fills.len() == 172).then_some(fills)
                })
                .await;
            for (code, fill) in &drawn {
                assert_eq!(Some(fill), tiles.get(code), "{page}: fill of {code}");
            }
            if page == "/district/001" {
                app.browser.set_viewport(1280, 1600).await;
                crate::charts::screenshot(app, "boundaries-district.png").await;
            }
            assert!(
                app.browser.first(MISSING).await.is_some(),
                "{page}: missing list"
            );
        }

        app.open(&format!("/embed/map?boundaries={GEOJSON_PATH}"))
            .await;
        app.browser.wait_for_count(WARD_PATH, 172, WAIT).await;
        assert!(app.browser.first(CREDIT).await.is_some());
        assert!(
            app.browser.first(FILE_INPUT).await.is_none(),
            "no file input in an embed"
        );
    });
}
