//! Open or closed: the store's (or a touchpoint's) opening hours at a moment, in the store's
//! local time. Pure: the browser only supplies "now" (milliseconds since the epoch) and, when
//! the config gives no `utc_offset`, the device's own offset.
//!
//! Rules (also in README "Opening hours"):
//! - A day's spans are its exception's, if the date has one, else its weekday's.
//! - A span whose `close` is not after its `open` runs past midnight and belongs to the day it
//!   opens on: Friday `18:00`–`02:00` is open until Saturday 02:00, whatever Saturday's own
//!   hours or exception say. `close` `24:00` is midnight at the end of the day.
//! - Open means `open <= t < close`: at the closing minute the store is closed.
//! - No hours at all: always open (a store that sets none is never shown as closed).

use crate::config::{Hours, HoursException, Span, Touchpoint};

// Clock-text parsing lives with the calendar math (a leaf), so the config validator can use
// it without importing this module, which reads the config types.
pub use crate::time::{parse_date, parse_hhmm, parse_offset, MINUTES_PER_DAY};

/// A moment in the store's local time: day number (days since 1970-01-01) and minute of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Local {
    pub day: i64,
    pub minute: u32,
}

/// The local moment of `ms` (milliseconds since the epoch) at `offset_min` east of UTC.
pub fn local_from_millis(ms: f64, offset_min: i32) -> Local {
    let ms = if ms.is_finite() { ms as i64 } else { 0 };
    let minutes = ms.div_euclid(60_000) + i64::from(offset_min);
    Local { day: minutes.div_euclid(i64::from(MINUTES_PER_DAY)), minute: minutes.rem_euclid(i64::from(MINUTES_PER_DAY)) as u32 }
}

/// Weekday of a day number: 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday).
pub fn weekday(day: i64) -> usize {
    (day + 3).rem_euclid(7) as usize
}

/// A span as minutes from the start of its day; `close` past 1440 when it runs overnight.
/// `None` for a span that does not parse or is empty (validation reports those).
pub fn span_minutes(s: &Span) -> Option<(u32, u32)> {
    let (open, close) = (parse_hhmm(&s.open)?, parse_hhmm(&s.close)?);
    if open >= MINUTES_PER_DAY || open == close {
        return None;
    }
    Some((open, if close < open { close + MINUTES_PER_DAY } else { close }))
}

impl Hours {
    /// The weekday's spans, Monday first.
    pub fn weekday(&self, wd: usize) -> &[Span] {
        let w = &self.week;
        match wd {
            0 => &w.mon,
            1 => &w.tue,
            2 => &w.wed,
            3 => &w.thu,
            4 => &w.fri,
            5 => &w.sat,
            _ => &w.sun,
        }
    }

    /// The exception for `day`, if there is one (the first, should the config list a date twice).
    pub fn exception(&self, day: i64) -> Option<&HoursException> {
        self.exceptions.iter().find(|e| parse_date(&e.date) == Some(day))
    }

    /// The spans in force on `day`: its exception's, else its weekday's.
    pub fn spans_on(&self, day: i64) -> &[Span] {
        match self.exception(day) {
            Some(e) => &e.spans,
            None => self.weekday(weekday(day)),
        }
    }

    /// Whether the hours say open at `at`.
    pub fn is_open(&self, at: Local) -> bool {
        let today = self.spans_on(at.day).iter().filter_map(span_minutes).any(|(o, c)| o <= at.minute && at.minute < c);
        let spill = self
            .spans_on(at.day - 1)
            .iter()
            .filter_map(span_minutes)
            .any(|(_, c)| c > MINUTES_PER_DAY && at.minute + MINUTES_PER_DAY < c);
        today || spill
    }

    /// This config's offset, else `fallback` (the store's, else the device's).
    pub fn offset_or(&self, fallback: i32) -> i32 {
        self.utc_offset.as_deref().and_then(parse_offset).unwrap_or(fallback)
    }
}

/// The hours that apply at a touchpoint: its own, else the store's; `None`: always open.
/// Also the offset to read them in: theirs, else the store's, else `device_offset`.
pub fn hours_at<'a>(store: Option<&'a Hours>, touchpoint: Option<&'a Touchpoint>, device_offset: i32) -> Option<(&'a Hours, i32)> {
    let store_offset = store.map_or(device_offset, |h| h.offset_or(device_offset));
    let own = touchpoint.and_then(|t| t.hours.as_ref());
    own.or(store).map(|h| (h, h.offset_or(store_offset)))
}

