//! Home: the map and ranking of the 175 pilot wards.

use leptos::prelude::*;

use crate::api::fetch_base;
use crate::components::load_error::LoadErrorNotice;
use crate::components::loading::Loading;
use crate::components::retry::retryable;
use crate::home::HomeView;

#[component]
pub fn HomePage() -> impl IntoView {
    let (base, retry) = retryable(fetch_base);

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
