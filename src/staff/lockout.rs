//! How long sign-in pauses after wrong PINs. The state is kept on the device
//! (`localStorage`), so a reload does not reset it.
//!
//! Five wrong PINs in a row are free; the fifth starts a pause of 30 s, and each further
//! wrong PIN (after the pause) doubles it, up to one hour. A right PIN starts over.

use serde::{Deserialize, Serialize};

/// Wrong PINs allowed before the first pause.
pub const FREE_ATTEMPTS: u32 = 5;
const FIRST_PAUSE_SECS: u32 = 30;
const LONGEST_PAUSE_SECS: u32 = 3_600;

#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Lockout {
    /// Wrong PINs since the last right one.
    pub failures: u32,
    /// Sign-in is refused until this time (ms since the epoch); 0 when not paused.
    pub locked_until_ms: f64,
}

/// The pause that follows the `failures`-th wrong PIN in a row, in seconds.
pub fn pause_after(failures: u32) -> Option<u32> {
    if failures < FREE_ATTEMPTS {
        return None;
    }
    let doublings = (failures - FREE_ATTEMPTS).min(16);
    Some(FIRST_PAUSE_SECS.saturating_mul(1 << doublings).min(LONGEST_PAUSE_SECS))
}

impl Lockout {
    /// Reads the stored state; anything unreadable counts as five wrong PINs just now, so
    /// tampering with the stored value does not buy free guesses.
    pub fn from_stored(text: Option<&str>, now_ms: f64) -> Lockout {
        match text {
            None => Lockout::default(),
            Some(t) => serde_json::from_str::<Lockout>(t)
                .ok()
                .filter(|l| l.locked_until_ms.is_finite() && l.locked_until_ms >= 0.0)
                .unwrap_or_else(|| Lockout { failures: FREE_ATTEMPTS - 1, locked_until_ms: 0.0 }.failed(now_ms)),
        }
    }

    pub fn to_stored(self) -> String {
        serde_json::to_string(&self).unwrap_or_default()
    }

    /// Whole seconds still to wait before a PIN may be tried, if sign-in is paused.
    pub fn remaining_secs(&self, now_ms: f64) -> Option<u32> {
        let left = self.locked_until_ms - now_ms;
        (left > 0.0).then(|| (left / 1000.0).ceil().min(f64::from(u32::MAX)) as u32)
    }

    /// After a wrong PIN at `now_ms`.
    pub fn failed(self, now_ms: f64) -> Lockout {
        let failures = self.failures.saturating_add(1);
        let locked_until_ms = match pause_after(failures) {
            Some(secs) => now_ms + f64::from(secs) * 1000.0,
            None => 0.0,
        };
        Lockout { failures, locked_until_ms }
    }

    /// Wrong PINs still allowed before a pause.
    pub fn attempts_left(&self) -> u32 {
        FREE_ATTEMPTS.saturating_sub(self.failures)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_wrong_pins_then_a_growing_pause() {
        let mut l = Lockout::default();
        let t = 1_000_000.0;
        for i in 1..FREE_ATTEMPTS {
            l = l.failed(t);
            assert_eq!(l.remaining_secs(t), None, "attempt {i} is free");
            assert_eq!(l.attempts_left(), FREE_ATTEMPTS - i);
        }
        l = l.failed(t);
        assert_eq!(l.remaining_secs(t), Some(30));
        assert_eq!(l.remaining_secs(t + 29_001.0), Some(1));
        assert_eq!(l.remaining_secs(t + 30_000.0), None);
        let t2 = t + 31_000.0;
        l = l.failed(t2);
        assert_eq!(l.remaining_secs(t2), Some(60), "the next wrong PIN doubles the pause");
        assert_eq!(pause_after(7), Some(120));
        assert_eq!(pause_after(100), Some(3_600), "capped at an hour");
        assert_eq!(pause_after(u32::MAX), Some(3_600));
    }

    #[test]
    fn survives_a_round_trip_through_storage() {
        let l = Lockout::default().failed(5.0).failed(6.0);
        assert_eq!(Lockout::from_stored(Some(&l.to_stored()), 7.0), l);
        assert_eq!(Lockout::from_stored(None, 7.0), Lockout::default());
    }

    #[test]
    fn a_stored_state_reads_back_as_written() {
        // The browser side rewrites a stored value only when it does not read back the same.
        for l in [Lockout::default().failed(1_764_520_000_123.0), Lockout { failures: 9, locked_until_ms: 1_764_520_000_000.5 }] {
            let t = l.to_stored();
            assert_eq!(Lockout::from_stored(Some(&t), 0.0).to_stored(), t);
        }
    }

    #[test]
    fn a_tampered_state_pauses() {
        for bad in ["", "{", "{\"failures\":-1}", "{\"failures\":1,\"locked_until_ms\":-5}", "null"] {
            let l = Lockout::from_stored(Some(bad), 1000.0);
            assert_eq!(l.remaining_secs(1000.0), Some(30), "{bad:?}");
        }
    }
}
