use leptos::prelude::*;
use ward_domain::Registry;

use crate::i18n::{fill, use_i18n};

/// The registry as a list: each district-level unit with its wards.
#[component]
pub fn WardDirectory(registry: Registry) -> impl IntoView {
    let i18n = use_i18n();
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
                            <span class="ward-name" lang="vi">{w.name.clone()}</span>
                            <span class="ward-code">{w.code.clone()}</span>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="district" data-district=district.code.clone() aria-labelledby=heading_id.clone()>
                    <h2 id=heading_id.clone()>
                        <span lang="vi">{district.full_name.clone()}</span>
                        <span class="count">{move || crate::i18n::ward_count(count, i18n.lang())}</span>
                    </h2>
                    <ul class="ward-list">{items}</ul>
                </section>
            }
        })
        .collect_view();
    view! {
        <p class="summary" data-testid="summary">
            {move || fill(i18n.t().components.directory_summary, &[("total", &total), ("units", &units)])}
        </p>
        <div class="directory">{sections}</div>
    }
}
