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

/// WCAG 1.4.6 (AAA) contrast for text: what large-text mode promises for every text on every
/// screen size, brand-coloured buttons included.
pub const AAA: f64 = 7.0;

/// The brand colour and the text colour on it for `mode`. Standard mode keeps the store's own
/// colour (its text reaches AA, see `on_brand`); large-text mode darkens it (or lightens it,
/// when its text is black) just enough that the text on it reaches 7:1 — the sample brand red
/// #b3261e gives only 6.53:1 with white. Both are plain hex strings for the CSS properties.
pub fn brand_colors(color: &str, mode: crate::config::Mode) -> (String, &'static str) {
    let on = on_brand(color);
    let Some(rgb) = parse_hex(color) else { return (color.to_string(), on) };
    if mode == crate::config::Mode::Standard {
        return (color.to_string(), on);
    }
    let on_l = if on == "#000000" { 0.0 } else { 1.0 };
    // Mix towards the far end from the text colour; black on white is 21:1, so this ends.
    let target = if on_l == 1.0 { 0.0 } else { 255.0 };
    let mut mixed = rgb;
    for step in 0..=64 {
        let t = step as f64 / 64.0;
        mixed = rgb.map(|c| (c as f64 + (target - c as f64) * t).round() as u8);
        if contrast(luminance(mixed), on_l) >= AAA {
            break;
        }
    }
    (format!("#{:02x}{:02x}{:02x}", mixed[0], mixed[1], mixed[2]), on)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Mode;
    use proptest::prelude::*;

    fn ratio(a: &str, b: &str) -> f64 {
        contrast(luminance(parse_hex(a).unwrap_or([0, 0, 0])), luminance(parse_hex(b).unwrap_or([255, 255, 255])))
    }

    #[test]
    fn large_mode_darkens_the_sample_red_to_aaa_and_standard_keeps_it() {
        assert!(ratio("#b3261e", "#ffffff") < AAA, "the sample red alone misses AAA");
        let (brand, on) = brand_colors("#b3261e", Mode::Large);
        assert_eq!(on, "#ffffff");
        assert!(ratio(&brand, on) >= AAA, "{brand}");
        // Just enough: still recognisably the store's red, not black.
        let rgb = parse_hex(&brand).unwrap_or([0, 0, 0]);
        assert!(rgb[0] > 120 && rgb[0] > rgb[1] * 3, "{brand}");
        assert_eq!(brand_colors("#b3261e", Mode::Standard), ("#b3261e".to_string(), "#ffffff"));
        // A colour that already reaches AAA is kept as it is.
        assert_eq!(brand_colors("#123456", Mode::Large).0, "#123456");
        // Not a colour: left alone (validation reports it).
        assert_eq!(brand_colors("red", Mode::Large).0, "red");
    }

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

        /// Whatever the brand colour, large-text mode's brand and its text reach 7:1 (AAA).
        #[test]
        fn large_mode_brand_is_always_aaa(r in 0u8..=255, g in 0u8..=255, b in 0u8..=255) {
            let color = format!("#{r:02x}{g:02x}{b:02x}");
            let (brand, text) = brand_colors(&color, Mode::Large);
            let got = ratio(&brand, text);
            prop_assert!(got >= AAA, "{color} → {brand} with {text}: {got}");
        }
    }
}
