//! The ranking table: the accessible alternative to the map, sortable by
//! every column, filterable by district and by a search that ignores case
//! and diacritics.

use leptos::prelude::*;
use ward_domain::dataset::{NumberStyle, SMALL_DENOMINATOR};
use ward_domain::format::{self, Lang};
use ward_domain::ranking::ChangeQuality;
use ward_domain::table::{visible_rows, SortKey};
use ward_domain::District;

use super::tile_map::missing_reason;
use wasm_bindgen::JsCast;

use super::{HomeState, Shown};
use crate::i18n::ward_count;
use crate::i18n::{catalogue, fill, use_i18n};

fn column_name(key: SortKey, lang: Lang) -> &'static str {
    let t = &catalogue(lang).home;
    match key {
        SortKey::Rank => t.column_rank,
        SortKey::Name => t.column_ward,
        SortKey::District => t.column_district,
        SortKey::Value => t.column_value,
        SortKey::Change => "+/−",
    }
}

/// Keeps the selected row visible without moving the page. Side by side with
/// the map, the table scrolls inside its own box: the row is brought to the
/// middle of the part of that box that is on screen. Stacked on a phone the
/// box does not scroll and nothing moves, so the map does not jump away when
/// a tile is tapped (and the pointer does not land on another tile).
fn scroll_row_into_table(code: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(document) = window.document() else {
        return;
    };
    let container = document
        .query_selector(".table-scroll")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    let row = document
        .query_selector(&format!("table.ranking tr[data-ward='{code}']"))
        .ok()
        .flatten();
    let (Some(container), Some(row)) = (container, row) else {
        return;
    };
    if container.scroll_height() <= container.client_height() {
        return;
    }
    let viewport_height = window
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    let boxed = container.get_bounding_client_rect();
    let row_rect = row.get_bounding_client_rect();
    // The band of the box that the reader can see.
    let band_top = boxed.top().max(0.0);
    let band_bottom = boxed.bottom().min(viewport_height);
    if band_bottom - band_top < row_rect.height() {
        return;
    }
    if row_rect.top() >= band_top && row_rect.bottom() <= band_bottom {
        return;
    }
    let row_in_content = row_rect.top() - boxed.top() + f64::from(container.scroll_top());
    let band_middle_in_box = (band_top + band_bottom) / 2.0 - boxed.top();
    let target = row_in_content - band_middle_in_box + row_rect.height() / 2.0;
    container.set_scroll_top(target.max(0.0).round() as i32);
}

/// Sets `aria-selected` on the ranking table's rows: "true" on the row of
/// `code`, "false" on the one marked before (no other row is "true").
fn mark_selected_row(code: Option<&str>) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Ok(Some(old)) = document.query_selector(r#"table.ranking tr[aria-selected="true"]"#) {
        if old.get_attribute("data-ward").as_deref() != code {
            let _ = old.set_attribute("aria-selected", "false");
        }
    }
    // Ward codes are registry codes (digits), never a dataset's text.
    let Some(code) = code.filter(|c| c.bytes().all(|b| b.is_ascii_alphanumeric())) else {
        return;
    };
    if let Ok(Some(row)) = document.query_selector(&format!("table.ranking tr[data-ward='{code}']"))
    {
        let _ = row.set_attribute("aria-selected", "true");
    }
}

