//! `/wards`: the 175 pilot wards listed under their 13 district-level units,
//! a plain index that works without the map.

use leptos::prelude::*;

use crate::api::fetch_registry;
use crate::components::load_error::LoadErrorNotice;
use crate::components::loading::Loading;
use crate::components::retry::retryable;
use crate::components::ward_directory::WardDirectory;

#[component]
pub fn WardsPage() -> impl IntoView {
    let (registry, retry) = retryable(fetch_registry);

    view! {
        <section class="wards-page">
            <h1>"Danh sách 175 phường thí điểm"</h1>
            <p class="lede">
                "Các phường của 12 quận và thị xã Sơn Tây thí điểm mô hình chính quyền đô thị từ ngày 1/7/2021, "
                "theo mã đơn vị hành chính của Tổng cục Thống kê (năm 2021)."
            </p>
            <Suspense fallback=|| view! { <Loading what="danh sách phường" /> }>
                {move || {
                    registry
                        .get()
                        .map(|result| match result {
                            Ok(registry) => view! { <WardDirectory registry /> }.into_any(),
                            Err(error) => view! { <LoadErrorNotice error retry /> }.into_any(),
                        })
                }}
            </Suspense>
        </section>
    }
}
