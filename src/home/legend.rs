//! The map legend: one swatch per class with its range, and the hatched
//! "no data" swatch, so a missing value is never read as a low one.

use leptos::prelude::*;

use super::Shown;

#[component]
pub fn Legend(shown: Memo<Option<Shown>>) -> impl IntoView {
    move || {
        shown.with(|s| {
            let s = s.as_ref()?;
            let unit = s.dataset.unit.vi.clone();
            let higher_is_better =
                s.dataset.direction == ward_domain::dataset::Direction::HigherIsBetter;
            let caption = match (&s.base_period, higher_is_better) {
                (None, true) => {
                    format!("Chú giải ({unit}) — màu càng đậm càng tốt (giá trị cao hơn là tốt hơn)")
                }
                (None, false) => {
                    format!("Chú giải ({unit}) — màu càng đậm càng tốt (giá trị thấp hơn là tốt hơn)")
                }
                (Some(base), _) => {
                    let base = ward_domain::period::Period::parse(base, s.dataset.period_type)
                        .map(|p| ward_domain::format::period(p, ward_domain::format::Lang::Vi))
                        .unwrap_or_else(|| base.clone());
                    let better = if higher_is_better { "tăng" } else { "giảm" };
                    format!(
                        "Thay đổi so với {base} ({unit}) — màu cam là cải thiện ({better}), màu tím là kém đi"
                    )
                }
            };
            let entries = s
                .choropleth
                .legend
                .iter()
                .map(|e| {
                    view! {
                        <li class="legend-class">
                            <span class="swatch" style=format!("background:{}", e.colour)></span>
                            <span class="legend-range">{e.label.clone()}</span>
                            <span class="legend-count">{format!("{} phường", e.count)}</span>
                        </li>
                    }
                })
                .collect_view();
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
                            <span class="legend-range">"không có dữ liệu"</span>
                            <span class="legend-count">{format!("{missing} phường")}</span>
                        </li>
                    </ul>
                </figure>
            })
        })
    }
}
