//! Per-launch settings from the URL query, so a printed QR code opens the right touchpoint,
//! language, mode and journey: `?touchpoint=checkout-3&lang=en&mode=large&journey=survey`.
//!
//! Precedence: query parameter, then this device's own setup (set by staff, kept on the
//! device: [`DeviceSetup`]), then the touchpoint's own setting, then the config defaults.
//! A value the app cannot use is ignored with a [`LaunchWarning`] (shown on screen), never
//! silently.

use crate::config::{Config, Journey, Mode};
use crate::lang::Lang;
use crate::staff::device::DeviceSetup;

#[derive(Debug, Clone, PartialEq)]
pub struct Launch {
    pub touchpoint: String,
    pub lang: Lang,
    pub mode: Mode,
    pub journey: Option<Journey>,
    /// Opened on the customer's own phone (`via=qr`, e.g. a route taken along from a kiosk):
    /// never reset by itself, whatever the touchpoint.
    pub personal: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum LaunchWarning {
    UnknownTouchpoint(String),
    UnknownLanguage(String),
    UnknownMode(String),
    UnknownJourney(String),
    /// The journey exists but this touchpoint does not offer it.
    JourneyNotOffered(Journey),
    /// This device was set up as a touchpoint the config no longer has.
    SetupTouchpointGone(String),
}

/// Splits a query string (`?a=1&b=2`, leading `?` optional) into decoded pairs.
pub fn parse_query(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

/// Decodes `%XX` escapes and `+` as space; invalid escapes are kept as written.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Encodes a query value: everything but the unreserved characters `A–Z a–z 0–9 - . _ ~`
/// becomes `%XX` (UTF-8), so ids and search text cannot break a URL apart.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Resolves the launch settings for `query` and this device's `setup` against a validated
/// config: URL > device setup > config (the touchpoint's own mode, then the defaults).
pub fn resolve(config: &Config, query: &str, setup: Option<&DeviceSetup>) -> (Launch, Vec<LaunchWarning>) {
    let params = parse_query(query);
    let get = |names: &[&str]| -> Option<String> {
        params
            .iter()
            .rev()
            .find(|(k, _)| names.iter().any(|n| k.eq_ignore_ascii_case(n)))
            .map(|(_, v)| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let mut warnings = Vec::new();

    let setup_tp = setup.and_then(|s| s.touchpoint.as_deref()).and_then(|id| match config.touchpoint(id) {
        Some(t) => Some(t),
        None => {
            warnings.push(LaunchWarning::SetupTouchpointGone(id.to_string()));
            None
        }
    });
    let default_tp = setup_tp.unwrap_or_else(|| config.default_touchpoint());
    let setup_lang = setup.and_then(|s| s.lang).unwrap_or(config.defaults.language);
    let tp = match get(&["touchpoint", "tp"]) {
        Some(id) => match config.touchpoint(&id.to_ascii_lowercase()) {
            Some(t) => t,
            None => {
                warnings.push(LaunchWarning::UnknownTouchpoint(id));
                default_tp
            }
        },
        None => default_tp,
    };

    let lang = match get(&["lang", "language"]) {
        Some(v) => Lang::parse(&v).unwrap_or_else(|| {
            warnings.push(LaunchWarning::UnknownLanguage(v));
            setup_lang
        }),
        None => setup_lang,
    };

    let fallback_mode = setup.and_then(|s| s.mode).or(tp.mode).unwrap_or(config.defaults.mode);
    let mode = match get(&["mode"]) {
        Some(v) => Mode::parse(&v).unwrap_or_else(|| {
            warnings.push(LaunchWarning::UnknownMode(v));
            fallback_mode
        }),
        None => fallback_mode,
    };

    let journey = match get(&["journey"]) {
        Some(v) => match Journey::parse(&v) {
            Some(j) if tp.offers(j) => Some(j),
            Some(j) => {
                warnings.push(LaunchWarning::JourneyNotOffered(j));
                None
            }
            None => {
                warnings.push(LaunchWarning::UnknownJourney(v));
                None
            }
        },
        None => None,
    };

    let personal = get(&["via"]).is_some_and(|v| v.eq_ignore_ascii_case("qr"));
    (Launch { touchpoint: tp.id.clone(), lang, mode, journey, personal }, warnings)
}

/// Language and mode for the config-error screen, which has no config to resolve against:
/// the URL's `lang` and `mode` when they make sense (last one wins), else `browser` and
/// standard text.
pub fn without_config(query: &str, browser: Lang) -> (Lang, Mode) {
    let q = parse_query(query);
    let asked = |key: &str| q.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
    (asked("lang").and_then(Lang::parse).unwrap_or(browser), asked("mode").and_then(Mode::parse).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{parse, SAMPLE_CONFIG};

    fn resolve_q(c: &Config, q: &str) -> (Launch, Vec<LaunchWarning>) {
        resolve(c, q, None)
    }

    fn sample() -> Config {
        parse(SAMPLE_CONFIG).expect("sample config is valid")
    }

    #[test]
    fn no_query_uses_config_defaults() {
        let c = sample();
        let (l, w) = resolve_q(&c, "");
        assert!(w.is_empty());
        assert_eq!(l.touchpoint, c.default_touchpoint().id);
        assert_eq!(l.lang, Lang::ZhHans);
        assert_eq!(l.mode, Mode::Standard);
        assert_eq!(l.journey, None);
    }

    #[test]
    fn query_overrides_everything() {
        let c = sample();
        let (l, w) = resolve_q(&c, "?touchpoint=checkout-3&lang=en&mode=large&journey=feedback");
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(l.touchpoint, "checkout-3");
        assert_eq!(l.lang, Lang::En);
        assert_eq!(l.mode, Mode::Large);
        assert_eq!(l.journey, Some(Journey::Feedback));
    }

    #[test]
    fn touchpoint_mode_applies_without_mode_param() {
        let c = sample();
        let (l, _) = resolve_q(&c, "touchpoint=service-desk");
        assert_eq!(l.mode, Mode::Large, "the service desk starts in large-text mode");
        let (l, _) = resolve_q(&c, "touchpoint=service-desk&mode=standard");
        assert_eq!(l.mode, Mode::Standard, "the query wins over the touchpoint");
    }

    #[test]
    fn language_tags_are_read_loosely() {
        let c = sample();
        assert_eq!(resolve_q(&c, "lang=zh-TW").0.lang, Lang::ZhHant);
        assert_eq!(resolve_q(&c, "lang=zh-Hant").0.lang, Lang::ZhHant);
        assert_eq!(resolve_q(&c, "lang=EN").0.lang, Lang::En);
    }

    #[test]
    fn bad_values_fall_back_with_warnings() {
        let c = sample();
        let (l, w) = resolve_q(&c, "touchpoint=nowhere&lang=fr&mode=huge&journey=casino");
        assert_eq!(l.touchpoint, c.default_touchpoint().id);
        assert_eq!(l.lang, Lang::ZhHans);
        assert_eq!(l.mode, Mode::Standard);
        assert_eq!(l.journey, None);
        assert_eq!(
            w,
            vec![
                LaunchWarning::UnknownTouchpoint("nowhere".into()),
                LaunchWarning::UnknownLanguage("fr".into()),
                LaunchWarning::UnknownMode("huge".into()),
                LaunchWarning::UnknownJourney("casino".into()),
            ]
        );
    }

    #[test]
    fn journey_not_offered_at_touchpoint_is_refused() {
        let c = sample();
        let tp = c
            .touchpoints
            .iter()
            .find(|t| t.journeys.as_ref().is_some_and(|j| !j.contains(&Journey::Wayfinding)))
            .expect("sample has a touchpoint without wayfinding");
        let (l, w) = resolve_q(&c, &format!("touchpoint={}&journey=wayfinding", tp.id));
        assert_eq!(l.journey, None);
        assert_eq!(w, vec![LaunchWarning::JourneyNotOffered(Journey::Wayfinding)]);
    }

    #[test]
    fn the_config_error_screen_follows_the_url_without_a_config() {
        assert_eq!(without_config("?mode=large&lang=en", Lang::ZhHans), (Lang::En, Mode::Large));
        assert_eq!(without_config("", Lang::ZhHant), (Lang::ZhHant, Mode::Standard));
        assert_eq!(without_config("?lang=fr&mode=huge", Lang::ZhHans), (Lang::ZhHans, Mode::Standard));
        assert_eq!(without_config("?mode=large&mode=standard", Lang::En), (Lang::En, Mode::Standard));
    }

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("a%20b+c"), "a b c");
        assert_eq!(percent_decode("%E6%B4%97"), "洗");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
        assert_eq!(parse_query("?a=1&&b=%3D&c"), vec![("a".into(), "1".into()), ("b".into(), "=".into()), ("c".into(), "".into())]);
    }

    #[test]
    fn percent_encoding_round_trips() {
        for s in ["a b", "a&b=c#d", "洗手间", "100%", "+", "", "~-._"] {
            assert_eq!(percent_decode(&percent_encode(s)), s);
        }
        assert_eq!(percent_encode("a&b"), "a%26b");
    }

    #[test]
    fn via_qr_marks_a_personal_device() {
        let c = sample();
        assert!(!resolve_q(&c, "touchpoint=exit-kiosk-1").0.personal);
        assert!(resolve_q(&c, "touchpoint=exit-kiosk-1&via=qr").0.personal);
    }

    #[test]
    fn last_repeated_parameter_wins() {
        let c = sample();
        assert_eq!(resolve_q(&c, "lang=en&lang=zh-Hant").0.lang, Lang::ZhHant);
    }

    #[test]
    fn device_setup_sits_between_the_url_and_the_config() {
        let c = sample();
        let setup = DeviceSetup { touchpoint: Some("checkout-3".into()), lang: Some(Lang::ZhHant), mode: Some(Mode::Large), token: None };
        let (l, w) = resolve(&c, "", Some(&setup));
        assert!(w.is_empty(), "{w:?}");
        assert_eq!((l.touchpoint.as_str(), l.lang, l.mode), ("checkout-3", Lang::ZhHant, Mode::Large), "setup wins over the config");
        let (l, w) = resolve(&c, "?lang=en&touchpoint=service-desk&mode=standard", Some(&setup));
        assert!(w.is_empty(), "{w:?}");
        assert_eq!((l.touchpoint.as_str(), l.lang, l.mode), ("service-desk", Lang::En, Mode::Standard), "the URL wins over setup");
        let (l, _) = resolve(&c, "?lang=en", Some(&setup));
        assert_eq!((l.touchpoint.as_str(), l.lang, l.mode), ("checkout-3", Lang::En, Mode::Large), "each setting on its own");
        // The setup's mode wins over the touchpoint's own mode (the service desk starts large).
        let standard = DeviceSetup { touchpoint: Some("service-desk".into()), mode: Some(Mode::Standard), ..Default::default() };
        assert_eq!(resolve(&c, "", Some(&standard)).0.mode, Mode::Standard);
        let partial = DeviceSetup { touchpoint: Some("service-desk".into()), ..Default::default() };
        assert_eq!(resolve(&c, "", Some(&partial)).0.mode, Mode::Large, "no mode set up: the touchpoint's own");
        // A bad URL value falls back to the setup, not past it.
        let (l, _) = resolve(&c, "?lang=fr&touchpoint=nowhere", Some(&setup));
        assert_eq!((l.touchpoint.as_str(), l.lang), ("checkout-3", Lang::ZhHant));
    }

    #[test]
    fn a_setup_touchpoint_the_config_lost_is_reported() {
        let c = sample();
        let setup = DeviceSetup { touchpoint: Some("gone-1".into()), ..Default::default() };
        let (l, w) = resolve(&c, "", Some(&setup));
        assert_eq!(l.touchpoint, c.default_touchpoint().id);
        assert_eq!(w, vec![LaunchWarning::SetupTouchpointGone("gone-1".into())]);
        assert_eq!(resolve(&c, "", Some(&DeviceSetup::default())), resolve(&c, "", None));
    }
}
