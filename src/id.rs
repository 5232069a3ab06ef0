//! Record ids: UUID version 4 from 16 random bytes (the browser's `crypto.getRandomValues`,
//! which works on plain-http kiosks where `crypto.randomUUID` does not).

pub fn uuid_v4(mut b: [u8; 16]) -> String {
    b[6] = (b[6] & 0x0f) | 0x40; // version 4
    b[8] = (b[8] & 0x3f) | 0x80; // RFC 4122 variant
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &h[0..8], &h[8..12], &h[12..16], &h[16..20], &h[20..32])
}

/// True for a lowercase canonical UUID v4.
pub fn is_uuid_v4(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_digit() || (b'a'..=b'f').contains(c),
        })
        && b[14] == b'4'
        && matches!(b[19], b'8' | b'9' | b'a' | b'b')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_bytes_make_a_valid_v4(bytes in proptest::array::uniform16(any::<u8>())) {
            let id = uuid_v4(bytes);
            prop_assert!(is_uuid_v4(&id), "{}", id);
        }
    }

    #[test]
    fn format() {
        assert_eq!(uuid_v4([0; 16]), "00000000-0000-4000-8000-000000000000");
        assert!(!is_uuid_v4("00000000-0000-1000-8000-000000000000"));
    }
}
