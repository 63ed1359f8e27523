//! Data a reader brings by link (issue 12, items 1 and 5): `?data=` of a
//! published file, on the map, the ranking, a ward profile and an embed,
//! always labelled "user-supplied" with the host that served it, whatever
//! the file claims; the link stays in the address bar on every view; a
//! file that cannot be read says which failure it is (HTTP status, CORS,
//! not a dataset, a refused address) and how its publisher fixes it, while
//! the rest of the page works.
//!
//! The published files are served by the test server under paths the
//! bundle does not have (`StaticServer::serve_file`); "another site" is a
//! second server on another port, with or without
//! `Access-Control-Allow-Origin`.

use serde_json::{json, Value};

use crate::home_map::{
    choose, eventually, registry, select_value, text_content, BADGE, INDICATOR, ROW, TILE,
};
use crate::support::{dist_dir, App, StaticServer, WAIT};

/// The id of the test's dataset.
const ID: &str = "ty-le-dung-han-thu";
/// The ward whose value the tests follow (Hàng Bồ) and that value, the
/// highest of all, so it ranks first.
const HANG_BO: &str = "00052";
const HANG_BO_VALUE: &str = "99,9";
const USER_BADGE_VI: &str = "Dữ liệu do người dùng cung cấp";
const NOTICE: &str = r#"[data-testid="user-data-error"]"#;

/// Every ward's value: 10.0, 10.5, 11.0… by code, and 99.9 for Hàng Bồ.
fn value_of(index: usize, code: &str) -> f64 {
    if code == HANG_BO {
        99.9
    } else {
        10.0 + index as f64 * 0.5
    }
}

/// A dataset in the documented format for all 175 wards, one period, that
/// claims to be official (the app must not believe it).
fn published_json() -> String {
    let values: Vec<Value> = registry()
        .wards
        .iter()
        .enumerate()
        .map(|(i, w)| json!({"area": w.code, "period": "2024", "value": value_of(i, &w.code)}))
        .collect();
    json!({
        "format": "hanoi-wards/dataset",
        "version": 1,
        "id": ID,
        "title": {"vi": "Tỷ lệ đúng hạn (thử)", "en": "On-time share (test)"},
        "description": {"vi": "Số liệu thử của một tòa soạn.", "en": "A newsroom's test figures."},
        "level": "ward",
        "unit": {"vi": "%", "en": "%"},
        "number_format": {"style": "percent", "decimals": 1},
        "range": {"min": 0, "max": 100},
        "direction": "higher_is_better",
        "group": "timeliness",
        "period_type": "year",
        "periods": ["2024"],
        "source": {"name": "Bộ Nội vụ", "url": "https://example.gov.vn/"},
        "licence": {"id": "CC-BY-4.0"},
        "provenance": "official",
        "values": values,
    })
    .to_string()
}

/// A second server (another origin: another port) for "another site".
fn other_site() -> StaticServer {
    let (dist, _fake) = dist_dir();
    StaticServer::start(&dist)
}

/// `?data=<address>`, the address form-encoded.
fn data_param(address: &str) -> String {
    let encoded: String = address
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect();
    format!("data={encoded}")
}

/// The address bar's query, decoded into (name, value) pairs.
async fn query_pairs(app: &App) -> Vec<(String, String)> {
    let value = app
        .browser
        .execute(
            "return Array.from(new URLSearchParams(location.search).entries());",
            vec![],
        )
        .await;
    serde_json::from_value(value).expect("pairs")
}

async fn wait_for_data_in_address(app: &App, address: &str, context: &str) {
    eventually(
        app,
        &format!("data={address} in the address ({context})"),
        async || {
            let pairs = query_pairs(app).await;
            pairs
                .iter()
                .any(|(k, v)| k == "data" && v == address)
                .then_some(())
                .ok_or(format!("{pairs:?}"))
        },
    )
    .await;
}

