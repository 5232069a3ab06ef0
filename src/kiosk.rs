//! Shared devices reset themselves between customers: after a spell without a touch, and a
//! few seconds after the thank-you screen, a kiosk goes back to the start in its own
//! language and mode, dropping any half-finished answers. Phones (QR touchpoints) belong to
//! one customer and never reset by themselves. Large-text mode waits longer.

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

#[cfg(test)]
mod tests {
    use super::*;

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
