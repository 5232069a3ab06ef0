//! Shared devices reset themselves between customers: after a spell without a touch, and a
//! few seconds after the thank-you screen, a kiosk goes back to the start in its own
//! language and mode, dropping any half-finished answers. Phones (QR touchpoints) belong to
//! one customer and never reset by themselves. Large-text mode waits longer.
//!
//! No reset is silent (WCAG 2.2.1 Timing Adjustable): the last [`warn_for`] seconds of an
//! idle spell are a visible countdown with "I need more time"; any touch or key extends.
//! The home screen never resets (it holds nothing of a customer's), so it never warns.

use crate::config::{Mode, TouchpointKind};

/// Seconds without a touch or key press before a screen other than home resets.
pub fn idle_reset_after(kind: TouchpointKind, mode: Mode) -> Option<u32> {
    match (kind, mode) {
        (TouchpointKind::Qr, _) => None,
        (TouchpointKind::ExitKiosk, Mode::Standard) => Some(60),
        (TouchpointKind::ExitKiosk, Mode::Large) => Some(180),
        (TouchpointKind::ServiceDesk, Mode::Standard) => Some(120),
        (TouchpointKind::ServiceDesk, Mode::Large) => Some(300),
    }
}

/// Seconds the thank-you screen stays before returning to the start. A reference number to
/// note down or scan keeps it up four times as long.
pub fn thank_you_return_after(kind: TouchpointKind, mode: Mode, has_reference: bool) -> Option<u32> {
    let base = match (kind, mode) {
        (TouchpointKind::Qr, _) => return None,
        (_, Mode::Standard) => 10,
        (_, Mode::Large) => 25,
    };
    Some(if has_reference { base * 4 } else { base })
}

/// Seconds of warning before an idle reset: at least 20 s (WCAG 2.2.1 asks for 20 s to
/// react), 30 s in large-text mode, where people may read and move more slowly. Never more
/// than the idle spell itself.
pub fn warn_for(mode: Mode, reset_after: u32) -> u32 {
    let want = match mode {
        Mode::Standard => 20,
        Mode::Large => 30,
    };
    want.min(reset_after)
}

/// Where an idle spell stands after `idle_ms` milliseconds without a touch or key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdlePhase {
    /// Nothing to show.
    Active,
    /// The warning is up: whole seconds left before the reset (rounded up, so it never
    /// shows 0 while time is left).
    Warning { left: u32 },
    /// Time is up: reset now.
    Reset,
}

/// The phase of an idle spell: quiet until `reset_after - warn` seconds, then a countdown of
/// `warn` seconds, then the reset. The total time before a reset is `reset_after`, warned or not.
pub fn idle_phase(idle_ms: f64, reset_after: u32, warn: u32) -> IdlePhase {
    let total = f64::from(reset_after) * 1000.0;
    let warn_from = total - f64::from(warn.min(reset_after)) * 1000.0;
    if idle_ms.is_nan() || idle_ms < warn_from {
        IdlePhase::Active
    } else if idle_ms >= total {
        IdlePhase::Reset
    } else {
        // Whole seconds, rounded up; `total - idle_ms` is in (0, warn * 1000].
        IdlePhase::Warning { left: ((total - idle_ms) / 1000.0).ceil() as u32 }
    }
}

/// What the warning's status line says (spoken by screen readers): nothing at first (the
/// alert dialog itself speaks when it opens), then from 10 s left on "10 seconds left",
/// unchanged, so it is spoken once and the countdown never chatters every second.
pub fn spoken_left(left: u32) -> Option<u32> {
    (left <= 10).then_some(10)
}

/// The thank-you screen's return countdown, which the customer may pause (to note down a
/// reference number) and resume. While paused the general idle rule (with its warning) still
/// applies, so a paused screen cannot keep one customer's reference up for the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Countdown {
    pub left: u32,
    pub paused: bool,
}

impl Countdown {
    pub fn new(secs: u32) -> Self {
        Countdown { left: secs, paused: false }
    }

    /// One second passed; true when the time is up (once).
    pub fn tick(&mut self) -> bool {
        if self.paused || self.left == 0 {
            return false;
        }
        self.left -= 1;
        self.left == 0
    }

    pub fn toggle_pause(&mut self) {
        self.paused = !self.paused;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reset_is_warned_at_least_twenty_seconds_ahead() {
        for k in [TouchpointKind::ExitKiosk, TouchpointKind::ServiceDesk] {
            for m in [Mode::Standard, Mode::Large] {
                let Some(total) = idle_reset_after(k, m) else { panic!("shared devices reset") };
                let warn = warn_for(m, total);
                assert!(warn >= 20);
                assert_eq!(idle_phase(f64::from(total - warn) * 1000.0 - 1.0, total, warn), IdlePhase::Active);
                assert_eq!(idle_phase(f64::from(total - warn) * 1000.0, total, warn), IdlePhase::Warning { left: warn });
                assert_eq!(idle_phase(f64::from(total) * 1000.0 - 1.0, total, warn), IdlePhase::Warning { left: 1 });
                assert_eq!(idle_phase(f64::from(total) * 1000.0, total, warn), IdlePhase::Reset);
            }
        }
        assert!(warn_for(Mode::Large, 180) > warn_for(Mode::Standard, 60), "large text gets longer");
        assert_eq!(warn_for(Mode::Standard, 5), 5, "never longer than the spell");
    }

    #[test]
    fn the_countdown_rounds_up_and_speaks_only_at_ten() {
        assert_eq!(idle_phase(40_500.0, 60, 20), IdlePhase::Warning { left: 20 });
        assert_eq!(idle_phase(50_000.0, 60, 20), IdlePhase::Warning { left: 10 });
        assert_eq!(idle_phase(f64::NAN, 60, 20), IdlePhase::Active);
        let spoken: Vec<Option<u32>> = (1..=30).rev().map(spoken_left).collect();
        let changes = spoken.windows(2).filter(|w| w[0] != w[1]).count();
        assert_eq!((spoken[0], spoken[29], changes), (None, Some(10), 1), "one change: spoken once");
    }

    #[test]
    fn a_paused_thank_you_countdown_holds_and_resumes() {
        let mut c = Countdown::new(3);
        assert!(!c.tick());
        c.toggle_pause();
        for _ in 0..10 {
            assert!(!c.tick());
        }
        assert_eq!(c.left, 2);
        c.toggle_pause();
        assert!(!c.tick());
        assert!(c.tick(), "time up once");
        assert!(!c.tick(), "and only once");
    }

    #[test]
    fn phones_never_reset_and_large_text_waits_longer() {
        for m in [Mode::Standard, Mode::Large] {
            assert_eq!(idle_reset_after(TouchpointKind::Qr, m), None);
            assert_eq!(thank_you_return_after(TouchpointKind::Qr, m, true), None);
        }
        for k in [TouchpointKind::ExitKiosk, TouchpointKind::ServiceDesk] {
            let (s, l) = (idle_reset_after(k, Mode::Standard), idle_reset_after(k, Mode::Large));
            assert!(s.is_some() && l > s);
            let (s, l) = (thank_you_return_after(k, Mode::Standard, false), thank_you_return_after(k, Mode::Large, false));
            assert!(s.is_some() && l > s);
            assert!(thank_you_return_after(k, Mode::Standard, true) > s, "time to note a reference number");
        }
    }
}
