//! A readable notice instead of a dead page when the app panics.
//!
//! The release build aborts on panic, so nothing can be recovered; the best
//! we can do is tell the reader, point at reloading, and log the details.

use wasm_bindgen::JsCast;

const NOTICE_ID: &str = "panic-notice";

pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("hanoi-ward-dashboard panicked: {info}").into());
        show_notice(&info.to_string());
    }));
}

fn show_notice(detail: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if document.get_element_by_id(NOTICE_ID).is_some() {
        return;
    }
    let Ok(notice) = document.create_element("div") else {
        return;
    };
    notice.set_id(NOTICE_ID);
    notice.set_class_name("panic-notice");
    let _ = notice.set_attribute("role", "alert");
    // Text only: the panic message may quote data, which is never HTML.
    let heading = document.create_element("strong").ok();
    if let Some(h) = &heading {
        h.set_text_content(Some(
            "Ứng dụng gặp lỗi và đã dừng. / The app hit an error and stopped.",
        ));
        let _ = notice.append_child(h);
    }
    if let Ok(p) = document.create_element("p") {
        p.set_text_content(Some("Hãy tải lại trang. Nếu lỗi lặp lại, xin báo cho chúng tôi kèm chi tiết dưới đây. / Please reload the page; if it happens again, report the detail below."));
        let _ = notice.append_child(&p);
    }
    if let Ok(code) = document.create_element("code") {
        code.set_text_content(Some(detail));
        let _ = notice.append_child(&code);
    }
    if let Some(body) = document.body() {
        let _ = body.prepend_with_node_1(notice.unchecked_ref());
    }
}
