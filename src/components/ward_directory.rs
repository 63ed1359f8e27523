use leptos::prelude::*;
use ward_domain::Registry;

/// The registry as a list: each district-level unit with its wards.
#[component]
pub fn WardDirectory(registry: Registry) -> impl IntoView {
    let total = registry.wards.len();
    let units = registry.districts.len();
    let sections = registry
        .wards_by_district()
        .into_iter()
        .map(|(district, wards)| {
            let heading_id = format!("district-{}", district.code);
            let count = wards.len();
            let items = wards
                .into_iter()
                .map(|w| {
                    view! {
                        <li data-ward=w.code.clone()>
                            <span class="ward-name">{w.name.clone()}</span>
                            <span class="ward-code">{w.code.clone()}</span>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="district" data-district=district.code.clone() aria-labelledby=heading_id.clone()>
                    <h2 id=heading_id.clone()>
                        {district.full_name.clone()}
                        <span class="count">{format!("{count} phường")}</span>
                    </h2>
                    <ul class="ward-list">{items}</ul>
                </section>
            }
        })
        .collect_view();
    view! {
        <p class="summary" data-testid="summary">
            {format!("{total} phường thuộc {units} đơn vị cấp huyện")}
        </p>
        <div class="directory">{sections}</div>
    }
}
