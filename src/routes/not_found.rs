//! The page for an address the app has no page for. An address that names
//! a page in another spelling (`/Ward/52`) is replaced by the page's own
//! (`crate::app`'s `CanonicalAddress`); meanwhile this page says where it
//! is going instead of "not found".

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use ward_domain::links::{canonical_path, echo};

use crate::i18n::use_i18n;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let canonical = Memo::new(move |_| {
        let path = location.pathname.get();
        canonical_path(&path).filter(|c| *c != path)
    });
    move || match canonical.get() {
        Some(canonical) => view! {
            <section class="not-found" data-testid="redirecting">
                <p role="status">
                    {move || i18n.t().pages.not_found_redirect}
                    " "
                    // Relative to <base>, like every link of the app; the
                    // text is bounded (a code can be any length).
                    <a href=format!(".{canonical}")>{echo(&canonical)}</a>
                </p>
            </section>
        }
        .into_any(),
        None => view! {
            <section class="not-found">
                <h1>{move || i18n.t().pages.not_found_title}</h1>
                <p>
                    {move || i18n.t().pages.not_found_text}
                    " "
                    <a href="./">{move || i18n.t().pages.not_found_home}</a>
                </p>
            </section>
        }
        .into_any(),
    }
}
