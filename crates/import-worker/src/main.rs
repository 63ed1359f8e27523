//! The import worker: runs [`ward_domain::import::pipeline::run`] off the
//! page's thread, on first use only.
//!
//! trunk builds it from `<link data-trunk rel="rust" data-type="worker">` in
//! index.html (wasm-bindgen's `no-modules` glue, which defines the global
//! `wasm_bindgen`); scripts/finish-index.mjs then names its files by their
//! content and writes the loader (`loader.js` in this crate) that the app
//! starts as a classic Worker (`src/import/worker_client.rs`).
//!
//! Messages (structured clone):
//! - worker → page, once started: `{kind: "ready"}`; if it cannot start:
//!   `{kind: "start-failed", message}` (the loader sends it too, when the
//!   glue or the wasm cannot be loaded or fails its integrity check);
//! - page → worker: `{id: number, bytes: Uint8Array, request: string}`, the
//!   file's bytes and an [`ImportRequest`] as JSON;
//! - worker → page: `{id, outcome: string}`, the [`ImportOutcome`] as JSON,
//!   or `{id, error: string}` when the message itself was malformed (a bug
//!   of the page, never of the user's file: the pipeline reports every
//!   problem of a file in the outcome);
//! - page → worker: `{id, kind: "boundaries", text: string, width: number}`,
//!   a GeoJSON boundaries file to lay out `width` viewBox units wide (a
//!   message without `kind` is an import);
//! - worker → page: `{id, outcome: string}`, the result of
//!   [`BoundaryMap::load`] as JSON: `{"Ok": {"value": BoundaryMap,
//!   "warnings": [Problem]}}` or `{"Err": [Problem]}`; or `{id, error}` as
//!   above. So the GeoJSON parser and the layout stay out of the app's
//!   first download too.
//!
//! A panic aborts (release profile), which traps the wasm and raises an
//! uncaught error in the worker; the page sees it as the Worker's `error`
//! event and starts a fresh worker for the next request.
//!
//! The registry of the 175 wards is embedded (the same `wards.json` the app
//! serves and the `ward-import` checker embeds), so a request carries only
//! the file and the user's choices.

fn main() {
    #[cfg(target_arch = "wasm32")]
    worker::start();
}

#[cfg(target_arch = "wasm32")]
mod worker {
    use js_sys::{Object, Reflect, Uint8Array};
    use ward_domain::boundary_map::BoundaryMap;
    use ward_domain::import::{pipeline, ImportRequest};
    use ward_domain::Registry;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    const WARDS_JSON: &str = include_str!("../../../public/data/wards.json");

    /// `{key: value, …}` as a JS object.
    fn object(entries: &[(&str, JsValue)]) -> JsValue {
        let object = Object::new();
        for (key, value) in entries {
            // Setting a property of a fresh plain object cannot fail.
            let _ = Reflect::set(&object, &JsValue::from_str(key), value);
        }
        object.into()
    }

    fn post(scope: &DedicatedWorkerGlobalScope, message: &JsValue) {
        // Fails only for values that cannot be cloned; ours are plain.
        let _ = scope.post_message(message);
    }

    pub fn start() {
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let registry = match Registry::parse(WARDS_JSON) {
            Ok(registry) => registry,
            Err(problems) => {
                let message = format!("the embedded wards.json is invalid: {problems:?}");
                post(
                    &scope,
                    &object(&[("kind", "start-failed".into()), ("message", message.into())]),
                );
                return;
            }
        };
        let reply_scope = scope.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let reply = answer(&event.data(), &registry);
            post(&reply_scope, &reply);
        });
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // The handler lives as long as the worker.
        on_message.forget();
        post(&scope, &object(&[("kind", "ready".into())]));
    }

    /// The reply to one request message.
    fn answer(data: &JsValue, registry: &Registry) -> JsValue {
        let field = |name: &str| Reflect::get(data, &JsValue::from_str(name)).ok();
        let id = field("id").unwrap_or(JsValue::UNDEFINED);
        let kind = field("kind").and_then(|k| k.as_string());
        let result = match kind.as_deref() {
            None | Some("import") => {
                read_request(&field("bytes"), &field("request")).and_then(|(bytes, request)| {
                    let outcome = pipeline::run(&bytes, &request, registry);
                    serde_json::to_string(&outcome)
                        .map_err(|e| format!("cannot write the outcome: {e}"))
                })
            }
            Some("boundaries") => {
                let text = field("text").and_then(|t| t.as_string());
                let width = field("width").and_then(|w| w.as_f64());
                match (text, width) {
                    (Some(text), Some(width)) => {
                        let loaded = BoundaryMap::load(&text, registry, width);
                        serde_json::to_string(&loaded)
                            .map_err(|e| format!("cannot write the boundaries: {e}"))
                    }
                    _ => Err("the message has no `text` (string) or `width` (number)".into()),
                }
            }
            Some(other) => Err(format!("unknown message kind {other:?}")),
        };
        match result {
            Ok(outcome) => object(&[("id", id), ("outcome", outcome.into())]),
            Err(error) => object(&[("id", id), ("error", error.into())]),
        }
    }

    fn read_request(
        bytes: &Option<JsValue>,
        request: &Option<JsValue>,
    ) -> Result<(Vec<u8>, ImportRequest), String> {
        let bytes = bytes
            .as_ref()
            .and_then(|b| b.dyn_ref::<Uint8Array>())
            .ok_or("the message has no `bytes` (Uint8Array)")?
            .to_vec();
        let request = request
            .as_ref()
            .and_then(JsValue::as_string)
            .ok_or("the message has no `request` (string)")?;
        let request: ImportRequest =
            serde_json::from_str(&request).map_err(|e| format!("the request is not valid: {e}"))?;
        Ok((bytes, request))
    }
}
