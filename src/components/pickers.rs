//! Pickers shared by the pages that are not the home view: indicator,
//! period, and the readable form of a value with its unit.

use leptos::prelude::*;
use ward_domain::dataset::{Dataset, NumberStyle};
use ward_domain::format::{self, Lang};

use crate::i18n::use_i18n;
use ward_domain::period::{Period, PeriodType};

use crate::home::group_name;

/// "Quý 3/2021" ("Q3 2021" in English) for "2021-Q3"; the raw text when it
/// does not parse.
pub fn period_label(period: &str, kind: PeriodType, lang: Lang) -> String {
    Period::parse(period, kind)
        .map(|p| format::period(p, lang))
        .unwrap_or_else(|| period.to_string())
}

/// "91,9%" or "6.000 người" ("91.9%", "6,000 people"): percentages carry
/// their sign, other units are written after the number.
pub fn value_with_unit(value: f64, dataset: &Dataset, lang: Lang) -> String {
    let text = format::value(value, dataset.number_format, lang);
    match dataset.number_format.style {
        NumberStyle::Percent => text,
        _ => format!("{text} {}", dataset.unit.get(lang)),
    }
}

/// A select of the loaded ward datasets, grouped by 766 group.
#[component]
pub fn IndicatorSelect(
    datasets: Vec<(String, String, ward_domain::dataset::Group)>,
    value: RwSignal<String>,
    #[prop(into)] id: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let mut order: Vec<_> = ward_domain::dataset::Group::INDEX_766
        .iter()
        .map(|(g, _)| *g)
        .collect();
    order.push(ward_domain::dataset::Group::Other);
    let groups = order
        .into_iter()
        .filter_map(|group| {
            let options: Vec<_> = datasets
                .iter()
                .filter(|(_, _, g)| *g == group)
                .map(|(id, title, _)| {
                    // `selected` as well as the select's `prop:value`: the
                    // options are created after the value is set, and a
                    // redrawn list (another language) must keep the choice.
                    view! { <option value=id.clone() selected=value.get_untracked() == *id>{title.clone()}</option> }
                })
                .collect();
            (!options.is_empty())
                .then(|| view! { <optgroup label=move || group_name(group, i18n.lang())>{options}</optgroup> })
        })
        .collect_view();
    view! {
        <label class="control control-indicator">
            <span>{move || i18n.t().components.picker_indicator}</span>
            <select id=id prop:value=move || value.get() on:change=move |ev| value.set(event_target_value(&ev))>
                {groups}
            </select>
        </label>
    }
}

/// A select of periods; `value` holds the chosen one.
#[component]
pub fn PeriodSelect(
    #[prop(into)] periods: Signal<Vec<(String, String)>>,
    value: RwSignal<String>,
    #[prop(into)] id: String,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label class="control">
            <span>{move || i18n.t().components.picker_period}</span>
            <select id=id prop:value=move || value.get() on:change=move |ev| value.set(event_target_value(&ev))>
                {move || {
                    periods
                        .get()
                        .into_iter()
                        .map(|(p, label)| {
                            let selected = value.get_untracked() == p;
                            view! { <option value=p selected=selected>{label}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </label>
    }
}
