//! Records as CloudEvents 1.0 in structured JSON mode (docs/cloudevents.md).

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

/// The event for `record`: `id` is the record's id (the same on every retry), `time` is when
/// the customer finished, `data` is the record itself.
pub fn to_cloudevent(record: &Record) -> Value {
    let (store, touchpoint, time) = match record {
        Record::SurveyResponse(r) => (&r.store_id, &r.touchpoint, &r.finished_at),
        Record::Feedback(f) => (&f.store_id, &f.touchpoint, &f.finished_at),
    };
    json!({
        "specversion": "1.0",
        "id": record.id(),
        "source": event_source(store, touchpoint),
        "type": event_type(record),
        "time": time,
        "datacontenttype": "application/json",
        "data": record,
    })
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
    fn structured_event_has_the_required_attributes() {
        let e = to_cloudevent(&record());
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
        assert_eq!(to_cloudevent(&record()), to_cloudevent(&record()));
    }

    #[test]
    fn batch_is_a_json_array() {
        let a = to_cloudevent(&record()).to_string();
        let body = batch_body([a.as_str(), a.as_str()]);
        let v: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
        assert_eq!(v.as_array().map(Vec::len), Some(2));
        assert_eq!(batch_body([]), "[]");
    }
}
