//! Components rendered in a real headless Chromium by wasm-bindgen-test
//! (`CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test wasm_components`).
#![cfg(target_arch = "wasm32")]

use hanoi_ward_dashboard::api::LoadError;
use hanoi_ward_dashboard::components::load_error::LoadErrorNotice;
use hanoi_ward_dashboard::components::ward_directory::WardDirectory;
use hanoi_ward_dashboard::i18n::{provide_i18n, Lang};
use leptos::prelude::*;
use ward_domain::Registry;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh container in the test page's body.
fn container() -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let div = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

#[wasm_bindgen_test]
async fn load_error_shows_the_status_and_retries() {
    let root = container();
    let retries = RwSignal::new(0);
    let error = LoadError::Status {
        url: "data/wards.json".into(),
        status: 503,
        status_text: "Service Unavailable".into(),
    };
    let language = std::rc::Rc::new(std::cell::Cell::new(None));
    let handle = leptos::mount::mount_to(root.clone(), {
        let language = language.clone();
        move || {
            language.set(Some(provide_i18n()));
            let retry = Callback::new(move |_| retries.update(|n| *n += 1));
            view! { <LoadErrorNotice error=error.clone() retry /> }
        }
    });

    let notice = root
        .query_selector("[data-testid=load-error]")
        .unwrap()
        .unwrap();
    assert_eq!(notice.get_attribute("role").as_deref(), Some("alert"));
    let text = notice.text_content().unwrap();
    assert!(text.contains("503"), "{text}");
    assert!(
        text.contains("data/wards.json: HTTP 503 Service Unavailable"),
        "{text}"
    );

    let button: web_sys::HtmlElement = root
        .query_selector("[data-testid=retry]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    button.click();
    button.click();
    assert_eq!(retries.get_untracked(), 2);

    // The reader switches language: the notice changes in place.
    let headline = || {
        root.query_selector(".load-error-headline")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap()
    };
    assert!(
        headline().contains("Máy chủ dữ liệu báo lỗi 503"),
        "{}",
        headline()
    );
    language.get().expect("mounted").choose(Lang::En);
    leptos::task::tick().await;
    assert!(
        headline().contains("The data server answered with error 503"),
        "{}",
        headline()
    );
    drop(handle);
}

#[wasm_bindgen_test]
fn ward_directory_groups_wards_and_never_inserts_html() {
    // A ward name that looks like markup must come out as text.
    let registry = Registry::parse(
        r#"{
          "districts": [{"code": "002", "name": "Hoàn Kiếm", "full_name": "Quận Hoàn Kiếm", "folded": "hoan kiem"}],
          "wards": [
            {"code": "00037", "name": "Hàng Bồ", "full_name": "Phường Hàng Bồ", "district": "002", "folded": "hang bo"},
            {"code": "00099", "name": "<b>x</b>", "full_name": "Phường <b>x</b>", "district": "002", "folded": "<b>x</b>"}
          ]
        }"#,
    )
    .expect("valid test registry");
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        provide_i18n();
        view! { <WardDirectory registry=registry.clone() /> }
    });

    let section = root
        .query_selector("section[data-district='002']")
        .unwrap()
        .unwrap();
    assert!(section.text_content().unwrap().contains("Quận Hoàn Kiếm"));
    assert_eq!(
        section
            .query_selector_all("li[data-ward]")
            .unwrap()
            .length(),
        2
    );
    let hang_bo = root
        .query_selector("li[data-ward='00037']")
        .unwrap()
        .unwrap();
    assert!(hang_bo.text_content().unwrap().contains("Hàng Bồ"));
    assert!(
        root.query_selector("li b").unwrap().is_none(),
        "names are text, not HTML"
    );
    drop(handle);
}
