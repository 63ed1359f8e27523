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
            let better = match s.dataset.direction {
                ward_domain::dataset::Direction::HigherIsBetter => {
                    "màu càng đậm càng tốt (giá trị cao hơn là tốt hơn)"
                }
                ward_domain::dataset::Direction::LowerIsBetter => {
                    "màu càng đậm càng tốt (giá trị thấp hơn là tốt hơn)"
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
                <figure class="legend" data-testid="legend">
                    <figcaption>
                        {format!("Chú giải ({unit}) — {better}")}
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
