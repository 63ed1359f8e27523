//! Sharing the current view: copy its link, the phone's share sheet (Web
//! Share API, where the browser has it), and the embed builder, which
//! writes the iframe snippet for `/embed/{map,table,chart}` with a live
//! preview. The link is the address bar's (the view is already in the
//! URL) with the reader's language added, so it opens in that language.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use ward_domain::embed::{iframe_snippet, EmbedKind, HEIGHT_RANGE};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::url_sync::{url_with_lang, with_lang};
use crate::i18n::{use_i18n, Catalogue};

/// The page's absolute URL in the reader's language, e.g.
/// `https://…/?v=1&indicator=…&lang=en`.
fn current_url(lang: crate::i18n::Lang) -> Option<String> {
    let href = web_sys::window()?.location().href().ok()?;
    Some(url_with_lang(&href, lang))
}

/// What the last copy did. Kept as a choice rather than a text, so that it
/// follows a switch of language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Copied {
    Yes,
    No,
}

impl Copied {
    fn of(result: Result<(), String>) -> Copied {
        if result.is_ok() {
            Copied::Yes
        } else {
            Copied::No
        }
    }
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
    let i18n = use_i18n();
    let message = RwSignal::new(None::<Copied>);
    let dialog_open = RwSignal::new(false);
    let can_share = has_web_share();

    let copy_link = move |_| {
        let Some(url) = current_url(i18n.lang_untracked()) else {
            return;
        };
        leptos::task::spawn_local(async move {
            message.set(Some(Copied::of(copy_text(url).await)));
        });
    };
    let message_text = move || {
        let t = &i18n.t().home;
        message.get().map(|copied| match copied {
            Copied::Yes => t.link_copied,
            Copied::No => t.link_not_copied,
        })
    };
    let share = move |_| {
        let Some(url) = current_url(i18n.lang_untracked()) else {
            return;
        };
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
        <div class="share-bar" role="group" aria-label=move || i18n.t().home.share_label>
            <button type="button" data-testid="copy-link" on:click=copy_link>
                {move || i18n.t().home.copy_link}
            </button>
            {can_share.then(|| view! {
                <button type="button" data-testid="web-share" on:click=share>
                    {move || i18n.t().home.web_share}
                </button>
            })}
            <button
                type="button"
                data-testid="open-embed"
                aria-expanded=move || dialog_open.get().to_string()
                aria-controls="embed-builder"
                on:click=move |_| dialog_open.update(|open| *open = !*open)
            >
                {move || i18n.t().home.open_embed}
            </button>
            <span class="share-message" role="status" aria-live="polite">{message_text}</span>
        </div>
        <Show when=move || dialog_open.get()>
            <EmbedBuilder close=Callback::new(move |()| dialog_open.set(false)) />
        </Show>
    }
}

/// Builds the iframe snippet for the current view, with a live preview.
#[component]
fn EmbedBuilder(close: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let kind = RwSignal::new(EmbedKind::Map);
    // The reader's own title, once they type one; until then the default
    // title in the current language.
    let typed_title = RwSignal::new(None::<String>);
    let title = Memo::new(move |_| {
        typed_title
            .get()
            .unwrap_or_else(|| i18n.t().home.embed_default_title.to_string())
    });
    let height = RwSignal::new(EmbedKind::Map.default_height());
    let copied = RwSignal::new(None::<Copied>);
    // The embed always names its language, so the article shows the view in
    // the language it was built in whatever its readers chose on the site.
    let src = Memo::new(move |_| {
        let base = base_url().unwrap_or_default();
        let search = location.search.get();
        let query = with_lang(search.strip_prefix('?').unwrap_or(&search), i18n.lang());
        format!("{base}embed/{}?{query}", kind.get().id())
    });
    let snippet = Memo::new(move |_| iframe_snippet(&src.get(), &title.get(), height.get()));
    let copy = move |_| {
        let text = snippet.get_untracked();
        leptos::task::spawn_local(async move {
            copied.set(Some(Copied::of(copy_text(text).await)));
        });
    };
    let copied_text = move || {
        let t = &i18n.t().home;
        copied.get().map(|c| match c {
            Copied::Yes => t.snippet_copied,
            Copied::No => t.snippet_not_copied,
        })
    };
    let kind_label = |t: &'static Catalogue, k: EmbedKind| match k {
        EmbedKind::Map => t.home.embed_kind_map,
        EmbedKind::Table => t.home.embed_kind_table,
        EmbedKind::Chart => t.home.embed_kind_chart,
    };

    view! {
        <section
            id="embed-builder"
            class="embed-builder"
            aria-label=move || i18n.t().home.embed_builder_label
            data-testid="embed-builder"
        >
            <h2>{move || i18n.t().home.embed_builder_heading}</h2>
            <p class="muted">{move || i18n.t().home.embed_builder_note}</p>
            <div class="controls">
                <label class="control">
                    <span>{move || i18n.t().home.embed_kind_label}</span>
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
                            .map(|k| {
                                view! {
                                    <option value=k.id() selected=k == EmbedKind::Map>
                                        {move || kind_label(i18n.t(), k)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
                <label class="control control-indicator">
                    <span>{move || i18n.t().home.embed_title_label}</span>
                    <input
                        id="embed-title"
                        type="text"
                        prop:value=move || title.get()
                        on:input=move |ev| typed_title.set(Some(event_target_value(&ev)))
                    />
                </label>
                <label class="control">
                    <span>{move || i18n.t().home.embed_height_label}</span>
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
                <span>{move || i18n.t().home.embed_snippet_label}</span>
                <textarea id="embed-snippet" readonly rows="4" prop:value=move || snippet.get()></textarea>
            </label>
            <div class="share-bar">
                <button type="button" data-testid="copy-snippet" on:click=copy>
                    {move || i18n.t().home.copy_snippet}
                </button>
                <button type="button" on:click=move |_| close.run(())>{move || i18n.t().home.close}</button>
                <span class="share-message" role="status" aria-live="polite">{copied_text}</span>
            </div>
            <p class="muted">{move || i18n.t().home.preview}</p>
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
