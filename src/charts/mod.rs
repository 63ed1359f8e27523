//! Charts: ECharts options are built by `ward_domain::charts` (pure Rust,
//! charming) and drawn by the [`Chart`] component, which owns the ECharts
//! instance's whole life: load the script on first use, create, set the
//! option, resize with the container, forward clicks, dispose.
//!
//! **Invariant:** ECharts is loaded only when a `Chart` is mounted; the home
//! view mounts none until the reader asks for a chart.

pub mod echarts;

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::Reflect;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::files::{save_svg_as_png, save_text, svg_document, ImageHeader};
use crate::components::loading::Loading;
use echarts::{ChartError, Instance, Renderer};

/// A click on a chart item (a bar, a line point).
#[derive(Debug, Clone, PartialEq)]
pub struct ChartClick {
    /// The item's name: the data item's own name when it has one, else its
    /// category.
    pub name: String,
    pub series_name: String,
    /// Index of the item in its series' data.
    pub data_index: usize,
}

impl ChartClick {
    fn from_params(params: &JsValue) -> Option<ChartClick> {
        let get = |key: &str| Reflect::get(params, &JsValue::from_str(key)).ok();
        let text = |key: &str| get(key).and_then(|v| v.as_string()).unwrap_or_default();
        let index = get("dataIndex")?.as_f64()?;
        (index.is_finite() && index >= 0.0).then(|| ChartClick {
            name: text("name"),
            series_name: text("seriesName"),
            data_index: index as usize,
        })
    }
}

/// What a chart's downloads are called and say above the picture.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ChartExport {
    pub file_stem: String,
    pub header: ImageHeader,
}

/// Draws `option` once more with ECharts' SVG renderer, off screen and
/// without animation, and returns the SVG markup.
fn chart_svg(option: &str, width: u32, height: u32) -> Result<String, ChartError> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| ChartError::draw("no document"))?;
    let holder: web_sys::HtmlElement = document
        .create_element("div")
        .map_err(|e| ChartError::draw(echarts::describe(&e)))?
        .unchecked_into();
    let style = holder.style();
    for (name, value) in [
        ("position", "absolute".to_string()),
        ("left", "-10000px".to_string()),
        ("width", format!("{width}px")),
        ("height", format!("{height}px")),
    ] {
        let _ = style.set_property(name, &value);
    }
    let body = document.body().ok_or_else(|| ChartError::draw("no body"))?;
    let _ = body.append_child(&holder);
    let mut value: serde_json::Value =
        serde_json::from_str(option).map_err(|e| ChartError::draw(e.to_string()))?;
    if let Some(object) = value.as_object_mut() {
        object.insert("animation".into(), serde_json::Value::Bool(false));
    }
    let drawn = Instance::init(&holder, None, Renderer::Svg).and_then(|instance| {
        let url = instance
            .set_option_json(&value.to_string())
            .and_then(|()| instance.data_url("svg", 1.0));
        let _ = instance.dispose();
        url
    });
    holder.remove();
    let url = drawn?;
    let encoded = url
        .split_once(',')
        .map(|(_, data)| data)
        .unwrap_or_default();
    js_sys::decode_uri_component(encoded)
        .map(String::from)
        .map_err(|e| ChartError::draw(echarts::describe(&e)))
}

#[derive(Debug, Clone, PartialEq)]
enum Status {
    Loading,
    Loaded,
    Failed(ChartError),
}

impl Status {
    fn error(&self) -> Option<ChartError> {
        match self {
            Status::Failed(e) => Some(e.clone()),
            _ => None,
        }
    }
}

/// What a mounted chart holds on to until it is cleaned up.
struct Live {
    instance: Instance,
    observer: Option<web_sys::ResizeObserver>,
    _on_resize: Option<Closure<dyn FnMut(JsValue)>>,
    _on_click: Option<Closure<dyn FnMut(JsValue)>>,
}

impl Live {
    fn new(
        element: &web_sys::HtmlElement,
        on_click: Option<Callback<ChartClick>>,
    ) -> Result<Live, ChartError> {
        let instance = Instance::init(element, None, Renderer::Canvas)?;
        let click = match on_click {
            Some(callback) => {
                let closure = Closure::<dyn FnMut(JsValue)>::new(move |params: JsValue| {
                    if let Some(click) = ChartClick::from_params(&params) {
                        callback.run(click);
                    }
                });
                instance.on("click", closure.as_ref().unchecked_ref())?;
                Some(closure)
            }
            None => None,
        };
        let resized = instance.clone();
        let on_resize = Closure::<dyn FnMut(JsValue)>::new(move |_| {
            if let Err(e) = resized.resize() {
                web_sys::console::warn_1(&JsValue::from_str(&e.detail));
            }
        });
        // Without ResizeObserver (very old browsers) the chart keeps its
        // first size.
        let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
        if let Some(observer) = &observer {
            observer.observe(element);
        }
        Ok(Live {
            instance,
            observer,
            _on_resize: Some(on_resize),
            _on_click: click,
        })
    }

    fn end(self) {
        if let Some(observer) = &self.observer {
            observer.disconnect();
        }
        if let Err(e) = self.instance.dispose() {
            web_sys::console::warn_1(&JsValue::from_str(&e.detail));
        }
    }
}

