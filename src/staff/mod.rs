//! Staff mode's rules (pure core): the stored PIN hash and how a derived key is compared,
//! how long sign-in pauses after wrong PINs, how long a session lasts, and what a device's
//! own setup holds. The browser side (WebCrypto, `localStorage`) only carries these out.

pub mod base64;
pub mod device;
pub mod lockout;
pub mod misuse;
#[cfg(not(target_arch = "wasm32"))]
pub mod pbkdf2;
pub mod tally;

/// A staff session ends after this many seconds without a touch.
pub const SESSION_IDLE_SECS: u32 = 120;

/// Fewest PBKDF2 iterations a config may ask for.
pub const MIN_ITERATIONS: u32 = 100_000;
/// Most iterations (a value beyond this would freeze a tablet for minutes).
pub const MAX_ITERATIONS: u32 = 10_000_000;
/// Iterations `storevoice pin-hash` writes (OWASP's 2023 advice for PBKDF2-HMAC-SHA256 is 600,000;
/// 210,000 keeps a sign-in on a low-end tablet well under a second).
pub const DEFAULT_ITERATIONS: u32 = 210_000;
/// Shortest salt, in bytes.
pub const MIN_SALT_BYTES: usize = 16;
/// A PBKDF2-HMAC-SHA256 hash is 32 bytes (one SHA-256 block of output).
pub const HASH_BYTES: usize = 32;

/// The PIN as it is hashed: surrounding spaces (a stray tap, a pasted newline) do not count.
pub fn normalize_pin(pin: &str) -> &str {
    pin.trim()
}

/// Compares two byte strings in time that depends only on their lengths, so the time a check
/// takes does not tell how many leading bytes of a guess were right.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut diff = 0u8;
    for (x, y) in a.iter().zip(b) {
        diff |= x ^ y;
    }
    std::hint::black_box(diff) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constant_time_eq_compares_whole_strings() {
        assert!(constant_time_eq(b"", b""));
        assert!(constant_time_eq(&[1, 2, 3], &[1, 2, 3]));
        assert!(!constant_time_eq(&[1, 2, 3], &[1, 2, 4]));
        assert!(!constant_time_eq(&[1, 2, 3], &[1, 2]));
    }

    #[test]
    fn pins_are_trimmed() {
        assert_eq!(normalize_pin(" 2468\n"), "2468");
    }
}