/// Open at `ms` for these hours (always open without any).
pub fn open_at(hours: Option<(&Hours, i32)>, ms: f64) -> bool {
    hours.is_none_or(|(h, offset)| h.is_open(local_from_millis(ms, offset)))
}

#[cfg(test)]
mod tests {
    use crate::time::days_from_civil;
    use super::*;
    use proptest::prelude::*;

    fn span(o: &str, c: &str) -> Span {
        Span { open: o.into(), close: c.into() }
    }

    fn week_all(spans: Vec<Span>) -> crate::config::Week {
        crate::config::Week {
            mon: spans.clone(),
            tue: spans.clone(),
            wed: spans.clone(),
            thu: spans.clone(),
            fri: spans.clone(),
            sat: spans.clone(),
            sun: spans,
        }
    }

    fn hours(spans: Vec<Span>) -> Hours {
        Hours { utc_offset: Some("+08:00".into()), week: week_all(spans), exceptions: vec![] }
    }

    fn at(date: &str, hhmm: &str) -> Local {
        Local { day: parse_date(date).unwrap_or(i64::MIN), minute: parse_hhmm(hhmm).unwrap_or(9999) }
    }

    #[test]
    fn parses_times_dates_and_offsets() {
        assert_eq!(parse_hhmm("09:00"), Some(540));
        assert_eq!(parse_hhmm("24:00"), Some(1440));
        assert_eq!(parse_hhmm("00:00"), Some(0));
        for bad in ["9:00", "24:01", "12:60", "ab:cd", "", "12:3", "+1:00", "12:00:00"] {
            assert_eq!(parse_hhmm(bad), None, "{bad}");
        }
        assert_eq!(parse_date("2026-12-25"), Some(days_from_civil(2026, 12, 25)));
        assert_eq!(parse_date("2028-02-29"), Some(days_from_civil(2028, 2, 29)));
        for bad in ["2026-02-29", "2026-13-01", "2026-00-10", "2026-1-01", "26-01-01", "2026/01/01", "2026-01-32"] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        assert_eq!(parse_offset("+08:00"), Some(480));
        assert_eq!(parse_offset("-05:30"), Some(-330));
        assert_eq!(parse_offset("08:00"), None);
        assert_eq!(parse_offset("+15:00"), None);
    }

    #[test]
    fn weekdays_and_local_time() {
        assert_eq!(weekday(0), 3, "1970-01-01 was a Thursday");
        assert_eq!(weekday(days_from_civil(2026, 11, 30)), 0, "2026-11-30 is a Monday");
        // 2026-11-30T18:05Z is 02:05 on Tuesday 1 December in Shanghai.
        let ms = days_from_civil(2026, 11, 30) as f64 * 86_400_000.0 + (18.0 * 60.0 + 5.0) * 60_000.0;
        assert_eq!(local_from_millis(ms, 480), at("2026-12-01", "02:05"));
        assert_eq!(local_from_millis(ms, -300), at("2026-11-30", "13:05"));
    }

    #[test]
    fn a_day_span_opens_at_open_and_closes_at_close() {
        let h = hours(vec![span("10:00", "22:00")]);
        assert!(!h.is_open(at("2026-12-01", "09:59")));
        assert!(h.is_open(at("2026-12-01", "10:00")));
        assert!(h.is_open(at("2026-12-01", "21:59")));
        assert!(!h.is_open(at("2026-12-01", "22:00")), "closed at the closing minute");
    }

    #[test]
    fn an_overnight_span_runs_into_the_next_morning_whatever_that_day_says() {
        let mut h = hours(vec![]);
        h.week.fri = vec![span("18:00", "02:00")];
        // 2026-12-04 is a Friday.
        assert!(h.is_open(at("2026-12-04", "23:30")));
        assert!(h.is_open(at("2026-12-05", "01:59")));
        assert!(!h.is_open(at("2026-12-05", "02:00")));
        assert!(!h.is_open(at("2026-12-04", "01:00")), "Thursday night had no span");
        // Saturday closed by an exception: Friday's night still runs to 02:00.
        h.exceptions.push(HoursException { date: "2026-12-05".into(), spans: vec![], note: None });
        assert!(h.is_open(at("2026-12-05", "01:00")));
        // An exception on Friday itself replaces Friday's span, and so its night too.
        h.exceptions.push(HoursException { date: "2026-12-04".into(), spans: vec![span("10:00", "16:00")], note: None });
        assert!(!h.is_open(at("2026-12-05", "01:00")));
        assert!(h.is_open(at("2026-12-04", "15:00")));
    }

