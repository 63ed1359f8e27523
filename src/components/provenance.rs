//! Where a dataset comes from, said so nobody can miss it: synthetic figures
//! are labelled "Dữ liệu minh họa" on every view; real ones carry their source;
//! figures a reader brought (`?data=`, a file, a paste) are "Dữ liệu do người
//! dùng cung cấp — chưa được kiểm chứng", naming who supplied them.

use leptos::prelude::*;
use ward_domain::dataset::{is_web_url, Dataset, Provenance, Source};
use ward_domain::export::supplier;

use crate::components::load_error::ProblemList;
use crate::i18n::{catalogue, use_i18n, Lang};

/// The badge's headline and explanation in `lang`. The explanation of
/// user-supplied figures has a `{source}` that [`ProvenanceBadge`] fills
/// with who supplied them.
pub fn provenance_texts(provenance: Provenance, lang: Lang) -> (&'static str, &'static str) {
    let t = &catalogue(lang).components;
    match provenance {
        Provenance::Synthetic => (t.badge_synthetic, t.badge_synthetic_explained),
        Provenance::Official => (t.badge_official, t.badge_official_explained),
        Provenance::Reported => (t.badge_reported, t.badge_reported_explained),
        Provenance::Estimated => (t.badge_estimated, t.badge_estimated_explained),
        Provenance::UserSupplied => {
            let t = &catalogue(lang).user_data;
            (t.badge_user, t.badge_user_explained)
        }
    }
}

/// The provenance's code, as in the files: "official", "user_supplied"…
pub fn provenance_code(provenance: Provenance) -> &'static str {
    match provenance {
        Provenance::Official => "official",
        Provenance::Reported => "reported",
        Provenance::Estimated => "estimated",
        Provenance::Synthetic => "synthetic",
        Provenance::UserSupplied => "user_supplied",
    }
}

