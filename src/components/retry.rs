//! The fetch-with-retry pattern every page uses: a resource that runs
//! `fetch`, and a callback (the "Thử lại" button) that runs it again.

use std::future::Future;

use leptos::prelude::*;

pub fn retryable<T, Fut>(fetch: impl Fn() -> Fut + 'static) -> (LocalResource<T>, Callback<()>)
where
    T: 'static,
    Fut: Future<Output = T> + 'static,
{
    let attempt = RwSignal::new(0u32);
    let resource = LocalResource::new(move || {
        attempt.track();
        fetch()
    });
    (
        resource,
        Callback::new(move |_| attempt.update(|n| *n += 1)),
    )
}