    #[test]
    fn midnight_closing_and_all_day() {
        let h = hours(vec![span("10:00", "24:00")]);
        assert!(h.is_open(at("2026-12-01", "23:59")));
        assert!(!h.is_open(at("2026-12-02", "00:00")));
        let h = hours(vec![span("10:00", "00:00")]);
        assert!(h.is_open(at("2026-12-01", "23:59")), "00:00 as close means midnight too");
        assert!(!h.is_open(at("2026-12-02", "00:00")));
        let h = hours(vec![span("00:00", "24:00")]);
        assert!(h.is_open(at("2026-12-01", "00:00")) && h.is_open(at("2026-12-01", "23:59")));
    }

    #[test]
    fn a_holiday_exception_closes_and_a_special_day_changes_hours() {
        let mut h = hours(vec![span("10:00", "22:00")]);
        h.exceptions = vec![
            HoursException { date: "2026-12-25".into(), spans: vec![], note: None },
            HoursException { date: "2026-12-31".into(), spans: vec![span("10:00", "02:00")], note: None },
        ];
        assert!(!h.is_open(at("2026-12-25", "12:00")));
        assert!(h.is_open(at("2026-12-24", "12:00")));
        assert!(h.is_open(at("2027-01-01", "01:30")), "new year's eve runs late");
    }

    #[test]
    fn touchpoint_hours_win_and_no_hours_means_open() {
        let store = hours(vec![span("10:00", "22:00")]);
        let v: serde_json::Value = serde_json::from_str(r#"{"id":"a","kind":"qr","name":{"en":"A"}}"#).unwrap_or_else(|e| panic!("{e}"));
        let mut tp: crate::config::Touchpoint = crate::config::decode::decode(&v).0.unwrap_or_else(|| panic!("a touchpoint"));
        let (h, off) = hours_at(Some(&store), Some(&tp), 0).unwrap_or_else(|| panic!("store hours"));
        assert_eq!((h, off), (&store, 480));
        let mut own = hours(vec![span("07:00", "09:00")]);
        own.utc_offset = None;
        tp.hours = Some(own.clone());
        let (h, off) = hours_at(Some(&store), Some(&tp), 0).unwrap_or_else(|| panic!("own hours"));
        assert_eq!((h, off), (&own, 480), "the touchpoint's own, in the store's offset");
        assert_eq!(hours_at(None, None, 60), None);
        assert!(open_at(None, 0.0));
        assert_eq!(hours_at(None, Some(&tp), 60).map(|(_, o)| o), Some(60), "no offset anywhere: the device's");
    }

    fn any_span() -> impl Strategy<Value = (u32, u32)> {
        (0u32..1440, 0u32..=1440).prop_filter("not empty", |(o, c)| o != c)
    }

    fn hhmm(m: u32) -> String {
        format!("{:02}:{:02}", m / 60, m % 60)
    }

    proptest! {
        /// Whatever the spans, open at a minute exactly when some span of that day, or an
        /// overnight one of the day before, covers it (the rules above, written naively).
        #[test]
        fn open_matches_the_rules(spans in proptest::collection::vec(any_span(), 0..4), day in 20_000i64..20_010, minute in 0u32..1440) {
            let h = hours(spans.iter().map(|(o, c)| span(&hhmm(*o), &hhmm(*c))).collect());
            let covers = |o: u32, c: u32, t: u32| if c > o { o <= t && t < c } else { o <= t };
            let spills = |o: u32, c: u32, t: u32| c < o && t < c;
            let expect = spans.iter().any(|(o, c)| covers(*o, *c, minute) || spills(*o, *c, minute));
            prop_assert_eq!(h.is_open(Local { day, minute }), expect);
        }

        /// Local time from UTC milliseconds agrees with the calendar functions.
        #[test]
        fn local_time_is_consistent(ms in 0i64..4_102_444_800_000, off in -840i32..=840) {
            let l = local_from_millis(ms as f64, off);
            let total = (ms.div_euclid(60_000) + i64::from(off)) as i128;
            prop_assert_eq!(i128::from(l.day) * 1440 + i128::from(l.minute), total);
            prop_assert!(l.minute < 1440);
        }

        /// Any `HH:MM` the app writes reads back.
        #[test]
        fn hhmm_round_trips(m in 0u32..=1440) {
            prop_assert_eq!(parse_hhmm(&hhmm(m)), Some(m));
        }
    }
}
