//! What staff set up on one device, kept in that device's `localStorage`: which touchpoint it
//! is, its default language and mode, and its token for the endpoint.
//!
//! Precedence when the app starts (`launch::resolve`): the launch URL, then this setup, then
//! the config's defaults. One URL can be loaded on every tablet of a store and each set up by
//! hand.
//!
//! The token lives here so it need not be in the public `config.json`, which anyone who can
//! open the app can read. What that protects: the token is no longer served to every visitor
//! and every phone that scans a QR code, and each tablet can have its own (revoked alone when
//! one is lost). What it does not protect: anyone with the unlocked device and its browser's
//! developer tools, or a script running on the app's origin, can read `localStorage`; it is
//! stored in plain text, not encrypted. Sign-in only guards the screen that shows and changes it.

use serde::{Deserialize, Serialize};

use crate::config::Mode;
use crate::lang::Lang;

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DeviceSetup {
    pub touchpoint: Option<String>,
    pub lang: Option<Lang>,
    pub mode: Option<Mode>,
    pub token: Option<String>,
}

impl DeviceSetup {
    /// Reads the stored setup; an unreadable one counts as none.
    pub fn from_stored(text: &str) -> Option<DeviceSetup> {
        serde_json::from_str::<DeviceSetup>(text).ok().map(DeviceSetup::cleaned)
    }

    pub fn to_stored(&self) -> String {
        serde_json::to_string(&self.clone().cleaned()).unwrap_or_default()
    }

    /// Blank text fields count as not set.
    pub fn cleaned(self) -> DeviceSetup {
        let blank = |s: Option<String>| s.map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        DeviceSetup { touchpoint: blank(self.touchpoint), token: blank(self.token), ..self }
    }

    pub fn is_empty(&self) -> bool {
        *self == DeviceSetup::default()
    }
}

/// A token can go into an `Authorization` header: printable ASCII without spaces.
pub fn is_valid_token(t: &str) -> bool {
    !t.is_empty() && t.len() <= 4096 && t.bytes().all(|b| b.is_ascii_graphic())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_ignores_blanks() {
        let d = DeviceSetup { touchpoint: Some(" checkout-3 ".into()), lang: Some(Lang::En), mode: Some(Mode::Large), token: Some("  ".into()) };
        let back = DeviceSetup::from_stored(&d.to_stored()).expect("readable");
        assert_eq!(back, DeviceSetup { touchpoint: Some("checkout-3".into()), lang: Some(Lang::En), mode: Some(Mode::Large), token: None });
        assert_eq!(DeviceSetup::from_stored("{"), None);
        assert_eq!(DeviceSetup::from_stored("{}"), Some(DeviceSetup::default()));
    }

    #[test]
    fn tokens_fit_a_header() {
        assert!(is_valid_token("kiosk-1-secret"));
        assert!(!is_valid_token("a b"));
        assert!(!is_valid_token(""));
        assert!(!is_valid_token("a\nb"));
    }
}
