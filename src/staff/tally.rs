//! "Today on this device": a small tally of what this device handed in, for staff to glance
//! at without a back office. It holds counts and scores only — never free text, never
//! contact details — so keeping it on a shared kiosk exposes nothing of any customer. It is
//! kept per local day for [`KEEP_DAYS`] days (older days are pruned) as one compact JSON
//! value; an unreadable stored value starts a fresh tally instead of failing.
//!
//! Answers flagged by the misuse rule ([`super::misuse`]) are counted apart, as "flagged",
//! and left out of every other number here, the same way the reference collector's summary
//! leaves `suspect` events out by default: a burst of taps must not move the store's NPS.
//!
//! Scores use the definitions of [`crate::survey::scoring`] (NPS, CSAT, the 0–100 index).

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::outbox::Record;
use crate::survey::answer::Answer;
use crate::survey::scoring::{csat_percent, nps, nps_category, to_index, NpsCategory};

/// Days kept, today included.
pub const KEEP_DAYS: i64 = 14;
/// Most CSI dimensions kept per day, and the longest dimension id: a config has a handful;
/// these bounds keep a stored tally small whatever the config says.
pub const MAX_DIMENSIONS: usize = 24;
pub const MAX_DIMENSION_ID: usize = 64;

const DAY_MS: i64 = 86_400_000;

/// The local day number (days since 1970-01-01 in local time) and hour (0–23) of the instant
/// `ms`, for a place `offset_min` minutes east of UTC.
pub fn local_day_hour(ms: f64, offset_min: i32) -> (i64, u8) {
    let ms = if ms.is_finite() { ms as i64 } else { 0 };
    let local = ms + offset_min as i64 * 60_000;
    (local.div_euclid(DAY_MS), (local.rem_euclid(DAY_MS) / 3_600_000) as u8)
}

/// Which customer journey a record came from (wayfinding hands nothing in).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Journey {
    Survey,
    Feedback,
}

/// What one handed-in record adds to the tally: its journey and its scores, nothing else.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Entry {
    pub journey: Option<Journey>,
    pub nps: Option<u8>,
    pub csat: Option<u8>,
    /// CSI dimension id → 1–5.
    pub csi: Vec<(String, u8)>,
}

impl Entry {
    /// The counts-only view of `record` (a suggestion-box entry adds only to its journey).
    pub fn from_record(record: &Record) -> Entry {
        match record {
            Record::Feedback(_) => Entry { journey: Some(Journey::Feedback), ..Entry::default() },
            Record::SurveyResponse(r) => {
                let mut e = Entry { journey: Some(Journey::Survey), nps: r.scores.nps, csat: r.scores.csat, csi: Vec::new() };
                for a in &r.answers {
                    if let Answer::Csi { ratings } = &a.answer {
                        e.csi.extend(ratings.iter().map(|(k, v)| (k.clone(), *v)));
                    }
                }
                e
            }
        }
    }
}

/// One local day's counts. Stored with one-letter names (see [`Tally::to_stored`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Day {
    /// Questionnaires handed in (not flagged).
    pub surveys: u32,
    /// Suggestion-box entries handed in (not flagged).
    pub feedback: u32,
    /// Records handed in per local hour.
    pub hours: [u32; 24],
    /// How many gave each NPS score 0–10.
    pub nps: [u32; 11],
    /// How many gave each CSAT rating 1–5.
    pub csat: [u32; 5],
    /// Per CSI dimension, how many gave each rating 1–5.
    pub csi: BTreeMap<String, [u32; 5]>,
    /// Records the misuse rule flagged (counted here only).
    pub flagged: u32,
}

/// NPS with the three shares behind it (percentages of `n`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NpsView {
    pub n: u32,
    pub promoters: u32,
    pub passives: u32,
    pub detractors: u32,
    pub promoters_pct: f64,
    pub passives_pct: f64,
    pub detractors_pct: f64,
    /// % promoters − % detractors, −100..=100.
    pub score: f64,
}

