//! Fetching the open data files, and the errors a user may see.
//!
//! Every fetch goes through [`fetch_text`], which turns network failures,
//! HTTP errors and unreadable bodies into a [`LoadError`] the page can show
//! with a retry button. Parsing and validation are the domain's job.

use std::fmt;

use gloo_net::http::Request;
use ward_domain::{Problem, Registry};

/// Where the registry is published, relative to the app's base URL.
pub const REGISTRY_URL: &str = "data/wards.json";

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
    /// One sentence in Vietnamese for the page.
    pub fn headline(&self) -> String {
        match self {
            LoadError::Network { .. } => {
                "Không kết nối được tới máy chủ dữ liệu. Hãy kiểm tra mạng rồi thử lại.".into()
            }
            LoadError::Status { status, .. } => {
                format!("Máy chủ dữ liệu trả lời lỗi {status}. Dữ liệu chưa tải được.")
            }
            LoadError::Invalid { .. } => {
                "Tệp dữ liệu tải về bị hỏng hoặc sai định dạng nên không đọc được.".into()
            }
        }
    }

    /// Technical detail for publishers and bug reports (shown in a disclosure).
    pub fn details(&self) -> Vec<String> {
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
                    lines.push(format!("… và {} vấn đề khác", problems.len() - 20));
                }
                lines
            }
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.headline(), self.details().join("; "))
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

/// Fetches and validates the ward registry.
pub async fn fetch_registry() -> Result<Registry, LoadError> {
    let text = fetch_text(REGISTRY_URL).await?;
    Registry::parse(&text).map_err(|problems| LoadError::Invalid {
        url: REGISTRY_URL.to_string(),
        problems,
    })
}
