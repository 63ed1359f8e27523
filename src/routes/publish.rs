//! `/publish`: how to bring your own ward figures in and publish them (the
//! in-app version of `docs/publish.md`). Static text only: it works before
//! any data has loaded.

use leptos::prelude::*;

use crate::i18n::use_i18n;

/// The smallest CSV the importer reads (the same in both languages: data,
/// with Vietnamese ward names, shown in a `lang="vi"` block).
const SAMPLE_CSV: &str =
    "ma_phuong,ten_phuong,ty_le\n00052,Hàng Bồ,\"91,9\"\n00061,Hàng Bạc,88.0\n";
const CHECK_COMMAND: &str = "cargo run --release --bin ward-import -- so-lieu.csv --period 2024\ncargo run --release --bin ward-import -- so-lieu.csv --period 2024 --json";
const CORS_HEADER: &str = "Access-Control-Allow-Origin: *";
const SERVER_LINES: &str =
    "nginx:  add_header Access-Control-Allow-Origin \"*\";\nApache: Header set Access-Control-Allow-Origin \"*\"";
const DATA_LINK: &str = "/?data=https://example.org/so-lieu.csv";
const EMBED_LINK: &str = "/embed/map?data=https://example.org/so-lieu.csv";
/// `docs/data-format.md`, copied next to the page by the build (index.html).
const FORMAT_DOCS: &str = "data-format.md";

#[component]
pub fn PublishPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || &i18n.t().publish;
    view! {
        <article class="publish-page">
            <h1>{move || t().title}</h1>
            <p class="lede">{move || t().lede}</p>

            <h2>{move || t().simplest_title}</h2>
            <p>{move || t().simplest_body}</p>
            <pre class="code-sample" lang="vi"><code>{SAMPLE_CSV}</code></pre>
            <p>{move || t().simplest_reads}</p>

            <h2>{move || t().check_title}</h2>
            <p>{move || t().check_body}</p>
            <p>{move || t().check_cli}</p>
            <pre class="code-sample"><code>{CHECK_COMMAND}</code></pre>

            <h2>{move || t().json_title}</h2>
            <p>{move || t().json_body}</p>

            <h2>{move || t().host_title}</h2>
            <p>{move || t().host_body}</p>
            <pre class="code-sample"><code>{CORS_HEADER}</code></pre>
            <p>{move || t().host_servers}</p>
            <pre class="code-sample"><code>{SERVER_LINES}</code></pre>
            <p>{move || t().host_open}</p>
            <pre class="code-sample"><code>{DATA_LINK}</code></pre>
            <p class="publish-label">{move || t().host_label}</p>

            <h2>{move || t().embed_title}</h2>
            <p>{move || t().embed_body}</p>
            <pre class="code-sample"><code>{EMBED_LINK}</code></pre>

            <p>
                <a href=FORMAT_DOCS rel="noopener">{move || t().docs_link}</a>
            </p>
        </article>
    }
}
