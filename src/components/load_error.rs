use leptos::prelude::*;

use crate::api::LoadError;

/// A failed load: what happened in plain words, the technical detail on
/// demand, and a retry button. The rest of the page keeps working.
#[component]
pub fn LoadErrorNotice(error: LoadError, retry: Callback<()>) -> impl IntoView {
    let details = error.details();
    view! {
        <div class="load-error" role="alert" data-testid="load-error">
            <p class="load-error-headline">{error.headline()}</p>
            <details>
                <summary>"Chi tiết kỹ thuật"</summary>
                <ul>{details.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
            </details>
            <button type="button" data-testid="retry" on:click=move |_| retry.run(())>
                "Thử lại"
            </button>
        </div>
    }
}