/// CSAT: the mean rating (1–5), the share satisfied (4–5) and the distribution.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CsatView {
    pub n: u32,
    pub mean: f64,
    pub satisfied_pct: f64,
    /// How many gave 1, 2, 3, 4, 5.
    pub counts: [u32; 5],
}

/// One CSI dimension on 0–100 (the mean of its ratings mapped with [`to_index`]).
#[derive(Debug, Clone, PartialEq)]
pub struct DimensionView {
    pub id: String,
    pub n: u32,
    pub index: f64,
}

/// Each score `count` times, for the scoring functions that take a list of answers.
fn repeated(counts: &[u32], first: u8) -> impl Iterator<Item = u8> + '_ {
    counts.iter().enumerate().flat_map(move |(i, &c)| std::iter::repeat_n(first + i as u8, c as usize))
}

fn pct(part: u32, n: u32) -> f64 {
    if n == 0 {
        0.0
    } else {
        part as f64 * 100.0 / n as f64
    }
}

impl Day {
    /// Counts `entry` handed in at local `hour`; a flagged one only as flagged. Scores out
    /// of range are left out.
    pub fn add(&mut self, entry: &Entry, hour: u8, flagged: bool) {
        if flagged {
            self.flagged = self.flagged.saturating_add(1);
            return;
        }
        match entry.journey {
            Some(Journey::Survey) => self.surveys = self.surveys.saturating_add(1),
            Some(Journey::Feedback) => self.feedback = self.feedback.saturating_add(1),
            None => return,
        }
        if let Some(h) = self.hours.get_mut(hour as usize) {
            *h = h.saturating_add(1);
        }
        if let Some(c) = entry.nps.and_then(|s| self.nps.get_mut(s as usize)) {
            *c = c.saturating_add(1);
        }
        if let Some(c) = entry.csat.filter(|s| *s >= 1).and_then(|s| self.csat.get_mut(s as usize - 1)) {
            *c = c.saturating_add(1);
        }
        for (id, r) in &entry.csi {
            if !(1..=5).contains(r) || id.len() > MAX_DIMENSION_ID {
                continue;
            }
            if !self.csi.contains_key(id) && self.csi.len() >= MAX_DIMENSIONS {
                continue;
            }
            let c = &mut self.csi.entry(id.clone()).or_default()[*r as usize - 1];
            *c = c.saturating_add(1);
        }
    }

    /// Adds `other`'s counts to this day's (a period is the merge of its days).
    pub fn merge(&mut self, other: &Day) {
        fn add<const N: usize>(a: &mut [u32; N], b: &[u32; N]) {
            for (x, y) in a.iter_mut().zip(b) {
                *x = x.saturating_add(*y);
            }
        }
        self.surveys = self.surveys.saturating_add(other.surveys);
        self.feedback = self.feedback.saturating_add(other.feedback);
        self.flagged = self.flagged.saturating_add(other.flagged);
        add(&mut self.hours, &other.hours);
        add(&mut self.nps, &other.nps);
        add(&mut self.csat, &other.csat);
        for (id, counts) in &other.csi {
            add(self.csi.entry(id.clone()).or_default(), counts);
        }
    }

    /// Records counted (flagged ones not included).
    pub fn responses(&self) -> u32 {
        self.surveys.saturating_add(self.feedback)
    }

    pub fn nps(&self) -> Option<NpsView> {
        let score = nps(repeated(&self.nps, 0))?;
        let (mut pro, mut pas, mut det) = (0u32, 0u32, 0u32);
        for (s, &c) in self.nps.iter().enumerate() {
            match nps_category(s as u8) {
                NpsCategory::Promoter => pro += c,
                NpsCategory::Passive => pas += c,
                NpsCategory::Detractor => det += c,
            }
        }
        let n = pro + pas + det;
        Some(NpsView {
            n,
            promoters: pro,
            passives: pas,
            detractors: det,
            promoters_pct: pct(pro, n),
            passives_pct: pct(pas, n),
            detractors_pct: pct(det, n),
            score,
        })
    }

