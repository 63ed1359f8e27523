//! Time on the home view: a period slider with play/pause, and the switch
//! between the value map and the change map (difference from a base period).

use std::time::Duration;

use leptos::prelude::*;

use ward_domain::choropleth::MapMode;

use super::{HomeState, Shown};
use crate::components::pickers::period_label;
use crate::i18n::use_i18n;

/// Long enough to read the legend and see the map change, short enough
/// that eight quarters play in under ten seconds.
const STEP: Duration = Duration::from_millis(1200);

/// The period after the shown one, or `None` at the last.
fn next_period(shown: &Shown) -> Option<String> {
    let periods = &shown.dataset.periods;
    let at = periods.iter().position(|p| *p == shown.period)?;
    periods.get(at + 1).cloned()
}

#[component]
pub fn Timeline(state: HomeState, shown: Memo<Option<Shown>>) -> impl IntoView {
    let i18n = use_i18n();
    let interval = StoredValue::new_local(None::<IntervalHandle>);
    let stop = move || {
        if let Some(handle) = interval.try_update_value(Option::take).flatten() {
            handle.clear();
        }
    };
    // Advances one period per step; stops at the last one.
    let step = move || {
        let next = shown.with_untracked(|s| s.as_ref().map(next_period));
        match next {
            Some(Some(period)) => state.period.set(Some(period)),
            _ => state.playing.set(false),
        }
    };
    Effect::new(move |_| {
        if state.playing.get() {
            if interval.with_value(Option::is_none) {
                if let Ok(handle) = set_interval_with_handle(step, STEP) {
                    interval.set_value(Some(handle));
                }
            }
        } else {
            stop();
        }
    });
    on_cleanup(stop);

    let toggle = move |_| {
        if state.playing.get_untracked() {
            state.playing.set(false);
            return;
        }
        // Play from the start when at the end, as a media player does.
        let at_end = shown.with_untracked(|s| s.as_ref().is_some_and(|s| next_period(s).is_none()));
        if at_end {
            if let Some(first) = shown
                .with_untracked(|s| s.as_ref().and_then(|s| s.dataset.periods.first().cloned()))
            {
                state.period.set(Some(first));
            }
        }
        state.playing.set(true);
    };

    let slider = move || {
        let lang = i18n.lang();
        shown.with(|s| {
            let s = s.as_ref()?;
            let count = s.dataset.periods.len();
            let at = s.dataset.periods.iter().position(|p| *p == s.period)?;
            let label = period_label(&s.period, s.dataset.period_type, lang);
            let first = s
                .dataset
                .periods
                .first()
                .map(|p| period_label(p, s.dataset.period_type, lang))
                .unwrap_or_default();
            let last = s
                .dataset
                .periods
                .last()
                .map(|p| period_label(p, s.dataset.period_type, lang))
                .unwrap_or_default();
            Some(view! {
                <input
                    id="period-slider"
                    type="range"
                    min="0"
                    max=count.saturating_sub(1).to_string()
                    step="1"
                    prop:value=at.to_string()
                    aria-label=i18n.t().home.slider_label
                    aria-valuetext=label.clone()
                    disabled=count < 2
                    on:input=move |ev| {
                        state.playing.set(false);
                        let index: usize = event_target_value(&ev).parse().unwrap_or(0);
                        let period = shown.with_untracked(|s| {
                            s.as_ref().and_then(|s| s.dataset.periods.get(index).cloned())
                        });
                        if period.is_some() {
                            state.period.set(period);
                        }
                    }
                />
                <span class="timeline-ends" aria-hidden="true">
                    <span>{first}</span>
                    <span>{last}</span>
                </span>
                <output class="timeline-current" for="period-slider" data-testid="timeline-period">
                    {label}
                </output>
            })
        })
    };

    let base_options = move || {
        let lang = i18n.lang();
        shown.with(|s| {
            s.as_ref().map(|s| {
                let chosen = s.base_period.clone().unwrap_or_default();
                s.dataset
                    .periods
                    .iter()
                    .map(|p| {
                        view! { <option value=p.clone() selected=*p == chosen>{period_label(p, s.dataset.period_type, lang)}</option> }
                    })
                    .collect_view()
            })
        })
    };

    view! {
        <div class="timeline" role="group" aria-label=move || i18n.t().home.timeline_label>
            <button
                type="button"
                class="play"
                data-testid="play"
                aria-pressed=move || state.playing.get().to_string()
                on:click=toggle
            >
                {move || {
                    let t = &i18n.t().home;
                    if state.playing.get() { t.pause } else { t.play }
                }}
            </button>
            <div class="timeline-slider">{slider}</div>
            <label class="control">
                <span>{move || i18n.t().home.map_mode_label}</span>
                <select
                    id="map-mode"
                    prop:value=move || state.map_mode.get().id()
                    on:change=move |ev| {
                        if let Some(mode) = MapMode::parse(&event_target_value(&ev)) {
                            state.map_mode.set(mode);
                        }
                    }
                >
                    <option value="values">{move || i18n.t().home.map_mode_values}</option>
                    <option value="change">{move || i18n.t().home.map_mode_change}</option>
                </select>
            </label>
            <Show when=move || state.map_mode.get() == MapMode::Change>
                <label class="control">
                    <span>{move || i18n.t().home.base_period_label}</span>
                    <select
                        id="base-period"
                        on:change=move |ev| state.base_period.set(Some(event_target_value(&ev)))
                    >
                        {base_options}
                    </select>
                </label>
            </Show>
        </div>
    }
}
