//! Records as CloudEvents 1.0 in structured JSON mode (docs/cloudevents.md).

use crate::config::EndpointFormat;
use serde_json::{json, Value};

use super::Record;

/// `type` of each kind of record. Versioned so the data format can change later.
pub fn event_type(record: &Record) -> &'static str {
    match record {
        Record::SurveyResponse(_) => "storevoice.survey-response.v1",
        Record::Feedback(_) => "storevoice.feedback.v1",
    }
}

/// `source`: the store and touchpoint, as a URI reference.
pub fn event_source(store: &str, touchpoint: &str) -> String {
    format!("/stores/{store}/touchpoints/{touchpoint}")
}

/// What the device noticed about an answer when it was handed in, sent as CloudEvents
/// extension attributes (docs/cloudevents.md) so the store can weigh it; an answer is never
/// dropped for these.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marks {
    /// Given outside the store's or touchpoint's opening hours: `outsidehours: true`.
    pub outside_hours: bool,
    /// Given faster than a person could (see the misuse rule): `suspect: "<reason>"`.
    pub suspect: Option<String>,
}

/// The event for `record`: `id` is the record's id (the same on every retry), `time` is when
/// the customer finished, `data` is the record itself, `marks` become extension attributes.
pub fn to_cloudevent(record: &Record, marks: &Marks) -> Value {
    let (store, touchpoint, time) = match record {
        Record::SurveyResponse(r) => (&r.store_id, &r.touchpoint, &r.finished_at),
        Record::Feedback(f) => (&f.store_id, &f.touchpoint, &f.finished_at),
    };
    let mut event = json!({
        "specversion": "1.0",
        "id": record.id(),
        "source": event_source(store, touchpoint),
        "type": event_type(record),
        "time": time,
        "datacontenttype": "application/json",
        "data": record,
    });
    if let Some(ev) = event.as_object_mut() {
        if marks.outside_hours {
            ev.insert("outsidehours".into(), Value::Bool(true));
        }
        if let Some(reason) = &marks.suspect {
            ev.insert("suspect".into(), Value::String(reason.clone()));
        }
    }
    event
}

/// A record's contact details as the sender found them on the device (they are stored apart
/// from the event, encrypted; see docs/cloudevents.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Contact<'a> {
    /// The record has none.
    None,
    /// Decrypted: the contact object as JSON text.
    Readable(&'a str),
    /// The record had contact details that cannot be read any more (the key is gone, the
    /// stored row is damaged or missing).
    Unreadable,
}

/// `data` field set on an event whose contact details were lost on the device: the answer is
/// still delivered, and the store knows the customer asked to be contacted but the details
/// are gone.
pub const CONTACT_UNREADABLE: &str = "contact_unreadable";

/// The event (JSON text, without contact details) as it goes on the wire: readable contact
/// details joined into `data.contact`, unreadable ones marked `data.contact_unreadable: true`.
/// Contact details that are not a JSON object count as unreadable.
pub fn with_contact(event: &str, contact: Contact<'_>) -> String {
    if contact == Contact::None {
        return event.to_string();
    }
    let Ok(mut ev) = serde_json::from_str::<Value>(event) else { return event.to_string() };
    let Some(data) = ev.get_mut("data").and_then(|d| d.as_object_mut()) else { return event.to_string() };
    match contact {
        Contact::Readable(c) => match serde_json::from_str::<Value>(c) {
            Ok(c @ Value::Object(_)) => {
                data.insert("contact".into(), c);
            }
            _ => {
                data.insert(CONTACT_UNREADABLE.into(), Value::Bool(true));
            }
        },
        Contact::Unreadable => {
            data.insert(CONTACT_UNREADABLE.into(), Value::Bool(true));
        }
        Contact::None => {}
    }
    ev.to_string()
}

/// The body and `Content-Type` of one POST of `events` (already serialised) in `format`.
/// `Single` posts exactly one event; the sender never hands it more (`max_events`).
pub fn request_body<'a>(format: EndpointFormat, events: impl IntoIterator<Item = &'a str>) -> (String, &'static str) {
    match format {
        EndpointFormat::Batch => (batch_body(events), "application/cloudevents-batch+json"),
        EndpointFormat::Single => (events.into_iter().next().unwrap_or("{}").to_string(), "application/cloudevents+json"),
    }
}