    pub fn csat(&self) -> Option<CsatView> {
        let satisfied_pct = csat_percent(repeated(&self.csat, 1))?;
        let n: u32 = self.csat.iter().sum();
        let total: u64 = self.csat.iter().enumerate().map(|(i, &c)| (i as u64 + 1) * c as u64).sum();
        Some(CsatView { n, mean: total as f64 / n as f64, satisfied_pct, counts: self.csat })
    }

    /// The CSI dimensions rated in this period, each on 0–100.
    pub fn dimensions(&self) -> Vec<DimensionView> {
        self.csi
            .iter()
            .filter_map(|(id, counts)| {
                let n: u32 = counts.iter().sum();
                let sum: f64 = repeated(counts, 1).map(to_index).sum();
                (n > 0).then(|| DimensionView { id: id.clone(), n, index: sum / n as f64 })
            })
            .collect()
    }
}

/// The periods staff can look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Today,
    Yesterday,
    /// Today and the six days before.
    Week,
}

impl Period {
    /// First and last local day of the period ending `today`.
    pub fn days(self, today: i64) -> (i64, i64) {
        match self {
            Period::Today => (today, today),
            Period::Yesterday => (today - 1, today - 1),
            Period::Week => (today - 6, today),
        }
    }
}

/// The whole stored tally: local day number → that day's counts.
///
/// Stored as `{"d":{"<day>":{"s":…,"f":…,"h":[24],"n":[11],"c":[5],"i":{"<row>":[5]},"x":…}}}`,
/// zero counts left out. It is read and written through `serde_json::Value`, which the app
/// links anyway, rather than derived `Serialize`/`Deserialize`: those cost the wasm several KB
/// for this one small value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    pub days: BTreeMap<i64, Day>,
}

/// A stored count: absent is 0; anything but a whole number that fits is unreadable.
fn read_count(v: Option<&Value>) -> Option<u32> {
    match v {
        None => Some(0),
        Some(v) => v.as_u64().and_then(|n| u32::try_from(n).ok()),
    }
}

/// A stored array of exactly `N` counts (absent: all 0).
fn read_counts<const N: usize>(v: Option<&Value>) -> Option<[u32; N]> {
    let mut out = [0u32; N];
    if let Some(v) = v {
        let a = v.as_array().filter(|a| a.len() == N)?;
        for (o, x) in out.iter_mut().zip(a) {
            *o = read_count(Some(x))?;
        }
    }
    Some(out)
}

fn write_counts(m: &mut Map<String, Value>, key: &str, a: &[u32]) {
    if a.iter().any(|&c| c != 0) {
        m.insert(key.into(), Value::Array(a.iter().map(|&c| Value::from(c)).collect()));
    }
}

impl Day {
    fn from_value(v: &Value) -> Option<Day> {
        let o = v.as_object()?;
        let mut csi = BTreeMap::new();
        if let Some(i) = o.get("i") {
            for (k, v) in i.as_object()? {
                csi.insert(k.clone(), read_counts::<5>(Some(v))?);
            }
        }
        Some(Day {
            surveys: read_count(o.get("s"))?,
            feedback: read_count(o.get("f"))?,
            hours: read_counts(o.get("h"))?,
            nps: read_counts(o.get("n"))?,
            csat: read_counts(o.get("c"))?,
            csi,
            flagged: read_count(o.get("x"))?,
        })
    }

    fn to_value(&self) -> Value {
        let mut m = Map::new();
        for (k, n) in [("s", self.surveys), ("f", self.feedback), ("x", self.flagged)] {
            if n != 0 {
                m.insert(k.into(), Value::from(n));
            }
        }
        write_counts(&mut m, "h", &self.hours);
        write_counts(&mut m, "n", &self.nps);
        write_counts(&mut m, "c", &self.csat);
        if !self.csi.is_empty() {
            let i = self.csi.iter().map(|(k, c)| (k.clone(), Value::Array(c.iter().map(|&n| Value::from(n)).collect()))).collect();
            m.insert("i".into(), Value::Object(i));
        }
        Value::Object(m)
    }
}

