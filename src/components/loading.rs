use leptos::prelude::*;

/// A polite loading message; screen readers announce it once.
#[component]
pub fn Loading(#[prop(into)] what: String) -> impl IntoView {
    view! {
        <p class="loading" data-testid="loading" role="status" aria-live="polite">
            <span class="spinner" aria-hidden="true"></span>
            {format!("Đang tải {what}…")}
        </p>
    }
}
