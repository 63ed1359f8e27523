//! `/embed/map`, `/embed/table`, `/embed/chart`: one panel of the home view
//! for an article's iframe, with the same query parameters.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use ward_domain::embed::EmbedKind;

use crate::home::HomeView;
use crate::i18n::use_i18n;
use crate::store::WithBase;

#[component]
pub fn EmbedPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let kind = move || params.read().get("kind").and_then(|k| EmbedKind::parse(&k));
    move || {
        match kind() {
        Some(kind) => {
            view! { <WithBase view=move |base| view! { <HomeView base embed=kind /> } /> }
                .into_any()
        }
        None => view! {
            <p class="load-error" role="alert" data-testid="unknown-embed">
                {move || i18n.t().home.embed_unknown}
                <a href="./" target="_blank" rel="noopener">{move || i18n.t().home.embed_open_site}</a>
            </p>
        }
        .into_any(),
    }
    }
}
