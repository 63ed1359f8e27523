//! Downloads of the home view: the rows shown as CSV (UTF-8 with BOM) and
//! JSON (with metadata and source), and the map as SVG and PNG with its
//! title, period, provenance label and source drawn in, so an image never
//! circulates without saying what it shows and whether it is illustrative.

use leptos::prelude::*;
use ward_domain::dataset::Provenance;
use ward_domain::export::{rows_csv, rows_json};
use ward_domain::format::{self, Lang};
use ward_domain::period::Period;
use ward_domain::table::visible_rows;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use super::{HomeState, Shown};

/// Offers `blob` as a file called `name`.
fn save_blob(blob: &web_sys::Blob, name: &str) -> Result<(), JsValue> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let url = web_sys::Url::create_object_url_with_blob(blob)?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    link.set_href(&url);
    link.set_download(name);
    link.click();
    web_sys::Url::revoke_object_url(&url)?;
    Ok(())
}

fn save_text(text: &str, mime: &str, name: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    save_blob(&blob, name)
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The styles the map's classes need outside the page's stylesheet.
const MAP_STYLE: &str = ".tile polygon{stroke:#fff;stroke-width:.8}\
.district-outline{fill:none;stroke:#1d1b20;stroke-width:1.6;stroke-linejoin:round}\
.district-label{font:700 9px system-ui,sans-serif;fill:#1d1b20;text-anchor:middle;dominant-baseline:middle;paint-order:stroke;stroke:#fff;stroke-width:3px}\
.tile[aria-pressed=true] polygon{stroke:#b3261e;stroke-width:3}";

/// The map as a standalone SVG: a header (title, period, provenance,
/// source) above the map drawn on the page.
fn map_svg(shown: &Shown) -> Result<String, JsValue> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let map = document
        .query_selector("svg.tile-map")?
        .ok_or("no map on the page")?;
    let view_box = map.get_attribute("viewBox").unwrap_or_default();
    let mut numbers = view_box
        .split_whitespace()
        .filter_map(|n| n.parse::<f64>().ok())
        .skip(2);
    let (width, height) = (
        numbers.next().unwrap_or(600.0),
        numbers.next().unwrap_or(600.0),
    );
    let copy: web_sys::Element = map.clone_node_with_deep(true)?.dyn_into()?;
    let header = 64.0;
    copy.set_attribute("x", "0")?;
    copy.set_attribute("y", &format!("{header}"))?;
    copy.set_attribute("width", &format!("{width}"))?;
    copy.set_attribute("height", &format!("{height}"))?;
    let inner = web_sys::XmlSerializer::new()?.serialize_to_string(&copy)?;
    let period = Period::parse(&shown.period, shown.dataset.period_type)
        .map(|p| format::period(p, Lang::Vi))
        .unwrap_or_else(|| shown.period.clone());
    let provenance = match shown.dataset.provenance {
        Provenance::Synthetic => "DỮ LIỆU MINH HỌA · ILLUSTRATIVE DATA — không phải số liệu thật",
        Provenance::Official => "Số liệu chính thức",
        Provenance::Reported => "Số liệu do báo chí đưa tin",
        Provenance::Estimated => "Số liệu ước tính",
    };
    let title = xml_escape(&format!("{} — {period}", shown.dataset.title.vi));
    let source = xml_escape(&format!("Nguồn: {}", shown.dataset.source.name));
    Ok(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {total}\" width=\"{width}\" height=\"{total}\">\
<style>{MAP_STYLE}</style><rect width=\"100%\" height=\"100%\" fill=\"#fffdf9\"/>\
<text x=\"8\" y=\"18\" font-family=\"system-ui,sans-serif\" font-size=\"13\" font-weight=\"700\" fill=\"#1d1b20\">{title}</text>\
<text x=\"8\" y=\"36\" font-family=\"system-ui,sans-serif\" font-size=\"12\" font-weight=\"700\" fill=\"#7a3e00\">{provenance}</text>\
<text x=\"8\" y=\"53\" font-family=\"system-ui,sans-serif\" font-size=\"11\" fill=\"#5f5b66\">{source}</text>\
{inner}</svg>",
        total = height + header,
    ))
}

