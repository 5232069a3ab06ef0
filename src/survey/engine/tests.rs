use std::collections::BTreeMap;
use std::rc::Rc;

use super::*;
use crate::config::{parse, SAMPLE_CONFIG};
use crate::survey::record::{Context, SurveyResponse};
use crate::survey::scoring::NpsCategory;

fn sample() -> Questionnaire {
    let c = parse(SAMPLE_CONFIG).expect("sample config");
    Questionnaire::new(Rc::new(c.survey), 1_000.0)
}

fn current_id(q: &Questionnaire) -> String {
    q.current().map(|x| x.id.clone()).unwrap_or_else(|| "<done>".into())
}

fn all_csi(v: u8) -> Answer {
    let ratings: BTreeMap<String, u8> =
        ["attitude", "professionalism", "speed", "solving", "overall"].iter().map(|r| (r.to_string(), v)).collect();
    Answer::Csi { ratings }
}

#[test]
fn starts_at_the_first_question() {
    let q = sample();
    assert_eq!(current_id(&q), "nps");
    assert_eq!(q.progress(), (1, 4), "nps, satisfaction, csi, suggestion are shown before any answer");
}

#[test]
fn required_question_blocks_until_answered() {
    let mut q = sample();
    assert_eq!(q.next(), Err(Issue::Required));
    assert_eq!(q.skip(), Err(Issue::Required));
    assert_eq!(current_id(&q), "nps");
    q.set_answer(Answer::Nps { score: 8 }).expect("fits");
    assert_eq!(q.next(), Ok(Step::Question(3)));
    assert_eq!(current_id(&q), "satisfaction", "a passive sees neither follow-up");
}

#[test]
fn detractor_path_asks_what_went_wrong() {
    let mut q = sample();
    q.set_answer(Answer::Nps { score: 3 }).expect("fits");
    q.next().expect("next");
    assert_eq!(current_id(&q), "went-wrong");
    assert_eq!(q.progress(), (2, 5));
    q.set_answer(Answer::MultipleChoice { options: vec!["waiting".into()], other: Some("  ".into()) }).expect("fits");
    assert_eq!(q.next(), Err(Issue::OtherEmpty));
    q.set_answer(Answer::MultipleChoice { options: vec!["waiting".into()], other: Some("No bags".into()) }).expect("fits");
    q.next().expect("next");
    assert_eq!(current_id(&q), "satisfaction");
}

#[test]
fn promoter_path_asks_what_they_liked() {
    let mut q = sample();
    q.set_answer(Answer::Nps { score: 10 }).expect("fits");
    q.next().expect("next");
    assert_eq!(current_id(&q), "liked-most");
}

#[test]
fn changing_an_earlier_answer_drops_the_hidden_follow_up_from_the_record() {
    let mut q = sample();
    q.set_answer(Answer::Nps { score: 2 }).expect("fits");
    q.next().expect("next");
    q.set_answer(Answer::MultipleChoice { options: vec!["price".into()], other: None }).expect("fits");
    assert!(q.back());
    assert!(q.back() == false, "nps is the first question");
    q.set_answer(Answer::Nps { score: 9 }).expect("fits");
    q.next().expect("next");
    assert_eq!(current_id(&q), "liked-most");
    q.skip().expect("optional");
    q.set_answer(Answer::Csat { score: 4 }).expect("fits");
    q.next().expect("next");
    q.skip().expect("csi optional");
    q.skip().expect("suggestion optional");
    assert_eq!(q.step(), Step::Done);
    let ids: Vec<_> = q.finished_answers().expect("done").iter().map(|(x, _)| x.id.clone()).collect();
    assert_eq!(ids, vec!["nps", "satisfaction"]);
}

#[test]
fn answers_that_do_not_fit_are_refused() {
    let mut q = sample();
    assert_eq!(q.set_answer(Answer::Nps { score: 11 }), Err(Issue::Invalid));
    assert_eq!(q.set_answer(Answer::Csat { score: 3 }), Err(Issue::Invalid));
    q.set_answer(Answer::Nps { score: 1 }).expect("fits");
    q.next().expect("next");
    assert_eq!(
        q.set_answer(Answer::MultipleChoice { options: vec!["nonsense".into()], other: None }),
        Err(Issue::Invalid)
    );
}

#[test]
fn free_text_limit_counts_characters_not_bytes() {
    let mut q = sample();
    q.set_answer(Answer::Nps { score: 7 }).expect("fits");
    q.next().expect("next");
    q.set_answer(Answer::Csat { score: 5 }).expect("fits");
    q.next().expect("next");
    q.set_answer(all_csi(4)).expect("fits");
    q.next().expect("next");
    assert_eq!(current_id(&q), "suggestion");
    q.set_answer(Answer::FreeText { text: "好".repeat(500) }).expect("fits");
    assert!(q.check_current().is_ok());
    // too long is kept, so the customer can shorten it, but blocks moving on
    q.set_answer(Answer::FreeText { text: "好".repeat(501) }).expect("kept");
    assert_eq!(q.next(), Err(Issue::TooLong { max: 500 }));
    assert_eq!(current_id(&q), "suggestion");
}

