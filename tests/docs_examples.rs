//! The example events in docs/cloudevents.md are what an endpoint builder copies; they must
//! be what the app really sends. Every ```json block of that page is parsed and what the app
//! derives is recomputed with the app's own code: the feedback `reference` from the record
//! id, `nps_category` from `nps`, `csat` and `csi` from the answers (CSI with the sample
//! store's row weights, rounded to one decimal as the app does), the `source` from store and
//! touchpoint. A drift fails here, with the line of the example.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;
use storevoice::config::{self, Config, QuestionKind, SAMPLE_CONFIG};
use storevoice::feedback::reference;
use storevoice::survey::scoring::{csi, nps_category};

const DOC: &str = "docs/cloudevents.md";

/// Every ```json block of the page: (line of the fence, parsed JSON).
fn examples() -> Vec<(usize, Value)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(DOC);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {DOC}: {e}"));
    let mut out = Vec::new();
    let mut lines = text.lines().enumerate();
    while let Some((n, line)) = lines.next() {
        if line.trim() != "```json" {
            continue;
        }
        let block: Vec<&str> = lines
            .by_ref()
            .map(|(_, l)| l)
            .take_while(|l| l.trim() != "```")
            .collect();
        let json = block.join("\n");
        let value = serde_json::from_str(&json)
            .unwrap_or_else(|e| panic!("{DOC}:{}: the example is not JSON: {e}", n + 1));
        out.push((n + 1, value));
    }
    out
}

fn sample() -> Config {
    config::parse(SAMPLE_CONFIG)
        .unwrap_or_else(|problems| panic!("the sample config has {} problems", problems.len()))
}

fn str_of<'a>(v: &'a Value, key: &str, at: usize) -> &'a str {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("{DOC}:{at}: `{key}` must be a string in {v}"))
}

/// The first answer of `kind` in the example's answers.
fn first_answer<'a>(answers: &'a [Value], kind: &str) -> Option<&'a Value> {
    answers.iter().find(|a| a["type"] == kind)
}

fn check_survey(at: usize, data: &Value, cfg: &Config) {
    assert_eq!(
        data["survey_id"],
        cfg.survey.id.as_str(),
        "{DOC}:{at}: the sample store's survey"
    );
    assert_eq!(data["survey_version"], cfg.survey.version, "{DOC}:{at}");
    let answers = data["answers"].as_array().cloned().unwrap_or_default();
    let scores = &data["scores"];
    // Each answer is to a question of the survey, of that question's type.
    for a in &answers {
        let id = str_of(a, "question", at);
        let q = cfg.survey.questions.iter().find(|q| q.id == id);
        let q = q.unwrap_or_else(|| panic!("{DOC}:{at}: no question {id:?} in the sample survey"));
        let kind = serde_json::from_value::<QuestionKind>(a["type"].clone()).ok();
        assert_eq!(
            kind,
            Some(q.kind),
            "{DOC}:{at}: the type of the answer to {id:?}"
        );
    }

    let nps = first_answer(&answers, "nps").and_then(|a| a["score"].as_u64());
    assert_eq!(
        scores["nps"].as_u64(),
        nps,
        "{DOC}:{at}: scores.nps is the first NPS answer"
    );
    if let Some(nps) = nps {
        let category = serde_json::to_value(nps_category(nps as u8)).unwrap_or(Value::Null);
        assert_eq!(
            scores["nps_category"], category,
            "{DOC}:{at}: nps_category of nps {nps}"
        );
    }
    let csat = first_answer(&answers, "csat").and_then(|a| a["score"].as_u64());
    assert_eq!(
        scores["csat"].as_u64(),
        csat,
        "{DOC}:{at}: scores.csat is the first CSAT answer"
    );

    let expected_csi = first_answer(&answers, "csi").and_then(|a| {
        let id = str_of(a, "question", at);
        let question = cfg
            .survey
            .questions
            .iter()
            .find(|q| q.id == id && q.kind == QuestionKind::Csi)?;
        let ratings: BTreeMap<String, u8> = a["ratings"]
            .as_object()?
            .iter()
            .map(|(k, v)| {
                (
                    k.clone(),
                    v.as_u64().and_then(|r| u8::try_from(r).ok()).unwrap_or(0),
                )
            })
            .collect();
        csi(question.rows.as_deref()?, &ratings).map(|v| (v * 10.0).round() / 10.0)
    });
    match (scores["csi"].as_f64(), expected_csi) {
        (Some(shown), Some(expected)) => assert!(
            (shown - expected).abs() < 1e-9,
            "{DOC}:{at}: scores.csi is {shown}, the app computes {expected} (weighted, rounded to one decimal)"
        ),
        (shown, expected) => assert_eq!(shown, expected, "{DOC}:{at}: scores.csi"),
    }
}

