//! Moving a customer from the light page to the full one (issue #14's split; what moves is
//! `crate::handover`).
//!
//! `index.html` runs a build of the app without the `full` feature: the home screen and the
//! questionnaire, what a kiosk shows first and most QR codes open, in about a third less wasm.
//! `app.html` runs the full build. When a customer on the light page opens a screen it does
//! not have (the suggestion box, find your way, staff mode), the page is replaced by
//! `app.html` with the same query (the launch parameters) and hash (the screen), and the
//! hand-over in `sessionStorage` (this tab only), read once by the full page and removed.

use crate::handover::Handover;
use crate::route::FULL_PAGE;

const KEY: &str = "storevoice:handover";

fn session() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.session_storage().ok().flatten())
}

/// Whether the full app's page can be loaded now: from the service worker's cache, or from
/// the network. Without either (offline before the worker was installed, or where there is
/// none), moving would leave a kiosk on the browser's error page.
pub async fn full_page_reachable() -> bool {
    match gloo::net::http::Request::get(FULL_PAGE).send().await {
        Ok(resp) => resp.ok(),
        Err(_) => false,
    }
}

/// Replaces this page (no new history entry) with the full app at the same screen. Refused
/// (`Err`, nothing changes) when `handover` holds answers and cannot be written down: the
/// page change would drop them.
pub fn to_full_page(handover: &Handover) -> Result<(), ()> {
    let window = web_sys::window().ok_or(())?;
    let written = session().is_some_and(|s| s.set_item(KEY, &handover.encode()).is_ok());
    if !written && !handover.unsaved.is_empty() {
        return Err(());
    }
    // Without storage and nothing unsaved, the full page starts in the launch language.
    let loc = window.location();
    let url = format!("{FULL_PAGE}{}{}", loc.search().unwrap_or_default(), loc.hash().unwrap_or_default());
    loc.replace(&url).map_err(|_| {
        // Not moving after all: nothing is left behind for a later start in this tab.
        if let Some(s) = session() {
            let _ = s.remove_item(KEY);
        }
    })
}

/// What the light page handed over, left in place (for a decision before the app can take it).
pub fn peek() -> Option<Handover> {
    Handover::decode(&session()?.get_item(KEY).ok().flatten()?)
}

/// What the light page handed over, once.
pub fn take() -> Option<Handover> {
    let found = peek();
    if let Some(s) = session() {
        let _ = s.remove_item(KEY);
    }
    found
}
