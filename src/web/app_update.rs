//! The offline app shell and its updates (see `assets/sw.js` and `app_update.js`).

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/web/app_update.js")]
extern "C" {
    #[wasm_bindgen(js_name = register)]
    fn js_register(url: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = checkForUpdate)]
    fn js_check_for_update();
    #[wasm_bindgen(js_name = applyUpdate)]
    fn js_apply_update() -> bool;
    #[wasm_bindgen(js_name = setManifestLaunch)]
    fn js_set_manifest_launch(query: &str);
}

/// Registers the service worker that keeps the app shell for offline starts.
pub async fn register() -> bool {
    JsFuture::from(js_register("sw.js")).await.ok().and_then(|v| v.as_bool()).unwrap_or(false)
}

/// Looks for a new version in the background; it waits until `apply_update`.
pub fn check_for_update() {
    js_check_for_update();
}

/// Switches to a downloaded new version (the page reloads); false when there is none.
/// Call only when no customer is in the middle of something.
pub fn apply_update() -> bool {
    js_apply_update()
}

/// The installed app (manifest `start_url`) keeps this launch's parameters.
pub fn set_manifest_launch(query: &str) {
    js_set_manifest_launch(query);
}