fn check_feedback(at: usize, id: &str, data: &Value) {
    let shown = str_of(data, "reference", at);
    assert_eq!(
        shown,
        reference::from_record_id(id),
        "{DOC}:{at}: the reference of id {id} under the documented rule"
    );
    assert!(
        reference::is_valid(shown),
        "{DOC}:{at}: {shown} fails its own check character"
    );
    if data["consent"] != Value::Bool(true) {
        assert!(
            data.get("contact").is_none(),
            "{DOC}:{at}: contact without consent"
        );
    }
}

#[test]
fn cloudevents_examples_are_what_the_app_sends() {
    let cfg = sample();
    let mut seen = BTreeMap::<String, usize>::new();
    for (at, event) in examples() {
        let Some(kind) = event["type"].as_str() else {
            continue; // not an event (no such block today)
        };
        let data = &event["data"];
        let id = str_of(&event, "id", at);
        assert_eq!(event["specversion"], "1.0", "{DOC}:{at}");
        assert_eq!(event["datacontenttype"], "application/json", "{DOC}:{at}");
        assert_eq!(data["id"], id, "{DOC}:{at}: data.id is the event id");
        assert_eq!(
            event["time"], data["finished_at"],
            "{DOC}:{at}: time is when the customer finished"
        );
        let (store, touchpoint) = (str_of(data, "store_id", at), str_of(data, "touchpoint", at));
        assert_eq!(
            str_of(&event, "source", at),
            format!("/stores/{store}/touchpoints/{touchpoint}"),
            "{DOC}:{at}: source"
        );
        assert_eq!(store, cfg.store.id, "{DOC}:{at}: the sample store");
        assert!(
            cfg.touchpoint(touchpoint).is_some(),
            "{DOC}:{at}: no touchpoint {touchpoint:?} in the sample store"
        );
        match kind {
            "storevoice.survey-response.v1" => {
                assert_eq!(data["kind"], "survey-response", "{DOC}:{at}");
                check_survey(at, data, &cfg);
            }
            "storevoice.feedback.v1" => {
                assert_eq!(data["kind"], "feedback", "{DOC}:{at}");
                check_feedback(at, id, data);
            }
            other => panic!("{DOC}:{at}: unknown event type {other}"),
        }
        *seen.entry(kind.to_owned()).or_default() += 1;
    }
    assert_eq!(
        seen.keys().map(String::as_str).collect::<Vec<_>>(),
        ["storevoice.feedback.v1", "storevoice.survey-response.v1"],
        "{DOC} should show one example of each event type"
    );
}

/// The rounding of `scores.csi` is part of the format, so the page must say it.
#[test]
fn cloudevents_doc_states_the_csi_rounding() {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(DOC))
        .unwrap_or_default();
    assert!(
        text.contains("rounded to one decimal"),
        "{DOC} must say that scores.csi is rounded to one decimal"
    );
}

/// The reference rule on fixed ids, for an endpoint that reimplements it to compare with.
#[test]
fn reference_of_known_ids() {
    for (id, expected) in [
        ("0b6f3a3e-6d2e-4c1f-9b7a-1f2e3d4c5b6a", "268B-E99A-B"),
        ("00000000-0000-4000-8000-000000000000", "2222-2222-2"),
    ] {
        assert_eq!(reference::from_record_id(id), expected, "{id}");
        assert!(reference::is_valid(expected), "{expected}");
    }
}
