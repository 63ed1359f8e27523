use leptos::prelude::*;

use crate::i18n::{fill, use_i18n, Catalogue};

/// A polite loading message; screen readers announce it once. `what` picks
/// the thing being loaded from the catalogue, so it follows the language:
/// `<Loading what=|t| t.components.loading_chart />`.
#[component]
pub fn Loading(what: fn(&'static Catalogue) -> &'static str) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="loading" data-testid="loading" role="status" aria-live="polite">
            <span class="spinner" aria-hidden="true"></span>
            {move || {
                let t = i18n.t();
                fill(t.components.loading, &[("what", &what(t))])
            }}
        </p>
    }
}
