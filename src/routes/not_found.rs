use leptos::prelude::*;

use crate::i18n::use_i18n;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="not-found">
            <h1>{move || i18n.t().pages.not_found_title}</h1>
            <p>
                {move || i18n.t().pages.not_found_text}
                " "
                <a href="./">{move || i18n.t().pages.not_found_home}</a>
            </p>
        </section>
    }
}
