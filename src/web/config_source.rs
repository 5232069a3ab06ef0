//! Fetches `config.json` from the app's base URL, and keeps this device's last good config
//! in `localStorage` (the config is public: nothing in it is a secret).

use gloo::net::http::Request;

pub use crate::config::FetchError;
use crate::config::{choose, Chosen, Unusable};

const LAST_GOOD_KEY: &str = "storevoice:last-good-config";

/// Loads the config text. The request matches index.html's `<link rel="preload">` (default
/// cache mode, CORS mode, same-origin credentials) so the download that started with the page
/// is the one used; freshness comes from the server's `Cache-Control: no-cache` on
/// `config.json` (docs/deploy.md), so a replaced file is picked up on the next start.
async fn fetch_config_text(url: &str) -> Result<String, FetchError> {
    if url == "config.json" {
        if let Some(early) = take_early_fetch().await {
            return early;
        }
    }
    let resp = Request::get(url)
        .send()
        .await
        .map_err(|e| FetchError::Network(e.to_string()))?;
    if !resp.ok() {
        return Err(FetchError::Status(resp.status()));
    }
    resp.text().await.map_err(|e| FetchError::Network(e.to_string()))
}

/// The config this start runs: [`fetch_config_text`], then `config::choose` between it and
/// this device's last good config. A device with a usable last good config does not wait for
/// ever: [`PATIENCE_S`](crate::config::PATIENCE_S) seconds after the page started loading (the
/// early download starts with it) with no answer, it starts on the kept one
/// (`FetchError::TimedOut`, so staff see why). A device without one, or whose kept one no
/// longer validates (an app update changed the rules), keeps waiting, since it has nothing
/// else to start from. The kept copy is read only when it is needed, so a normal start does
/// not pay for reading it.
///
/// `stalled_before`: this tab's light page already gave up on a stalled download (it handed
/// the customer over to this page): wait a second, not the whole patience again.
///
/// A download given up on is not dropped: it goes on in the background, and if it brings a
/// valid config that differs from the kept one, that becomes the kept one and
/// [`newer_config_kept`] tells the next reset between customers to reload the page.
pub async fn load_config(url: &str, stalled_before: bool) -> Result<Chosen, Unusable> {
    use std::future::Future;
    use std::pin::Pin;
    use std::task::Poll;
    let after_s = crate::config::PATIENCE_S;
    // Counted from navigation, at least a second from now (a start without the early download).
    let left_ms = if stalled_before {
        1000.0
    } else {
        (f64::from(after_s) * 1000.0 - crate::web::platform::since_start_ms()).max(1000.0)
    };
    let url = url.to_string();
    let mut download = Box::pin(async move { fetch_config_text(&url).await });
    let mut patience = gloo::timers::future::TimeoutFuture::new(left_ms as u32);
    let first = std::future::poll_fn(|cx| {
        if let Poll::Ready(answer) = download.as_mut().poll(cx) {
            return Poll::Ready(Some(answer));
        }
        Pin::new(&mut patience).poll(cx).map(|()| None)
    })
    .await;
    let text_in_hand = || crate::web::platform::mark("storevoice:config-text");
    if let Some(answer) = first {
        text_in_hand();
        return choose(answer, last_good);
    }
    match choose(Err(FetchError::TimedOut { after_s }), last_good) {
        Ok(kept) => {
            text_in_hand();
            wasm_bindgen_futures::spawn_local(async move {
                // Only a file that differs is news: on a link that is always slow, the same
                // file arriving late must not reload the page at every reset.
                if let Ok(text) = download.await {
                    // Only a file actually kept is worth a reload: with a full storage the
                    // reload would start on the old copy again, at every reset.
                    if last_good().as_deref() != Some(text.as_str()) && crate::config::parse(&text).is_ok() && keep_last_good(&text) {
                        NEWER_CONFIG_KEPT.with(|k| k.set(true));
                    }
                }
            });
            Ok(kept)
        }
        Err(_) => {
            let answer = download.await;
            text_in_hand();
            choose(answer, last_good)
        }
    }
}

thread_local! {
    static NEWER_CONFIG_KEPT: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// A config that arrived after the device had started on its kept one is now the kept one:
/// the page should reload when no customer is in the middle of something.
pub fn newer_config_kept() -> bool {
    NEWER_CONFIG_KEPT.with(|k| k.get())
}

/// The download index.html's first script started (`window.__storevoiceConfig`, written by
/// scripts/postbuild.mjs), taken once: `{status, ok, text}` or `{error}`. `None` when there is
/// none (a test page, a build without it), so the caller fetches.
async fn take_early_fetch() -> Option<Result<String, FetchError>> {
    use wasm_bindgen::JsCast;
    let window = web_sys::window()?;
    let key = wasm_bindgen::JsValue::from_str("__storevoiceConfig");
    let promise = js_sys::Reflect::get(&window, &key).ok()?.dyn_into::<js_sys::Promise>().ok()?;
    let _ = js_sys::Reflect::delete_property(&window, &key);
    let answer = wasm_bindgen_futures::JsFuture::from(promise).await;
    let field = |v: &wasm_bindgen::JsValue, k: &str| js_sys::Reflect::get(v, &wasm_bindgen::JsValue::from_str(k)).ok().filter(|x| !x.is_undefined());
    Some(match answer {
        Err(e) => Err(FetchError::Network(e.as_string().unwrap_or_else(|| "the download failed".into()))),
        Ok(v) => match (field(&v, "error"), field(&v, "ok").and_then(|x| x.as_bool()), field(&v, "status").and_then(|x| x.as_f64()), field(&v, "text").and_then(|x| x.as_string())) {
            (Some(e), ..) => Err(FetchError::Network(e.as_string().unwrap_or_else(|| "the download failed".into()))),
            (None, Some(true), _, Some(text)) => Ok(text),
            (None, Some(false), Some(status), _) => Err(FetchError::Status(status as u16)),
            _ => Err(FetchError::Network("the download gave no answer".into())),
        },
    })
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
/// Whether `text` is now the kept config.
pub fn keep_last_good(text: &str) -> bool {
    let Some(s) = storage() else { return false };
    s.get_item(LAST_GOOD_KEY).ok().flatten().as_deref() == Some(text) || s.set_item(LAST_GOOD_KEY, text).is_ok()
}
