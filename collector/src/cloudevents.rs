//! CloudEvents 1.0 in structured JSON mode: which content types are accepted, and the
//! validation of each event. A request is all or nothing, so validation collects every
//! problem of every event before anything is stored, and tells the sender all of them.

use serde_json::value::RawValue;
use serde_json::{json, Map, Value};

use crate::time::is_rfc3339;

/// `application/cloudevents-batch+json`: a JSON array of events.
pub const BATCH_MEDIA_TYPE: &str = "application/cloudevents-batch+json";
/// `application/cloudevents+json`: one event object.
pub const SINGLE_MEDIA_TYPE: &str = "application/cloudevents+json";

/// How the request body carries its events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Batch,
    Single,
}

/// The mode for a `Content-Type` header value; parameters (`; charset=utf-8`) and letter
/// case are ignored. `None` for any other media type.
pub fn mode_for_content_type(content_type: &str) -> Option<Mode> {
    let essence = content_type.split(';').next().unwrap_or("").trim();
    if essence.eq_ignore_ascii_case(BATCH_MEDIA_TYPE) {
        Some(Mode::Batch)
    } else if essence.eq_ignore_ascii_case(SINGLE_MEDIA_TYPE) {
        Some(Mode::Single)
    } else {
        None
    }
}

/// One thing wrong with a request, as reported to the sender.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Position of the event in the batch (0 in single mode); `None` for the request itself.
    pub index: Option<usize>,
    /// The attribute at fault, if one is.
    pub attribute: Option<String>,
    /// Plain-English reason.
    pub reason: String,
}

impl Problem {
    pub fn request(reason: impl Into<String>) -> Self {
        Problem {
            index: None,
            attribute: None,
            reason: reason.into(),
        }
    }

    fn at(index: usize, attribute: &str, reason: impl Into<String>) -> Self {
        Problem {
            index: Some(index),
            attribute: Some(attribute.to_owned()),
            reason: reason.into(),
        }
    }

    pub fn to_json(&self) -> Value {
        let mut o = Map::new();
        if let Some(i) = self.index {
            o.insert("index".into(), json!(i));
        }
        if let Some(a) = &self.attribute {
            o.insert("attribute".into(), json!(a));
        }
        o.insert("reason".into(), json!(self.reason));
        Value::Object(o)
    }
}

/// At most this many problems are listed in one answer: a 1 MiB batch of `{}` has over a
/// million problems, and listing them all would turn 1 MiB in into ~100 MB out.
pub const MAX_LISTED_PROBLEMS: usize = 100;

/// `{"problems":[…]}`, the body of every error response.
pub fn problems_body(problems: &[Problem]) -> Value {
    json!({ "problems": problems.iter().map(Problem::to_json).collect::<Vec<_>>() })
}

/// Problems of events, found and counted: the first [`MAX_LISTED_PROBLEMS`] are kept.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Problems {
    pub listed: Vec<Problem>,
    pub total: usize,
}

