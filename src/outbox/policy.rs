//! The retry policy as pure functions: (state, outcome, now) → next action, and the round
//! that splits a refused batch.
//!
//! Every answer is first put in a class ([`Outcome::failure`] → [`Failure`]); the class alone
//! decides what happens to the records:
//!
//! - 2xx (body read in full): the batch is acknowledged and may be deleted; failures reset.
//! - [`Failure::Refused`] — 400, 413, 422, the answers that say *the events themselves* are
//!   bad (invalid, too large): isolate them (split the batch; a single refused event goes to
//!   `rejected`). These are the only answers that ever move a record out of the queue without
//!   delivering it. (415, a content type the endpoint does not take, is about every request
//!   this device sends, not about some events: [`Failure::Format`], kept pending.)
//! - Every other failure keeps every record pending and retries with exponential backoff and
//!   full jitter (base 1 s, cap 5 min), never sooner than the server's `Retry-After` (at most a
//!   day). Records are never given up on. That includes answers about *the request* rather
//!   than the events — a rotated token (401/403), a typo in the endpoint path or a proxy
//!   mis-route during a deploy (404/405/410/421), a content type the endpoint does not take
//!   (415), a redirect to a sign-in page (any 3xx, which
//!   is never followed) — because fixing the configuration or the server must be enough to get
//!   every answer delivered. Staff see the class ([`Failure`]) as a plain reason.

use crate::time::days_from_civil;

pub const BASE_MS: f64 = 1_000.0;
pub const CAP_MS: f64 = 300_000.0;
/// The longest `Retry-After` honoured; a server asking for more is retried after a day.
pub const RETRY_AFTER_CAP_MS: f64 = 86_400_000.0;
/// How long one POST may take, answer included, before it counts as no answer (a network
/// failure, retried with backoff). Without it a proxy or link that accepts the connection
/// and never answers would hold the one sender, and every answer behind it, indefinitely.
pub const SEND_TIMEOUT_MS: u32 = 60_000;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Outcome {
    /// The endpoint answered 2xx and its body was read in full.
    Delivered,
    /// No (complete) answer: offline, refused, reset, CORS, body cut off.
    Network,
    /// The endpoint answered with a redirect (the send does not follow it: a 302 to a proxy's
    /// sign-in page would otherwise end in that page's 200).
    Redirect,
    /// Any other status, with `Retry-After` already turned into milliseconds from now.
    Status { code: u16, retry_after_ms: Option<f64> },
}

/// Why a send failed, in the terms staff act on. Only [`Failure::Refused`] takes records out
/// of the queue (into `rejected`); every other class keeps them pending and retries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Failure {
    /// No complete answer: offline, connection refused or reset, CORS, a body cut off.
    Network,
    /// A redirect (3xx): a proxy or sign-in page stands between the device and the endpoint.
    Redirect,
    /// 401, 403, 407: the device's token is missing, wrong or no longer accepted.
    Unauthorized,
    /// 404, 405, 410, 421: the endpoint address (`endpoint.url`) does not lead to the endpoint.
    WrongAddress,
    /// 415: the endpoint does not take the content type this device sends (`endpoint.format`
    /// does not match it, or the address leads to some other service). About every request,
    /// not some events: isolating would set every answer aside; they stay pending instead.
    Format,
    /// 429, or 503 with `Retry-After`: the endpoint asks the device to slow down.
    RateLimited,
    /// Any other 5xx: the endpoint has a problem of its own.
    Server,
    /// 400, 413, 422: the endpoint refuses events in the batch; they are isolated and the
    /// refused ones kept in `rejected`.
    Refused,
    /// Any other answer (408, 409, 425, other 4xx, 1xx, unknown codes): retried.
    Other,
}

impl Failure {
    /// The class of a non-2xx status. `has_retry_after` tells a 503 that names a time to come
    /// back (rate limiting, maintenance) from one that does not.
    pub fn of_status(code: u16, has_retry_after: bool) -> Failure {
        match code {
            300..=399 => Failure::Redirect,
            400 | 413 | 422 => Failure::Refused,
            415 => Failure::Format,
            401 | 403 | 407 => Failure::Unauthorized,
            404 | 405 | 410 | 421 => Failure::WrongAddress,
            429 => Failure::RateLimited,
            503 if has_retry_after => Failure::RateLimited,
            500..=599 => Failure::Server,
            _ => Failure::Other,
        }
    }

