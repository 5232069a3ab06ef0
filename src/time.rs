//! Timestamps as RFC 3339 strings in UTC, from milliseconds since the Unix epoch
//! (what `Date.now()` gives), without a date crate.

/// `2026-11-30T05:18:21.123Z`.
pub fn rfc3339_from_millis(ms: f64) -> String {
    let ms = if ms.is_finite() { ms.max(0.0) as i64 } else { 0 };
    let (secs, milli) = (ms.div_euclid(1000), ms.rem_euclid(1000));
    let (days, sod) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{milli:03}Z",
        sod / 3600,
        (sod % 3600) / 60,
        sod % 60
    )
}

/// Date of a day number (days since 1970-01-01, proleptic Gregorian; H. Hinnant's
/// `civil_from_days`).
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Day number of a date: the inverse of [`civil_from_days`].
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Milliseconds since the epoch of an RFC 3339 UTC timestamp as [`rfc3339_from_millis`]
/// writes it (`2026-11-30T05:18:21.123Z`, fraction optional); `None` for anything else.
pub fn millis_from_rfc3339(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let t = s.get(r)?;
        (!t.is_empty() && t.bytes().all(|c| c.is_ascii_digit())).then(|| t.parse().ok())?
    };
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' || b[16] != b':' || b.last() != Some(&b'Z') {
        return None;
    }
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let milli = match &s[19..s.len() - 1] {
        "" => 0,
        f if f.len() == 4 && f.starts_with('.') => num(20..23)?,
        _ => return None,
    };
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || sec > 60 {
        return None;
    }
    let days = days_from_civil(y, mo as u32, d as u32);
    Some(((days * 86_400 + h * 3600 + mi * 60 + sec) * 1000 + milli) as f64)
}

pub const MINUTES_PER_DAY: u32 = 1440;

/// `HH:MM` on the 24-hour clock as minutes after midnight, `24:00` included (1440).
pub fn parse_hhmm(s: &str) -> Option<u32> {
    let (h, m) = s.split_once(':')?;
    if h.len() != 2 || m.len() != 2 || !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    match (h, m) {
        (24, 0) => Some(MINUTES_PER_DAY),
        (0..=23, 0..=59) => Some(h * 60 + m),
        _ => None,
    }
}

/// `YYYY-MM-DD` (a real calendar date) as a day number.
pub fn parse_date(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r).filter(|p| p.bytes().all(|c| c.is_ascii_digit()))?.parse::<u32>().ok();
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if !(1..=12).contains(&m) || d == 0 {
        return None;
    }
    let day = days_from_civil(i64::from(y), m, d);
    // A day past the month's end (2026-02-30) lands in the next month: refused.
    (civil_from_days(day) == (i64::from(y), m, d)).then_some(day)
}

/// `+08:00` / `-05:30` as minutes east of UTC, within ±14:00.
pub fn parse_offset(s: &str) -> Option<i32> {
    let sign = match s.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let m = parse_hhmm(s.get(1..)?)? as i32;
    (m <= 14 * 60).then_some(sign * m)
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_instants() {
        assert_eq!(rfc3339_from_millis(0.0), "1970-01-01T00:00:00.000Z");
        assert_eq!(rfc3339_from_millis(951_782_400_000.0), "2000-02-29T00:00:00.000Z");
        assert_eq!(rfc3339_from_millis(1_796_015_901_123.0), "2026-11-30T05:18:21.123Z");
        assert_eq!(rfc3339_from_millis(f64::NAN), "1970-01-01T00:00:00.000Z");
    }

    #[test]
    fn day_numbers_round_trip() {
        for days in [-800_000, -1, 0, 59, 10_956, 20_787, 2_000_000] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(days_from_civil(2000, 2, 29), 11_016);
    }

    #[test]
    fn reads_back_what_it_writes() {
        for ms in [0.0, 951_782_400_000.0, 1_796_015_901_123.0] {
            assert_eq!(millis_from_rfc3339(&rfc3339_from_millis(ms)), Some(ms));
        }
        assert_eq!(millis_from_rfc3339("2026-11-30T05:18:21Z"), Some(1_796_015_901_000.0));
        for bad in ["", "2026-11-30", "2026-11-30T05:18:21+08:00", "2026-13-30T05:18:21Z", "2026-11-30T05:18:21.1Z", "2026-11-30T05:1x:21Z"] {
            assert_eq!(millis_from_rfc3339(bad), None, "{bad}");
        }
    }
}
