//! Find a ward by name, with or without diacritics ("hang bo" finds
//! "Hàng Bồ"), and pick it with the mouse or the keyboard.

use leptos::prelude::*;
use ward_domain::fold::{fold, matches};
use ward_domain::Registry;

use crate::i18n::use_i18n;

/// At most this many suggestions: enough to tell the three "Quang Trung"
/// wards apart by district, short enough for a phone screen.
const MAX_SUGGESTIONS: usize = 8;

#[component]
pub fn WardSearch(
    registry: StoredValue<Registry>,
    /// Codes not to suggest (already picked).
    #[prop(into)]
    exclude: Signal<Vec<String>>,
    on_pick: Callback<String>,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] id: String,
    #[prop(into, optional)] disabled: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let query = RwSignal::new(String::new());
    let suggestions = Memo::new(move |_| {
        let q = fold(&query.get());
        if q.trim().is_empty() {
            return Vec::new();
        }
        let excluded = exclude.get();
        registry.with_value(|r| {
            r.wards
                .iter()
                .filter(|w| !excluded.contains(&w.code) && matches(&w.folded, &q))
                .take(MAX_SUGGESTIONS)
                .map(|w| {
                    let district = r
                        .district(&w.district)
                        .map(|d| d.name.clone())
                        .unwrap_or_default();
                    (w.code.clone(), w.name.clone(), district)
                })
                .collect::<Vec<_>>()
        })
    });
    let list_id = format!("{id}-results");
    view! {
        <div class="ward-search">
            <label for=id.clone()>{move || label.get()}</label>
            <input
                id=id
                type="search"
                autocomplete="off"
                placeholder=move || i18n.t().components.search_placeholder
                aria-controls=list_id.clone()
                disabled=move || disabled.get()
                prop:value=move || query.get()
                on:input=move |ev| query.set(event_target_value(&ev))
            />
            <ul id=list_id class="ward-search-results" aria-live="polite">
                <For
                    each=move || suggestions.get()
                    key=|(code, _, _)| code.clone()
                    children=move |(code, name, district)| {
                        let pick = code.clone();
                        view! {
                            <li>
                                <button
                                    type="button"
                                    data-pick=code
                                    on:click=move |_| {
                                        on_pick.run(pick.clone());
                                        query.set(String::new());
                                    }
                                >
                                    <span lang="vi">{name}</span>
                                    " — "
                                    <span class="muted" lang="vi">{district}</span>
                                </button>
                            </li>
                        }
                    }
                />
            </ul>
        </div>
    }
}