    /// Whether this class moves refused events into `rejected` (after isolating them).
    pub fn isolates(self) -> bool {
        self == Failure::Refused
    }
}

impl Outcome {
    /// `None` for a delivery (2xx), else the class of the failure.
    pub fn failure(self) -> Option<Failure> {
        match self {
            Outcome::Delivered => None,
            Outcome::Status { code, .. } if (200..300).contains(&code) => None,
            Outcome::Network => Some(Failure::Network),
            Outcome::Redirect => Some(Failure::Redirect),
            Outcome::Status { code, retry_after_ms } => Some(Failure::of_status(code, retry_after_ms.is_some())),
        }
    }
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

/// Whether a status keeps the batch pending (retried later) rather than isolating events.
pub fn is_retryable_status(code: u16) -> bool {
    !Failure::of_status(code, false).isolates()
}

/// Full-jitter backoff delay after `failures` consecutive failures; `jitter` in 0..1.
pub fn backoff_ms(failures: u32, jitter: f64) -> f64 {
    let exp = BASE_MS * 2f64.powi(failures.saturating_sub(1).min(30) as i32);
    let j = if jitter.is_finite() { crate::number::clamp(jitter, 0.0, 1.0) } else { 1.0 };
    j * exp.min(CAP_MS)
}

/// The next action after `outcome`. `jitter` is a random number in 0..1.
pub fn decide(state: RetryState, outcome: Outcome, now_ms: f64, jitter: f64) -> (RetryState, Decision) {
    match outcome.failure() {
        None => (RetryState { failures: 0 }, Decision::Acknowledge),
        Some(f) if f.isolates() => (state, Decision::Isolate),
        Some(_) => {
            let failures = state.failures.saturating_add(1);
            let mut delay = backoff_ms(failures, jitter);
            if let Outcome::Status { retry_after_ms: Some(ra), .. } = outcome {
                if ra.is_finite() && ra > delay {
                    // Honoured, but a server asking for more than a day is capped at a day.
                    delay = ra.min(RETRY_AFTER_CAP_MS);
                }
            }
            (RetryState { failures }, Decision::RetryAt(now_ms + delay))
        }
    }
}

/// How long the sender waits after the device's own storage failed it (the database could
/// not be opened or read, or records acknowledged by the endpoint could not be deleted):
/// `first_ms` doubling with each consecutive storage failure, at most [`CAP_MS`]. A failed
/// delete after a 2xx must never lead to an immediate re-POST of the same batch.
pub fn storage_backoff_ms(failures: u32, first_ms: f64) -> f64 {
    (first_ms * 2f64.powi(failures.saturating_sub(1).min(30) as i32)).min(CAP_MS)
}

/// One sending round over a batch: which part to post next, and what the decision about
/// that part means for its records. The sender posts [`Round::next_part`], asks [`decide`],
/// and carries out what [`Round::settle`] returns; a refused batch is split in halves until
/// the refused events stand alone.
#[derive(Debug, Clone)]
pub struct Round<T> {
    work: Vec<Vec<T>>,
}

/// What to do with the records of a part that was posted.
#[derive(Debug, Clone, PartialEq)]
pub enum Settled<T> {
    /// Delivered: delete these records.
    Acknowledged(Vec<T>),
    /// This one record is refused on its own: move it to `rejected`.
    Rejected(T),
    /// Split in halves, both queued for this round.
    Split,
    /// Keep everything pending; the round is over, send again at this time.
    Retry(f64),
}

impl<T> Round<T> {
    pub fn new(batch: Vec<T>) -> Self {
        Round { work: if batch.is_empty() { Vec::new() } else { vec![batch] } }
    }

    /// The next part to post, or `None` when the round is over.
    pub fn next_part(&mut self) -> Option<Vec<T>> {
        self.work.pop()
    }

