//! Staff mode's browser side: the PIN check through WebCrypto (`staff.js`), and what is kept
//! in `localStorage` — the sign-in pause ([`Lockout`]) and this device's setup
//! ([`DeviceSetup`]; see its module for what keeping the token there protects against).

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::config::PinHash;
use crate::staff::device::DeviceSetup;
use crate::staff::lockout::Lockout;
use crate::staff::{base64, constant_time_eq, normalize_pin};

const LOCKOUT_KEY: &str = "storevoice:staff-lockout";
const DEVICE_KEY: &str = "storevoice:device-setup";

#[wasm_bindgen(module = "/src/web/staff.js")]
extern "C" {
    #[wasm_bindgen(js_name = pbkdf2Sha256)]
    fn js_pbkdf2_sha256(pin: &str, salt_b64: &str, iterations: u32) -> js_sys::Promise;
}

/// PBKDF2-HMAC-SHA256 of `pin` with the base64 `salt`: 32 bytes, or why WebCrypto could not.
pub async fn pbkdf2_sha256(pin: &str, salt_b64: &str, iterations: u32) -> Result<Vec<u8>, String> {
    let bits = JsFuture::from(js_pbkdf2_sha256(pin, salt_b64, iterations)).await.map_err(|e| {
        e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_else(|| "WebCrypto failed".into())
    })?;
    Ok(js_sys::Uint8Array::new(&bits).to_vec())
}

/// Whether `pin` is the one `hash` was made from (the derived bits compared in constant time).
pub async fn verify_pin(pin: &str, hash: &PinHash) -> Result<bool, String> {
    let expected = base64::decode(&hash.hash).ok_or("the PIN hash is not base64")?;
    let derived = pbkdf2_sha256(normalize_pin(pin), &hash.salt, hash.iterations).await?;
    Ok(constant_time_eq(&derived, &expected))
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The sign-in pause as stored on this device. An unreadable stored value becomes a pause
/// from now, which is written back, so it runs out instead of starting again at every look.
pub fn load_lockout(now_ms: f64) -> Lockout {
    let text = storage().and_then(|s| s.get_item(LOCKOUT_KEY).ok().flatten());
    let l = Lockout::from_stored(text.as_deref(), now_ms);
    if text.is_some_and(|t| t != l.to_stored()) {
        save_lockout(&l);
    }
    l
}

pub fn save_lockout(l: &Lockout) {
    if let Some(s) = storage() {
        let _ = if *l == Lockout::default() { s.remove_item(LOCKOUT_KEY) } else { s.set_item(LOCKOUT_KEY, &l.to_stored()) };
    }
}

/// This device's setup, if staff made one.
pub fn load_device_setup() -> Option<DeviceSetup> {
    let text = storage()?.get_item(DEVICE_KEY).ok()??;
    DeviceSetup::from_stored(&text)
}

/// Stores (or, when empty, forgets) this device's setup; false when storage refused it.
pub fn save_device_setup(setup: &DeviceSetup) -> bool {
    let Some(s) = storage() else { return false };
    if setup.is_empty() {
        s.remove_item(DEVICE_KEY).is_ok()
    } else {
        s.set_item(DEVICE_KEY, &setup.to_stored()).is_ok()
    }
}

/// Starts the app again at its start screen, so a new device setup applies.
pub fn restart_at_home() {
    if let Some(loc) = web_sys::window().map(|w| w.location()) {
        let path = loc.pathname().unwrap_or_default();
        let search = loc.search().unwrap_or_default();
        let _ = loc.replace(&format!("{path}{search}"));
    }
}