impl Tally {
    /// Reads a stored tally; anything unreadable (not JSON, wrong shape, counts out of
    /// range) gives an empty one.
    pub fn from_stored(text: Option<&str>) -> Tally {
        text.and_then(|t| serde_json::from_str::<Value>(t).ok())
            .and_then(|v| {
                let mut t = Tally::default();
                for (k, d) in v.as_object()?.get("d")?.as_object()? {
                    t.days.insert(k.parse().ok()?, Day::from_value(d)?);
                }
                Some(t)
            })
            .filter(|t| t.days.values().all(|d| d.csi.len() <= MAX_DIMENSIONS && d.csi.keys().all(|k| k.len() <= MAX_DIMENSION_ID)))
            .unwrap_or_default()
    }

    pub fn to_stored(&self) -> String {
        let days: Map<String, Value> = self.days.iter().map(|(k, d)| (k.to_string(), d.to_value())).collect();
        let mut top = Map::new();
        top.insert("d".into(), Value::Object(days));
        Value::Object(top).to_string()
    }

    /// Counts `entry`, handed in on local `day` at `hour`, then prunes as of that day.
    pub fn add(&mut self, day: i64, hour: u8, entry: &Entry, flagged: bool) {
        self.days.entry(day).or_default().add(entry, hour, flagged);
        self.prune(day);
    }

    /// Drops days before the last [`KEEP_DAYS`] ending `today`; if the device clock ever ran
    /// ahead, also the oldest days beyond [`KEEP_DAYS`] in all, so the tally stays small.
    pub fn prune(&mut self, today: i64) {
        let first = today - (KEEP_DAYS - 1);
        self.days.retain(|d, _| *d >= first);
        while self.days.len() > KEEP_DAYS as usize {
            self.days.pop_first();
        }
    }

    /// The counts of days `from..=to` merged.
    pub fn range(&self, from: i64, to: i64) -> Day {
        let mut out = Day::default();
        if from <= to {
            for d in self.days.range(from..=to).map(|(_, d)| d) {
                out.merge(d);
            }
        }
        out
    }

