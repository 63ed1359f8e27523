//! The table panel's two views of the ranking: the table (default) or a
//! bar chart of every ward in rank order, in the map's class colours.
//! Clicking a bar selects the ward, as clicking a tile or a row does.
//!
//! The chart (and with it the ECharts script) is mounted only when the
//! reader picks "Biểu đồ" (Chart): the home view never loads ECharts by
//! default.

use leptos::prelude::*;
use ward_domain::charts::ranking_bars::{ranking_bar_option, ranking_chart_height, RankingBars};
use ward_domain::dataset::NumberStyle;
use ward_domain::format::Lang;
use ward_domain::table::{sort_rows, SortKey};
use ward_domain::District;

use super::ranking_table::RankingTable;
use super::{HomeState, Shown};
use crate::charts::{Chart, ChartClick, ChartExport};
use crate::i18n::{fill, use_i18n};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View {
    Table,
    Chart,
}

/// The chart's input: every ward in rank order (best first, missing last).
fn ranking_bars(shown: &Shown, selected: Option<String>, lang: Lang) -> RankingBars {
    let mut rows = shown.rows.clone();
    sort_rows(&mut rows, SortKey::Rank, false);
    let format = shown.dataset.number_format;
    RankingBars {
        names: rows.iter().map(|r| r.name.clone()).collect(),
        values: rows.iter().map(|r| r.value).collect(),
        colours: rows
            .iter()
            .map(|r| {
                shown
                    .choropleth
                    .fill(&r.code)
                    .unwrap_or_default()
                    .to_string()
            })
            .collect(),
        codes: rows.into_iter().map(|r| r.code).collect(),
        lang,
        unit: match format.style {
            NumberStyle::Percent => "%".to_string(),
            _ => shown.dataset.unit.get(lang).to_string(),
        },
        decimals: format.shown_decimals(),
        selected,
    }
}

/// The "Bảng | Biểu đồ" (Table | Chart) switch and the chosen view.
#[component]
pub fn RankingPanel(
    state: HomeState,
    shown: Memo<Option<Shown>>,
    districts: StoredValue<Vec<District>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let view_mode = RwSignal::new(View::Table);
    let button = move |mode: View, text: fn(Lang) -> &'static str, testid: &'static str| {
        view! {
            <button
                type="button"
                data-testid=testid
                aria-pressed=move || (view_mode.get() == mode).to_string()
                on:click=move |_| view_mode.set(mode)
            >
                {move || text(i18n.lang())}
            </button>
        }
    };
    view! {
        <div class="view-switch" role="group" aria-label=move || i18n.t().home.view_switch_label>
            {button(View::Table, |lang| crate::i18n::catalogue(lang).home.view_table, "show-table")}
            {button(View::Chart, |lang| crate::i18n::catalogue(lang).home.view_chart, "show-chart")}
        </div>
        // The table stays mounted (its scroll position and focus survive a
        // look at the chart); the chart exists only while it is shown.
        <div class="ranking-table-view" hidden=move || view_mode.get() != View::Table>
            <RankingTable state shown districts />
        </div>
        {move || (view_mode.get() == View::Chart).then(|| view! { <RankingChart state shown /> })}
    }
}

#[component]
pub(super) fn RankingChart(state: HomeState, shown: Memo<Option<Shown>>) -> impl IntoView {
    let i18n = use_i18n();
    let input = Memo::new(move |_| {
        let selected = state.selected.get();
        let lang = i18n.lang();
        shown.with(|s| s.as_ref().map(|s| ranking_bars(s, selected, lang)))
    });
    let option = Signal::derive(move || {
        input.with(|i| {
            i.as_ref()
                .map(|i| ranking_bar_option(i).to_json())
                .unwrap_or_default()
        })
    });
    let height = Signal::derive(move || {
        input.with(|i| ranking_chart_height(i.as_ref().map_or(0, |i| i.names.len())))
    });
    let label = Signal::derive(move || {
        let lang = i18n.lang();
        let t = &i18n.t().home;
        shown.with(|s| match s {
            Some(s) => fill(t.chart_label, &[("indicator", &s.dataset.title.get(lang))]),
            None => t.chart_label_empty.to_string(),
        })
    });
    let export = Signal::derive(move || {
        let lang = i18n.lang();
        shown.with(|s| {
            s.as_ref()
                .map(|s| ChartExport {
                    file_stem: format!("{}-{}-xep-hang", s.dataset.id, s.period),
                    header: super::downloads::header_of(s, lang),
                })
                .unwrap_or_default()
        })
    });
    let on_click = Callback::new(move |click: ChartClick| {
        let code = input.with_untracked(|i| {
            i.as_ref()
                .and_then(|i| i.codes.get(click.data_index).cloned())
        });
        if let Some(code) = code {
            state.selected.set(Some(code));
        }
    });
    view! {
        <div class="ranking-chart-view">
            {move || match input.with(Option::is_some) {
                true => view! { <Chart option label height on_click export /> }.into_any(),
                false => view! { <p class="muted">{move || i18n.t().home.chart_no_data}</p> }.into_any(),
            }}
        </div>
    }
}
