//! Fetching the open data files, and the errors a user may see.
//!
//! Every fetch goes through [`fetch_text`], which turns network failures,
//! HTTP errors and unreadable bodies into a [`LoadError`] the page can show
//! with a retry button. Parsing and validation are the domain's job.

use std::fmt;

use crate::i18n::{catalogue, count, fill, Lang};
use gloo_net::http::Request;
use ward_domain::catalogue::Catalogue;
use ward_domain::dataset::{Dataset, Level};
use ward_domain::tiles::TileLayout;
use ward_domain::{Loaded, Problem, Registry};

/// Where the open data is published, relative to the app's base URL.
pub const REGISTRY_URL: &str = "data/wards.json";
pub const TILES_URL: &str = "data/tiles.hexjson";
pub const CATALOGUE_URL: &str = "data/catalogue.json";
/// Dataset URLs in the catalogue are relative to the catalogue.
pub const CATALOGUE_DIR: &str = "data/";

#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// The request never got an answer (offline, DNS, CORS, aborted).
    Network { url: String, detail: String },
    /// The server answered with an error status.
    Status {
        url: String,
        status: u16,
        status_text: String,
    },
    /// The body arrived but is not a valid file of the expected kind.
    Invalid { url: String, problems: Vec<Problem> },
}

impl LoadError {
    /// One sentence for the page, in the reader's language.
    pub fn headline(&self, lang: Lang) -> String {
        let t = &catalogue(lang).components;
        match self {
            LoadError::Network { .. } => t.error_network.to_string(),
            LoadError::Status { status, .. } => fill(t.error_status, &[("status", status)]),
            LoadError::Invalid { .. } => t.error_invalid.to_string(),
        }
    }

    /// Technical detail for publishers and bug reports (shown in a
    /// disclosure). The problems themselves are in English, like the data
    /// format documentation their publishers read.
    pub fn details(&self, lang: Lang) -> Vec<String> {
        match self {
            LoadError::Network { url, detail } => vec![format!("{url}: {detail}")],
            LoadError::Status {
                url,
                status,
                status_text,
            } => {
                vec![format!("{url}: HTTP {status} {status_text}")]
            }
            LoadError::Invalid { url, problems } => {
                let mut lines = vec![format!("{url}:")];
                lines.extend(problems.iter().take(20).map(|p| p.to_string()));
                if problems.len() > 20 {
                    let more = problems.len() - 20;
                    let t = &catalogue(lang).components;
                    lines.push(count(more, t.error_more_problem, t.error_more_problems));
                }
                lines
            }
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} ({})",
            self.headline(Lang::En),
            self.details(Lang::En).join("; ")
        )
    }
}

/// Fetches `url` as text, mapping every failure to a [`LoadError`].
pub async fn fetch_text(url: &str) -> Result<String, LoadError> {
    let response = Request::get(url)
        .send()
        .await
        .map_err(|e| LoadError::Network {
            url: url.to_string(),
            detail: e.to_string(),
        })?;
    if !response.ok() {
        return Err(LoadError::Status {
            url: url.to_string(),
            status: response.status(),
            status_text: response.status_text(),
        });
    }
    response.text().await.map_err(|e| LoadError::Network {
        url: url.to_string(),
        detail: e.to_string(),
    })
}

/// What every map view needs: the registry, the tiles and the catalogue,
/// fetched concurrently.
#[derive(Debug, Clone, PartialEq)]
pub struct BaseData {
    pub registry: Registry,
    pub tiles: TileLayout,
    pub catalogue: Catalogue,
    /// Warnings met while reading them (never blocking).
    pub warnings: Vec<Problem>,
}

pub async fn fetch_base() -> Result<BaseData, LoadError> {
    let (registry, tiles, catalogue) = futures::join!(
        fetch_text(REGISTRY_URL),
        fetch_text(TILES_URL),
        fetch_text(CATALOGUE_URL)
    );
    let registry =
        Registry::parse(&registry?).map_err(|problems| invalid(REGISTRY_URL, problems))?;
    let tiles = TileLayout::parse(&tiles?, &registry).map_err(|p| invalid(TILES_URL, p))?;
    let catalogue = Catalogue::parse(&catalogue?).map_err(|p| invalid(CATALOGUE_URL, p))?;
    let mut warnings = tiles.warnings;
    warnings.extend(catalogue.warnings);
    Ok(BaseData {
        registry,
        tiles: tiles.value,
        catalogue: catalogue.value,
        warnings,
    })
}

/// Fetches and validates one ward-level dataset listed in the catalogue.
pub async fn fetch_ward_dataset(
    expected_id: &str,
    relative_url: &str,
    registry: &Registry,
) -> Result<Loaded<Dataset>, LoadError> {
    let absolute = relative_url
        .get(..8)
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case("https://"));
    let url = if absolute {
        relative_url.to_string()
    } else {
        format!("{CATALOGUE_DIR}{relative_url}")
    };
    let text = fetch_text(&url).await?;
    let loaded = Dataset::parse(&text, registry).map_err(|problems| invalid(&url, problems))?;
    // The catalogue promises a ward dataset with this id; a file that is
    // something else would show every ward as "no data" without a word.
    let mut problems = Vec::new();
    if loaded.value.id != expected_id {
        problems.push(Problem::error(
            "$.id",
            format!(
                "the catalogue lists this file as {expected_id:?}, the file says {:?}",
                loaded.value.id
            ),
        ));
    }
    if loaded.value.level != Level::Ward {
        problems.push(Problem::error(
            "$.level",
            format!(
                "the map needs a ward dataset, this file is {:?}",
                loaded.value.level.name()
            ),
        ));
    }
    if problems.is_empty() {
        Ok(loaded)
    } else {
        Err(invalid(&url, problems))
    }
}

fn invalid(url: &str, problems: Vec<Problem>) -> LoadError {
    LoadError::Invalid {
        url: url.to_string(),
        problems,
    }
}

/// Fetches and validates the ward registry.
pub async fn fetch_registry() -> Result<Registry, LoadError> {
    let text = fetch_text(REGISTRY_URL).await?;
    Registry::parse(&text).map_err(|problems| invalid(REGISTRY_URL, problems))
}
