//! Home: the map and ranking of the 175 pilot wards.

use leptos::prelude::*;

use crate::home::HomeView;
use crate::store::WithBase;

#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <section class="home">
            <h1>"175 phường thí điểm chính quyền đô thị Hà Nội"</h1>
            <p class="lede">
                "Từ ngày 1/7/2021, Hà Nội thí điểm mô hình chính quyền đô thị tại 175 phường "
                "của 12 quận và thị xã Sơn Tây. Chọn chỉ số và kỳ để xem từng phường trên bản đồ và bảng xếp hạng."
            </p>
            <WithBase view=|base| view! { <HomeView base /> } />
        </section>
    }
}
