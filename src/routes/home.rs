//! Home: the map and ranking of the 175 pilot wards.

use leptos::prelude::*;

use crate::home::HomeView;
use crate::i18n::use_i18n;
use crate::store::WithBase;

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="home">
            <h1>{move || i18n.t().home.page_title}</h1>
            <p class="lede">
                {move || i18n.t().home.lede_before_son_tay}
                <span lang="vi">"Sơn Tây"</span>
                {move || i18n.t().home.lede_after_son_tay}
            </p>
            <crate::import::panel::ImportPanel />
            <WithBase view=|base| view! { <HomeView base /> } />
        </section>
    }
}
