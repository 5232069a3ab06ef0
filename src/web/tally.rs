//! The tally's and the misuse rule's browser side: the tally kept in `localStorage` (one
//! compact JSON value under [`TALLY_KEY`]), the local day from the browser's time zone (the
//! device stands in the store, so its zone is the store's), and the recent scores of the
//! burst rule in memory.

use std::cell::RefCell;

use crate::outbox::Record;
use crate::staff::misuse::{HandIn, Recent};
use crate::staff::tally::{local_day_hour, Entry, Tally};
use crate::time::millis_from_rfc3339;

const TALLY_KEY: &str = "storevoice:tally";

thread_local! {
    static RECENT: RefCell<Recent> = RefCell::new(Recent::default());
}

/// The local day number and hour of `ms` on this device.
pub fn local_day(ms: f64) -> (i64, u8) {
    local_day_hour(ms, super::platform::utc_offset_min(ms))
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The stored tally (empty when none or unreadable).
pub fn load() -> Tally {
    Tally::from_stored(storage().and_then(|s| s.get_item(TALLY_KEY).ok().flatten()).as_deref())
}

/// Counts one record handed in at `now_ms`. Storage that refuses the write loses only this
/// count: the tally is a convenience, the answer itself is in the outbox.
pub fn count(entry: &Entry, flagged: bool, now_ms: f64) {
    let (day, hour) = local_day(now_ms);
    let mut t = load();
    t.add(day, hour, entry, flagged);
    if let Some(s) = storage() {
        let _ = s.set_item(TALLY_KEY, &t.to_stored());
    }
}

/// The misuse mark of `record` handed in at `now_ms` (see [`crate::staff::misuse`]).
pub fn suspect(record: &Record, shared: bool, now_ms: f64) -> Option<String> {
    let h = match record {
        Record::SurveyResponse(r) => HandIn {
            started_ms: millis_from_rfc3339(&r.started_at),
            finished_ms: millis_from_rfc3339(&r.finished_at).unwrap_or(now_ms),
            score: r.scores.nps.or(r.scores.csat),
        },
        Record::Feedback(_) => HandIn { started_ms: None, finished_ms: now_ms, score: None },
    };
    RECENT.with(|r| r.borrow_mut().check(h, shared)).map(|why| why.as_str().to_string())
}
