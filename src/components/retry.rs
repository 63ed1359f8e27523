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

/// What [`retryable_in_place`] holds: the last result, and whether a fetch
/// is under way.
#[derive(Debug, Clone, PartialEq)]
pub struct InPlace<T> {
    pub last: Option<T>,
    pub pending: bool,
}

/// Like [`retryable`], but never suspends: the result is a plain signal,
/// so reading it inside a `<Suspense>` (every page is inside `WithBase`'s)
/// does not swap the whole page for that boundary's fallback while it
/// loads. The caller shows its own loading state in place and keeps the
/// rest of the page. `fetch` is rerun when a signal it reads changes, or
/// on retry; the previous result stays in `last` while the new one loads,
/// and a result that arrives after a newer fetch started is dropped.
pub fn retryable_in_place<T, Fut>(
    fetch: impl Fn() -> Fut + 'static,
) -> (ReadSignal<InPlace<T>>, Callback<()>)
where
    T: Send + Sync + 'static,
    Fut: Future<Output = T> + 'static,
{
    let attempt = RwSignal::new(0u32);
    let state = RwSignal::new(InPlace {
        last: None,
        pending: true,
    });
    let latest = std::rc::Rc::new(std::cell::Cell::new(0u64));
    Effect::new(move |_| {
        attempt.track();
        let future = fetch();
        let this = latest.get() + 1;
        latest.set(this);
        state.try_update(|s| s.pending = true);
        let latest = std::rc::Rc::clone(&latest);
        leptos::task::spawn_local(async move {
            let result = future.await;
            if latest.get() == this {
                state.try_set(InPlace {
                    last: Some(result),
                    pending: false,
                });
            }
        });
    });
    (
        state.read_only(),
        Callback::new(move |_| attempt.update(|n| *n += 1)),
    )
}
