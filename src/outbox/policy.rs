//! The retry policy as a pure function: (state, outcome, now) → next action.
//!
//! - 2xx: the batch is acknowledged and may be deleted; failures reset.
//! - Network errors, 408, 425, 429 and 5xx (and anything else that is not a 4xx): retry
//!   with exponential backoff and full jitter (base 1 s, cap 5 min), never sooner than the
//!   server's `Retry-After`. Records are never given up on.
//! - Any other 4xx: the endpoint refuses something in the batch: isolate it (split the
//!   batch; a single refused event goes to `rejected`).

use crate::time::days_from_civil;

pub const BASE_MS: f64 = 1_000.0;
pub const CAP_MS: f64 = 300_000.0;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Outcome {
    /// The endpoint answered 2xx and its body was read in full.
    Delivered,
    /// No (complete) answer: offline, refused, reset, CORS, body cut off.
    Network,
    /// Any non-2xx status, with `Retry-After` already turned into milliseconds from now.
    Status { code: u16, retry_after_ms: Option<f64> },
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Decision {
    /// Delete the batch's records.
    Acknowledge,
    /// Send again, not before this time (ms since epoch).
    RetryAt(f64),
    /// Split the batch to find the refused events; a batch of one is rejected.
    Isolate,
}

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct RetryState {
    /// Consecutive failed attempts.
    pub failures: u32,
}

pub fn is_retryable_status(code: u16) -> bool {
    !(400..500).contains(&code) || matches!(code, 408 | 425 | 429)
}

/// Full-jitter backoff delay after `failures` consecutive failures; `jitter` in 0..1.
pub fn backoff_ms(failures: u32, jitter: f64) -> f64 {
    let exp = BASE_MS * 2f64.powi(failures.saturating_sub(1).min(30) as i32);
    let j = if jitter.is_finite() { jitter.clamp(0.0, 1.0) } else { 1.0 };
    j * exp.min(CAP_MS)
}

/// The next action after `outcome`. `jitter` is a random number in 0..1.
pub fn decide(state: RetryState, outcome: Outcome, now_ms: f64, jitter: f64) -> (RetryState, Decision) {
    match outcome {
        Outcome::Delivered => (RetryState { failures: 0 }, Decision::Acknowledge),
        Outcome::Status { code, .. } if (200..300).contains(&code) => (RetryState { failures: 0 }, Decision::Acknowledge),
        Outcome::Status { code, .. } if !is_retryable_status(code) => (state, Decision::Isolate),
        Outcome::Network | Outcome::Status { .. } => {
            let failures = state.failures.saturating_add(1);
            let mut delay = backoff_ms(failures, jitter);
            if let Outcome::Status { retry_after_ms: Some(ra), .. } = outcome {
                if ra.is_finite() && ra > delay {
                    // Honoured, but a server asking for more than a day is capped at a day.
                    delay = ra.min(86_400_000.0);
                }
            }
            (RetryState { failures }, Decision::RetryAt(now_ms + delay))
        }
    }
}

/// Reads `Retry-After`: delta-seconds or an HTTP-date (IMF-fixdate, e.g.
/// `Sun, 06 Nov 1994 08:49:37 GMT`), as milliseconds from `now_ms` (never negative).
pub fn parse_retry_after(value: &str, now_ms: f64) -> Option<f64> {
    let v = value.trim();
    if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
        return v.parse::<u64>().ok().map(|s| s.min(10_000_000) as f64 * 1000.0);
    }
    let at = parse_http_date(v)?;
    Some((at - now_ms).max(0.0))
}

