//! Colour decisions that must hold for any brand colour a store configures.

/// Parses `#rgb` / `#rrggbb` into 0–255 channels.
pub fn parse_hex(c: &str) -> Option<[u8; 3]> {
    let hex = c.strip_prefix('#')?;
    let digits: Vec<u8> = match hex.len() {
        3 => hex.chars().map(|ch| ch.to_digit(16).map(|d| (d * 17) as u8)).collect::<Option<_>>()?,
        6 => (0..3).map(|i| u8::from_str_radix(hex.get(i * 2..i * 2 + 2)?, 16).ok()).collect::<Option<_>>()?,
        _ => return None,
    };
    Some([digits[0], digits[1], digits[2]])
}

/// WCAG 2 relative luminance.
pub fn luminance(rgb: [u8; 3]) -> f64 {
    let lin = |c: u8| {
        let c = c as f64 / 255.0;
        if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    };
    0.2126 * lin(rgb[0]) + 0.7152 * lin(rgb[1]) + 0.0722 * lin(rgb[2])
}

pub fn contrast(a: f64, b: f64) -> f64 {
    let (hi, lo) = if a > b { (a, b) } else { (b, a) };
    (hi + 0.05) / (lo + 0.05)
}

/// Text colour for buttons filled with the brand colour: black or white, whichever contrasts
/// more, so a pale brand colour never makes unreadable buttons.
pub fn on_brand(color: &str) -> &'static str {
    match parse_hex(color) {
        Some(rgb) => {
            let l = luminance(rgb);
            if contrast(l, 0.0) >= contrast(l, 1.0) { "#000000" } else { "#ffffff" }
        }
        None => "#ffffff",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_colours() {
        assert_eq!(on_brand("#b3261e"), "#ffffff");
        assert_eq!(on_brand("#ffeb3b"), "#000000");
        assert_eq!(on_brand("#fff"), "#000000");
        assert_eq!(parse_hex("#0a0B0c"), Some([10, 11, 12]));
        assert_eq!(parse_hex("#abcd"), None);
    }

    proptest! {
        /// Whatever the brand colour, the chosen text colour reaches at least 4.5:1 (WCAG AA).
        #[test]
        fn text_on_brand_is_always_readable(r in 0u8..=255, g in 0u8..=255, b in 0u8..=255) {
            let color = format!("#{r:02x}{g:02x}{b:02x}");
            let text = on_brand(&color);
            let lt = luminance(parse_hex(text).unwrap_or([0, 0, 0]));
            let ratio = contrast(luminance([r, g, b]), lt);
            prop_assert!(ratio >= 4.5, "{color} with {text}: {ratio}");
        }
    }
}
