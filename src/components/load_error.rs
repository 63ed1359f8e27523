use leptos::prelude::*;

use ward_domain::Problem;

use crate::api::LoadError;
use crate::i18n::{catalogue, count, use_i18n, Lang};

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

/// At most this many problems are listed in a warning's detail.
const MAX_LISTED: usize = 20;

/// The lines of a list of problems, the first [`MAX_LISTED`] and "… and n
/// more". The problems are in English (see [`LoadError::details`]).
fn problem_lines(problems: &[Problem], lang: Lang) -> Vec<String> {
    let mut lines: Vec<String> = problems
        .iter()
        .take(MAX_LISTED)
        .map(ToString::to_string)
        .collect();
    if problems.len() > MAX_LISTED {
        let t = &catalogue(lang).components;
        let more = problems.len() - MAX_LISTED;
        lines.push(count(more, t.error_more_problem, t.error_more_problems));
    }
    lines
}

/// A `<ul>` of `problems` (at most [`MAX_LISTED`] lines and "… and n more"),
/// redrawn in the reader's language; each line is text, never markup.
#[component]
pub fn ProblemList(problems: StoredValue<Vec<Problem>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul>
            {move || {
                problems
                    .with_value(|p| problem_lines(p, i18n.lang()))
                    .into_iter()
                    .map(|line| view! { <li>{line}</li> })
                    .collect_view()
            }}
        </ul>
    }
}

/// Catalogue entries that were left out (docs/data-format.md §6): a quiet
/// notice above the page, the reasons on demand. Nothing when none was.
#[component]
pub fn CatalogueWarnings(warnings: Vec<Problem>) -> impl IntoView {
    let i18n = use_i18n();
    let rejected: Vec<Problem> = warnings
        .into_iter()
        .filter(|w| w.message.starts_with(ward_domain::catalogue::REJECTED))
        .collect();
    // One entry may have several problems: count entries, not problems.
    let entries = {
        let mut at: Vec<&str> = rejected
            .iter()
            .map(|w| entry_location(&w.location))
            .collect();
        at.dedup();
        at.len()
    };
    if rejected.is_empty() {
        return ().into_any();
    }
    let rejected = StoredValue::new(rejected);
    view! {
        <div class="data-warnings" role="status" data-testid="catalogue-warnings">
            <p>
                {move || {
                    let t = &i18n.t().components;
                    count(entries, t.catalogue_rejected, t.catalogue_rejected_many)
                }}
            </p>
            <details>
                <summary>{move || i18n.t().components.technical_detail}</summary>
                <ProblemList problems=rejected />
            </details>
        </div>
    }
    .into_any()
}

/// `$.datasets[3]` of `$.datasets[3].periods[1]`.
fn entry_location(location: &str) -> &str {
    match location.find(']') {
        Some(end) => &location[..=end],
        None => location,
    }
}
