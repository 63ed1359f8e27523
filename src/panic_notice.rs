//! A readable notice instead of a dead page when the app panics.
//!
//! The release build aborts on panic, so nothing can be recovered; the best
//! we can do is tell the reader, offer to reload, and log the details.
//!
//! The page's start-up script (`src/boot.js`) draws one message for every
//! way the app can fail to start or stop (a file that cannot be loaded or
//! fails its integrity check, a script error, a panic), so they all look the
//! same: the hook dispatches a cancelable `app-fatal` event on `window` with
//! the panic message as `detail`, and boot.js cancels it once drawn. Only
//! where no boot script runs (the wasm component tests) does this module
//! draw the same notice itself.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The id of the one failure message, shared with `src/boot.js`.
pub const FAILURE_ID: &str = "app-failure";

/// The event `src/boot.js` listens for.
const EVENT: &str = "app-fatal";

pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("hanoi-ward-dashboard panicked: {info}").into());
        let detail = format!("panicked: {info}");
        if !announce(&detail) {
            show_notice(&detail);
        }
    }));
}

/// Dispatches `app-fatal`; true when the boot script drew the message.
fn announce(detail: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    // `new CustomEvent(EVENT, {cancelable: true, detail})`, through Reflect
    // so that no web-sys feature is needed for one call.
    let event = (|| {
        let constructor: js_sys::Function =
            js_sys::Reflect::get(&window, &JsValue::from_str("CustomEvent"))?.dyn_into()?;
        let init = js_sys::Object::new();
        js_sys::Reflect::set(&init, &"cancelable".into(), &JsValue::TRUE)?;
        js_sys::Reflect::set(&init, &"detail".into(), &JsValue::from_str(detail))?;
        let args = js_sys::Array::of2(&JsValue::from_str(EVENT), &init);
        js_sys::Reflect::construct(&constructor, &args)?.dyn_into::<web_sys::Event>()
    })();
    let Ok(event) = event else {
        return false;
    };
    // `dispatch_event` is false when a listener cancelled the event.
    matches!(window.dispatch_event(&event), Ok(false))
}

/// The notice boot.js would draw (same id, classes and texts), for pages
/// without it.
fn show_notice(detail: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if document.get_element_by_id(FAILURE_ID).is_some() {
        return;
    }
    let Ok(notice) = document.create_element("div") else {
        return;
    };
    notice.set_id(FAILURE_ID);
    notice.set_class_name("panic-notice app-failure");
    let _ = notice.set_attribute("role", "alert");
    let _ = notice.set_attribute("data-testid", "app-failure");
    let _ = notice.set_attribute("data-kind", "crash");
    // Text only: the panic message may quote data, which is never HTML.
    if let Ok(h) = document.create_element("strong") {
        h.set_class_name("app-failure-heading");
        h.set_text_content(Some(
            "Ứng dụng gặp lỗi và đã dừng. / The app hit an error and stopped.",
        ));
        let _ = notice.append_child(&h);
    }
    if let Ok(p) = document.create_element("p") {
        p.set_text_content(Some("Hãy tải lại trang. Nếu lỗi lặp lại, xin báo cho chúng tôi kèm chi tiết dưới đây. / Please reload the page; if it happens again, report the detail below."));
        let _ = notice.append_child(&p);
    }
    if let Ok(button) = document.create_element("button") {
        button.set_class_name("app-reload");
        let _ = button.set_attribute("type", "button");
        let _ = button.set_attribute("data-testid", "reload");
        button.set_text_content(Some("Tải lại trang / Reload the page"));
        // Leaked on purpose: the page lives until it is reloaded.
        let reload = Closure::<dyn Fn()>::new(|| {
            if let Some(window) = web_sys::window() {
                let _ = window.location().reload();
            }
        });
        let _ = button.add_event_listener_with_callback("click", reload.as_ref().unchecked_ref());
        reload.forget();
        let _ = notice.append_child(&button);
    }
    if let Ok(code) = document.create_element("code") {
        code.set_text_content(Some(detail));
        let _ = notice.append_child(&code);
    }
    if let Some(body) = document.body() {
        let _ = body.prepend_with_node_1(notice.unchecked_ref());
    }
}
