//! Misuse flags: answers handed in faster than a person could give them are marked, never
//! dropped. The mark travels as the CloudEvents extension `suspect: "<reason>"`
//! (docs/cloudevents.md), so the store decides what to do with them (the reference
//! collector's summary leaves them out of the scores by default); this device's tally counts
//! them apart as "flagged" ([`super::tally`]).
//!
//! Two rules:
//! - **too fast** ([`Reason::TooFast`]): a questionnaire finished less than
//!   [`MIN_SURVEY_MS`] after it started. Nobody reads and answers a question in under two
//!   seconds, on any device, so this applies to phones too (there it means a script).
//! - **burst** ([`Reason::Burst`]): the same score [`BURST_COUNT`] times within
//!   [`BURST_WINDOW_MS`] on one *shared* device (exit kiosk, service desk): a child or a
//!   prankster tapping "0" again and again. The fifth and every later one in the window are
//!   marked (the earlier ones may already be sent and stay as they are). Phones do not apply
//!   it: a phone is one customer, its page state is lost on each QR scan, and five honest
//!   questionnaires from one phone within a minute are not something the phone could tell
//!   apart from spam anyway — the collector sees the source and can judge.
//!
//! "The score" of a questionnaire is its NPS answer, else its CSAT answer; records with
//! neither (suggestion-box entries, questionnaires without a rating) are not part of a burst.

use std::collections::VecDeque;

/// A questionnaire finished sooner than this after it started is too fast.
pub const MIN_SURVEY_MS: f64 = 2_000.0;
/// This many equal scores within [`BURST_WINDOW_MS`] make a burst.
pub const BURST_COUNT: usize = 5;
pub const BURST_WINDOW_MS: f64 = 60_000.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    TooFast,
    Burst,
}

impl Reason {
    /// The value of the `suspect` extension attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::TooFast => "too-fast",
            Reason::Burst => "burst",
        }
    }
}

/// What the rule looks at in one hand-in.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct HandIn {
    /// When the questionnaire started (ms since the epoch); `None` for records without one.
    pub started_ms: Option<f64>,
    pub finished_ms: f64,
    /// NPS, else CSAT.
    pub score: Option<u8>,
}

/// The recent scores of this device, kept in memory (a reload starts afresh, which at worst
/// lets four more answers of a burst through unmarked).
#[derive(Debug, Clone, Default)]
pub struct Recent {
    seen: VecDeque<(f64, u8)>,
}

impl Recent {
    /// The mark for `h`, and `h` remembered for the burst rule. `shared`: the device is a
    /// kiosk or service desk. When both rules match, too-fast is the reason given.
    pub fn check(&mut self, h: HandIn, shared: bool) -> Option<Reason> {
        let too_fast = h
            .started_ms
            .map(|s| h.finished_ms - s)
            .is_some_and(|d| d.is_finite() && (0.0..MIN_SURVEY_MS).contains(&d));
        let burst = shared && self.burst(h);
        if too_fast {
            Some(Reason::TooFast)
        } else if burst {
            Some(Reason::Burst)
        } else {
            None
        }
    }

    fn burst(&mut self, h: HandIn) -> bool {
        let now = h.finished_ms;
        if !now.is_finite() {
            return false;
        }
        // Older than the window, or "later" than now (the clock was set back): forgotten.
        self.seen.retain(|(t, _)| *t <= now && now - *t < BURST_WINDOW_MS);
        let Some(score) = h.score else { return false };
        self.seen.push_back((now, score));
        // Only the window matters; a flood cannot grow this past a minute of hand-ins, and
        // the cap keeps even a stuck clock from growing it.
        while self.seen.len() > 256 {
            self.seen.pop_front();
        }
        self.seen.iter().filter(|(_, s)| *s == score).count() >= BURST_COUNT
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn at(t: f64, score: u8) -> HandIn {
        HandIn { started_ms: Some(t - 10_000.0), finished_ms: t, score: Some(score) }
    }

    #[test]
    fn a_survey_under_two_seconds_is_too_fast_anywhere() {
        for shared in [true, false] {
            let mut r = Recent::default();
            let h = HandIn { started_ms: Some(1_000.0), finished_ms: 2_999.0, score: Some(9) };
            assert_eq!(r.check(h, shared), Some(Reason::TooFast));
            assert_eq!(r.check(HandIn { started_ms: Some(1_000.0), finished_ms: 1_000.0, score: None }, shared), Some(Reason::TooFast));
            assert_eq!(r.check(HandIn { started_ms: Some(1_000.0), finished_ms: 3_000.0, score: None }, shared), None);
            // the clock set back between start and finish: not judged
            assert_eq!(r.check(HandIn { started_ms: Some(5_000.0), finished_ms: 1_000.0, score: None }, shared), None);
            // a suggestion-box entry has no start
            assert_eq!(r.check(HandIn { started_ms: None, finished_ms: 1_000.0, score: None }, shared), None);
        }
    }

    #[test]
    fn five_equal_scores_within_a_minute_are_a_burst_on_a_kiosk() {
        let mut r = Recent::default();
        let marks: Vec<_> = (0..7).map(|i| r.check(at(100_000.0 + i as f64 * 5_000.0, 0), true)).collect();
        assert_eq!(marks, [None, None, None, None, Some(Reason::Burst), Some(Reason::Burst), Some(Reason::Burst)]);
        // a phone never applies it
        let mut p = Recent::default();
        assert!((0..7).all(|i| p.check(at(100_000.0 + i as f64 * 5_000.0, 0), false).is_none()));
    }

    #[test]
    fn no_burst_when_spread_out_or_different() {
        let mut r = Recent::default();
        // one every 15 s: only four fall within any minute
        assert!((0..10).all(|i| r.check(at(i as f64 * 15_000.0, 10), true).is_none()));
        let mut r = Recent::default();
        // five quick ones, but not all the same score
        assert!([9, 9, 9, 9, 10, 9].iter().enumerate().take(5).all(|(i, s)| r.check(at(i as f64 * 3_000.0, *s), true).is_none()));
        assert_eq!(r.check(at(15_000.0, 9), true), Some(Reason::Burst), "the fifth 9");
        // records without a score are not part of a burst
        let mut r = Recent::default();
        assert!((0..10).all(|i| r.check(HandIn { started_ms: None, finished_ms: i as f64 * 1_000.0, score: None }, true).is_none()));
    }

    proptest! {
        #[test]
        fn never_marks_fewer_than_five_in_a_window(gaps in proptest::collection::vec(0u32..120_000, 1..40), scores in proptest::collection::vec(0u8..=10, 40)) {
            let mut r = Recent::default();
            let mut t = 1_000_000.0;
            let mut history: Vec<(f64, u8)> = Vec::new();
            for (g, s) in gaps.iter().zip(&scores) {
                t += *g as f64;
                history.push((t, *s));
                let expected = history.iter().filter(|(u, v)| v == s && t - u < BURST_WINDOW_MS).count() >= BURST_COUNT;
                let got = r.check(at(t, *s), true) == Some(Reason::Burst);
                prop_assert_eq!(got, expected);
            }
        }
    }
}