/// Draws the SVG on a canvas at twice its size and saves it as PNG.
fn save_png(svg: String, name: String) -> Result<(), JsValue> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let parts = js_sys::Array::of1(&JsValue::from_str(&svg));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let image = web_sys::HtmlImageElement::new()?;
    let canvas: web_sys::HtmlCanvasElement = document.create_element("canvas")?.dyn_into()?;
    let loaded_image = image.clone();
    let onload = Closure::once(move || -> Result<(), JsValue> {
        web_sys::Url::revoke_object_url(&url)?;
        let scale = 2.0;
        let (w, h) = (loaded_image.natural_width(), loaded_image.natural_height());
        canvas.set_width(w * 2);
        canvas.set_height(h * 2);
        let context: web_sys::CanvasRenderingContext2d = canvas
            .get_context("2d")?
            .ok_or("no 2d context")?
            .dyn_into()?;
        context.scale(scale, scale)?;
        context.draw_image_with_html_image_element(&loaded_image, 0.0, 0.0)?;
        let done = Closure::once(move |blob: Option<web_sys::Blob>| {
            if let Some(blob) = blob {
                let _ = save_blob(&blob, &name);
            }
        });
        canvas.to_blob(done.as_ref().unchecked_ref())?;
        done.forget();
        Ok(())
    });
    image.set_onload(Some(onload.as_ref().unchecked_ref()));
    onload.forget();
    image.set_src(&web_sys::Url::create_object_url_with_blob(&blob)?);
    Ok(())
}

#[component]
pub fn Downloads(state: HomeState, shown: Memo<Option<Shown>>) -> impl IntoView {
    let failed = RwSignal::new(false);
    let stem = move || {
        shown.with_untracked(|s| {
            s.as_ref()
                .map(|s| format!("{}-{}", s.dataset.id, s.period))
                .unwrap_or_else(|| "phuong-ha-noi".into())
        })
    };
    let rows = move || {
        shown.with_untracked(|s| {
            s.as_ref().map(|s| {
                let rows = visible_rows(
                    &s.rows,
                    &state.query.get_untracked(),
                    state.district.get_untracked().as_deref(),
                    state.sort.get_untracked(),
                );
                (rows, s.dataset.clone(), s.period.clone())
            })
        })
    };
    let report = move |result: Result<(), JsValue>| failed.set(result.is_err());
    let csv = move |_| {
        if let Some((rows, dataset, period)) = rows() {
            report(save_text(
                &rows_csv(&rows, &dataset, &period),
                "text/csv;charset=utf-8",
                &format!("{}.csv", stem()),
            ));
        }
    };
    let json = move |_| {
        if let Some((rows, dataset, period)) = rows() {
            report(save_text(
                &rows_json(&rows, &dataset, &period),
                "application/json",
                &format!("{}.json", stem()),
            ));
        }
    };
    let svg = move |_| {
        let made = shown.with_untracked(|s| s.as_ref().map(map_svg));
        if let Some(made) = made {
            report(made.and_then(|svg| {
                save_text(&svg, "image/svg+xml", &format!("{}-ban-do.svg", stem()))
            }));
        }
    };
    let png = move |_| {
        let made = shown.with_untracked(|s| s.as_ref().map(map_svg));
        if let Some(made) = made {
            report(made.and_then(|svg| save_png(svg, format!("{}-ban-do.png", stem()))));
        }
    };
    view! {
        <div class="share-bar downloads" role="group" aria-label="Tải về">
            <span class="muted">"Tải về:"</span>
            <button type="button" data-testid="download-csv" on:click=csv>"Bảng (CSV)"</button>
            <button type="button" data-testid="download-json" on:click=json>"Bảng (JSON)"</button>
            <button type="button" data-testid="download-svg" on:click=svg>"Bản đồ (SVG)"</button>
            <button type="button" data-testid="download-png" on:click=png>"Bản đồ (PNG)"</button>
            {move || failed.get().then(|| view! {
                <span class="share-message" role="alert">"Trình duyệt không tạo được tệp tải về."</span>
            })}
        </div>
    }
}
