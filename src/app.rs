//! The app shell: header, routes, footer.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;
use ward_domain::links::{canonical_path, strip_tracking};

use crate::i18n::{lang_of_query, provide_i18n, use_i18n, Lang};
use crate::routes::compare::ComparePage;
use crate::routes::composite::CompositePage;
use crate::routes::district::DistrictPage;
use crate::routes::districts::DistrictsPage;
use crate::routes::embed::EmbedPage;
use crate::routes::home::HomePage;
use crate::routes::not_found::NotFoundPage;
use crate::routes::publish::PublishPage;
use crate::routes::ward::WardPage;
use crate::routes::wards::WardsPage;
use crate::store::provide_store;

#[component]
pub fn App() -> impl IntoView {
    provide_i18n();
    provide_store();
    view! {
        <Router>
            <CanonicalAddress />
            <Chrome />
            <main id="main" class="site-main">
                <Routes fallback=NotFoundPage>
                    <Route path=path!("") view=HomePage />
                    <Route path=path!("wards") view=WardsPage />
                    <Route path=path!("ward/:code") view=WardPage />
                    <Route path=path!("compare") view=ComparePage />
                    <Route path=path!("districts") view=DistrictsPage />
                    <Route path=path!("district/:code") view=DistrictPage />
                    <Route path=path!("composite") view=CompositePage />
                    <Route path=path!("embed/:kind") view=EmbedPage />
                    <Route path=path!("publish") view=PublishPage />
                </Routes>
            </main>
            <Footer />
        </Router>
    }
}

/// Replaces an address typed differently from the app's own with the
/// canonical one (`ward_domain::links::canonical_path`): `/Ward/00052` and
/// `/ward/52` become `/ward/00052` (Hàng Bồ), `/Districts/` `/districts`.
/// The query (without tracking parameters) and the fragment are kept; the
/// history entry is replaced, so Back does not return to the typo.
#[component]
fn CanonicalAddress() -> impl IntoView {
    let location = use_location();
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move |_| {
        let path = location.pathname.get();
        let Some(canonical) = canonical_path(&path).filter(|c| *c != path) else {
            return;
        };
        let query = strip_tracking(&location.search.get_untracked());
        let query = if query.is_empty() {
            String::new()
        } else {
            format!("?{query}")
        };
        let hash = location.hash.get_untracked();
        navigate(
            &format!("{canonical}{query}{hash}"),
            leptos_router::NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    });
}

/// An embed sits in someone else's article: no site header or footer.
fn is_embed() -> Memo<bool> {
    let location = use_location();
    Memo::new(move |_| location.pathname.get().starts_with("/embed/"))
}

/// The header. Only the embed check re-creates it; each text follows the
/// language on its own, so the language button just pressed keeps focus.
#[component]
fn Chrome() -> impl IntoView {
    let embed = is_embed();
    let i18n = use_i18n();
    let t = move || &i18n.t().common;
    move || {
        (!embed.get()).then(|| {
            view! {
                    <header class="site-header">
                        <a class="site-title" href="./">
                            {move || t().site_title}
                            <span class="site-subtitle">{move || t().site_subtitle}</span>
                        </a>
                        <nav class="site-nav" aria-label=move || t().nav_label>
                            <a href="./">{move || t().nav_map}</a>
                            <a href="districts">{move || t().nav_districts}</a>
                            <a href="composite">{move || t().nav_composite}</a>
                            <a href="compare">{move || t().nav_compare}</a>
                            <a href="wards">{move || t().nav_wards}</a>
                        </nav>
                        <LanguageSwitch />
                    </header>
            }
        })
    }
}

/// Two buttons, each naming its language in that language (so a reader who
/// cannot read the current one still finds theirs). The choice is
/// remembered, and the address is updated in place (no new history entry)
/// so that reloading it or copying it keeps the new language: `lang=en` is
/// added for English, and an existing `lang` is rewritten for Vietnamese.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let navigate = leptos_router::hooks::use_navigate();
    let choose = move |lang: Lang| {
        i18n.choose(lang);
        let search = location.search.get_untracked();
        let query = search.strip_prefix('?').unwrap_or(&search);
        if lang == Lang::En || lang_of_query(query).is_some() {
            let query = crate::home::with_lang(query, lang);
            let hash = location.hash.get_untracked();
            navigate(
                &format!("{}?{query}{hash}", location.pathname.get_untracked()),
                leptos_router::NavigateOptions {
                    replace: true,
                    scroll: false,
                    ..Default::default()
                },
            );
        }
    };
    let button = move |lang: Lang, name: &'static str| {
        let choose = choose.clone();
        view! {
            <button
                type="button"
                lang=lang.code()
                data-testid=format!("lang-{}", lang.code())
                aria-pressed=move || (i18n.lang() == lang).to_string()
                on:click=move |_| choose(lang)
            >
                {name}
            </button>
        }
    };
    view! {
        <div class="language-switch" role="group" aria-label=move || i18n.t().common.language_label>
            {button(Lang::Vi, "Tiếng Việt")}
            {button(Lang::En, "English")}
        </div>
    }
}

#[component]
fn Footer() -> impl IntoView {
    let embed = is_embed();
    let i18n = use_i18n();
    move || {
        let t = &i18n.t().common;
        (!embed.get()).then(|| {
            view! {
                    <footer class="site-footer">
                        <p>{t.footer_codes}" "{t.footer_open_source}</p>
                        <p><a href="publish">{i18n.t().publish.title}</a></p>
                    </footer>
            }
        })
    }
}

/// Removes the static "loading the app" message of index.html once the wasm
/// module runs, so the reader never sees two loading messages.
pub fn remove_boot_message() {
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
}
