//! Downloads (issue 6): the CSV holds exactly the table's rows in the
//! table's order, with a BOM; the JSON carries the provenance; the map
//! images carry the illustrative-data label. Ranks are numbers with the
//! tie in a column of its own, and no cell starts a spreadsheet formula
//! (issue 11: tied ranks were written "=2").

use serde_json::{json, Value};

use crate::home_map::{choose, dataset, eventually, open_home, vi_number, ROW};
use crate::support::{App, WAIT};

/// Records every Blob the page turns into a download link.
async fn capture_downloads(app: &App) {
    app.browser
        .execute(
            "window.__downloads = [];
             const original = URL.createObjectURL.bind(URL);
             URL.createObjectURL = (blob) => { window.__downloads.push(blob); return original(blob); };",
            vec![],
        )
        .await;
}

/// The `n`th captured Blob as {type, text, size}.
async fn download(app: &App, n: usize) -> Value {
    eventually(app, "a download", async || {
        let value = app
            .browser
            .execute(
                "const b = (window.__downloads || [])[arguments[0]];
                 if (!b) { return null; }
                 const text = b.type.startsWith('image/png') ? '' : await b.text();
                 const head = Array.from(new Uint8Array(await b.slice(0, 3).arrayBuffer()));
                 return { type: b.type, size: b.size, text, head };",
                vec![json!(n)],
            )
            .await;
        (!value.is_null())
            .then_some(value)
            .ok_or("none yet".to_string())
    })
    .await
}

/// The PNG among the Blobs captured from index `from` on: the SVG drawn
/// for it is captured first, then the PNG the canvas makes of it.
async fn png_after(app: &App, from: usize) -> Value {
    eventually(app, "a PNG download", async || {
        for n in from..from + 3 {
            let value = app
                .browser
                .execute(
                    "const b = (window.__downloads || [])[arguments[0]];
                     return b ? { type: b.type, size: b.size } : null;",
                    vec![json!(n)],
                )
                .await;
            if value["type"] == "image/png" {
                return Ok(value);
            }
        }
        Err("no PNG yet".to_string())
    })
    .await
}

async fn click(app: &App, testid: &str) {
    app.browser
        .wait_for(&format!(r#"button[data-testid="{testid}"]"#), WAIT)
        .await
        .click()
        .await
        .unwrap_or_else(|e| panic!("click {testid}: {e}"));
}

#[test]
fn the_csv_download_matches_the_table_and_images_carry_the_label() {
    crate::support::run(async |app| {
        open_home(app).await;
        choose(app, "select#district-filter", "002").await;
        eventually(app, "Hoàn Kiếm only", async || {
            let n = app.browser.count(ROW).await;
            (n < 175).then_some(()).ok_or(format!("{n} rows"))
        })
        .await;
        capture_downloads(app).await;

        click(app, "download-csv").await;
        let csv = download(app, 0).await;
        let text = csv["text"].as_str().expect("CSV text");
        // Blob.text() drops the BOM while decoding: check the bytes.
        assert_eq!(csv["head"], json!([0xEF, 0xBB, 0xBF]), "UTF-8 with BOM");
        let table: Vec<(String, String, String)> = serde_json::from_value(
            app.browser
                .execute(
                    "return Array.from(document.querySelectorAll(arguments[0])).map((tr) =>
                       [tr.getAttribute('data-ward'), tr.querySelector('td.value').textContent.trim(),
                        tr.querySelector('td.rank').textContent.trim()]);",
                    vec![json!(ROW)],
                )
                .await,
        )
        .expect("table rows");
        let id = crate::home_map::catalogue()
            .datasets
            .iter()
            .find(|d| d.level == "ward")
            .expect("a ward dataset")
            .id
            .clone();
        let decimals = dataset(&id).number_format.decimals;
        let mut reader = csv_rows(text.trim_start_matches('\u{feff}'));
        let header = reader.remove(0);
        assert_eq!(
            header[0..6],
            ["rank", "tied", "ward_code", "ward", "district", "value"]
        );
        assert_eq!(reader.len(), table.len(), "one CSV row per table row");
        let mut repeats = 0;
        for (row, (code, shown, rank)) in reader.iter().zip(&table) {
            assert_eq!(&row[2], code, "same order as the table");
            assert_eq!(row[4], "Hoàn Kiếm");
            if let Ok(value) = row[5].parse::<f64>() {
                assert!(
                    shown.starts_with(&vi_number(value, decimals)),
                    "{code}: CSV {} vs table {shown}",
                    row[5]
                );
            }
            // The table's "=2" is rank 2, tied, in the file.
            if let Some(position) = rank.strip_prefix('=') {
                repeats += 1;
                assert_eq!((row[0].as_str(), row[1].as_str()), (position, "true"));
            } else if rank.bytes().all(|b| b.is_ascii_digit()) {
                assert_eq!(&row[0], rank, "{code}");
                assert!(row[1] == "true" || row[1] == "false", "{row:?}");
            }
            assert!(row[10].starts_with("synthetic"), "provenance in every row");
            for cell in row {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@']) || cell.parse::<f64>().is_ok(),
                    "{code}: a cell starts a formula: {cell:?}"
                );
            }
        }
        // Hoàn Kiếm's wards have ties; the old file wrote them as "=2".
        assert!(repeats > 0, "no tie to check");

        click(app, "download-json").await;
        let json_file = download(app, 1).await;
        let parsed: Value =
            serde_json::from_str(json_file["text"].as_str().unwrap_or_default()).expect("JSON");
        assert_eq!(parsed["provenance"], "synthetic");
        assert_eq!(parsed["rows"].as_array().map(Vec::len), Some(table.len()));

        click(app, "download-svg").await;
        let svg = download(app, 2).await;
        let svg_text = svg["text"].as_str().unwrap_or_default();
        assert!(svg_text.starts_with("<svg") && svg_text.contains("DỮ LIỆU MINH HỌA"));
        assert!(svg_text.matches("data-ward=").count() >= 175, "every tile");

        click(app, "download-png").await;
        let png = png_after(app, 3).await;
        assert!(
            png["size"].as_u64().unwrap_or(0) > 10_000,
            "a real image: {png}"
        );
    });
}

#[test]
fn charts_download_as_svg_and_png_with_the_label() {
    crate::support::run(async |app| {
        open_home(app).await;
        click(app, "show-chart").await;
        app.browser
            .wait_for(r#"[data-testid="chart"][data-chart-ready="true"]"#, WAIT)
            .await;
        capture_downloads(app).await;
        click(app, "chart-svg").await;
        let svg = download(app, 0).await;
        let text = svg["text"].as_str().unwrap_or_default();
        assert_eq!(svg["type"], "image/svg+xml");
        assert!(
            text.starts_with("<svg") && text.contains("DỮ LIỆU MINH HỌA"),
            "labelled SVG"
        );
        assert!(text.matches("<path").count() > 100, "the bars are drawn");
        click(app, "chart-png").await;
        let png = png_after(app, 1).await;
        assert!(png["size"].as_u64().unwrap_or(0) > 10_000, "{png}");
    });
}

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| {
            r.expect("a valid CSV record")
                .iter()
                .map(str::to_owned)
                .collect()
        })
        .collect()
}
