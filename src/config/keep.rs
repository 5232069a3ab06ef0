//! Which config a device runs. The one just fetched if it is valid; otherwise the last one
//! that was valid on this device, with the reason kept for staff; otherwise none, and the
//! device shows why it cannot start. A kiosk that restarts while the network is down, or
//! after someone deployed a broken file, keeps working on what it had.

use super::{parse, Config, Problem};

/// Why the config text could not be had (before it was parsed).
#[derive(Debug, Clone, PartialEq)]
pub enum FetchError {
    /// The server answered with a non-2xx status.
    Status(u16),
    /// No answer: offline, DNS, CORS, refused connection.
    Network(String),
    /// No answer yet after [`PATIENCE_S`] seconds (a stalled network or server), while this
    /// device has a last good config to start from instead.
    TimedOut { after_s: u32 },
}

/// How long after the page started loading a device that has a usable last good config
/// waits for a fresh one before it starts on the kept one: a kiosk switched on behind a
/// stalled network or a hung server starts within seconds, before index.html's "still
/// loading" notice (10 s). A device with no usable kept config has nothing better to start
/// from, so it keeps waiting (`web::config_source`).
pub const PATIENCE_S: u32 = 8;
const _: () = assert!(PATIENCE_S < 10, "a kiosk with a kept config starts before the boot screen's 10 s notice");

impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FetchError::Status(s) => write!(f, "HTTP {s}"),
            FetchError::Network(m) => write!(f, "{m}"),
            FetchError::TimedOut { after_s } => write!(f, "no answer within {after_s} s"),
        }
    }
}

/// Why the fetched config cannot be used.
#[derive(Debug, Clone, PartialEq)]
pub enum Unusable {
    Fetch(FetchError),
    Invalid(Vec<Problem>),
}

/// The config to run.
#[derive(Debug)]
pub struct Chosen {
    pub config: Config,
    /// Text to keep as this device's last good config (the fresh one, when it is valid).
    pub keep: Option<String>,
    /// Set when running on the last good config: why the fresh one was not used.
    pub fallback_because: Option<Unusable>,
}

/// Decides between the fetched text and this device's last good config, which is read only
/// when the fetched one cannot be used. A last good config that no longer validates (an app
/// update changed the rules) is not used.
pub fn choose(fresh: Result<String, FetchError>, last_good: impl FnOnce() -> Option<String>) -> Result<Chosen, Unusable> {
    let why = match fresh {
        Ok(text) => match parse(&text) {
            Ok(config) => return Ok(Chosen { config, keep: Some(text), fallback_because: None }),
            Err(problems) => Unusable::Invalid(problems),
        },
        Err(e) => Unusable::Fetch(e),
    };
    match last_good().as_deref().map(parse) {
        Some(Ok(config)) => Ok(Chosen { config, keep: None, fallback_because: Some(why) }),
        _ => Err(why),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::SAMPLE_CONFIG;

    fn other_store() -> String {
        SAMPLE_CONFIG.replacen("\"lanting-xuhui\"", "\"lanting-pudong\"", 1)
    }

    #[test]
    fn a_valid_fresh_config_wins_and_is_kept() {
        let c = choose(Ok(other_store()), || panic!("the kept config is not read when the fresh one is good")).expect("valid");
        assert_eq!(c.config.store.id, "lanting-pudong");
        assert_eq!(c.keep.as_deref(), Some(other_store().as_str()));
        assert!(c.fallback_because.is_none());
    }

    #[test]
    fn offline_runs_on_the_last_good_config_and_says_why() {
        let c = choose(Err(FetchError::Network("Failed to fetch".into())), || Some(SAMPLE_CONFIG.to_string())).expect("fallback");
        assert_eq!(c.config.store.id, "lanting-xuhui");
        assert!(c.keep.is_none(), "nothing new to keep");
        assert_eq!(c.fallback_because, Some(Unusable::Fetch(FetchError::Network("Failed to fetch".into()))));
    }

    #[test]
    fn a_stalled_download_runs_on_the_last_good_config_and_says_why() {
        let stalled = FetchError::TimedOut { after_s: PATIENCE_S };
        let c = choose(Err(stalled.clone()), || Some(SAMPLE_CONFIG.to_string())).expect("fallback");
        assert_eq!(c.config.store.id, "lanting-xuhui");
        assert!(c.keep.is_none());
        assert_eq!(c.fallback_because, Some(Unusable::Fetch(stalled.clone())));
        assert_eq!(stalled.to_string(), "no answer within 8 s");
    }

    #[test]
    fn a_broken_new_config_is_not_adopted() {
        let broken = SAMPLE_CONFIG.replacen("\"version\": 1", "\"version\": 9", 1);
        let c = choose(Ok(broken), || Some(SAMPLE_CONFIG.to_string())).expect("fallback");
        assert_eq!(c.config.store.id, "lanting-xuhui");
        assert!(c.keep.is_none(), "a broken file never becomes the last good one");
        assert!(matches!(c.fallback_because, Some(Unusable::Invalid(ref p)) if !p.is_empty()));
    }

    #[test]
    fn without_a_last_good_config_the_reason_is_returned() {
        assert_eq!(choose(Err(FetchError::Status(404)), || None).err(), Some(Unusable::Fetch(FetchError::Status(404))));
        assert!(matches!(choose(Ok("{".into()), || None), Err(Unusable::Invalid(_))));
        // A kept config that no longer validates is not used either.
        assert!(matches!(choose(Err(FetchError::Status(503)), || Some("{\"version\": 1}".to_string())), Err(Unusable::Fetch(_))));
    }
}
