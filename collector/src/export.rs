//! Read-only views of the store for people and tools: NDJSON (lossless), CSV (for
//! spreadsheets, with the survey scores pulled into columns) and a summary of the survey
//! scores per touchpoint and per day, computed with the app's own scoring functions so the
//! collector and the app can never disagree about what NPS means.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde_json::{json, Value};
use storevoice::survey::scoring::{csat_percent, nps};

use crate::store::StoredEvent;
use crate::time::utc_day;

/// The CloudEvents type of a completed survey.
pub const SURVEY_RESPONSE_TYPE: &str = "storevoice.survey-response.v1";

/// One event per line. Events are stored as received; one sent pretty-printed is compacted
/// (JSON strings cannot hold raw line breaks, so any line break is whitespace).
pub fn ndjson(events: &[StoredEvent]) -> String {
    let mut out = String::new();
    for e in events {
        if e.event.contains(['\n', '\r']) {
            match serde_json::from_str::<Value>(&e.event) {
                Ok(v) => out.push_str(&v.to_string()),
                Err(_) => out.push_str(&e.event.replace(['\n', '\r'], " ")),
            }
        } else {
            out.push_str(&e.event);
        }
        out.push('\n');
    }
    out
}

/// Whether a spreadsheet would read the cell as a formula (CSV injection): it starts with
/// `=`, `+`, `-`, `@`, a tab or a carriage return.
pub fn looks_like_formula(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// Quotes a CSV field when RFC 4180 requires it (comma, quote, CR or LF), doubling quotes.
/// A cell a spreadsheet would run as a formula is defused the OWASP way: prefixed with `'`
/// and quoted, so it shows as text (NDJSON keeps the exact value).
pub fn csv_field(s: &str) -> Cow<'_, str> {
    if looks_like_formula(s) {
        Cow::Owned(format!("\"'{}\"", s.replace('"', "\"\"")))
    } else if s.contains([',', '"', '\r', '\n']) {
        Cow::Owned(format!("\"{}\"", s.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(s)
    }
}

/// A JSON value as CSV cell text: strings bare, absent/null empty, anything else as JSON.
fn cell(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

pub const CSV_HEADER: &str = "received_at,source,id,type,time,touchpoint,kind,nps,csat,csi,data";

/// The CSV export, CRLF line ends as RFC 4180 has them.
pub fn csv(events: &[StoredEvent]) -> String {
    let mut out = String::from(CSV_HEADER);
    out.push_str("\r\n");
    out.push_str(&csv_rows(events));
    out
}

/// CSV rows without the header (one page of the streamed export).
pub fn csv_rows(events: &[StoredEvent]) -> String {
    let mut out = String::new();
    for e in events {
        let parsed: Value = serde_json::from_str(&e.event).unwrap_or(Value::Null);
        let data = parsed.get("data");
        let scores = data.and_then(|d| d.get("scores"));
        let fields = [
            e.received_at.clone(),
            e.source.clone(),
            e.id.clone(),
            e.kind.clone(),
            e.time.clone().unwrap_or_default(),
            cell(data.and_then(|d| d.get("touchpoint"))),
            cell(data.and_then(|d| d.get("kind"))),
            cell(scores.and_then(|s| s.get("nps"))),
            cell(scores.and_then(|s| s.get("csat"))),
            cell(scores.and_then(|s| s.get("csi"))),
            data.filter(|d| !d.is_null())
                .map(Value::to_string)
                .unwrap_or_default(),
        ];
        let row: Vec<Cow<'_, str>> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

/// Scores gathered for one group of survey responses.
#[derive(Debug, Default)]
struct Group {
    responses: u64,
    nps: Vec<u8>,
    csat: Vec<u8>,
    csi_sum: f64,
    csi_n: u64,
}

impl Group {
    fn add(&mut self, nps: Option<u8>, csat: Option<u8>, csi: Option<f64>) {
        self.responses += 1;
        self.nps.extend(nps);
        self.csat.extend(csat);
        if let Some(c) = csi {
            self.csi_sum += c;
            self.csi_n += 1;
        }
    }

    fn to_json(&self) -> Value {
        json!({
            "responses": self.responses,
            "nps": nps(self.nps.iter().copied()),
            "csat_percent": csat_percent(self.csat.iter().copied()),
            "csi_mean": (self.csi_n > 0).then(|| self.csi_sum / self.csi_n as f64),
        })
    }
}

/// A small integer score within `range`, or `None` for anything else.
fn score(v: Option<&Value>, range: std::ops::RangeInclusive<u64>) -> Option<u8> {
    v.and_then(Value::as_u64)
        .filter(|s| range.contains(s))
        .and_then(|s| u8::try_from(s).ok())
}

/// `{"total", "by_type", "per_touchpoint", "per_day", "suspect_excluded", "suspect_included"}`
/// over all stored events. Survey responses without a touchpoint (or without a readable day)
/// are left out of that grouping; so are those the device flagged (`suspect`), unless
/// `include_suspect`.
pub fn summary(events: &[StoredEvent], include_suspect: bool) -> Value {
    let mut s = Summary::new(include_suspect);
    for e in events {
        s.add(e);
    }
    s.to_json()
}

/// The summary, built one event at a time (the export streams pages through it).
///
/// Survey responses carrying the `suspect` extension attribute (given faster than a person
/// could, docs/cloudevents.md) are kept in the store but left out of the scores by default:
/// a burst of taps on a kiosk must not move the store's NPS. `suspect_excluded` says how many
/// were left out, so nothing disappears silently; `?include_suspect=true` counts them in.
#[derive(Debug, Default)]
pub struct Summary {
    include_suspect: bool,
    suspect_excluded: u64,
    total: u64,
    by_type: BTreeMap<String, u64>,
    per_touchpoint: BTreeMap<String, Group>,
    per_day: BTreeMap<String, Group>,
}

/// Whether a stored event carries the `suspect` mark (any value but `null`/`false` counts:
/// the attribute is a reason string, and an odd value is still a mark).
fn is_suspect(event: &Value) -> bool {
    event
        .get("suspect")
        .is_some_and(|v| !v.is_null() && *v != Value::Bool(false))
}

impl Summary {
    pub fn new(include_suspect: bool) -> Summary {
        Summary {
            include_suspect,
            ..Summary::default()
        }
    }

    pub fn add(&mut self, e: &StoredEvent) {
        self.total += 1;
        *self.by_type.entry(e.kind.clone()).or_default() += 1;
        if e.kind != SURVEY_RESPONSE_TYPE {
            return;
        }
        let parsed: Value = serde_json::from_str(&e.event).unwrap_or(Value::Null);
        if !self.include_suspect && is_suspect(&parsed) {
            self.suspect_excluded += 1;
            return;
        }
        let data = parsed.get("data");
        let scores = data.and_then(|d| d.get("scores"));
        let nps = score(scores.and_then(|s| s.get("nps")), 0..=10);
        let csat = score(scores.and_then(|s| s.get("csat")), 1..=5);
        let csi = scores
            .and_then(|s| s.get("csi"))
            .and_then(Value::as_f64)
            .filter(|c| c.is_finite());
        if let Some(tp) = data
            .and_then(|d| d.get("touchpoint"))
            .and_then(Value::as_str)
        {
            self.per_touchpoint
                .entry(tp.to_owned())
                .or_default()
                .add(nps, csat, csi);
        }
        let day = data
            .and_then(|d| d.get("finished_at"))
            .and_then(Value::as_str)
            .and_then(utc_day)
            .or_else(|| e.time.as_deref().and_then(utc_day));
        if let Some(day) = day {
            self.per_day.entry(day).or_default().add(nps, csat, csi);
        }
    }

    pub fn to_json(&self) -> Value {
        let groups = |m: &BTreeMap<String, Group>| -> serde_json::Map<String, Value> {
            m.iter().map(|(k, g)| (k.clone(), g.to_json())).collect()
        };
        json!({
            "total": self.total,
            "by_type": self.by_type,
            "per_touchpoint": groups(&self.per_touchpoint),
            "per_day": groups(&self.per_day),
            "suspect_excluded": self.suspect_excluded,
            "suspect_included": self.include_suspect,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored(kind: &str, event: Value) -> StoredEvent {
        StoredEvent {
            seq: 1,
            source: "/s".into(),
            id: "a".into(),
            kind: kind.into(),
            time: event.get("time").and_then(Value::as_str).map(str::to_owned),
            received_at: "2026-11-30T05:18:22.000Z".into(),
            event: event.to_string(),
        }
    }

    #[test]
    fn csv_quoting() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field(""), "");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_field("cr\r"), "\"cr\r\"");
    }

    #[test]
    fn csv_formulas_are_defused() {
        assert_eq!(csv_field("=1+1"), "\"'=1+1\"");
        assert_eq!(csv_field("+86 138"), "\"'+86 138\"");
        assert_eq!(csv_field("-2"), "\"'-2\"");
        assert_eq!(csv_field("@SUM(A1)"), "\"'@SUM(A1)\"");
        assert_eq!(csv_field("\tx"), "\"'\tx\"");
        assert_eq!(csv_field("\rx"), "\"'\rx\"");
        assert_eq!(
            csv_field("=HYPERLINK(\"http://x\",\"y\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""
        );
        assert_eq!(csv_field("a=b"), "a=b", "only a leading character counts");
    }

    #[test]
    fn csv_columns() {
        let e = stored(
            SURVEY_RESPONSE_TYPE,
            json!({"time":"2026-11-30T05:18:21Z","data":{"touchpoint":"checkout-3","kind":"survey-response",
                   "scores":{"nps":9,"csat":4,"csi":87.5}}}),
        );
        let text = csv(&[e]);
        let lines: Vec<_> = text.split("\r\n").collect();
        assert_eq!(lines[0], CSV_HEADER);
        assert!(lines[1].starts_with(
            "2026-11-30T05:18:22.000Z,/s,a,storevoice.survey-response.v1,2026-11-30T05:18:21Z,checkout-3,survey-response,9,4,87.5,\"{"
        ), "{}", lines[1]);
        assert_eq!(lines[2], "");
    }

    #[test]
    fn ndjson_compacts_multiline_events() {
        let mut e = stored("t", json!({}));
        e.event = "{\n  \"id\": \"a\"\n}".into();
        assert_eq!(ndjson(&[e.clone(), e]), "{\"id\":\"a\"}\n{\"id\":\"a\"}\n");
    }

    #[test]
    fn summary_ignores_out_of_range_scores() {
        let e = stored(
            SURVEY_RESPONSE_TYPE,
            json!({"data":{"touchpoint":"x","finished_at":"2026-11-30T23:00:00-02:00",
                   "scores":{"nps":11,"csat":0,"csi":"high"}}}),
        );
        let s = summary(&[e], false);
        assert_eq!(
            s["per_touchpoint"]["x"],
            json!({"responses":1,"nps":null,"csat_percent":null,"csi_mean":null})
        );
        assert_eq!(s["per_day"]["2026-12-01"]["responses"], json!(1));
    }

    #[test]
    fn suspect_responses_are_left_out_of_the_scores_unless_asked() {
        let ev = |nps: u8, suspect: Option<Value>| {
            let mut v = json!({"data":{"touchpoint":"exit-kiosk-1","finished_at":"2026-11-30T05:00:00.000Z",
                   "scores":{"nps":nps,"csat":5}}});
            if let (Some(s), Some(o)) = (suspect, v.as_object_mut()) {
                o.insert("suspect".into(), s);
            }
            stored(SURVEY_RESPONSE_TYPE, v)
        };
        let events = [
            ev(10, None),
            ev(0, Some(json!("burst"))),
            ev(0, Some(json!("too-fast"))),
            ev(9, Some(Value::Null)),
            ev(9, Some(json!(false))),
        ];
        let s = summary(&events, false);
        assert_eq!(
            (
                s["total"].clone(),
                s["suspect_excluded"].clone(),
                s["suspect_included"].clone()
            ),
            (json!(5), json!(2), json!(false))
        );
        assert_eq!(
            s["by_type"][SURVEY_RESPONSE_TYPE],
            json!(5),
            "stored events are all counted"
        );
        assert_eq!(s["per_touchpoint"]["exit-kiosk-1"]["responses"], json!(3));
        assert_eq!(s["per_touchpoint"]["exit-kiosk-1"]["nps"], json!(100.0));
        assert_eq!(s["per_day"]["2026-11-30"]["responses"], json!(3));
        let all = summary(&events, true);
        assert_eq!(
            (
                all["suspect_excluded"].clone(),
                all["suspect_included"].clone()
            ),
            (json!(0), json!(true))
        );
        assert_eq!(all["per_touchpoint"]["exit-kiosk-1"]["responses"], json!(5));
        assert_eq!(all["per_touchpoint"]["exit-kiosk-1"]["nps"], json!(20.0)); // 3 promoters, 2 detractors of 5
    }
}