/// Who supplied user-supplied figures, in `lang`: the dataset's
/// (`ward_domain::export::supplier`) when `source` is given, else every
/// supplier of the user datasets held this visit, joined ("data.example.org,
/// tệp của bạn (so-lieu.xlsx)"), since a page showing several datasets
/// passes only the weakest provenance.
pub fn suppliers(source: Option<&Source>, lang: Lang) -> String {
    if let Some(source) = source {
        return supplier(source, lang);
    }
    let mut names: Vec<String> = Vec::new();
    if let Some(store) = use_context::<crate::store::Store>() {
        for source in store.user_sources_untracked() {
            let name = supplier(&source, lang);
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    if names.is_empty() {
        names.push(catalogue(lang).user_data.your_file.to_string());
    }
    names.join(", ")
}

/// The provenance badge. `source`, when given, names who supplied
/// user-supplied figures (the URL's host, or "your file"); without it the
/// badge names every supplier of the user datasets held ([`suppliers`]).
/// The badge carries `data-provenance` (the code, e.g. "user_supplied")
/// for tests and embedders.
#[component]
pub fn ProvenanceBadge(
    provenance: Provenance,
    #[prop(optional, into)] source: Option<Source>,
) -> impl IntoView {
    let i18n = use_i18n();
    let class = match provenance {
        Provenance::Synthetic => "badge badge-synthetic",
        Provenance::Official => "badge badge-official",
        Provenance::Reported => "badge badge-reported",
        Provenance::Estimated => "badge badge-estimated",
        Provenance::UserSupplied => "badge badge-user",
    };
    let source = StoredValue::new(source);
    let texts = move || {
        let lang = i18n.lang();
        let (headline, explained) = provenance_texts(provenance, lang);
        let explained = match provenance {
            Provenance::UserSupplied => {
                let who = source.with_value(|s| suppliers(s.as_ref(), lang));
                crate::i18n::fill(explained, &[("source", &who)])
            }
            _ => explained.to_string(),
        };
        (headline, explained)
    };
    view! {
        <p class=class data-testid="provenance-badge" data-provenance=provenance_code(provenance)>
            <strong>{move || texts().0}</strong>
            " "
            <span class="dataset-text">{move || texts().1}</span>
        </p>
    }
}

/// Definition, unit and source of a dataset. Links only to http(s) sources.
/// The source's name is the publisher's own words, so it is marked as
/// Vietnamese when the dataset's source is in Vietnamese.
///
/// `warnings` (the file's, its catalogue entry's, the map's) are listed in
/// the notes, the first 20 and a count of the rest.
#[component]
pub fn DatasetInfo(
    /// Shared with the page that shows it (a plain `Dataset` converts).
    #[prop(into)]
    dataset: std::sync::Arc<Dataset>,
    #[prop(optional)] warnings: Vec<ward_domain::Problem>,
) -> impl IntoView {
    let i18n = use_i18n();
    let warnings = StoredValue::new(warnings);
    let source = dataset.source.clone();
    let dataset = StoredValue::new(dataset);
    let text = move |pick: fn(&Dataset) -> Option<&ward_domain::dataset::Text>| {
        dataset.with_value(|d| pick(d).map(|t| t.get(i18n.lang()).to_string()))
    };
    view! {
        <div class="indicator-info" data-testid="indicator-info">
            <p class="definition">{move || text(|d| Some(&d.description))}</p>
            <p class="meta">
                <span>{move || i18n.t().components.info_unit}{move || text(|d| Some(&d.unit))}</span>
                " · "
                <span>
                    {move || i18n.t().components.info_source}
                    <SourceName source />
                </span>
                " · "
                <span>{move || i18n.t().components.info_licence}{dataset.with_value(|d| d.licence.id.clone())}</span>
            </p>
            {dataset.with_value(|d| d.notes.is_some()).then(|| view! {
                <details class="notes">
                    <summary>{move || i18n.t().components.info_notes}</summary>
                    <p>{move || text(|d| d.notes.as_ref())}</p>
                </details>
            })}
            {warnings.with_value(|w| !w.is_empty()).then(|| view! {
                <details class="notes data-warnings" data-testid="dataset-warnings">
                    <summary>
                        {move || crate::i18n::fill(
                            i18n.t().components.info_warnings,
                            &[("n", &warnings.with_value(Vec::len))],
                        )}
                    </summary>
                    <ProblemList problems=warnings />
                </details>
            })}
        </div>
    }
}

/// A dataset's source: a link when it has an http(s) address, else its name.
/// The name is the publisher's own words, marked Vietnamese when it is.
#[component]
pub fn SourceName(source: Source) -> impl IntoView {
    let lang = source_language(&source.name);
    match source.url.filter(|u| is_web_url(u)) {
        Some(url) => {
            view! { <a href=url rel="noopener" target="_blank" lang=lang class="dataset-text">{source.name}</a> }
                .into_any()
        }
        None => view! { <span lang=lang class="dataset-text">{source.name}</span> }.into_any(),
    }
}

/// "vi" for a name with Vietnamese letters (a publisher such as "UBND thành
/// phố Hà Nội"), else None: the name keeps the page's language.
pub fn source_language(name: &str) -> Option<&'static str> {
    crate::i18n::looks_vietnamese(name).then_some("vi")
}

/// The weakest claim among shown datasets: one synthetic dataset makes a
/// whole page "illustrative", so a synthetic figure never passes for a real one.
pub fn weakest(provenances: impl IntoIterator<Item = Provenance>) -> Option<Provenance> {
    // Synthetic stays the weakest, so illustrative figures are always
    // labelled so; nobody has checked user-supplied ones, so they come next.
    let strength = |p: &Provenance| match p {
        Provenance::Synthetic => 0,
        Provenance::UserSupplied => 1,
        Provenance::Estimated => 2,
        Provenance::Reported => 3,
        Provenance::Official => 4,
    };
    provenances.into_iter().min_by_key(strength)
}
