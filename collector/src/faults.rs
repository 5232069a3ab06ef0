//! Fault injection for end-to-end tests of a client's retry logic: `--faults` makes
//! `POST /api/events` slow, unavailable (503), rate-limited (429 with `Retry-After`), or
//! store the events and then break the connection, so the client retries what was already
//! stored, or redirect it (302 to a page that answers 200, as a proxy's sign-in page would),
//! which a client must not take for a delivery. The draws come from a seeded PRNG, so a test run can be replayed exactly.

use std::sync::Mutex;
use std::time::Duration;

/// A parsed `--faults` spec, e.g. `503=0.2,429=0.1,reset=0.1,delay=0-300`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FaultSpec {
    pub p503: f64,
    pub p429: f64,
    pub reset: f64,
    /// Inclusive range of milliseconds to sleep before answering.
    pub delay_ms: Option<(u64, u64)>,
    /// Share of requests answered `302 Found` with `Location:` [`REDIRECT_TO`] (nothing stored).
    pub redirect: f64,
    /// Share of events refused on their own (400), chosen by a hash of the event id, so the
    /// same event is refused on every attempt: a client must isolate it and send the rest.
    pub refuse: f64,
}

impl FaultSpec {
    /// Parses a comma list of `key=value`; keys `503`, `429`, `reset`, `redirect` and
    /// `refuse` take a probability in 0..=1, `delay` takes `MIN-MAX` or `MS` milliseconds.
    pub fn parse(spec: &str) -> Result<FaultSpec, String> {
        let mut out = FaultSpec::default();
        let mut seen: Vec<&str> = Vec::new();
        for item in spec.split(',').map(str::trim) {
            if item.is_empty() {
                return Err(format!("empty item in fault spec {spec:?}"));
            }
            let Some((key, value)) = item.split_once('=') else {
                return Err(format!("fault {item:?} must be written key=value"));
            };
            let (key, value) = (key.trim(), value.trim());
            if seen.contains(&key) {
                return Err(format!("fault {key:?} is given twice"));
            }
            seen.push(key);
            match key {
                "503" => out.p503 = probability(key, value)?,
                "429" => out.p429 = probability(key, value)?,
                "reset" => out.reset = probability(key, value)?,
                "delay" => out.delay_ms = Some(delay(value)?),
                "refuse" => out.refuse = probability(key, value)?,
                "redirect" => out.redirect = probability(key, value)?,
                _ => {
                    return Err(format!(
                        "unknown fault {key:?}; known faults are 503, 429, reset, redirect, delay and refuse"
                    ))
                }
            }
        }
        let total = out.p503 + out.p429 + out.reset + out.redirect;
        if total > 1.0 + 1e-9 {
            return Err(format!(
                "fault probabilities add up to {total}, more than 1"
            ));
        }
        Ok(out)
    }
}

fn probability(key: &str, value: &str) -> Result<f64, String> {
    match value.parse::<f64>() {
        Ok(p) if (0.0..=1.0).contains(&p) => Ok(p),
        _ => Err(format!(
            "fault {key} needs a probability from 0 to 1, not {value:?}"
        )),
    }
}

fn delay(value: &str) -> Result<(u64, u64), String> {
    let bad = || format!("delay needs milliseconds as MIN-MAX or MS, not {value:?}");
    let (lo, hi) = match value.split_once('-') {
        Some((lo, hi)) => (
            lo.trim().parse().map_err(|_| bad())?,
            hi.trim().parse().map_err(|_| bad())?,
        ),
        None => {
            let ms = value.parse().map_err(|_| bad())?;
            (ms, ms)
        }
    };
    if lo > hi || hi > 600_000 {
        return Err(bad());
    }
    Ok((lo, hi))
}

/// SplitMix64: a tiny, well-mixed, seedable PRNG; good enough for test faults.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in `lo..=hi` (the tiny modulo bias does not matter here).
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        match (hi - lo).checked_add(1) {
            Some(span) => lo + self.next_u64() % span,
            None => self.next_u64(),
        }
    }
}

/// How a `Retry-After` header is written; the collector alternates so clients must read both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryAfter {
    /// `Retry-After: 1`
    Seconds,
    /// `Retry-After: <IMF-fixdate one second from now>`
    HttpDate,
}

/// What to do with one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Normal,
    Unavailable,
    TooManyRequests(RetryAfter),
    /// Store the events, then break the connection instead of answering.
    Reset,
    /// Store nothing; answer `302 Found` to [`REDIRECT_TO`], which answers 200.
    Redirect,
}

/// Where the `redirect` fault sends the client: a page that answers `200 OK` to a GET, as a
/// sign-in page would, so a client that follows redirects sees a 2xx with nothing stored.
pub const REDIRECT_TO: &str = "/api/health";

/// The faults in force and the PRNG state shared by all requests.
#[derive(Debug)]
pub struct Faults {
    spec: FaultSpec,
    state: Mutex<(SplitMix64, u64)>,
}

/// FNV-1a of the id, as a fraction in [0, 1): a stable per-event draw.
fn id_fraction(id: &str) -> f64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in id.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    (h >> 11) as f64 / (1u64 << 53) as f64
}

impl Faults {
    /// Whether the event with this id is refused (the `refuse` fault); the same answer for
    /// the same id every time.
    pub fn refuses(&self, id: &str) -> bool {
        self.spec.refuse > 0.0 && id_fraction(id) < self.spec.refuse
    }

