//! The map legend: one swatch per class with its range and its number of
//! wards ("no wards" for an empty class of the scale), the hatched "no
//! data" swatch, so a missing value is never read as a low one, and the
//! distribution strip of the values under it.

use leptos::prelude::*;
use ward_domain::choropleth::Strip;

use super::Shown;
use crate::components::distribution::distribution_strip;
use crate::components::pickers::period_label;
use crate::i18n::{fill, use_i18n, ward_count};

#[component]
pub fn Legend(shown: Memo<Option<Shown>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let lang = i18n.lang();
        let t = &i18n.t().home;
        shown.with(|s| {
            let s = s.as_ref()?;
            let unit = s.dataset.unit.get(lang).to_string();
            let higher_is_better =
                s.dataset.direction == ward_domain::dataset::Direction::HigherIsBetter;
            let caption = match (&s.base_period, higher_is_better) {
                (None, true) => fill(t.legend_higher_is_better, &[("unit", &unit)]),
                (None, false) => fill(t.legend_lower_is_better, &[("unit", &unit)]),
                (Some(base), _) => {
                    let base = period_label(base, s.dataset.period_type, lang);
                    let better = if higher_is_better {
                        t.legend_rise
                    } else {
                        t.legend_fall
                    };
                    fill(
                        t.legend_change,
                        &[("base", &base), ("unit", &unit), ("better", &better)],
                    )
                }
            };
            let no_wards = i18n.t().components.legend_no_wards;
            let entries = s
                .choropleth
                .legend
                .iter()
                .map(|e| {
                    let empty = e.count == 0;
                    view! {
                        <li class="legend-class" class:legend-empty=empty data-count=e.count.to_string()>
                            // CSSOM, not a style attribute: a strict CSP keeps it.
                            <span class="swatch" style:background-color=e.colour.clone()></span>
                            <span class="legend-range">{e.label.clone()}</span>
                            <span class="legend-count">
                                {if empty { no_wards.to_string() } else { ward_count(e.count, lang) }}
                            </span>
                        </li>
                    }
                })
                .collect_view();
            let strip = Strip::from_legend(&s.choropleth.legend);
            let distribution =
                distribution_strip(&strip, i18n.t(), &|n| ward_count(n, lang));
            let missing = s.choropleth.missing;
            Some(view! {
                <figure class="legend" data-testid="legend" data-mode=if s.base_period.is_some() { "change" } else { "values" }>
                    <figcaption>
                        {caption}
                    </figcaption>
                    <ul>
                        {entries}
                        <li class="legend-missing">
                            <svg class="swatch" viewBox="0 0 12 12" aria-hidden="true">
                                <rect width="12" height="12" fill="url(#hatch)" />
                            </svg>
                            <span class="legend-range">{t.no_data}</span>
                            <span class="legend-count">{ward_count(missing, lang)}</span>
                        </li>
                    </ul>
                    {distribution}
                </figure>
            })
        })
    }
}
