//! Files the reader downloads: text (CSV, JSON, SVG) and images. An image
//! always carries a header saying what it shows, whether the figures are
//! illustrative, and their source, so it never circulates without them.

use ward_domain::dataset::{Dataset, Provenance, Source};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::components::provenance::{provenance_texts, suppliers};
use crate::i18n::{catalogue, fill, Lang};

/// Offers `blob` as a file called `name`.
pub fn save_blob(blob: &web_sys::Blob, name: &str) -> Result<(), JsValue> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let url = web_sys::Url::create_object_url_with_blob(blob)?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    link.set_href(&url);
    link.set_download(name);
    link.click();
    web_sys::Url::revoke_object_url(&url)?;
    Ok(())
}

pub fn save_text(text: &str, mime: &str, name: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    save_blob(&blob, name)
}

pub fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// What an exported image says above the picture.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImageHeader {
    pub title: String,
    pub provenance: String,
    pub source: String,
}

/// Height of the header band, in the image's units.
pub const HEADER_HEIGHT: f64 = 64.0;

/// A standalone SVG: the header above `picture` (a complete `<svg>` element
/// of `width` × `height`), with `style` for the picture's classes.
pub fn svg_document(
    picture: &str,
    width: f64,
    height: f64,
    style: &str,
    header: &ImageHeader,
) -> String {
    let picture = picture.replacen("<svg", &format!("<svg x=\"0\" y=\"{HEADER_HEIGHT}\""), 1);
    let title = xml_escape(&header.title);
    let provenance = xml_escape(&header.provenance);
    let source = xml_escape(&header.source);
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {total}\" width=\"{width}\" height=\"{total}\">\
<style>{style}</style><rect width=\"100%\" height=\"100%\" fill=\"#fffdf9\"/>\
<text x=\"8\" y=\"18\" font-family=\"system-ui,sans-serif\" font-size=\"13\" font-weight=\"700\" fill=\"#1d1b20\">{title}</text>\
<text x=\"8\" y=\"36\" font-family=\"system-ui,sans-serif\" font-size=\"12\" font-weight=\"700\" fill=\"#7a3e00\">{provenance}</text>\
<text x=\"8\" y=\"53\" font-family=\"system-ui,sans-serif\" font-size=\"11\" fill=\"#5f5b66\">{source}</text>\
{picture}</svg>",
        total = height + HEADER_HEIGHT,
    )
}

/// Draws the SVG on a canvas at twice its size and saves it as PNG.
pub fn save_svg_as_png(svg: String, name: String) -> Result<(), JsValue> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let parts = js_sys::Array::of1(&JsValue::from_str(&svg));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let image = web_sys::HtmlImageElement::new()?;
    let canvas: web_sys::HtmlCanvasElement = document.create_element("canvas")?.dyn_into()?;
    let loaded_image = image.clone();
    let onload = Closure::once(move || -> Result<(), JsValue> {
        web_sys::Url::revoke_object_url(&url)?;
        let scale = 2.0;
        let (w, h) = (loaded_image.natural_width(), loaded_image.natural_height());
        canvas.set_width(w * 2);
        canvas.set_height(h * 2);
        let context: web_sys::CanvasRenderingContext2d = canvas
            .get_context("2d")?
            .ok_or("no 2d context")?
            .dyn_into()?;
        context.scale(scale, scale)?;
        context.draw_image_with_html_image_element(&loaded_image, 0.0, 0.0)?;
        let done = Closure::once(move |blob: Option<web_sys::Blob>| {
            if let Some(blob) = blob {
                let _ = save_blob(&blob, &name);
            }
        });
        canvas.to_blob(done.as_ref().unchecked_ref())?;
        done.forget();
        Ok(())
    });
    image.set_onload(Some(onload.as_ref().unchecked_ref()));
    onload.forget();
    image.set_src(&web_sys::Url::create_object_url_with_blob(&blob)?);
    Ok(())
}

/// The provenance as the first line under an image's title, in `lang`.
/// User-supplied figures name who supplied them: every supplier of the
/// user datasets held (`provenance::suppliers`); [`provenance_line_of`]
/// names one dataset's.
pub fn provenance_line(provenance: Provenance, lang: Lang) -> String {
    line(provenance, None, lang)
}

/// [`provenance_line`] for one dataset: user-supplied figures name its
/// supplier (the URL's host, or "your file").
pub fn provenance_line_of(dataset: &Dataset, lang: Lang) -> String {
    line(dataset.provenance, Some(&dataset.source), lang)
}

fn line(provenance: Provenance, source: Option<&Source>, lang: Lang) -> String {
    match provenance {
        Provenance::Synthetic => catalogue(lang).components.image_synthetic.to_string(),
        Provenance::UserSupplied => fill(
            catalogue(lang).user_data.image_user,
            &[("source", &suppliers(source, lang))],
        ),
        other => provenance_texts(other, lang).0.to_string(),
    }
}
