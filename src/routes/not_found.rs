use leptos::prelude::*;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <section class="not-found">
            <h1>"Không tìm thấy trang"</h1>
            <p>"Địa chỉ này không có trong bảng theo dõi. "<a href="./">"Về trang chính"</a></p>
        </section>
    }
}
