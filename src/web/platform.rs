//! Clock, randomness and start-up timing marks from the browser.

/// A User Timing mark (`performance.mark`) for the start-up phases that
/// `tests/e2e/bench/startup.mjs` reports: `storevoice:main`, `storevoice:config-text`,
/// `storevoice:config-ready`. A few microseconds each; nothing is sent anywhere.
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// Milliseconds since the page started (`performance.now()`), the clock of `Event.timeStamp`.
pub fn since_start_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Minutes this device's local time is ahead of UTC at the instant `ms` (its time zone,
/// daylight saving included), for local days and opening hours without a configured offset.
pub fn utc_offset_min(ms: f64) -> i32 {
    -(js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms)).get_timezone_offset() as i32)
}

/// 16 random bytes from `crypto.getRandomValues` (available on plain-http pages too).
/// Falls back to `Math.random` only if the Crypto API is missing entirely.
pub fn random_16() -> [u8; 16] {
    let mut b = [0u8; 16];
    let ok = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.get_random_values_with_u8_array(&mut b).is_ok())
        .unwrap_or(false);
    if !ok {
        for x in b.iter_mut() {
            *x = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    b
}

pub fn new_record_id() -> String {
    crate::id::uuid_v4(random_16())
}
