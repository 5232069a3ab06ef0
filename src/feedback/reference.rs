//! Reference numbers (处理编号) a customer can quote: derived from the record's UUID, so the
//! endpoint can derive the same one; written in characters nobody confuses (no 0/O, 1/I/L,
//! U), with a Luhn mod 30 check character so a mistyped code is detected.

/// 30 characters: digits 2–9 and letters without I, L, O, U.
pub const ALPHABET: &[u8; 30] = b"23456789ABCDEFGHJKMNPQRSTVWXYZ";
const N: u64 = 30;
/// Characters before the check character; 8 base-30 digits carry 36 bits of the id.
const BODY: usize = 8;

fn value_of(c: u8) -> Option<u64> {
    ALPHABET.iter().position(|a| *a == c).map(|p| p as u64)
}

/// Luhn mod N check character over `body`.
fn check_char(body: &[u64]) -> u64 {
    let mut sum = 0;
    let mut factor = 2;
    for &v in body.iter().rev() {
        let addend = factor * v;
        sum += addend / N + addend % N;
        factor = if factor == 2 { 1 } else { 2 };
    }
    (N - sum % N) % N
}

/// `K7P3-9WQX-M` from a record id (a UUID; any hex string works, non-hex is ignored).
pub fn from_record_id(id: &str) -> String {
    let hex: String = id.chars().filter(char::is_ascii_hexdigit).take(9).collect();
    let v = u64::from_str_radix(&hex, 16).unwrap_or(0) & ((1 << 36) - 1);
    let mut digits = [0u64; BODY];
    let mut x = v;
    for d in digits.iter_mut().rev() {
        *d = x % N;
        x /= N;
    }
    let c = check_char(&digits);
    let s: String = digits.iter().chain(std::iter::once(&c)).map(|d| ALPHABET[*d as usize] as char).collect();
    format!("{}-{}-{}", &s[0..4], &s[4..8], &s[8..9])
}

/// Whether a typed reference is well formed and its check character matches. Spaces,
/// dashes and lowercase are accepted.
pub fn is_valid(typed: &str) -> bool {
    let clean: Vec<u8> = typed
        .chars()
        .filter(|c| !matches!(c, ' ' | '-'))
        .map(|c| c.to_ascii_uppercase() as u32)
        .filter_map(|c| u8::try_from(c).ok())
        .collect();
    if clean.len() != BODY + 1 {
        return false;
    }
    let Some(vals) = clean.iter().map(|c| value_of(*c)).collect::<Option<Vec<u64>>>() else { return false };
    check_char(&vals[..BODY]) == vals[BODY]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn shape_and_stability() {
        let r = from_record_id("6f1c1b7e-8d3c-4a53-9a51-2f0d1c2b3a4e");
        assert_eq!(r.len(), 11);
        assert_eq!(r, from_record_id("6f1c1b7e-8d3c-4a53-9a51-2f0d1c2b3a4e"));
        assert!(is_valid(&r));
        assert!(is_valid(&r.to_lowercase().replace('-', " ")));
        assert!(r.chars().filter(|c| *c != '-').all(|c| ALPHABET.contains(&(c as u8))));
        assert!(!r.contains(['0', '1', 'O', 'I', 'L', 'U']));
    }

    proptest! {
        #[test]
        fn any_single_wrong_character_is_detected(id in "[0-9a-f]{32}", pos in 0usize..9, repl in 0usize..30) {
            let r: Vec<u8> = from_record_id(&id).bytes().filter(|b| *b != b'-').collect();
            prop_assume!(ALPHABET[repl] != r[pos]);
            let mut bad = r.clone();
            bad[pos] = ALPHABET[repl];
            prop_assert!(!is_valid(std::str::from_utf8(&bad).unwrap_or("")));
        }

        #[test]
        fn adjacent_swaps_are_detected(id in "[0-9a-f]{32}", pos in 0usize..8) {
            let r: Vec<u8> = from_record_id(&id).bytes().filter(|b| *b != b'-').collect();
            prop_assume!(r[pos] != r[pos + 1]);
            let mut bad = r.clone();
            bad.swap(pos, pos + 1);
            // Luhn mod N misses only swaps of the two values that sum to N-1 under doubling;
            // with N = 30 that is the pair (0, 29) written "2" and "Z".
            let pair = [r[pos], r[pos + 1]];
            prop_assume!(!(pair.contains(&b'2') && pair.contains(&b'Z')));
            prop_assert!(!is_valid(std::str::from_utf8(&bad).unwrap_or("")));
        }
    }
}
