//! Fetches `config.json` from the app's base URL, and keeps this device's last good config
//! in `localStorage` (the config is public: nothing in it is a secret).

use gloo::net::http::Request;

pub use crate::config::FetchError;

const LAST_GOOD_KEY: &str = "storevoice:last-good-config";

/// Loads the config text. The request matches index.html's `<link rel="preload">` (default
/// cache mode, CORS mode, same-origin credentials) so the download that started with the page
/// is the one used; freshness comes from the server's `Cache-Control: no-cache` on
/// `config.json` (docs/deploy.md), so a replaced file is picked up on the next start.
pub async fn fetch_config_text(url: &str) -> Result<String, FetchError> {
    let resp = Request::get(url)
        .send()
        .await
        .map_err(|e| FetchError::Network(e.to_string()))?;
    if !resp.ok() {
        return Err(FetchError::Status(resp.status()));
    }
    resp.text().await.map_err(|e| FetchError::Network(e.to_string()))
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The last config text that passed validation on this device.
pub fn last_good() -> Option<String> {
    storage()?.get_item(LAST_GOOD_KEY).ok()?
}

/// Keeps `text` (which just passed validation) for starts without a usable config; written
/// only when it changed. A full storage only means the device keeps the previous one.
pub fn keep_last_good(text: &str) {
    if let Some(s) = storage() {
        if s.get_item(LAST_GOOD_KEY).ok().flatten().as_deref() != Some(text) {
            let _ = s.set_item(LAST_GOOD_KEY, text);
        }
    }
}
