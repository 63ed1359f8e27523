//! The ECharts script and the few calls the dashboard makes on it.
//!
//! `echarts.js` (the tree-shaken subset built by `scripts/build-echarts.mjs`,
//! exposing `globalThis.echarts = { init, getInstanceByDom, version }`) is
//! not part of the page: [`load`] injects `<script src="echarts.js">` the
//! first time a chart is shown. Every chart awaits the same load; a failed
//! load is forgotten, so "Thử lại" tries again.
//!
//! Every call into JavaScript is `catch`ed: an exception becomes a
//! [`ChartError`], never a panic.

use std::cell::RefCell;
use std::rc::Rc;

use futures::future::{FutureExt, LocalBoxFuture, Shared};
use js_sys::{Function, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The script's URL, relative to the page's `<base>` (trunk's public URL).
pub const SCRIPT_URL: &str = "echarts.js";

/// What went wrong, for the page: which step failed (the headline, in the
/// reader's language) and a technical detail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartError {
    pub step: ChartStep,
    pub detail: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartStep {
    /// The library could not be loaded (network, HTTP error, broken file).
    Load,
    /// The library is there but drawing failed.
    Draw,
}

impl ChartStep {
    /// What failed, in one sentence in `lang`.
    pub fn headline(self, lang: crate::i18n::Lang) -> &'static str {
        let t = &crate::i18n::catalogue(lang).components;
        match self {
            ChartStep::Load => t.chart_load_failed,
            ChartStep::Draw => t.chart_draw_failed,
        }
    }
}

impl ChartError {
    pub fn load(detail: impl Into<String>) -> ChartError {
        ChartError {
            step: ChartStep::Load,
            detail: detail.into(),
        }
    }

    pub fn draw(detail: impl Into<String>) -> ChartError {
        ChartError {
            step: ChartStep::Draw,
            detail: detail.into(),
        }
    }
}

/// The message of a JavaScript exception or rejection.
pub fn describe(error: &JsValue) -> String {
    if let Some(e) = error.dyn_ref::<js_sys::Error>() {
        return String::from(e.message());
    }
    error.as_string().unwrap_or_else(|| format!("{error:?}"))
}

#[wasm_bindgen]
extern "C" {
    /// An ECharts instance (`echarts.init`'s result).
    #[derive(Debug, Clone)]
    pub type Instance;

    #[wasm_bindgen(catch, js_namespace = echarts, js_name = init)]
    fn init_js(
        element: &web_sys::HtmlElement,
        theme: &JsValue,
        opts: &JsValue,
    ) -> Result<Instance, JsValue>;

    #[wasm_bindgen(catch, method, js_name = setOption)]
    fn set_option_js(this: &Instance, option: &JsValue, opts: &JsValue) -> Result<(), JsValue>;

    #[wasm_bindgen(catch, method, js_name = on)]
    fn on_js(this: &Instance, event: &str, handler: &Function) -> Result<(), JsValue>;

    #[wasm_bindgen(catch, method, js_name = resize)]
    fn resize_js(this: &Instance) -> Result<(), JsValue>;

    #[wasm_bindgen(catch, method, js_name = dispose)]
    fn dispose_js(this: &Instance) -> Result<(), JsValue>;

    #[wasm_bindgen(catch, method, js_name = getDataURL)]
    fn get_data_url_js(this: &Instance, opts: &JsValue) -> Result<String, JsValue>;
}

/// How ECharts draws: canvas on screen, SVG for export (later).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Renderer {
    Canvas,
    Svg,
}

impl Renderer {
    fn as_str(self) -> &'static str {
        match self {
            Renderer::Canvas => "canvas",
            Renderer::Svg => "svg",
        }
    }
}

fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    for (key, value) in pairs {
        // Setting a property on a fresh plain object cannot fail.
        let _ = Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object.into()
}

impl Instance {
    /// `echarts.init(element, theme, { renderer })`. [`load`] first.
    pub fn init(
        element: &web_sys::HtmlElement,
        theme: Option<&str>,
        renderer: Renderer,
    ) -> Result<Instance, ChartError> {
        let theme = theme.map(JsValue::from_str).unwrap_or(JsValue::NULL);
        let opts = object(&[("renderer", JsValue::from_str(renderer.as_str()))]);
        init_js(element, &theme, &opts).map_err(|e| ChartError::draw(describe(&e)))
    }

    /// `chart.setOption(JSON.parse(option), { notMerge: true })`: the
    /// option replaces the previous one entirely.
    pub fn set_option_json(&self, option: &str) -> Result<(), ChartError> {
        let value = js_sys::JSON::parse(option)
            .map_err(|e| ChartError::draw(format!("option JSON: {}", describe(&e))))?;
        let opts = object(&[("notMerge", JsValue::TRUE)]);
        self.set_option_js(&value, &opts)
            .map_err(|e| ChartError::draw(describe(&e)))
    }

