//! Sharing the current view: copy its link, the phone's share sheet (Web
//! Share API, where the browser has it), and the embed builder, which
//! writes the iframe snippet for `/embed/{map,table,chart}` with a live
//! preview. The link is the address bar's: the view is already in the URL.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use ward_domain::embed::{iframe_snippet, EmbedKind, HEIGHT_RANGE};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The page's absolute URL, e.g. `https://…/?v=1&indicator=…`.
fn current_url() -> Option<String> {
    web_sys::window()?.location().href().ok()
}

/// The site's origin and base path (from `<base href>`), e.g. `https://…/`.
fn base_url() -> Option<String> {
    web_sys::window()?.document()?.base_uri().ok().flatten()
}

/// Calls `navigator.<method>(argument)` when the browser has it and awaits
/// the promise. Looked up dynamically: both APIs are missing in some
/// browsers (Web Share on most desktops), and web-sys marks them unstable.
async fn navigator_call(object: &str, method: &str, argument: JsValue) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let navigator: JsValue = window.navigator().into();
    let target = if object.is_empty() {
        navigator
    } else {
        js_sys::Reflect::get(&navigator, &object.into()).map_err(|_| "unsupported")?
    };
    let function = js_sys::Reflect::get(&target, &method.into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .ok_or("unsupported")?;
    let promise = function
        .call1(&target, &argument)
        .map_err(|_| "refused")?
        .dyn_into::<js_sys::Promise>()
        .map_err(|_| "no promise")?;
    JsFuture::from(promise)
        .await
        .map(|_| ())
        .map_err(|_| "refused".to_string())
}

fn has_web_share() -> bool {
    web_sys::window()
        .map(|w| JsValue::from(w.navigator()))
        .and_then(|n| js_sys::Reflect::get(&n, &"share".into()).ok())
        .is_some_and(|f| f.is_function())
}

async fn copy_text(text: String) -> Result<(), String> {
    navigator_call("clipboard", "writeText", JsValue::from_str(&text)).await
}

#[component]
pub fn ShareBar() -> impl IntoView {
    let message = RwSignal::new(String::new());
    let dialog_open = RwSignal::new(false);
    let can_share = has_web_share();

    let copy_link = move |_| {
        let Some(url) = current_url() else { return };
        leptos::task::spawn_local(async move {
            message.set(match copy_text(url).await {
                Ok(()) => "Đã chép liên kết tới đúng khung nhìn này.".into(),
                Err(_) => {
                    "Trình duyệt không cho chép tự động: hãy chép địa chỉ trên thanh địa chỉ."
                        .into()
                }
            });
        });
    };
    let share = move |_| {
        let Some(url) = current_url() else { return };
        let data = js_sys::Object::new();
        let title = web_sys::window()
            .and_then(|w| w.document())
            .map(|d| d.title())
            .unwrap_or_default();
        let _ = js_sys::Reflect::set(&data, &"title".into(), &title.into());
        let _ = js_sys::Reflect::set(&data, &"url".into(), &url.into());
        leptos::task::spawn_local(async move {
            // A cancelled share sheet is not an error worth a message.
            let _ = navigator_call("", "share", data.into()).await;
        });
    };

    view! {
        <div class="share-bar" role="group" aria-label="Chia sẻ khung nhìn này">
            <button type="button" data-testid="copy-link" on:click=copy_link>"Chép liên kết"</button>
            {can_share.then(|| view! {
                <button type="button" data-testid="web-share" on:click=share>"Chia sẻ…"</button>
            })}
            <button
                type="button"
                data-testid="open-embed"
                aria-expanded=move || dialog_open.get().to_string()
                aria-controls="embed-builder"
                on:click=move |_| dialog_open.update(|open| *open = !*open)
            >
                "Nhúng vào bài viết"
            </button>
            <span class="share-message" role="status" aria-live="polite">{move || message.get()}</span>
        </div>
        <Show when=move || dialog_open.get()>
            <EmbedBuilder close=Callback::new(move |()| dialog_open.set(false)) />
        </Show>
    }
}

