//! `/wards`: the 175 pilot wards listed under their 13 district-level units,
//! a plain index that works without the map.

use leptos::prelude::*;

use crate::api::fetch_registry;
use crate::components::load_error::LoadErrorNotice;
use crate::components::loading::Loading;
use crate::components::retry::retryable;
use crate::components::ward_directory::WardDirectory;
use crate::i18n::use_i18n;

#[component]
pub fn WardsPage() -> impl IntoView {
    let i18n = use_i18n();
    let (registry, retry) = retryable(fetch_registry);

    view! {
        <section class="wards-page">
            <h1>{move || i18n.t().pages.wards_title}</h1>
            <p class="lede">{move || i18n.t().pages.wards_lede}</p>
            <Suspense fallback=|| view! { <Loading what=|t| t.pages.wards_loading /> }>
                {move || {
                    registry
                        .get()
                        .map(|result| match result {
                            Ok(registry) => view! { <WardDirectory registry /> }.into_any(),
                            Err(error) => view! { <LoadErrorNotice error retry /> }.into_any(),
                        })
                }}
            </Suspense>
        </section>
    }
}