impl Problems {
    pub fn push(&mut self, p: Problem) {
        self.total += 1;
        if self.listed.len() < MAX_LISTED_PROBLEMS {
            self.listed.push(p);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// `{"problems":[first 100…],"problem_count":N}`; `"problems_truncated":true` when
    /// not all are listed.
    pub fn body(&self) -> Value {
        let mut body = problems_body(&self.listed);
        body["problem_count"] = json!(self.total);
        if self.total > self.listed.len() {
            body["problems_truncated"] = json!(true);
        }
        body
    }
}

impl FromIterator<Problem> for Problems {
    fn from_iter<I: IntoIterator<Item = Problem>>(iter: I) -> Self {
        let mut p = Problems::default();
        for problem in iter {
            p.push(problem);
        }
        p
    }
}

/// An event that passed validation, with the columns the store indexes.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidEvent {
    pub source: String,
    pub id: String,
    pub kind: String,
    pub time: Option<String>,
    /// The event's JSON text exactly as it was received.
    pub json: String,
}

/// Why a request body was refused.
#[derive(Debug, Clone, PartialEq)]
pub enum Rejection {
    /// Not JSON at all, or the wrong JSON shape for the mode: nothing to index by.
    Malformed(String),
    /// Well-formed, but events are invalid; every problem is counted, the first listed.
    Invalid(Problems),
}

const KNOWN: [&str; 10] = [
    "specversion",
    "id",
    "source",
    "type",
    "time",
    "datacontenttype",
    "dataschema",
    "subject",
    "data",
    "data_base64",
];

/// Parses and validates a request body; every event valid or an error listing all problems.
pub fn parse_request(mode: Mode, body: &[u8]) -> Result<Vec<ValidEvent>, Rejection> {
    let raws: Vec<Box<RawValue>> = match mode {
        Mode::Batch => {
            let value: Value = serde_json::from_slice(body)
                .map_err(|e| Rejection::Malformed(format!("the body is not valid JSON: {e}")))?;
            if !value.is_array() {
                return Err(Rejection::Malformed(format!(
                    "a {BATCH_MEDIA_TYPE} body must be a JSON array of events"
                )));
            }
            serde_json::from_slice(body)
                .map_err(|e| Rejection::Malformed(format!("the body is not valid JSON: {e}")))?
        }
        Mode::Single => {
            let raw: Box<RawValue> = serde_json::from_slice(body)
                .map_err(|e| Rejection::Malformed(format!("the body is not valid JSON: {e}")))?;
            vec![raw]
        }
    };
    let mut problems = Problems::default();
    let mut events = Vec::with_capacity(raws.len());
    for (index, raw) in raws.iter().enumerate() {
        match serde_json::from_str::<Value>(raw.get()) {
            Ok(value) => match validate(index, &value) {
                Ok(mut ev) => {
                    if problems.is_empty() {
                        ev.json = raw.get().to_owned();
                        events.push(ev);
                    }
                }
                Err(p) => p.into_iter().for_each(|p| problems.push(p)),
            },
            Err(e) => problems.push(Problem {
                index: Some(index),
                attribute: None,
                reason: format!("the event is not valid JSON: {e}"),
            }),
        }
    }
    if problems.is_empty() {
        Ok(events)
    } else {
        Err(Rejection::Invalid(problems))
    }
}

/// Reads an attribute; JSON `null` counts as absent, as the CloudEvents JSON format says.
fn attr<'a>(o: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    o.get(name).filter(|v| !v.is_null())
}

fn required_string(
    o: &Map<String, Value>,
    index: usize,
    name: &str,
    problems: &mut Vec<Problem>,
) -> Option<String> {
    match attr(o, name) {
        None => problems.push(Problem::at(index, name, format!("{name} is required"))),
        Some(Value::String(s)) if s.is_empty() => problems.push(Problem::at(
            index,
            name,
            format!("{name} must not be empty"),
        )),
        Some(Value::String(s)) => return Some(s.clone()),
        Some(_) => problems.push(Problem::at(index, name, format!("{name} must be a string"))),
    }
    None
}

fn optional_string(
    o: &Map<String, Value>,
    index: usize,
    name: &str,
    problems: &mut Vec<Problem>,
) -> Option<String> {
    match attr(o, name) {
        None => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => {
            problems.push(Problem::at(index, name, format!("{name} must be a string")));
            None
        }
    }
}

/// Whether an extension attribute name is allowed: 1–20 of `a-z0-9`.
pub fn is_extension_name(name: &str) -> bool {
    (1..=20).contains(&name.len())
        && name
            .bytes()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
}