/// Builds the iframe snippet for the current view, with a live preview.
#[component]
fn EmbedBuilder(close: Callback<()>) -> impl IntoView {
    let location = use_location();
    let kind = RwSignal::new(EmbedKind::Map);
    let title = RwSignal::new("Hiệu quả các phường Hà Nội".to_string());
    let height = RwSignal::new(EmbedKind::Map.default_height());
    let copied = RwSignal::new(String::new());
    let src = Memo::new(move |_| {
        let base = base_url().unwrap_or_default();
        format!(
            "{base}embed/{}{}",
            kind.get().id(),
            super::url_sync::query_suffix(&location.search.get())
        )
    });
    let snippet = Memo::new(move |_| iframe_snippet(&src.get(), &title.get(), height.get()));
    let copy = move |_| {
        let text = snippet.get_untracked();
        leptos::task::spawn_local(async move {
            copied.set(match copy_text(text).await {
                Ok(()) => "Đã chép mã nhúng.".into(),
                Err(_) => "Hãy chọn và chép mã trong ô trên.".into(),
            });
        });
    };
    let kind_label = |k: EmbedKind| match k {
        EmbedKind::Map => "Bản đồ",
        EmbedKind::Table => "Bảng xếp hạng",
        EmbedKind::Chart => "Biểu đồ xếp hạng",
    };

    view! {
        <section id="embed-builder" class="embed-builder" aria-label="Tạo mã nhúng" data-testid="embed-builder">
            <h2>"Nhúng khung nhìn này vào bài viết"</h2>
            <p class="muted">
                "Khung nhúng luôn hiện nhãn nguồn dữ liệu (và nhãn “Dữ liệu minh họa” nếu số liệu là minh họa) cùng liên kết về trang đầy đủ."
            </p>
            <div class="controls">
                <label class="control">
                    <span>"Hiển thị"</span>
                    <select
                        id="embed-kind"
                        on:change=move |ev| {
                            if let Some(k) = EmbedKind::parse(&event_target_value(&ev)) {
                                kind.set(k);
                                height.set(k.default_height());
                            }
                        }
                    >
                        {EmbedKind::ALL
                            .into_iter()
                            .map(|k| view! { <option value=k.id() selected=k == EmbedKind::Map>{kind_label(k)}</option> })
                            .collect_view()}
                    </select>
                </label>
                <label class="control control-indicator">
                    <span>"Tiêu đề khung (cho trình đọc màn hình)"</span>
                    <input
                        id="embed-title"
                        type="text"
                        prop:value=move || title.get()
                        on:input=move |ev| title.set(event_target_value(&ev))
                    />
                </label>
                <label class="control">
                    <span>"Chiều cao (px)"</span>
                    <input
                        id="embed-height"
                        type="number"
                        min=HEIGHT_RANGE.0.to_string()
                        max=HEIGHT_RANGE.1.to_string()
                        step="10"
                        prop:value=move || height.get().to_string()
                        on:change=move |ev| {
                            if let Ok(h) = event_target_value(&ev).parse::<u32>() {
                                height.set(h.clamp(HEIGHT_RANGE.0, HEIGHT_RANGE.1));
                            }
                        }
                    />
                </label>
            </div>
            <label class="snippet">
                <span>"Mã nhúng"</span>
                <textarea id="embed-snippet" readonly rows="4" prop:value=move || snippet.get()></textarea>
            </label>
            <div class="share-bar">
                <button type="button" data-testid="copy-snippet" on:click=copy>"Chép mã nhúng"</button>
                <button type="button" on:click=move |_| close.run(())>"Đóng"</button>
                <span class="share-message" role="status" aria-live="polite">{move || copied.get()}</span>
            </div>
            <p class="muted">"Xem trước:"</p>
            <iframe
                class="embed-preview"
                data-testid="embed-preview"
                src=move || src.get()
                title=move || title.get()
                height=move || height.get().to_string()
            ></iframe>
        </section>
    }
}