#[component]
pub fn RankingTable(
    state: HomeState,
    shown: Memo<Option<Shown>>,
    districts: StoredValue<Vec<District>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let header = move |key: SortKey| {
        let aria_sort = move || {
            let (current, descending) = state.sort.get();
            if current != key {
                "none"
            } else if descending {
                "descending"
            } else {
                "ascending"
            }
        };
        view! {
            <th
                scope="col"
                aria-sort=aria_sort
                class=format!("col-{}", key.id())
                title=move || (key == SortKey::Change).then(|| i18n.t().home.column_change_title)
            >
                <button
                    type="button"
                    data-sort=key.id()
                    on:click=move |_| {
                        state.sort.update(|(current, descending)| {
                            if *current == key {
                                *descending = !*descending;
                            } else {
                                *current = key;
                                *descending = false;
                            }
                        })
                    }
                >
                    {move || {
                        let lang = i18n.lang();
                        match key {
                            SortKey::Value => shown.with(|s| match s {
                                Some(s) if s.dataset.number_format.style != NumberStyle::Percent => {
                                    fill(
                                        catalogue(lang).home.column_value_unit,
                                        &[("unit", &s.dataset.unit.get(lang))],
                                    )
                                }
                                _ => column_name(key, lang).to_string(),
                            }),
                            _ => column_name(key, lang).to_string(),
                        }
                    }}
                    <span class="sort-mark" aria-hidden="true">
                        {move || match (state.sort.get().0 == key, state.sort.get().1) {
                            (false, _) => "↕",
                            (true, false) => "▲",
                            (true, true) => "▼",
                        }}
                    </span>
                </button>
            </th>
        }
    };

    // The rows that pass the search and the district filter, sorted.
    let visible = Memo::new(move |_| {
        shown.with(|s| {
            let s = s.as_ref()?;
            let rows = visible_rows(
                &s.rows,
                &state.query.get(),
                state.district.get().as_deref(),
                state.sort.get(),
            );
            Some((rows, s.dataset.number_format))
        })
    });

    // The selected row is marked here, by one effect for the whole table,
    // not by a reactive attribute per row: the rows are redrawn on every
    // indicator switch, and a dropped row's effect stays listed among the
    // subscribers of `state.selected` (reactive_graph removes it only when
    // that signal next changes): about 90 bytes of wasm memory a row, 16 KB
    // a switch, never given back while no ward is clicked (ARCHITECTURE.md,
    // "Memory"). A redrawn row is marked as it is drawn.
    Effect::new(move |previous: Option<Option<String>>| {
        let selected = state.selected.get();
        mark_selected_row(selected.as_deref());
        if let Some(code) = &selected {
            if previous.as_ref() != Some(&selected) {
                scroll_row_into_table(code);
            }
        }
        selected
    });

    let body = move || {
        let lang = i18n.lang();
        let t = &i18n.t().home;
        visible.with(|v| {
            let (rows, format) = v.as_ref()?;
            let format = *format;
            let view = rows
                .iter()
                .map(|row| {
                    let code = row.code.clone();
                    let click = code.clone();
                    // Kept current by the table's effect (see above).
                    let selected = state
                        .selected
                        .with_untracked(|s| s.as_deref() == Some(code.as_str()))
                        .to_string();
                    let value = match row.value {
                        Some(v) => format::value(v, format, lang),
                        None => t.no_data.to_string(),
                    };
                    let (change, change_class) = match (row.change, row.trend) {
                        (Some(c), Some(trend)) => (
                            format::signed(c, format, lang),
                            match trend {
                                ChangeQuality::Better => "change better",
                                ChangeQuality::Worse => "change worse",
                                ChangeQuality::Same => "change same",
                            },
                        ),
                        _ => ("–".into(), "change"),
                    };
                    let note = row
                        .small_denominator
                        .then(|| fill(t.small_sample, &[("count", &SMALL_DENOMINATOR)]));
                    let missing_title = row.value.is_none().then(|| missing_reason(row.missing, lang));
                    view! {
                        <tr data-ward=code aria-selected=selected on:click=move |_| state.selected.set(Some(click.clone()))>
                            <td class="rank">{row.rank.map(|r| r.label()).unwrap_or_else(|| "–".into())}</td>
                            <th scope="row" class="name" lang="vi">{row.name.clone()}</th>
                            <td class="district" lang="vi">{row.district_name.clone()}</td>
                            <td class=if row.value.is_some() { "value" } else { "value missing" } title=missing_title>
                                {value}
                                {note.map(|n| view! { <abbr class="small-n" title=n>"*"</abbr> })}
                                {row.provisional.then(|| view! { <abbr class="provisional" title=t.provisional>"ᵖ"</abbr> })}
                            </td>
                            <td class=change_class>{change}</td>
                        </tr>
                    }
                })
                .collect_view();
            Some(view)
        })
    };

    let district_options = districts.with_value(|all| {
        all.iter()
            .map(|d| view! { <option value=d.code.clone() lang="vi">{d.name.clone()}</option> })
            .collect_view()
    });

    view! {
        <div class="table-tools">
            <label class="control">
                <span>{move || i18n.t().home.search_label}</span>
                <input
                    id="ward-search"
                    type="search"
                    placeholder=move || i18n.t().home.search_placeholder
                    autocomplete="off"
                    prop:value=move || state.query.get()
                    on:input=move |ev| state.query.set(event_target_value(&ev))
                />
            </label>
            <label class="control">
                <span>{move || i18n.t().home.district_filter_label}</span>
                <select
                    id="district-filter"
                    prop:value=move || state.district.get().unwrap_or_default()
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        state.district.set((!v.is_empty()).then_some(v));
                    }
                >
                    <option value="">{move || i18n.t().home.district_filter_all}</option>
                    {district_options}
                </select>
            </label>
        </div>
        <p class="table-count" aria-live="polite">
            {move || {
                let lang = i18n.lang();
                visible.with(|v| v.as_ref().map(|(rows, _)| ward_count(rows.len(), lang)))
            }}
        </p>
        <div class="table-scroll">
            <table class="ranking">
                <thead>
                    <tr>
                        {header(SortKey::Rank)}
                        {header(SortKey::Name)}
                        {header(SortKey::District)}
                        {header(SortKey::Value)}
                        {header(SortKey::Change)}
                    </tr>
                </thead>
                // Only the body re-renders: the header buttons keep focus.
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}