    pub fn new(spec: FaultSpec, seed: u64) -> Self {
        Faults {
            spec,
            state: Mutex::new((SplitMix64::new(seed), 0)),
        }
    }

    /// Draws the delay and the decision for the next request.
    pub fn draw(&self) -> (Duration, Decision) {
        let mut guard = self
            .state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let (rng, count429) = &mut *guard;
        let delay = self.spec.delay_ms.map_or(0, |(lo, hi)| rng.range(lo, hi));
        let u = rng.next_f64();
        let s = &self.spec;
        let decision = if u < s.p503 {
            Decision::Unavailable
        } else if u < s.p503 + s.p429 {
            let form = if *count429 % 2 == 0 {
                RetryAfter::Seconds
            } else {
                RetryAfter::HttpDate
            };
            *count429 += 1;
            Decision::TooManyRequests(form)
        } else if u < s.p503 + s.p429 + s.reset {
            Decision::Reset
        } else if u < s.p503 + s.p429 + s.reset + s.redirect {
            Decision::Redirect
        } else {
            Decision::Normal
        };
        (Duration::from_millis(delay), decision)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusal_is_stable_per_id_and_near_the_share() {
        let f = Faults::new(FaultSpec::parse("refuse=0.25").unwrap_or_default(), 1);
        let ids: Vec<String> = (0..2000).map(|i| format!("id-{i}")).collect();
        let refused = ids.iter().filter(|id| f.refuses(id)).count();
        assert!((400..600).contains(&refused), "{refused}");
        assert!(ids.iter().all(|id| f.refuses(id) == f.refuses(id)));
        let none = Faults::new(FaultSpec::default(), 1);
        assert!(!ids.iter().any(|id| none.refuses(id)));
    }

    #[test]
    fn parses_specs() {
        assert_eq!(
            FaultSpec::parse("503=0.2,429=0.1,reset=0.1,delay=0-300"),
            Ok(FaultSpec {
                p503: 0.2,
                p429: 0.1,
                reset: 0.1,
                delay_ms: Some((0, 300)),
                redirect: 0.0,
                refuse: 0.0,
            })
        );
        assert_eq!(
            FaultSpec::parse("redirect=1"),
            Ok(FaultSpec {
                redirect: 1.0,
                ..FaultSpec::default()
            })
        );
        assert_eq!(
            FaultSpec::parse(" reset = 1 , delay=50"),
            Ok(FaultSpec {
                reset: 1.0,
                delay_ms: Some((50, 50)),
                ..FaultSpec::default()
            })
        );
    }

    #[test]
    fn rejects_bad_specs() {
        for bad in [
            "",
            "500=0.1",
            "503",
            "503=1.5",
            "503=-0.1",
            "503=x",
            "503=NaN",
            "503=0.1,503=0.2",
            "503=0.6,429=0.6",
            "503=0.5,redirect=0.6",
            "redirect=2",
            "delay=300-0",
            "delay=a-b",
            "delay=",
            "503=0.1,,429=0.1",
        ] {
            assert!(FaultSpec::parse(bad).is_err(), "{bad:?} accepted");
        }
        let msg = FaultSpec::parse("boom=1").err().unwrap_or_default();
        assert!(msg.contains("unknown fault \"boom\""), "{msg}");
    }

    #[test]
    fn same_seed_same_decisions() {
        let spec = FaultSpec::parse("503=0.25,429=0.25,reset=0.25,delay=0-100").unwrap_or_default();
        let run = |seed| {
            let f = Faults::new(spec.clone(), seed);
            (0..200).map(|_| f.draw()).collect::<Vec<_>>()
        };
        assert_eq!(run(7), run(7));
        assert_ne!(run(7), run(8));
        let decisions = run(7);
        for d in [Decision::Normal, Decision::Unavailable, Decision::Reset] {
            assert!(decisions.iter().any(|(_, x)| *x == d), "{d:?} never drawn");
        }
        assert!(decisions
            .iter()
            .all(|(ms, _)| *ms <= Duration::from_millis(100)));
        let forms: Vec<_> = decisions
            .iter()
            .filter_map(|(_, d)| match d {
                Decision::TooManyRequests(f) => Some(*f),
                _ => None,
            })
            .collect();
        assert!(forms.len() > 2);
        assert!(forms.iter().enumerate().all(|(i, f)| *f
            == if i % 2 == 0 {
                RetryAfter::Seconds
            } else {
                RetryAfter::HttpDate
            }));
    }

    #[test]
    fn redirect_always_when_certain() {
        let f = Faults::new(FaultSpec::parse("redirect=1").unwrap_or_default(), 1);
        assert!((0..100).all(|_| f.draw() == (Duration::ZERO, Decision::Redirect)));
        let spec = FaultSpec::parse("503=0.25,redirect=0.25").unwrap_or_default();
        let f = Faults::new(spec, 3);
        let n = (0..2000).filter(|_| f.draw().1 == Decision::Redirect).count();
        assert!((400..600).contains(&n), "{n}");
    }

    #[test]
    fn no_faults_means_normal() {
        let f = Faults::new(FaultSpec::default(), 1);
        assert!((0..100).all(|_| f.draw() == (Duration::ZERO, Decision::Normal)));
    }

    #[test]
    fn rng_is_uniformish() {
        let mut r = SplitMix64::new(1);
        let n = 10_000;
        let below_half = (0..n).filter(|_| r.next_f64() < 0.5).count();
        assert!((4_700..5_300).contains(&below_half), "{below_half}");
        assert!((0..1000).all(|_| (3..=5).contains(&r.range(3, 5))));
    }
}
