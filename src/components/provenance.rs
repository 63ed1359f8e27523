//! Where a dataset comes from, said so nobody can miss it: synthetic figures
//! are labelled "Dữ liệu minh họa" on every view; real ones carry their source.

use leptos::prelude::*;
use ward_domain::dataset::{is_web_url, Dataset, Provenance};

#[component]
pub fn ProvenanceBadge(provenance: Provenance) -> impl IntoView {
    let (class, label, explanation) = match provenance {
        Provenance::Synthetic => (
            "badge badge-synthetic",
            "Dữ liệu minh họa · Illustrative data",
            "Số liệu được tạo ngẫu nhiên để minh họa, không phải số liệu thật của phường nào.",
        ),
        Provenance::Official => (
            "badge badge-official",
            "Số liệu chính thức",
            "Do cơ quan nhà nước công bố.",
        ),
        Provenance::Reported => (
            "badge badge-reported",
            "Số liệu do báo chí đưa tin",
            "Số liệu chính thức theo các bài báo được dẫn nguồn.",
        ),
        Provenance::Estimated => (
            "badge badge-estimated",
            "Số liệu ước tính",
            "Ước tính, không phải số đo trực tiếp.",
        ),
    };
    view! {
        <p class=class data-testid="provenance-badge" data-provenance=format!("{provenance:?}").to_lowercase()>
            <strong>{label}</strong>
            " "
            <span>{explanation}</span>
        </p>
    }
}

/// Definition, unit and source of a dataset. Links only to http(s) sources.
#[component]
pub fn DatasetInfo(dataset: Dataset) -> impl IntoView {
    let source = dataset.source.clone();
    let link = source.url.clone().filter(|u| is_web_url(u));
    view! {
        <div class="indicator-info" data-testid="indicator-info">
            <p class="definition">{dataset.description.vi.clone()}</p>
            <p class="meta">
                <span>"Đơn vị: "{dataset.unit.vi.clone()}</span>
                " · "
                <span>
                    "Nguồn: "
                    {match link {
                        Some(url) => view! { <a href=url rel="noopener" target="_blank">{source.name.clone()}</a> }.into_any(),
                        None => view! { <span>{source.name.clone()}</span> }.into_any(),
                    }}
                </span>
                " · "
                <span>"Giấy phép: "{dataset.licence.id.clone()}</span>
            </p>
            {dataset.notes.clone().map(|n| view! {
                <details class="notes">
                    <summary>"Ghi chú về dữ liệu"</summary>
                    <p>{n.vi}</p>
                </details>
            })}
        </div>
    }
}

/// The weakest claim among shown datasets: one synthetic dataset makes a
/// whole page "illustrative", so a synthetic figure never passes for a real one.
pub fn weakest(provenances: impl IntoIterator<Item = Provenance>) -> Option<Provenance> {
    let strength = |p: &Provenance| match p {
        Provenance::Synthetic => 0,
        Provenance::Estimated => 1,
        Provenance::Reported => 2,
        Provenance::Official => 3,
    };
    provenances.into_iter().min_by_key(strength)
}