    /// Ends the round early (e.g. the device's storage failed): nothing more is posted.
    pub fn stop(&mut self) {
        self.work.clear();
    }

    /// What `decision` (about `part`, just posted) means for its records.
    pub fn settle(&mut self, mut part: Vec<T>, decision: Decision) -> Settled<T> {
        match decision {
            Decision::Acknowledge => Settled::Acknowledged(part),
            Decision::RetryAt(at) => {
                self.work.clear();
                Settled::Retry(at)
            }
            Decision::Isolate if part.len() == 1 => match part.pop() {
                Some(one) => Settled::Rejected(one),
                None => Settled::Split,
            },
            Decision::Isolate => {
                if part.len() > 1 {
                    let right = part.split_off(part.len() / 2);
                    self.work.push(right);
                    self.work.push(part);
                }
                Settled::Split
            }
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

    /// The codes that isolate events into `rejected`; every other answer keeps them pending.
    const ISOLATE: [u16; 3] = [400, 413, 422];

    fn status(code: u16) -> Outcome {
        Outcome::Status { code, retry_after_ms: None }
    }

    #[test]
    fn status_classes() {
        for c in [408, 415, 425, 429, 500, 502, 503, 504, 599, 401, 403, 404, 405, 409, 410, 302, 100, 600] {
            assert!(is_retryable_status(c), "{c}");
        }
        for c in ISOLATE {
            assert!(!is_retryable_status(c), "{c}");
        }
        let class = |c| Failure::of_status(c, false);
        assert_eq!(class(401), Failure::Unauthorized);
        assert_eq!(class(403), Failure::Unauthorized);
        assert_eq!(class(407), Failure::Unauthorized);
        assert_eq!(class(404), Failure::WrongAddress);
        assert_eq!(class(405), Failure::WrongAddress);
        assert_eq!(class(410), Failure::WrongAddress);
        assert_eq!(class(415), Failure::Format);
        assert_eq!(class(301), Failure::Redirect);
        assert_eq!(class(308), Failure::Redirect);
        assert_eq!(class(429), Failure::RateLimited);
        assert_eq!(class(503), Failure::Server);
        assert_eq!(Failure::of_status(503, true), Failure::RateLimited);
        assert_eq!(class(500), Failure::Server);
        assert_eq!(class(408), Failure::Other);
        assert_eq!(class(409), Failure::Other);
        for c in ISOLATE {
            assert_eq!(class(c), Failure::Refused);
        }
        assert_eq!(Outcome::Network.failure(), Some(Failure::Network));
        assert_eq!(Outcome::Redirect.failure(), Some(Failure::Redirect));
        assert_eq!(Outcome::Delivered.failure(), None);
        assert_eq!(status(204).failure(), None);
    }

    #[test]
    fn success_acknowledges_and_resets() {
        let (s, d) = decide(RetryState { failures: 7 }, Outcome::Delivered, 0.0, 0.5);
        assert_eq!((s.failures, d), (0, Decision::Acknowledge));
        let (s, d) = decide(RetryState { failures: 3 }, status(204), 0.0, 0.5);
        assert_eq!((s.failures, d), (0, Decision::Acknowledge));
    }

    #[test]
    fn refused_batches_are_isolated_not_retried() {
        for c in ISOLATE {
            let (s, d) = decide(RetryState { failures: 2 }, status(c), 0.0, 0.5);
            assert_eq!((s.failures, d), (2, Decision::Isolate), "{c}");
        }
    }

    /// A rotated token, a wrong endpoint path, a proxy's redirect: the records stay pending.
    #[test]
    fn authentication_addressing_and_redirects_keep_records_pending() {
        for o in [status(401), status(403), status(404), status(405), status(410), status(302), Outcome::Redirect] {
            let (s, d) = decide(RetryState { failures: 1 }, o, 1_000.0, 1.0);
            assert_eq!(s.failures, 2, "{o:?}");
            assert_eq!(d, Decision::RetryAt(1_000.0 + 2_000.0), "{o:?}");
        }
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
    fn storage_backoff_grows_from_the_first_wait_to_the_cap() {
        assert_eq!(storage_backoff_ms(0, 5_000.0), 5_000.0);
        assert_eq!(storage_backoff_ms(1, 5_000.0), 5_000.0);
        assert_eq!(storage_backoff_ms(2, 5_000.0), 10_000.0);
        assert_eq!(storage_backoff_ms(4, 5_000.0), 40_000.0);
        assert_eq!(storage_backoff_ms(20, 5_000.0), CAP_MS);
        assert_eq!(storage_backoff_ms(u32::MAX, 5_000.0), CAP_MS);
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
        // an authentication failure that names a time is honoured the same way
        let (_, d) = decide(RetryState::default(), Outcome::Status { code: 401, retry_after_ms: Some(60_000.0) }, now, 0.5);
        assert_eq!(d, Decision::RetryAt(now + 60_000.0));
    }

    #[test]
    fn http_dates() {
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), Some(784_111_777_000.0));
        assert_eq!(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0.0));
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 PST"), None);
        assert_eq!(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"), None);
        assert_eq!(parse_http_date("Sun, 32 Nov 1994 08:49:37 GMT"), None);
    }

    #[test]
    fn a_round_splits_a_refused_batch_until_the_refused_event_stands_alone() {
        let mut r = Round::new(vec![1, 2, 3, 4]);
        let part = r.next_part().unwrap_or_default();
        assert_eq!(r.settle(part, Decision::Isolate), Settled::Split);
        assert_eq!(r.next_part(), Some(vec![1, 2]));
        assert_eq!(r.settle(vec![1, 2], Decision::Acknowledge), Settled::Acknowledged(vec![1, 2]));
        assert_eq!(r.next_part(), Some(vec![3, 4]));
        assert_eq!(r.settle(vec![3, 4], Decision::Isolate), Settled::Split);
        assert_eq!(r.next_part(), Some(vec![3]));
        assert_eq!(r.settle(vec![3], Decision::Isolate), Settled::Rejected(3));
        assert_eq!(r.next_part(), Some(vec![4]));
        // a retry ends the round: 4 stays pending
        assert_eq!(r.settle(vec![4], Decision::RetryAt(9.0)), Settled::Retry(9.0));
        assert_eq!(r.next_part(), None);
        assert_eq!(Round::<u8>::new(vec![]).next_part(), None);
    }

    fn outcome() -> impl Strategy<Value = Outcome> {
        prop_oneof![
            Just(Outcome::Delivered),
            Just(Outcome::Network),
            Just(Outcome::Redirect),
            (100u16..700, proptest::option::of(0.0f64..1e9)).prop_map(|(code, ra)| Outcome::Status { code, retry_after_ms: ra }),
            // the codes that matter most, more often than a uniform draw would give them
            (prop::sample::select(vec![400u16, 401, 403, 404, 405, 410, 413, 415, 422, 429, 503]), proptest::option::of(0.0f64..1e6))
                .prop_map(|(code, ra)| Outcome::Status { code, retry_after_ms: ra }),
        ]
    }

    /// A failure that is not one of the isolate codes.
    fn non_isolating_failure() -> impl Strategy<Value = Outcome> {
        outcome().prop_filter("a failure that keeps records pending", |o| o.failure().is_some_and(|f| !f.isolates()))
    }

    proptest! {
        /// Over any sequence of outcomes: a retry is never scheduled in the past, never more
        /// than the cap (or the server's Retry-After, at most a day) ahead, 2xx always
        /// acknowledges, only the isolate codes isolate, and everything else retries.
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
                        prop_assert!(ISOLATE.contains(&code), "{} isolated", code);
                        prop_assert_eq!(next, state);
                    }
                    (o, Decision::RetryAt(at)) => {
                        prop_assert!(at >= now);
                        let ra = match o { Outcome::Status { retry_after_ms: Some(r), .. } => r.min(RETRY_AFTER_CAP_MS), _ => 0.0 };
                        prop_assert!(at - now <= CAP_MS.max(ra) + 0.01, "within [0, cap] or the server's Retry-After");
                        prop_assert!(at - now >= ra - 0.01, "Retry-After honoured");
                        if let Outcome::Status { code, .. } = o {
                            prop_assert!(!ISOLATE.contains(&code) && !(200..300).contains(&code));
                        }
                        prop_assert_eq!(next.failures, state.failures + 1);
                    }
                    (o, d) => prop_assert!(false, "unexpected {:?} -> {:?}", o, d),
                }
                state = next;
            }
        }

        /// No sequence of answers without an isolate code ever rejects a record: rounds over a
        /// queue end in delivery or in a retry with everything still pending.
        #[test]
        fn only_isolate_codes_ever_reject(
            n in 1usize..40,
            answers in proptest::collection::vec((prop_oneof![3 => non_isolating_failure(), 1 => Just(Outcome::Delivered)], 0.0f64..=1.0), 1..80),
        ) {
            let mut queue: Vec<usize> = (0..n).collect();
            let mut state = RetryState::default();
            for (o, jitter) in answers {
                let mut round = Round::new(queue.clone());
                let Some(part) = round.next_part() else { break };
                let (next, d) = decide(state, o, 0.0, jitter);
                state = next;
                match round.settle(part, d) {
                    Settled::Acknowledged(ids) => queue.retain(|i| !ids.contains(i)),
                    Settled::Retry(at) => {
                        prop_assert!((0.0..=CAP_MS.max(RETRY_AFTER_CAP_MS)).contains(&at));
                        prop_assert_eq!(round.next_part(), None, "a retry ends the round");
                    }
                    s => prop_assert!(false, "{:?} after {:?}", s, o),
                }
            }
        }

        /// An endpoint that refuses the batches holding some bad events (400/413/422) and
        /// otherwise fails at random with any non-isolating answer: in the end exactly the bad
        /// events are in `rejected`, every other one delivered once, nothing lost.
        #[test]
        fn isolation_rejects_exactly_the_refused_events(
            n in 1usize..30,
            bad in proptest::collection::vec(any::<bool>(), 30),
            refuse_code in prop::sample::select(ISOLATE.to_vec()),
            failures in proptest::collection::vec(proptest::option::of(non_isolating_failure()), 1..200),
        ) {
            let is_bad = |i: &usize| bad[*i % bad.len()];
            let mut queue: Vec<usize> = (0..n).collect();
            let (mut delivered, mut rejected) = (Vec::new(), Vec::new());
            let mut state = RetryState::default();
            // the random failures first, then an endpoint that answers as it should
            let mut draws = failures.iter().copied().chain(std::iter::repeat(None));
            for _round in 0..1_000 {
                if queue.is_empty() { break; }
                let mut round = Round::new(queue.clone());
                while let Some(part) = round.next_part() {
                    let o = match draws.next().flatten() {
                        Some(fail) => fail,
                        None if part.iter().any(is_bad) => Outcome::Status { code: refuse_code, retry_after_ms: None },
                        None => Outcome::Delivered,
                    };
                    let (next, d) = decide(state, o, 0.0, 0.5);
                    state = next;
                    match round.settle(part, d) {
                        Settled::Acknowledged(ids) => {
                            prop_assert!(!ids.iter().any(is_bad));
                            queue.retain(|i| !ids.contains(i));
                            delivered.extend(ids);
                        }
                        Settled::Rejected(one) => {
                            prop_assert!(is_bad(&one), "{} rejected after {:?}", one, o);
                            queue.retain(|i| *i != one);
                            rejected.push(one);
                        }
                        Settled::Split | Settled::Retry(_) => {}
                    }
                }
            }
            prop_assert!(queue.is_empty(), "left pending: {:?}", queue);
            let mut all: Vec<usize> = delivered.iter().chain(&rejected).chain(&queue).copied().collect();
            all.sort_unstable();
            prop_assert_eq!(all, (0..n).collect::<Vec<_>>(), "each record exactly once");
            prop_assert!(rejected.iter().all(is_bad) && delivered.iter().all(|i| !is_bad(i)));
        }
    }
}
