//! A note next to download buttons when the page runs in a sandboxed frame.
//!
//! Newsrooms' CMSs often embed with `<iframe sandbox="allow-scripts">`.
//! Without `allow-downloads` there, a download button silently does nothing,
//! and a page cannot ask which sandbox flags it has. What it can see is its
//! opaque origin (`window.origin` is `"null"`, which a sandbox without
//! `allow-same-origin` gives), so the note says that downloads *may* be
//! blocked and links to the full view, where they work.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::i18n::use_i18n;

/// Whether this document has an opaque origin: a sandboxed frame (or a
/// `data:` page), where downloads, storage and popups may be refused.
pub fn opaque_origin() -> bool {
    web_sys::window().is_some_and(|w| w.origin() == "null")
}

/// Renders nothing outside a sandbox. The check runs in an effect, since
/// components never call browser APIs while rendering (ARCHITECTURE.md).
#[component]
pub fn SandboxDownloadNote() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let sandboxed = RwSignal::new(false);
    Effect::new(move |_| sandboxed.set(opaque_origin()));
    // The full view of what is shown: an embed's own query on the home
    // view (relative to <base>, as the embed's footer link), else this page.
    let full_view = move || {
        let path = location.pathname.get();
        // The router's search string has no "?".
        let search = location.search.get();
        let query = search.trim_start_matches('?');
        let home = if query.is_empty() {
            "./".to_owned()
        } else {
            format!("./?{query}")
        };
        if path.contains("/embed/") {
            home
        } else {
            web_sys::window()
                .and_then(|w| w.location().href().ok())
                .unwrap_or(home)
        }
    };
    move || {
        sandboxed.get().then(|| {
            let t = &i18n.t().components;
            view! {
                <p class="sandbox-note" role="note" data-testid="sandbox-note">
                    {t.sandbox_downloads}" "
                    <a href=full_view target="_blank" rel="noopener">{t.sandbox_full_view}</a>
                </p>
            }
        })
    }
}