#[test]
fn back_returns_to_the_previous_shown_question_and_keeps_answers() {
    let mut q = sample();
    q.set_answer(Answer::Nps { score: 7 }).expect("fits");
    q.next().expect("next");
    q.set_answer(Answer::Csat { score: 2 }).expect("fits");
    assert!(q.back());
    assert_eq!(current_id(&q), "nps");
    assert_eq!(q.answer_of("nps"), Some(&Answer::Nps { score: 7 }));
    assert_eq!(q.answer_of("satisfaction"), Some(&Answer::Csat { score: 2 }));
}

#[test]
fn a_fresh_questionnaire_has_no_answers() {
    let mut first = sample();
    first.set_answer(Answer::Nps { score: 0 }).expect("fits");
    let second = sample();
    assert_eq!(second.answer_of("nps"), None);
    assert_eq!(current_id(&second), "nps");
}

#[test]
fn record_of_a_complete_detractor_survey() {
    let mut q = sample();
    q.set_answer(Answer::Nps { score: 4 }).expect("fits");
    q.next().expect("next");
    q.set_answer(Answer::MultipleChoice { options: vec!["waiting".into(), "staff".into()], other: None }).expect("fits");
    q.next().expect("next");
    q.set_answer(Answer::Csat { score: 2 }).expect("fits");
    q.next().expect("next");
    q.set_answer(all_csi(3)).expect("fits");
    q.next().expect("next");
    q.set_answer(Answer::FreeText { text: "更多收银台 🙏".into() }).expect("fits");
    assert_eq!(q.next(), Ok(Step::Done));
    let ctx = Context { store_id: "lanting-xuhui", touchpoint: "exit-kiosk-1", language: crate::lang::Lang::ZhHans, mode: crate::config::Mode::Standard };
    let r = SurveyResponse::from_questionnaire(&q, &ctx, "id-1".into(), 61_000.0).expect("record");
    assert_eq!(r.answers.len(), 5);
    assert_eq!(r.scores.nps, Some(4));
    assert_eq!(r.scores.nps_category, Some(NpsCategory::Detractor));
    assert_eq!(r.scores.csat, Some(2));
    assert_eq!(r.scores.csi, Some(50.0));
    assert_eq!(r.started_at, "1970-01-01T00:00:01.000Z");
    assert_eq!(r.finished_at, "1970-01-01T00:01:01.000Z");
    let json = serde_json::to_value(&r).expect("json");
    assert_eq!(json["answers"][0], serde_json::json!({"question": "nps", "type": "nps", "score": 4}));
    assert_eq!(json["answers"][4]["text"], "更多收银台 🙏");
    assert_eq!(json["language"], "zh-Hans");
    let back: SurveyResponse = serde_json::from_value(json).expect("round trip");
    assert_eq!(back, r);
}

#[test]
fn no_record_before_the_end() {
    let mut q = sample();
    q.set_answer(Answer::Nps { score: 9 }).expect("fits");
    let ctx = Context { store_id: "s", touchpoint: "t", language: crate::lang::Lang::En, mode: crate::config::Mode::Large };
    assert!(SurveyResponse::from_questionnaire(&q, &ctx, "x".into(), 0.0).is_none());
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    enum Act {
        Nps(u8),
        Csat(u8),
        Next,
        Skip,
        Back,
    }

    fn act() -> impl Strategy<Value = Act> {
        prop_oneof![
            (0u8..=12).prop_map(Act::Nps),
            (0u8..=6).prop_map(Act::Csat),
            Just(Act::Next),
            Just(Act::Skip),
            Just(Act::Back),
        ]
    }

    proptest! {
        /// Whatever a customer taps, the current question is always a shown one, progress
        /// stays within bounds, and a record (if any) holds only shown, valid answers.
        #[test]
        fn any_sequence_of_taps_keeps_the_questionnaire_consistent(acts in proptest::collection::vec(act(), 0..40)) {
            let mut q = sample();
            for a in acts {
                let _ = match a {
                    Act::Nps(s) => q.set_answer(Answer::Nps { score: s }).map(|_| q.step()),
                    Act::Csat(s) => q.set_answer(Answer::Csat { score: s }).map(|_| q.step()),
                    Act::Next => q.next(),
                    Act::Skip => q.skip(),
                    Act::Back => Ok({ q.back(); q.step() }),
                };
                if let Step::Question(i) = q.step() {
                    prop_assert!(q.is_shown(i));
                }
                let (pos, total) = q.progress();
                prop_assert!(pos <= total && total <= q.survey().questions.len());
            }
            if let Some(answers) = q.finished_answers() {
                for (question, answer) in answers {
                    match answer {
                        Answer::Nps { score } => prop_assert!(*score <= 10 && question.id == "nps"),
                        Answer::Csat { score } => prop_assert!((1..=5).contains(score)),
                        _ => {}
                    }
                }
            }
        }
    }
}
