//! Numbers as short decimal text without the standard library's float formatting (which
//! costs the wasm ~11 KB and is needed nowhere else): SVG coordinates and the numbers in
//! config problems. Two decimals at most, trailing zeros dropped.

/// `12.0` → `"12"`, `1.25` → `"1.25"`, `-0.333` → `"-0.33"`; not-a-number and infinities → `"0"`.
pub fn decimal(v: f64) -> String {
    if !v.is_finite() {
        return "0".into();
    }
    let hundredths = (v.abs() * 100.0).round();
    if hundredths >= 1e15 {
        // Beyond exact integers: whole units are plenty.
        return format!("{}{}", if v < 0.0 { "-" } else { "" }, (v.abs().round() as u64));
    }
    let n = hundredths as u64;
    let (whole, frac) = (n / 100, n % 100);
    let sign = if v < 0.0 && n != 0 { "-" } else { "" };
    match frac {
        0 => format!("{sign}{whole}"),
        f if f % 10 == 0 => format!("{sign}{whole}.{}", f / 10),
        f => format!("{sign}{whole}.{f:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn short_forms() {
        assert_eq!(decimal(12.0), "12");
        assert_eq!(decimal(1.25), "1.25");
        assert_eq!(decimal(0.5), "0.5");
        assert_eq!(decimal(0.05), "0.05");
        assert_eq!(decimal(-0.333), "-0.33");
        assert_eq!(decimal(-0.001), "0");
        assert_eq!(decimal(f64::NAN), "0");
        assert_eq!(decimal(f64::INFINITY), "0");
        assert_eq!(decimal(1e300), format!("{}", 1e300 as u64));
    }

    proptest! {
        #[test]
        fn reads_back_within_half_a_hundredth(v in -1e9f64..1e9) {
            let back: f64 = decimal(v).parse().map_err(|e| TestCaseError::fail(format!("{e}")))?;
            prop_assert!((back - v).abs() <= 0.005 + 1e-9, "{v} -> {}", decimal(v));
        }
    }
}

/// `x` held within `lo..=hi`, never panicking: `f64::clamp` panics when `lo > hi` (or either
/// is NaN), which in the wasm build (panic = abort) would stop the whole app, and its panic
/// message pulls core's float formatting (~11 KB) into the wasm. When `lo > hi` the result is
/// `hi`; a NaN `x` gives `lo`.
pub fn clamp(x: f64, lo: f64, hi: f64) -> f64 {
    x.max(lo).min(hi)
}

#[cfg(test)]
mod clamp_tests {
    use super::clamp;

    #[test]
    fn clamps_and_never_panics() {
        assert_eq!(clamp(5.0, 0.0, 1.0), 1.0);
        assert_eq!(clamp(-5.0, 0.0, 1.0), 0.0);
        assert_eq!(clamp(0.5, 0.0, 1.0), 0.5);
        assert_eq!(clamp(0.5, 2.0, 1.0), 1.0);
        assert_eq!(clamp(f64::NAN, 0.0, 1.0), 0.0);
        assert_eq!(clamp(0.5, f64::NAN, 1.0), 0.5);
    }
}