    /// `chart.on(event, handler)`; the caller keeps `handler` alive as long
    /// as the chart.
    pub fn on(&self, event: &str, handler: &Function) -> Result<(), ChartError> {
        self.on_js(event, handler)
            .map_err(|e| ChartError::draw(describe(&e)))
    }

    /// Fits the chart to its element's current size.
    pub fn resize(&self) -> Result<(), ChartError> {
        self.resize_js().map_err(|e| ChartError::draw(describe(&e)))
    }

    /// Frees the chart; its element is left empty.
    pub fn dispose(&self) -> Result<(), ChartError> {
        self.dispose_js()
            .map_err(|e| ChartError::draw(describe(&e)))
    }

    /// The chart as an image `data:` URL (`kind`: "png", "jpeg" or "svg",
    /// the latter with the SVG renderer), for export.
    pub fn data_url(&self, kind: &str, pixel_ratio: f64) -> Result<String, ChartError> {
        let opts = object(&[
            ("type", JsValue::from_str(kind)),
            ("pixelRatio", JsValue::from_f64(pixel_ratio)),
        ]);
        self.get_data_url_js(&opts)
            .map_err(|e| ChartError::draw(describe(&e)))
    }
}

type Handler = Closure<dyn FnMut(JsValue)>;

type Load = Shared<LocalBoxFuture<'static, Result<(), ChartError>>>;

thread_local! {
    static LOAD: RefCell<Option<Load>> = const { RefCell::new(None) };
}

/// Whether `globalThis.echarts.init` is a function.
fn is_present() -> bool {
    Reflect::get(&js_sys::global(), &JsValue::from_str("echarts"))
        .ok()
        .filter(|e| e.is_object())
        .and_then(|e| Reflect::get(&e, &JsValue::from_str("init")).ok())
        .is_some_and(|init| init.is_function())
}

/// Loads the ECharts script once; concurrent and later callers share the
/// same load. On failure the load is forgotten (and its `<script>`
/// removed), so the next call tries again.
pub async fn load() -> Result<(), ChartError> {
    let load = LOAD.with(|slot| {
        slot.borrow_mut()
            .get_or_insert_with(|| inject().boxed_local().shared())
            .clone()
    });
    let result = load.clone().await;
    if result.is_err() {
        LOAD.with(|slot| {
            let mut slot = slot.borrow_mut();
            if slot.as_ref().is_some_and(|current| current.ptr_eq(&load)) {
                *slot = None;
            }
        });
    }
    result
}

async fn inject() -> Result<(), ChartError> {
    if is_present() {
        return Ok(());
    }
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| ChartError::load("no document"))?;
    let script: web_sys::HtmlScriptElement = document
        .create_element("script")
        .map_err(|e| ChartError::load(describe(&e)))?
        .unchecked_into();
    // Relative to <base>: the page may live under a public URL prefix.
    script.set_src(SCRIPT_URL);
    script.set_async(true);
    // The handlers live until the promise settles (dropped below).
    let handlers: Rc<RefCell<Vec<Handler>>> = Rc::default();
    let loaded = js_sys::Promise::new(&mut |resolve: Function, reject: Function| {
        let on_load = Closure::<dyn FnMut(JsValue)>::new(move |_| {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        });
        let on_error = Closure::<dyn FnMut(JsValue)>::new(move |_| {
            let _ = reject.call1(
                &JsValue::UNDEFINED,
                &JsValue::from_str(&format!(
                    "{SCRIPT_URL}: the request failed (network error or HTTP error status)"
                )),
            );
        });
        script.set_onload(Some(on_load.as_ref().unchecked_ref()));
        script.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        handlers.borrow_mut().extend([on_load, on_error]);
    });
    let parent = document
        .head()
        .map(web_sys::Node::from)
        .or_else(|| document.body().map(web_sys::Node::from))
        .ok_or_else(|| ChartError::load("no <head>"))?;
    parent
        .append_child(&script)
        .map_err(|e| ChartError::load(describe(&e)))?;
    let result = JsFuture::from(loaded).await;
    script.set_onload(None);
    script.set_onerror(None);
    drop(handlers);
    let result = match result {
        Err(e) => Err(ChartError::load(describe(&e))),
        // The file arrived but did not define the API (e.g. an HTML error page).
        Ok(_) if !is_present() => Err(ChartError::load(format!(
            "{SCRIPT_URL} loaded but did not define echarts.init"
        ))),
        Ok(_) => Ok(()),
    };
    if result.is_err() {
        script.remove();
    }
    result
}
