//! Fetches `config.json` from the app's base URL.

use gloo::net::http::Request;
use web_sys::RequestCache;

/// Why the config text could not be had (before it was parsed).
#[derive(Debug, Clone, PartialEq)]
pub enum FetchError {
    /// The server answered with a non-2xx status.
    Status(u16),
    /// No answer: offline, DNS, CORS, refused connection.
    Network(String),
}

impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FetchError::Status(s) => write!(f, "HTTP {s}"),
            FetchError::Network(m) => write!(f, "{m}"),
        }
    }
}

/// Loads the config text. `no-cache` makes the browser revalidate, so a replaced file is
/// picked up on the next start.
pub async fn fetch_config_text(url: &str) -> Result<String, FetchError> {
    let resp = Request::get(url)
        .cache(RequestCache::NoCache)
        .send()
        .await
        .map_err(|e| FetchError::Network(e.to_string()))?;
    if !resp.ok() {
        return Err(FetchError::Status(resp.status()));
    }
    resp.text().await.map_err(|e| FetchError::Network(e.to_string()))
}