    pub fn period(&self, p: Period, today: i64) -> Day {
        let (from, to) = p.days(today);
        self.range(from, to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn survey(nps: Option<u8>, csat: Option<u8>, csi: &[(&str, u8)]) -> Entry {
        Entry { journey: Some(Journey::Survey), nps, csat, csi: csi.iter().map(|(k, v)| (k.to_string(), *v)).collect() }
    }

    #[test]
    fn local_day_and_hour() {
        // 2026-11-30T05:18:21Z is 13:18 in Shanghai (UTC+8), still the 30th.
        let ms = 1_796_015_901_123.0;
        assert_eq!(local_day_hour(ms, 0), (20_787, 5));
        assert_eq!(local_day_hour(ms, 480), (20_787, 13));
        // 20:00 UTC is already the next day in Shanghai, still the same day in New York.
        let evening = (20_787 * DAY_MS + 20 * 3_600_000) as f64;
        assert_eq!(local_day_hour(evening, 480), (20_788, 4));
        assert_eq!(local_day_hour(evening, -300), (20_787, 15));
        assert_eq!(local_day_hour(f64::NAN, 0), (0, 0));
    }

    #[test]
    fn counts_a_known_day() {
        let mut d = Day::default();
        d.add(&survey(Some(10), Some(5), &[("attitude", 5), ("speed", 3)]), 9, false);
        d.add(&survey(Some(9), Some(4), &[("attitude", 4)]), 9, false);
        d.add(&survey(Some(7), Some(3), &[]), 10, false);
        d.add(&survey(Some(3), Some(1), &[("speed", 1)]), 14, false);
        d.add(&Entry { journey: Some(Journey::Feedback), ..Entry::default() }, 14, false);
        d.add(&survey(Some(0), Some(1), &[]), 14, true);
        assert_eq!((d.surveys, d.feedback, d.flagged, d.responses()), (4, 1, 1, 5));
        assert_eq!((d.hours[9], d.hours[10], d.hours[14]), (2, 1, 2));
        let n = d.nps().unwrap_or_else(|| panic!("no NPS"));
        assert_eq!((n.n, n.promoters, n.passives, n.detractors), (4, 2, 1, 1));
        assert_eq!((n.promoters_pct, n.passives_pct, n.detractors_pct, n.score), (50.0, 25.0, 25.0, 25.0));
        let c = d.csat().unwrap_or_else(|| panic!("no CSAT"));
        assert_eq!((c.n, c.mean, c.satisfied_pct, c.counts), (4, 3.25, 50.0, [1, 0, 1, 1, 1]));
        let dims = d.dimensions();
        assert_eq!(dims.len(), 2);
        assert_eq!((dims[0].id.as_str(), dims[0].n, dims[0].index), ("attitude", 2, 87.5));
        assert_eq!((dims[1].id.as_str(), dims[1].n, dims[1].index), ("speed", 2, 25.0));
    }

    #[test]
    fn empty_scores_are_none_and_bad_scores_are_left_out() {
        let mut d = Day::default();
        assert_eq!((d.nps(), d.csat(), d.dimensions().len()), (None, None, 0));
        d.add(&survey(Some(11), Some(0), &[("a", 6), ("b", 0)]), 30, false);
        d.add(&survey(None, Some(6), &[]), 3, false);
        assert_eq!((d.surveys, d.nps(), d.csat(), d.dimensions().len()), (2, None, None, 0));
        assert_eq!(d.hours.iter().sum::<u32>(), 1, "hour 30 does not exist");
    }

    #[test]
    fn stored_form_is_compact_and_round_trips() {
        let mut t = Tally::default();
        t.add(20_787, 13, &survey(Some(9), Some(5), &[("attitude", 4)]), false);
        let text = t.to_stored();
        assert!(text.len() < 200, "{text}");
        assert!(!text.contains("feedback") && text.starts_with("{\"d\":{\"20787\":"), "{text}");
        assert_eq!(Tally::from_stored(Some(&text)), t);
    }

    #[test]
    fn corrupt_values_reset() {
        for bad in ["", "null", "{", "[]", "{\"d\":{\"x\":{}}}", "{\"d\":{\"1\":{\"h\":[1,2]}}}", "{\"d\":{\"1\":{\"s\":-1}}}",
            "{\"d\":{\"1\":{\"i\":{\"a\":[1,2,3,4]}}}}", "{\"d\":{\"1\":{\"c\":[1,2,3,4,5,6]}}}", "{\"d\":{\"1\":{\"s\":4294967296}}}",
            "{\"d\":{\"1\":{\"n\":[1.5,0,0,0,0,0,0,0,0,0,0]}}}", "{\"d\":{\"1\":[]}}", "{\"d\":[]}"] {
            assert_eq!(Tally::from_stored(Some(bad)), Tally::default(), "{bad}");
        }
        assert_eq!(Tally::from_stored(None), Tally::default());
    }

    #[test]
    fn periods() {
        assert_eq!(Period::Today.days(100), (100, 100));
        assert_eq!(Period::Yesterday.days(100), (99, 99));
        assert_eq!(Period::Week.days(100), (94, 100));
    }

    fn entry_strategy() -> impl Strategy<Value = (Entry, u8, bool)> {
        (
            prop::option::of(0u8..=10),
            prop::option::of(1u8..=5),
            proptest::collection::vec((prop::sample::select(vec!["a", "b", "c"]), 1u8..=5), 0..3),
            any::<bool>(),
            0u8..24,
            any::<bool>(),
        )
            .prop_map(|(n, c, csi, is_survey, hour, flagged)| {
                let e = if is_survey { survey(n, c, &csi) } else { Entry { journey: Some(Journey::Feedback), ..Entry::default() } };
                (e, hour, flagged)
            })
    }

    fn day_strategy() -> impl Strategy<Value = Day> {
        proptest::collection::vec(entry_strategy(), 0..30).prop_map(|es| {
            let mut d = Day::default();
            for (e, h, f) in &es {
                d.add(e, *h, *f);
            }
            d
        })
    }

    proptest! {
        #[test]
        fn nps_is_in_range_and_equals_the_shares(d in day_strategy()) {
            if let Some(n) = d.nps() {
                prop_assert!((-100.0..=100.0).contains(&n.score), "{}", n.score);
                prop_assert!((n.score - (n.promoters_pct - n.detractors_pct)).abs() < 1e-9);
                prop_assert!((n.promoters_pct + n.passives_pct + n.detractors_pct - 100.0).abs() < 1e-9);
                prop_assert_eq!(n.n, n.promoters + n.passives + n.detractors);
            }
            if let Some(c) = d.csat() {
                prop_assert!((1.0..=5.0).contains(&c.mean));
            }
            for dim in d.dimensions() {
                prop_assert!((0.0..=100.0).contains(&dim.index));
            }
            prop_assert_eq!(d.hours.iter().sum::<u32>(), d.responses());
        }

        #[test]
        fn merge_is_commutative_and_associative(a in day_strategy(), b in day_strategy(), c in day_strategy()) {
            let mut ab = a.clone(); ab.merge(&b);
            let mut ba = b.clone(); ba.merge(&a);
            prop_assert_eq!(&ab, &ba);
            let mut ab_c = ab.clone(); ab_c.merge(&c);
            let mut bc = b.clone(); bc.merge(&c);
            let mut a_bc = a.clone(); a_bc.merge(&bc);
            prop_assert_eq!(&ab_c, &a_bc);
            let mut a0 = a.clone(); a0.merge(&Day::default());
            prop_assert_eq!(&a0, &a);
        }

        #[test]
        fn a_week_is_the_sum_of_its_days(entries in proptest::collection::vec((0i64..10, entry_strategy()), 0..60)) {
            let today = 20_000 + 9;
            let mut t = Tally::default();
            for (back, (e, h, f)) in &entries {
                t.days.entry(today - back).or_default().add(e, *h, *f);
            }
            let week = t.period(Period::Week, today);
            let days: Vec<Day> = (0..7).map(|b| t.range(today - b, today - b)).collect();
            prop_assert_eq!(week.responses(), days.iter().map(Day::responses).sum::<u32>());
            prop_assert_eq!(week.flagged, days.iter().map(|d| d.flagged).sum::<u32>());
            let mut merged = Day::default();
            for d in &days { merged.merge(d); }
            prop_assert_eq!(&week, &merged);
            prop_assert_eq!(t.period(Period::Today, today), t.range(today, today));
        }

        #[test]
        fn prune_keeps_exactly_the_last_14_days(days in proptest::collection::btree_set(-40i64..40, 0..40), today in -10i64..10) {
            let mut t = Tally::default();
            for d in &days {
                t.days.entry(*d).or_default().surveys = 1;
            }
            let before = t.clone();
            t.prune(today);
            prop_assert!(t.days.len() <= KEEP_DAYS as usize);
            prop_assert!(t.days.keys().all(|d| *d > today - KEEP_DAYS));
            // every kept day is untouched, and no day within the window up to today is lost
            for (d, v) in &t.days {
                prop_assert_eq!(before.days.get(d), Some(v));
            }
            let future = days.iter().filter(|d| **d > today).count();
            if future == 0 {
                for d in days.iter().filter(|d| **d > today - KEEP_DAYS) {
                    prop_assert!(t.days.contains_key(d));
                }
            }
            let mut again = t.clone();
            again.prune(today);
            prop_assert_eq!(again, t);
        }

        #[test]
        fn stored_round_trip(entries in proptest::collection::vec((0i64..20, entry_strategy()), 0..40)) {
            let mut t = Tally::default();
            for (day, (e, h, f)) in &entries {
                t.add(20_000 + day, *h, e, *f);
            }
            prop_assert_eq!(Tally::from_stored(Some(&t.to_stored())), t);
        }

        #[test]
        fn any_stored_text_reads_without_panic(text in ".{0,200}") {
            let _ = Tally::from_stored(Some(&text));
        }
    }
}
