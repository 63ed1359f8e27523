//! Downloads of the home view: the rows shown as CSV (UTF-8 with BOM) and
//! JSON (with metadata and source), and the map as SVG and PNG with its
//! title, period, provenance label and source drawn in, so an image never
//! circulates without saying what it shows and whether it is illustrative.

use leptos::prelude::*;
use ward_domain::export::{rows_csv, rows_json};
use ward_domain::format::Lang;
use ward_domain::table::visible_rows;
use wasm_bindgen::{JsCast, JsValue};

use crate::components::files::{
    provenance_line_of, save_svg_as_png, save_text, svg_document, ImageHeader,
};
use crate::components::pickers::period_label;

use super::{HomeState, Shown};
use crate::i18n::{fill, use_i18n};

/// The styles the map's classes need outside the page's stylesheet.
const MAP_STYLE: &str = ".tile polygon,.tile path{stroke:#fff;stroke-width:.8}\
.district-outline{fill:none;stroke:#1d1b20;stroke-width:1.6;stroke-linejoin:round}\
.district-label{font:700 9px system-ui,sans-serif;fill:#1d1b20;text-anchor:middle;dominant-baseline:middle;paint-order:stroke;stroke:#fff;stroke-width:3px}\
.tile[aria-pressed=true] polygon,.tile[aria-pressed=true] path{stroke:#b3261e;stroke-width:3}";

/// The map as a standalone SVG: a header (title, period, provenance,
/// source) above the map drawn on the page.
fn map_svg(shown: &Shown, lang: Lang) -> Result<String, JsValue> {
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
    copy.set_attribute("width", &format!("{width}"))?;
    copy.set_attribute("height", &format!("{height}"))?;
    let inner = web_sys::XmlSerializer::new()?.serialize_to_string(&copy)?;
    let mut header = header_of(shown, lang);
    // Drawn with a publisher's boundaries: the image credits them.
    if let Some(credit) = crate::components::boundaries::credit(lang) {
        header.source = format!("{} · {credit}", header.source);
    }
    Ok(svg_document(&inner, width, height, MAP_STYLE, &header))
}

/// Title with period, provenance label and source of what is shown, in
/// `lang` (the source's name is the publisher's own).
pub fn header_of(shown: &Shown, lang: Lang) -> ImageHeader {
    let period = period_label(&shown.period, shown.dataset.period_type, lang);
    ImageHeader {
        title: format!("{} — {period}", shown.dataset.title.get(lang)),
        provenance: provenance_line_of(&shown.dataset, lang),
        // A user's paste has no source name: name its supplier ("your file",
        // the URL's host) as the exports do, never "Source: " alone.
        source: fill(
            crate::i18n::catalogue(lang).home.image_source,
            &[(
                "source",
                &ward_domain::export::source_name(&shown.dataset, lang),
            )],
        ),
    }
}

#[component]
pub fn Downloads(state: HomeState, shown: Memo<Option<Shown>>) -> impl IntoView {
    let i18n = use_i18n();
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
                &rows_csv(&rows, &dataset, &period, i18n.lang_untracked()),
                "text/csv;charset=utf-8",
                &format!("{}.csv", stem()),
            ));
        }
    };
    let json = move |_| {
        if let Some((rows, dataset, period)) = rows() {
            report(save_text(
                &rows_json(&rows, &dataset, &period, i18n.lang_untracked()),
                "application/json",
                &format!("{}.json", stem()),
            ));
        }
    };
    let svg = move |_| {
        let lang = i18n.lang_untracked();
        let made = shown.with_untracked(|s| s.as_ref().map(|s| map_svg(s, lang)));
        if let Some(made) = made {
            report(made.and_then(|svg| {
                save_text(&svg, "image/svg+xml", &format!("{}-ban-do.svg", stem()))
            }));
        }
    };
    let png = move |_| {
        let lang = i18n.lang_untracked();
        let made = shown.with_untracked(|s| s.as_ref().map(|s| map_svg(s, lang)));
        if let Some(made) = made {
            report(made.and_then(|svg| save_svg_as_png(svg, format!("{}-ban-do.png", stem()))));
        }
    };
    view! {
        <div class="share-bar downloads" role="group" aria-label=move || i18n.t().home.downloads_label>
            <span class="muted">{move || i18n.t().home.downloads_lead}</span>
            <button type="button" data-testid="download-csv" on:click=csv>{move || i18n.t().home.download_csv}</button>
            <button type="button" data-testid="download-json" on:click=json>{move || i18n.t().home.download_json}</button>
            <button type="button" data-testid="download-svg" on:click=svg>{move || i18n.t().home.download_svg}</button>
            <button type="button" data-testid="download-png" on:click=png>{move || i18n.t().home.download_png}</button>
            <crate::components::sandbox_note::SandboxDownloadNote />
            {move || failed.get().then(|| view! {
                <span class="share-message" role="alert">{move || i18n.t().home.download_failed}</span>
            })}
        </div>
    }
}