/// An ECharts chart. Shows a loading message until the library is loaded,
/// and an error with "Thử lại" if it cannot be loaded or drawn; the rest of
/// the page keeps working either way.
#[component]
pub fn Chart(
    /// ECharts option as JSON text, built by ward_domain::charts::*.
    #[prop(into)]
    option: Signal<String>,
    /// What the chart shows, for screen readers (aria-label) — the page also shows a table.
    #[prop(into)]
    label: Signal<String>,
    /// CSS height in px (width follows the container).
    #[prop(into, optional)]
    height: Option<Signal<u32>>,
    #[prop(optional)] on_click: Option<Callback<ChartClick>>,
    /// Offer PNG and SVG downloads of the chart with this header.
    #[prop(optional, into)]
    export: Option<Signal<ChartExport>>,
) -> impl IntoView {
    let height = height.unwrap_or_else(|| Signal::stored(320));
    // One signal for the whole state (fewer reactive nodes: smaller wasm).
    let i18n = crate::i18n::use_i18n();
    let status = RwSignal::new(Status::Loading);
    let ready = RwSignal::new(false);
    let canvas = NodeRef::<leptos::html::Div>::new();
    let live: SendWrapper<Rc<RefCell<Option<Live>>>> = SendWrapper::new(Rc::default());

    let start = move || {
        status.set(Status::Loading);
        leptos::task::spawn_local(async move {
            let next = match echarts::load().await {
                Ok(()) => Status::Loaded,
                Err(e) => Status::Failed(e),
            };
            // The chart may be gone by now: then there is nothing to update.
            let _ = status.try_set(next);
        });
    };
    start();

    {
        let live = live.clone();
        Effect::new(move |_| {
            let text = option.get();
            if status.with(|s| *s != Status::Loaded) {
                return;
            }
            let Some(element) = canvas.get() else {
                return;
            };
            let mut slot = live.borrow_mut();
            if slot.is_none() {
                match Live::new(&element, on_click) {
                    Ok(created) => *slot = Some(created),
                    Err(e) => {
                        status.set(Status::Failed(e));
                        return;
                    }
                }
            }
            // A chart created while its box was still hidden takes a default
            // size: fit it to the box it has now.
            let drawn = slot.as_ref().map(|current| {
                current
                    .instance
                    .set_option_json(&text)
                    .and_then(|()| current.instance.resize())
            });
            match drawn {
                Some(Ok(())) => ready.set(true),
                Some(Err(e)) => status.set(Status::Failed(e)),
                None => {}
            }
        });
    }
    {
        let live = live.clone();
        on_cleanup(move || {
            if let Some(current) = live.borrow_mut().take() {
                current.end();
            }
        });
    }

    // Retry: a failed load is forgotten by `echarts::load`; a failed draw
    // starts again from a fresh instance.
    let retry = Callback::new(move |()| {
        if let Some(current) = live.borrow_mut().take() {
            current.end();
        }
        start();
    });

    let download = move |png: bool| {
        let Some(export) = export.map(|e| e.get_untracked()) else {
            return;
        };
        let (width, h) = (
            canvas
                .get_untracked()
                .map(|el| u32::try_from(el.client_width()).unwrap_or(640))
                .filter(|w| *w > 0)
                .unwrap_or(640),
            height.get_untracked(),
        );
        let made = chart_svg(&option.get_untracked(), width, h).map(|picture| {
            svg_document(&picture, f64::from(width), f64::from(h), "", &export.header)
        });
        let saved = match made {
            Ok(svg) if png => save_svg_as_png(svg, format!("{}.png", export.file_stem))
                .map_err(|e| ChartError::draw(echarts::describe(&e))),
            Ok(svg) => save_text(&svg, "image/svg+xml", &format!("{}.svg", export.file_stem))
                .map_err(|e| ChartError::draw(echarts::describe(&e))),
            Err(e) => Err(e),
        };
        if let Err(e) = saved {
            web_sys::console::warn_1(&JsValue::from_str(&e.detail));
        }
    };
    let downloads = move || {
        (export.is_some() && ready.get()).then(|| {
            view! {
                <div class="share-bar chart-downloads">
                    <span class="muted">{move || i18n.t().components.chart_download}</span>
                    <button type="button" data-testid="chart-png" on:click=move |_| download(true)>"PNG"</button>
                    <button type="button" data-testid="chart-svg" on:click=move |_| download(false)>"SVG"</button>
                    <crate::components::sandbox_note::SandboxDownloadNote />
                </div>
            }
        })
    };

    view! {
        <div
            class="chart"
            data-testid="chart"
            data-chart-ready=move || ready.get().then_some("true")
            role="figure"
            aria-label=move || label.get()
        >
            {move || status.with(|s| *s == Status::Loading).then(|| view! { <Loading what=|t| t.components.loading_chart /> })}
            {move || status.with(Status::error).map(|error| {
                let step = error.step;
                view! {
                <div class="load-error" role="alert" data-testid="chart-error">
                    <p class="load-error-headline">{move || step.headline(i18n.lang())}</p>
                    <details>
                        <summary>{move || i18n.t().components.technical_detail}</summary>
                        <p>{error.detail.clone()}</p>
                    </details>
                    <button type="button" data-testid="retry" on:click=move |_| retry.run(())>{move || i18n.t().components.retry}</button>
                </div>
            }})}
            // ECharts owns this element's children.
            <div
                class="chart-canvas"
                node_ref=canvas
                style:height=move || format!("{}px", height.get())
                style:display=move || {
                    if status.with(|s| *s == Status::Loaded) { "block" } else { "none" }
                }
            ></div>
            {downloads}
        </div>
    }
}
