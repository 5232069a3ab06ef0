//! Hands a text file to the browser as a download (Blob + object URL + `<a download>`), and
//! the local calendar for file names and times on staff screens. Nothing is uploaded.

use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;

/// Starts the download of `text` as `filename` (`mime` e.g. `text/csv;charset=utf-8`).
/// Returns false when the browser refused (no document, Blob or object URL).
pub fn download_text(filename: &str, text: &str, mime: &str) -> bool {
    let run = || -> Result<(), JsValue> {
        let window = web_sys::window().ok_or(JsValue::NULL)?;
        let document = window.document().ok_or(JsValue::NULL)?;
        let parts = js_sys::Array::of1(&JsValue::from_str(text));
        let bag = web_sys::BlobPropertyBag::new();
        bag.set_type(mime);
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &bag)?;
        let url = web_sys::Url::create_object_url_with_blob(&blob)?;
        let a = document.create_element("a")?;
        a.set_attribute("href", &url)?;
        a.set_attribute("download", filename)?;
        a.set_attribute("hidden", "")?;
        let body = document.body().ok_or(JsValue::NULL)?;
        body.append_child(&a)?;
        let clicked = a.dyn_ref::<web_sys::HtmlElement>().map(|el| el.click());
        a.remove();
        // The browser reads the Blob once the download starts; free it a little later.
        gloo::timers::callback::Timeout::new(30_000, move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        })
        .forget();
        clicked.ok_or(JsValue::NULL)
    };
    run().is_ok()
}

/// The local date and time of `ms` (ms since the epoch): (year, month, day, hour, minute).
pub fn local_parts(ms: f64) -> (i64, u32, u32, u32, u32) {
    let d = js_sys::Date::new(&JsValue::from_f64(ms));
    (d.get_full_year() as i64, d.get_month() + 1, d.get_date(), d.get_hours(), d.get_minutes())
}

/// Whether the browser says it is online (`navigator.onLine`).
pub fn online() -> bool {
    web_sys::window().map(|w| w.navigator().on_line()).unwrap_or(true)
}