/// How many events one POST carries in `format`.
pub fn max_events(format: EndpointFormat, batch: u32) -> u32 {
    match format {
        EndpointFormat::Batch => batch,
        EndpointFormat::Single => 1,
    }
}

/// A batch body (`application/cloudevents-batch+json`) from events already serialised.
pub fn batch_body<'a>(events: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::from("[");
    for (i, e) in events.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(e);
    }
    out.push(']');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Mode;
    use crate::lang::Lang;
    use crate::survey::scoring::Scores;
    use crate::survey::SurveyResponse;

    fn record() -> Record {
        Record::SurveyResponse(SurveyResponse {
            id: "6f1c1b7e-8d3c-4a53-9a51-2f0d1c2b3a4e".into(),
            survey_id: "visit-2026".into(),
            survey_version: 1,
            store_id: "lanting-xuhui".into(),
            touchpoint: "checkout-3".into(),
            language: Lang::En,
            mode: Mode::Standard,
            started_at: "2026-11-30T05:17:40.000Z".into(),
            finished_at: "2026-11-30T05:18:21.123Z".into(),
            answers: vec![],
            scores: Scores::default(),
        })
    }

    #[test]
    fn single_mode_posts_one_structured_event() {
        let (body, ty) = request_body(EndpointFormat::Single, [r#"{"id":"a"}"#]);
        assert_eq!((body.as_str(), ty), (r#"{"id":"a"}"#, "application/cloudevents+json"));
        let (body, ty) = request_body(EndpointFormat::Batch, [r#"{"id":"a"}"#, r#"{"id":"b"}"#]);
        assert_eq!((body.as_str(), ty), (r#"[{"id":"a"},{"id":"b"}]"#, "application/cloudevents-batch+json"));
        assert_eq!((max_events(EndpointFormat::Single, 100), max_events(EndpointFormat::Batch, 100)), (1, 100));
    }

    #[test]
    fn structured_event_has_the_required_attributes() {
        let e = to_cloudevent(&record(), &Marks::default());
        assert_eq!(e["specversion"], "1.0");
        assert_eq!(e["id"], "6f1c1b7e-8d3c-4a53-9a51-2f0d1c2b3a4e");
        assert_eq!(e["source"], "/stores/lanting-xuhui/touchpoints/checkout-3");
        assert_eq!(e["type"], "storevoice.survey-response.v1");
        assert_eq!(e["time"], "2026-11-30T05:18:21.123Z");
        assert_eq!(e["datacontenttype"], "application/json");
        assert_eq!(e["data"]["kind"], "survey-response");
        assert_eq!(e["data"]["touchpoint"], "checkout-3");
    }

    #[test]
    fn same_record_same_event() {
        assert_eq!(to_cloudevent(&record(), &Marks::default()), to_cloudevent(&record(), &Marks::default()));
    }

    #[test]
    fn contact_details_are_joined_or_marked_unreadable() {
        let e = to_cloudevent(&record(), &Marks::default()).to_string();
        assert_eq!(with_contact(&e, Contact::None), e);
        let joined: Value = serde_json::from_str(&with_contact(&e, Contact::Readable(r#"{"phone":"13812345678"}"#))).unwrap_or(Value::Null);
        assert_eq!(joined["data"]["contact"]["phone"], "13812345678");
        assert!(joined["data"].get(CONTACT_UNREADABLE).is_none());
        for lost in [Contact::Unreadable, Contact::Readable("not json"), Contact::Readable("[1]")] {
            let v: Value = serde_json::from_str(&with_contact(&e, lost)).unwrap_or(Value::Null);
            assert_eq!(v["data"][CONTACT_UNREADABLE], true, "{lost:?}");
            assert!(v["data"].get("contact").is_none(), "{lost:?}");
            assert_eq!(v["data"]["kind"], "survey-response", "the rest of the answer is kept");
        }
        // not an event: left as it is
        assert_eq!(with_contact("[]", Contact::Unreadable), "[]");
    }

    #[test]
    fn batch_is_a_json_array() {
        let a = to_cloudevent(&record(), &Marks::default()).to_string();
        let body = batch_body([a.as_str(), a.as_str()]);
        let v: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
        assert_eq!(v.as_array().map(Vec::len), Some(2));
        assert_eq!(batch_body([]), "[]");
    }
}
