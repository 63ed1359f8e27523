use leptos::prelude::*;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <section class="not-found">
            <h1>"Không tìm thấy trang"</h1>
            <p>"Không có trang nào ở địa chỉ này. "<a href="./">"Về trang chính"</a></p>
        </section>
    }
}