/// IMF-fixdate → milliseconds since the epoch.
pub fn parse_http_date(s: &str) -> Option<f64> {
    // "Sun, 06 Nov 1994 08:49:37 GMT"
    let (_, rest) = s.split_once(", ")?;
    let parts: Vec<&str> = rest.split_whitespace().collect();
    if parts.len() != 5 || parts[4] != "GMT" {
        return None;
    }
    let day: u32 = parts[0].parse().ok()?;
    let month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        .iter()
        .position(|m| *m == parts[1])? as u32
        + 1;
    let year: i64 = parts[2].parse().ok()?;
    let hms: Vec<u32> = parts[3].split(':').map(|x| x.parse().ok()).collect::<Option<_>>()?;
    if hms.len() != 3 || !(1..=31).contains(&day) || hms[0] > 23 || hms[1] > 59 || hms[2] > 60 {
        return None;
    }
    let days = days_from_civil(year, month, day);
    Some(((days * 86_400 + (hms[0] * 3600 + hms[1] * 60 + hms[2]) as i64) * 1000) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn status_classes() {
        for c in [408, 425, 429, 500, 502, 503, 504, 599] {
            assert!(is_retryable_status(c), "{c}");
        }
        for c in [400, 401, 403, 404, 409, 413, 415, 422] {
            assert!(!is_retryable_status(c), "{c}");
        }
    }

    #[test]
    fn success_acknowledges_and_resets() {
        let (s, d) = decide(RetryState { failures: 7 }, Outcome::Delivered, 0.0, 0.5);
        assert_eq!((s.failures, d), (0, Decision::Acknowledge));
        let (s, d) = decide(RetryState { failures: 3 }, Outcome::Status { code: 204, retry_after_ms: None }, 0.0, 0.5);
        assert_eq!((s.failures, d), (0, Decision::Acknowledge));
    }

    #[test]
    fn refused_batches_are_isolated_not_retried() {
        let (s, d) = decide(RetryState { failures: 2 }, Outcome::Status { code: 400, retry_after_ms: None }, 0.0, 0.5);
        assert_eq!((s.failures, d), (2, Decision::Isolate));
    }

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        assert_eq!(backoff_ms(1, 1.0), 1_000.0);
        assert_eq!(backoff_ms(2, 1.0), 2_000.0);
        assert_eq!(backoff_ms(5, 1.0), 16_000.0);
        assert_eq!(backoff_ms(9, 1.0), 256_000.0);
        assert_eq!(backoff_ms(10, 1.0), CAP_MS);
        assert_eq!(backoff_ms(1_000, 1.0), CAP_MS);
        assert_eq!(backoff_ms(4, 0.0), 0.0);
    }

    #[test]
    fn retry_after_is_honoured_in_seconds_and_as_a_date() {
        let now = parse_http_date("Mon, 30 Nov 2026 05:00:00 GMT").unwrap_or(0.0);
        assert_eq!(parse_retry_after("120", now), Some(120_000.0));
        assert_eq!(parse_retry_after("Mon, 30 Nov 2026 05:00:30 GMT", now), Some(30_000.0));
        assert_eq!(parse_retry_after("Mon, 30 Nov 2026 04:00:00 GMT", now), Some(0.0));
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-5", now), None);
        let (_, d) = decide(RetryState::default(), Outcome::Status { code: 429, retry_after_ms: Some(30_000.0) }, now, 0.9);
        assert_eq!(d, Decision::RetryAt(now + 30_000.0));
        let (_, d) = decide(RetryState::default(), Outcome::Status { code: 503, retry_after_ms: Some(100.0) }, now, 1.0);
        assert_eq!(d, Decision::RetryAt(now + 1_000.0), "the backoff wins when it is longer");
    }

    #[test]
    fn http_dates() {
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), Some(784_111_777_000.0));
        assert_eq!(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0.0));
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 PST"), None);
        assert_eq!(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"), None);
        assert_eq!(parse_http_date("Sun, 32 Nov 1994 08:49:37 GMT"), None);
    }

    fn outcome() -> impl Strategy<Value = Outcome> {
        prop_oneof![
            Just(Outcome::Delivered),
            Just(Outcome::Network),
            (100u16..600, proptest::option::of(0.0f64..1e9)).prop_map(|(code, ra)| Outcome::Status { code, retry_after_ms: ra }),
        ]
    }

    proptest! {
        /// Over any sequence of outcomes: a retry is never scheduled in the past, never more
        /// than the cap (or the server's Retry-After, at most a day) ahead, 2xx always
        /// acknowledges, retryable failures always retry, and other 4xx always isolate.
        #[test]
        fn random_outcome_sequences(seq in proptest::collection::vec((outcome(), 0.0f64..=1.0, 0.0f64..1e6), 1..60)) {
            let mut state = RetryState::default();
            let mut now = 1_700_000_000_000.0;
            for (o, jitter, dt) in seq {
                now += dt;
                let (next, d) = decide(state, o, now, jitter);
                match (o, d) {
                    (Outcome::Delivered, Decision::Acknowledge) => prop_assert_eq!(next.failures, 0),
                    (Outcome::Status { code, .. }, Decision::Acknowledge) => prop_assert!((200..300).contains(&code)),
                    (Outcome::Status { code, .. }, Decision::Isolate) => {
                        prop_assert!((400..500).contains(&code) && !is_retryable_status(code));
                        prop_assert_eq!(next, state);
                    }
                    (o, Decision::RetryAt(at)) => {
                        prop_assert!(at >= now);
                        let ra = match o { Outcome::Status { retry_after_ms: Some(r), .. } => r.min(86_400_000.0), _ => 0.0 };
                        prop_assert!(at - now <= CAP_MS.max(ra) + 0.01);
                        if let Outcome::Status { code, .. } = o {
                            prop_assert!(is_retryable_status(code) && !(200..300).contains(&code));
                            prop_assert!(at - now >= ra - 0.01, "Retry-After honoured");
                        }
                        prop_assert_eq!(next.failures, state.failures + 1);
                    }
                    (o, d) => prop_assert!(false, "unexpected {:?} -> {:?}", o, d),
                }
                state = next;
            }
        }
    }
}
