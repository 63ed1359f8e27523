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
) -> impl IntoView {
    let height = height.unwrap_or_else(|| Signal::stored(320));
    // One signal for the whole state (fewer reactive nodes: smaller wasm).
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
            let drawn = slot
                .as_ref()
                .map(|current| current.instance.set_option_json(&text));
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

    view! {
        <div
            class="chart"
            data-testid="chart"
            data-chart-ready=move || ready.get().then_some("true")
            role="figure"
            aria-label=move || label.get()
        >
            {move || status.with(|s| *s == Status::Loading).then(|| view! { <Loading what="biểu đồ" /> })}
            {move || status.with(Status::error).map(|error| view! {
                <div class="load-error" role="alert" data-testid="chart-error">
                    <p class="load-error-headline">{error.headline.clone()}</p>
                    <details>
                        <summary>"Chi tiết kỹ thuật"</summary>
                        <p>{error.detail.clone()}</p>
                    </details>
                    <button type="button" data-testid="retry" on:click=move |_| retry.run(())>"Thử lại"</button>
                </div>
            })}
            // ECharts owns this element's children.
            <div
                class="chart-canvas"
                node_ref=canvas
                style:height=move || format!("{}px", height.get())
                style:display=move || {
                    if status.with(|s| *s == Status::Loaded) { "block" } else { "none" }
                }
            ></div>
        </div>
    }
}
