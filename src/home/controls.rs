//! Pickers for indicator, period and classification.

use leptos::prelude::*;
use ward_domain::catalogue::Entry;
use ward_domain::classify::Method;
use ward_domain::dataset::Group;
use ward_domain::format::Lang;

use super::{HomeState, Shown};
use crate::components::pickers::period_label;
use crate::i18n::{catalogue, use_i18n};

/// An indicator group's name (with its maximum points) in `lang`.
pub fn group_name(group: Group, lang: Lang) -> &'static str {
    let t = &catalogue(lang).home;
    match group {
        Group::Transparency => t.group_transparency,
        Group::Timeliness => t.group_timeliness,
        Group::OnlineServices => t.group_online_services,
        Group::OnlinePayment => t.group_online_payment,
        Group::Satisfaction => t.group_satisfaction,
        Group::Digitisation => t.group_digitisation,
        Group::Other => t.group_other,
    }
}

fn method_name(method: Method, lang: Lang) -> &'static str {
    let t = &catalogue(lang).home;
    match method {
        Method::Quantile => t.method_quantile,
        Method::EqualInterval => t.method_equal_interval,
        Method::NaturalBreaks => t.method_natural_breaks,
    }
}

#[component]
pub fn Controls(
    state: HomeState,
    datasets: StoredValue<Vec<Entry>>,
    shown: Memo<Option<Shown>>,
) -> impl IntoView {
    let i18n = use_i18n();
    // Built once; only the texts follow the language, so the select keeps
    // its choice when the reader switches.
    let groups = datasets.with_value(|all| {
        let mut order: Vec<Group> = Group::INDEX_766.iter().map(|(g, _)| *g).collect();
        order.push(Group::Other);
        order
            .into_iter()
            .filter_map(|group| {
                let options: Vec<_> = all
                    .iter()
                    .filter(|d| d.group == group)
                    .map(|d| {
                        let title = d.title.clone();
                        view! {
                            <option value=d.id.clone()>
                                {move || title.get(i18n.lang()).to_string()}
                            </option>
                        }
                    })
                    .collect();
                (!options.is_empty()).then(|| {
                    view! {
                        <optgroup label=move || group_name(group, i18n.lang())>{options}</optgroup>
                    }
                })
            })
            .collect_view()
    });
    let period_options = move || {
        let lang = i18n.lang();
        shown.with(|s| {
            s.as_ref().map(|s| {
                s.dataset
                    .periods
                    .iter()
                    .map(|p| {
                        let label = period_label(p, s.dataset.period_type, lang);
                        view! { <option value=p.clone() selected=p == &s.period>{label}</option> }
                    })
                    .collect_view()
            })
        })
    };
    view! {
        <form class="controls" on:submit=|ev| ev.prevent_default()>
            <label class="control control-indicator">
                <span>{move || i18n.t().home.control_indicator}</span>
                <select
                    id="indicator"
                    prop:value=move || state.indicator.get()
                    on:change=move |ev| state.indicator.set(event_target_value(&ev))
                >
                    {groups}
                </select>
            </label>
            <label class="control">
                <span>{move || i18n.t().home.control_period}</span>
                <select
                    id="period"
                    prop:value=move || shown.with(|s| s.as_ref().map(|s| s.period.clone()).unwrap_or_default())
                    on:change=move |ev| state.period.set(Some(event_target_value(&ev)))
                >
                    {period_options}
                </select>
            </label>
            <label class="control">
                <span>{move || i18n.t().home.control_classing}</span>
                <select
                    id="classing"
                    prop:value=move || state.method.get().as_str()
                    on:change=move |ev| {
                        if let Some(m) = Method::parse(&event_target_value(&ev)) {
                            state.method.set(m);
                        }
                    }
                >
                    {Method::ALL
                        .into_iter()
                        .map(|m| {
                            view! {
                                <option value=m.as_str()>{move || method_name(m, i18n.lang())}</option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
        </form>
    }
}