/// The badge says user-supplied and names `host`; never official.
async fn check_badge(app: &App, host: &str, context: &str) {
    eventually(
        app,
        &format!("the user-supplied badge ({context})"),
        async || {
            let provenance = app
                .browser
                .execute(
                    "const b = document.querySelector(arguments[0]);
                 return b ? b.getAttribute('data-provenance') : null;",
                    vec![json!(BADGE)],
                )
                .await;
            if provenance != "user_supplied" {
                return Err(format!("data-provenance {provenance}"));
            }
            let text = text_content(app, BADGE).await;
            (text.contains(USER_BADGE_VI) && text.contains(host))
                .then_some(())
                .ok_or(text)
        },
    )
    .await;
}

/// The ranking row of Hàng Bồ shows the user's value, ranked first, and
/// its tile says the same.
async fn check_map_and_ranking(app: &App, context: &str) {
    eventually(
        app,
        &format!("Hàng Bồ's value in the ranking ({context})"),
        async || {
            let row = text_content(app, &format!(r#"{ROW}[data-ward="{HANG_BO}"]"#)).await;
            let rank = text_content(app, &format!(r#"{ROW}[data-ward="{HANG_BO}"] .rank"#)).await;
            (row.contains(HANG_BO_VALUE) && rank == "1")
                .then_some(())
                .ok_or(format!("row {row:?}, rank {rank:?}"))
        },
    )
    .await;
    let label = app
        .browser
        .execute(
            "const g = document.querySelector(arguments[0]);
             return g ? g.getAttribute('aria-label') : null;",
            vec![json!(format!(r#"{TILE}[data-ward="{HANG_BO}"]"#))],
        )
        .await;
    assert!(
        label.as_str().is_some_and(|l| l.contains(HANG_BO_VALUE)),
        "{context}: Hàng Bồ's tile reads {label}"
    );
    // Another ward's figure, computed here.
    let (i, ward) = registry()
        .wards
        .iter()
        .enumerate()
        .find(|(_, w)| w.code != HANG_BO)
        .expect("a ward");
    let expected = crate::home_map::vi_number(value_of(i, &ward.code), 1);
    let row = text_content(app, &format!(r#"{ROW}[data-ward="{}"] .value"#, ward.code)).await;
    assert!(
        row.starts_with(&expected),
        "{context}: ward {} shows {row:?}, expected {expected}",
        ward.code
    );
}

/// Records every Blob the page turns into a download (as
/// tests/e2e/downloads.rs does).
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

/// Clicks the download button `testid` and returns the text of the
/// `n`th captured download.
async fn download_text(app: &App, testid: &str, n: usize) -> String {
    app.browser
        .wait_for(&format!(r#"button[data-testid="{testid}"]"#), WAIT)
        .await
        .click()
        .await
        .unwrap_or_else(|e| panic!("click {testid}: {e}"));
    eventually(app, &format!("the {testid} file"), async || {
        let text = app
            .browser
            .execute(
                "const b = (window.__downloads || [])[arguments[0]];
                 return b ? await b.text() : null;",
                vec![json!(n)],
            )
            .await;
        text.as_str()
            .map(str::to_owned)
            .ok_or("none yet".to_string())
    })
    .await
}

/// The CSV, JSON and SVG downloads say user-supplied and name the host.
async fn check_downloads(app: &App, host: &str) {
    capture_downloads(app).await;
    let csv = download_text(app, "download-csv", 0).await;
    let hang_bo = csv
        .lines()
        .find(|l| l.contains(&format!(",{HANG_BO},")))
        .unwrap_or_else(|| panic!("no Hàng Bồ row in {csv:.300}"));
    assert!(
        hang_bo.ends_with(&format!(
            ",user_supplied (dữ liệu do người dùng cung cấp — chưa được kiểm chứng),{host}"
        )),
        "CSV row {hang_bo:?}"
    );
    assert!(hang_bo.contains(",99.9,"), "CSV value: {hang_bo:?}");
    let json: Value =
        serde_json::from_str(&download_text(app, "download-json", 1).await).expect("JSON");
    assert_eq!(json["provenance"], "user_supplied");
    assert_eq!(json["source"]["name"], host);
    let svg = download_text(app, "download-svg", 2).await;
    assert!(
        svg.contains("DỮ LIỆU DO NGƯỜI DÙNG CUNG CẤP") && svg.contains(host),
        "the image's label: {:.600}",
        svg
    );
}

/// `?data=` of a JSON dataset on another site (with CORS): the home view
/// shows it as the indicator, with the user-supplied label naming the
/// host; the address keeps `data=` across changes and navigation; the ward
/// profile and the map embed show the same values and label.
#[test]
fn a_published_json_dataset_is_shown_everywhere_as_user_supplied() {
    crate::support::run(async |app| {
        let site = other_site();
        site.serve_file("/so-lieu/phuong.json", published_json());
        let address = site.url("/so-lieu/phuong.json");
        let host = format!("127.0.0.1:{}", site.port());
        let data = data_param(&address);

        app.open(&format!("/?{data}")).await;
        app.browser.wait_for_count(TILE, 175, WAIT).await;
        app.browser.wait_for_count(ROW, 175, WAIT).await;
        eventually(app, "the user's dataset chosen", async || {
            let chosen = select_value(app, INDICATOR).await;
            (chosen == ID).then_some(()).ok_or(chosen)
        })
        .await;
        check_badge(app, &host, "home").await;
        check_map_and_ranking(app, "home").await;
        let source = text_content(app, r#"[data-testid="indicator-info"]"#).await;
        assert!(source.contains(&host), "the source is the host: {source:?}");
        assert!(
            !source.contains("Bộ Nội vụ"),
            "the file's claimed source is not shown as the source: {source:?}"
        );
        assert_eq!(site.requests("/so-lieu/phuong.json"), 1);
        assert_eq!(app.browser.count(NOTICE).await, 0, "no failure notice");
        check_downloads(app, &host).await;

        // A change of view keeps the data in the address.
        choose(app, "select#classing", "jenks").await;
        eventually(app, "classing in the address", async || {
            let pairs = query_pairs(app).await;
            pairs
                .iter()
                .any(|(k, v)| k == "classing" && v == "jenks")
                .then_some(())
                .ok_or(format!("{pairs:?}"))
        })
        .await;
        wait_for_data_in_address(app, &address, "after choosing a classing").await;

        // The site's menu (a link without the parameter) keeps it too.
        app.browser
            .wait_for(r#"nav.site-nav a[href="districts"]"#, WAIT)
            .await
            .click()
            .await
            .expect("click the districts link");
        wait_for_data_in_address(app, &address, "on /districts").await;

        // The ward profile: the user's value, tagged with its supplier.
        app.open(&format!("/ward/{HANG_BO}?{data}")).await;
        let row = format!(r#"[data-testid="profile-table"] tr[data-indicator="{ID}"]"#);
        app.browser.wait_for(&row, WAIT).await;
        let value = text_content(app, &format!("{row} td.value")).await;
        assert!(value.contains(HANG_BO_VALUE), "profile value {value:?}");
        let provenance = text_content(app, &format!("{row} td.provenance")).await;
        assert!(
            provenance.contains("người dùng cung cấp") && provenance.contains(&host),
            "profile provenance {provenance:?}"
        );
        assert!(
            !provenance.contains("chính thức"),
            "never official: {provenance:?}"
        );

        // The map embed: the same values, the label naming the host, and a
        // full-view link that carries the data.
        app.open(&format!("/embed/map?{data}")).await;
        app.browser.wait_for_count(TILE, 175, WAIT).await;
        check_badge(app, &host, "embed").await;
        eventually(app, "Hàng Bồ's tile in the embed", async || {
            let label = app
                .browser
                .execute(
                    "const g = document.querySelector(arguments[0]);
                     return g ? g.getAttribute('aria-label') : null;",
                    vec![json!(format!(r#"{TILE}[data-ward="{HANG_BO}"]"#))],
                )
                .await;
            label
                .as_str()
                .filter(|l| l.contains(HANG_BO_VALUE))
                .map(|_| ())
                .ok_or(format!("{label}"))
        })
        .await;
        let href = app
            .browser
            .wait_for(r#"a[data-testid="full-view-link"]"#, WAIT)
            .await
            .prop("href")
            .await
            .expect("href")
            .unwrap_or_default();
        assert!(href.contains(&data), "the full view keeps the data: {href}");
        drop(site);
    });
}

/// The failure notice for `?data=` (waits for it), as (kind, text).
async fn failure(app: &App) -> (String, String) {
    app.browser.wait_for(NOTICE, WAIT).await;
    let kind = app
        .browser
        .execute(
            "return document.querySelector(arguments[0]).getAttribute('data-kind');",
            vec![json!(NOTICE)],
        )
        .await;
    (
        kind.as_str().unwrap_or_default().to_owned(),
        text_content(app, NOTICE).await,
    )
}

/// A `?data=` file that cannot be used says which failure it is and what
/// its publisher can do; the page shows the bundled data meanwhile.
#[test]
fn a_link_to_data_that_cannot_be_read_says_why_and_the_page_works() {
    crate::support::run(async |app| {
        // HTTP 404 on this site.
        app.open(&format!("/?{}", data_param("/files/khong-co.json")))
            .await;
        let (kind, text) = failure(app).await;
        assert_eq!(kind, "status", "{text}");
        assert!(text.contains("HTTP 404"), "{text}");
        app.browser.wait_for_count(TILE, 175, WAIT).await;
        app.browser.wait_for_count(ROW, 175, WAIT).await;
        let provenance = app
            .browser
            .execute(
                "return document.querySelector(arguments[0]).getAttribute('data-provenance');",
                vec![json!(BADGE)],
            )
            .await;
        assert_eq!(provenance, "synthetic", "the bundled data is shown");

        // Another site without Access-Control-Allow-Origin.
        let site = other_site();
        site.set_cors(false);
        site.serve_file("/x.json", published_json());
        let address = site.url("/x.json");
        app.open(&format!("/?{}", data_param(&address))).await;
        let (kind, text) = failure(app).await;
        assert_eq!(kind, "cors", "{text}");
        assert!(
            text.contains("Access-Control-Allow-Origin: *"),
            "the fix names the header: {text}"
        );
        assert!(
            text.contains(&format!("127.0.0.1:{}", site.port())),
            "{text}"
        );
        app.browser.wait_for_count(ROW, 175, WAIT).await;
        // The retry asks again, and reads the file once the host sends the header.
        site.set_cors(true);
        app.browser
            .wait_for(r#"button[data-testid="retry-user-data"]"#, WAIT)
            .await
            .click()
            .await
            .expect("click retry");
        app.browser.wait_for_absent(NOTICE, WAIT).await;
        eventually(app, "the user's dataset after the retry", async || {
            let chosen = select_value(app, INDICATOR).await;
            (chosen == ID).then_some(()).ok_or(chosen)
        })
        .await;
        check_map_and_ranking(app, "after the retry").await;

        // Not a dataset: the problems are listed.
        app.server.serve_file(
            "/files/sai.json",
            r#"{"format": "hanoi-wards/dataset", "version": 1}"#,
        );
        app.open(&format!("/?{}", data_param("/files/sai.json")))
            .await;
        let (kind, text) = failure(app).await;
        assert_eq!(kind, "invalid", "{text}");
        assert!(
            text.contains("missing field"),
            "the problem is listed: {text}"
        );

        // A host that never answers: the fetch timeout (shortened here).
        app.server
            .set_head_extra(r#"<meta name="fetch-timeout-ms" content="1500">"#);
        app.server
            .set_fault("/files/cham.json", crate::support::Fault::Stall);
        app.open(&format!("/?{}", data_param("/files/cham.json")))
            .await;
        let (kind, text) = failure(app).await;
        assert_eq!(kind, "timeout", "{text}");
        assert!(text.contains("2 giây"), "the limit is named: {text}");
        app.server.clear_fault("/files/cham.json");
        app.server.set_head_extra("");

        // An address that is not https is not fetched.
        app.open(&format!("/?{}", data_param("http://example.org/x.csv")))
            .await;
        let (kind, text) = failure(app).await;
        assert_eq!(kind, "refused", "{text}");
        assert!(text.contains("https://"), "{text}");
        app.browser.wait_for_count(ROW, 175, WAIT).await;
        drop(site);
    });
}

/// A published CSV the way a spreadsheet exports it in Vietnam (`;`,
/// decimal commas, codes that lost their leading zeros, a year in the value
/// header): `?data=/files/…` on this site is read by the import worker
/// with a guessed mapping and shown as user-supplied, named after this
/// site's host. A table whose columns cannot be guessed is handed to the
/// "Your data" panel with a notice saying so.
#[test]
fn a_published_csv_is_read_with_a_guessed_mapping() {
    crate::support::run(async |app| {
        let mut csv = String::from("STT;Mã phường;Tên phường;Tỷ lệ đúng hạn 2024 (%)\n");
        for (i, ward) in registry().wards.iter().enumerate() {
            let code = ward.code.trim_start_matches('0');
            let value = crate::home_map::vi_number(value_of(i, &ward.code), 1);
            csv.push_str(&format!("{};{code};{};{value}\n", i + 1, ward.name));
        }
        app.server.serve_file("/files/so-lieu.csv", csv);
        let host = format!("127.0.0.1:{}", app.server.port());

        app.open(&format!("/?{}", data_param("/files/so-lieu.csv")))
            .await;
        app.browser.wait_for_count(TILE, 175, WAIT).await;
        check_badge(app, &host, "CSV").await;
        check_map_and_ranking(app, "CSV").await;
        assert_eq!(app.browser.count(NOTICE).await, 0, "no failure notice");
        wait_for_data_in_address(app, "/files/so-lieu.csv", "CSV").await;

        // Columns nobody can guess: the panel takes over.
        app.server
            .serve_file("/files/khong-ro.csv", "a;b\nx;1\ny;2\n");
        app.open(&format!("/?{}", data_param("/files/khong-ro.csv")))
            .await;
        let (kind, text) = failure(app).await;
        assert_eq!(kind, "needs-mapping", "{text}");
        assert!(text.contains("Dữ liệu của bạn"), "{text}");
        app.browser.wait_for_count(ROW, 175, WAIT).await;
    });
}

/// `?catalogue=` of a publisher's catalogue on another site: its datasets
/// join the picker (the first is shown when the link names no indicator),
/// fetched from the address relative to the catalogue's, and labelled
/// user-supplied with the host although the catalogue says "official".
#[test]
fn a_publishers_catalogue_adds_its_datasets_as_user_supplied() {
    crate::support::run(async |app| {
        let site = other_site();
        site.serve_file("/xuat-ban/du-lieu/phuong.json", published_json());
        let catalogue = json!({
            "format": "hanoi-wards/catalogue",
            "version": 1,
            "title": {"vi": "Danh mục thử", "en": "Test catalogue"},
            "datasets": [{
                "id": ID,
                "title": {"vi": "Tỷ lệ đúng hạn (thử)", "en": "On-time share (test)"},
                "url": "du-lieu/phuong.json",
                "level": "ward",
                "group": "timeliness",
                "provenance": "official",
                "period_type": "year",
                "periods": ["2024"]
            }]
        });
        site.serve_file("/xuat-ban/catalogue.json", catalogue.to_string());
        let address = site.url("/xuat-ban/catalogue.json");
        let host = format!("127.0.0.1:{}", site.port());
        let encoded = data_param(&address).replacen("data=", "catalogue=", 1);

        app.open(&format!("/?{encoded}")).await;
        app.browser.wait_for_count(ROW, 175, WAIT).await;
        eventually(app, "the catalogue's dataset chosen", async || {
            let chosen = select_value(app, INDICATOR).await;
            (chosen == ID).then_some(()).ok_or(chosen)
        })
        .await;
        check_badge(app, &host, "catalogue").await;
        check_map_and_ranking(app, "catalogue").await;
        assert_eq!(site.requests("/xuat-ban/du-lieu/phuong.json"), 1);
        // The bundled indicators are still offered after it.
        let options = app.browser.count(&format!("{INDICATOR} option")).await;
        assert!(options > 1, "{options} options");
        drop(site);
    });
}
