use leptos::prelude::*;

use crate::api::LoadError;
use crate::i18n::use_i18n;

/// A failed load: what happened in plain words, the technical detail on
/// demand, and a retry button. The rest of the page keeps working.
#[component]
pub fn LoadErrorNotice(error: LoadError, retry: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let error = StoredValue::new(error);
    view! {
        <div class="load-error" role="alert" data-testid="load-error">
            <p class="load-error-headline">{move || error.with_value(|e| e.headline(i18n.lang()))}</p>
            <details>
                <summary>{move || i18n.t().components.technical_detail}</summary>
                <ul>
                    {move || {
                        error
                            .with_value(|e| e.details(i18n.lang()))
                            .into_iter()
                            .map(|line| view! { <li>{line}</li> })
                            .collect_view()
                    }}
                </ul>
            </details>
            <button type="button" data-testid="retry" on:click=move |_| retry.run(())>
                {move || i18n.t().components.retry}
            </button>
        </div>
    }
}