/// Validates one event (already parsed); `json` of the result is left empty for the caller.
pub fn validate(index: usize, value: &Value) -> Result<ValidEvent, Vec<Problem>> {
    let Some(o) = value.as_object() else {
        return Err(vec![Problem {
            index: Some(index),
            attribute: None,
            reason: "an event must be a JSON object".into(),
        }]);
    };
    let mut problems = Vec::new();
    match attr(o, "specversion") {
        Some(Value::String(s)) if s == "1.0" => {}
        None => problems.push(Problem::at(
            index,
            "specversion",
            "specversion is required and must be \"1.0\"",
        )),
        Some(Value::String(s)) => problems.push(Problem::at(
            index,
            "specversion",
            format!("specversion must be \"1.0\", not {s:?}"),
        )),
        Some(_) => problems.push(Problem::at(
            index,
            "specversion",
            "specversion must be the string \"1.0\"",
        )),
    }
    let id = required_string(o, index, "id", &mut problems);
    let source = required_string(o, index, "source", &mut problems);
    let kind = required_string(o, index, "type", &mut problems);
    let time = optional_string(o, index, "time", &mut problems);
    if let Some(t) = &time {
        if !is_rfc3339(t) {
            problems.push(Problem::at(
                index,
                "time",
                format!(
                    "time must be an RFC 3339 timestamp such as 2026-11-30T05:18:21Z, not {t:?}"
                ),
            ));
        }
    }
    for name in ["datacontenttype", "dataschema", "subject", "data_base64"] {
        optional_string(o, index, name, &mut problems);
    }
    if attr(o, "data").is_some() && attr(o, "data_base64").is_some() {
        problems.push(Problem::at(
            index,
            "data_base64",
            "an event carries data or data_base64, not both",
        ));
    }
    for name in o.keys().filter(|k| !KNOWN.contains(&k.as_str())) {
        if !is_extension_name(name) {
            problems.push(Problem::at(
                index,
                name,
                format!("extension attribute {name:?} must be named with 1 to 20 lowercase letters or digits"),
            ));
        }
    }
    match (problems.is_empty(), id, source, kind) {
        (true, Some(id), Some(source), Some(kind)) => Ok(ValidEvent {
            source,
            id,
            kind,
            time,
            json: String::new(),
        }),
        _ => Err(problems),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> Value {
        json!({"specversion":"1.0","id":"a","source":"/s","type":"t","time":"2026-11-30T05:18:21.123Z",
               "datacontenttype":"application/json","data":{"x":1},"storeid":"lanting"})
    }

    #[test]
    fn content_types() {
        assert_eq!(
            mode_for_content_type("application/cloudevents-batch+json"),
            Some(Mode::Batch)
        );
        assert_eq!(
            mode_for_content_type("Application/CloudEvents-Batch+JSON ; charset=utf-8"),
            Some(Mode::Batch)
        );
        assert_eq!(
            mode_for_content_type("application/cloudevents+json;charset=UTF-8"),
            Some(Mode::Single)
        );
        assert_eq!(mode_for_content_type("application/json"), None);
        assert_eq!(mode_for_content_type(""), None);
    }

    #[test]
    fn accepts_a_good_event() {
        let ev = validate(0, &good()).map_err(|p| format!("{p:?}"));
        assert_eq!(
            ev.map(|e| (e.id, e.source, e.kind)),
            Ok(("a".into(), "/s".into(), "t".into()))
        );
    }

    #[test]
    fn lists_every_problem() {
        let v = json!({"specversion":"0.3","source":"","type":7,"time":"now","subject":1,
                       "Bad-Name":1,"data":1,"data_base64":"AA=="});
        let Err(problems) = validate(3, &v) else {
            panic!("accepted")
        };
        let attrs: Vec<_> = problems
            .iter()
            .map(|p| p.attribute.clone().unwrap_or_default())
            .collect();
        assert_eq!(
            attrs,
            [
                "specversion",
                "id",
                "source",
                "type",
                "time",
                "subject",
                "data_base64",
                "Bad-Name"
            ]
        );
        assert!(problems
            .iter()
            .all(|p| p.index == Some(3) && !p.reason.is_empty()));
    }

    /// `data` is the app's business: a feedback event whose contact details were lost on the
    /// device (`data.contact_unreadable`, docs/cloudevents.md) is stored like any other.
    #[test]
    fn accepts_an_event_marked_contact_unreadable() {
        let mut v = good();
        v["type"] = json!("storevoice.feedback.v1");
        v["data"] = json!({"kind": "feedback", "consent": true, "contact_unreadable": true});
        assert!(validate(0, &v).is_ok());
    }

    #[test]
    fn extension_names() {
        assert!(is_extension_name("storeid"));
        assert!(is_extension_name("a1b2c3d4e5f6g7h8i9j0"));
        assert!(!is_extension_name("a1b2c3d4e5f6g7h8i9j0k"));
        assert!(!is_extension_name(""));
        assert!(!is_extension_name("store_id"));
        assert!(!is_extension_name("StoreId"));
    }

    #[test]
    fn keeps_the_received_text() {
        let body = br#"[ {"specversion":"1.0", "id":"a","source":"/s","type":"t"} ]"#;
        let evs = parse_request(Mode::Batch, body).map_err(|e| format!("{e:?}"));
        assert_eq!(
            evs.map(|e| e[0].json.clone()),
            Ok(r#"{"specversion":"1.0", "id":"a","source":"/s","type":"t"}"#.to_owned())
        );
    }

    #[test]
    fn malformed_bodies() {
        assert!(matches!(
            parse_request(Mode::Batch, b"{"),
            Err(Rejection::Malformed(_))
        ));
        assert!(matches!(
            parse_request(Mode::Batch, b"{}"),
            Err(Rejection::Malformed(_))
        ));
        assert!(matches!(
            parse_request(Mode::Single, b"[]"),
            Err(Rejection::Invalid(_))
        ));
        assert_eq!(parse_request(Mode::Batch, b"[]"), Ok(vec![]));
    }
}
