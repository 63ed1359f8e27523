//! Home: the map and ranking of the 175 pilot wards.

use leptos::prelude::*;

use crate::api::fetch_base;
use crate::components::load_error::LoadErrorNotice;
use crate::components::loading::Loading;
use crate::home::HomeView;

#[component]
pub fn HomePage() -> impl IntoView {
    // Bumped by the retry button; the resource refetches when it changes.
    let attempt = RwSignal::new(0u32);
    let base = LocalResource::new(move || {
        attempt.track();
        fetch_base()
    });
    let retry = Callback::new(move |_| attempt.update(|n| *n += 1));

    view! {
        <section class="home">
            <h1>"175 phường thí điểm chính quyền đô thị Hà Nội"</h1>
            <p class="lede">
                "Từ ngày 1/7/2021, Hà Nội thí điểm mô hình chính quyền đô thị tại 175 phường "
                "của 12 quận và thị xã Sơn Tây. Chọn chỉ số và kỳ để xem từng phường trên bản đồ và bảng xếp hạng."
            </p>
            <Suspense fallback=|| view! { <Loading what="danh sách phường và bản đồ" /> }>
                {move || {
                    base.get()
                        .map(|result| match result {
                            Ok(base) => view! { <HomeView base /> }.into_any(),
                            Err(error) => view! { <LoadErrorNotice error retry /> }.into_any(),
                        })
                }}
            </Suspense>
        </section>
    }
}
