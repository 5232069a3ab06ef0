//! The questionnaire screen: one question per screen, progress, Back / Skip / Next, and the
//! hand-off to the outbox before the thank-you screen. State and rules are `session`.

use std::rc::Rc;

use yew::prelude::*;

use super::inputs::{QuestionInput, QUESTION_TEXT_ID};
use super::session::{advances_by_itself, auto_advance_wait, Action, Session};
use super::{Answer, Issue, Step, SurveyResponse};
use crate::app::components::{ActionBar, ReadAloud, SaveFailed};
use crate::app::hooks::{use_hand_in, use_store, use_ui};
use crate::app::components::HEADING_ID;
use crate::web::platform;

/// Pause after a tap on a single-tap scale before moving on, so the choice is seen.
const AUTO_ADVANCE_MS: u32 = 350;

impl Reducible for Session {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        if next.apply(action) { Rc::new(next) } else { self }
    }
}

#[function_component(SurveyJourney)]
pub fn survey_journey() -> Html {
    let (store, ui, hand_in) = (use_store(), use_ui(), use_hand_in());
    let state = {
        // The questionnaire is copied once, when the session starts (not on every render).
        let store = store.clone();
        use_reducer(move || Session::new(Rc::new(store.config.survey.clone()), platform::new_record_id(), platform::now_ms()))
    };

    // Hand in once every question is done; again when the customer asks after a failure.
    let submit = {
        let (state, store, ui) = (state.clone(), store.clone(), ui.clone());
        Callback::from(move |_: ()| {
            if state.hand_in.is_sending() {
                return;
            }
            let record =
                SurveyResponse::from_questionnaire(&state.q, &store.context(&ui), state.record_id.clone(), platform::now_ms());
            let Some(record) = record else { return };
            state.dispatch(Action::Sending);
            let state = state.clone();
            hand_in.hand_in(record.into(), Callback::from(move |why| state.dispatch(Action::Failed(why))));
        })
    };
    {
        let submit = submit.clone();
        use_effect_with(state.q.step() == Step::Done, move |done| {
            if *done {
                submit.emit(());
            }
        });
    }

    // Every new question (and the sending screen) moves focus to its heading, whose name
    // starts with the progress ("Question 2 of 5"), so screen readers hear both. Not on the
    // first render: the shell focuses the heading after a route change, and a deep-linked
    // kiosk should not start with a focus ring.
    {
        let step_key = state.q.current().map(|q| q.id.clone());
        let first = use_mut_ref(|| true);
        use_effect_with(step_key, move |_| {
            if !std::mem::replace(&mut *first.borrow_mut(), false) {
                crate::web::dom::focus_element(HEADING_ID);
            }
        });
    }

    let s = ui.s();
    let lang = ui.lang;
    let Some(question) = state.q.current().cloned() else {
        // All answered: sending, or a failure with a way to retry.
        return html! {
            <section class="survey survey-done" aria-labelledby={HEADING_ID}>
                <h1 id={HEADING_ID} tabindex="-1">{ store.config.survey.title.get(lang) }</h1>
                if let Some(why) = state.hand_in.failure() {
                    <SaveFailed why={why.to_string()} retry={submit.reform(|_| ())} />
                } else {
                    <p class="sending" role="status">{ s.submitting }</p>
                }
            </section>
        };
    };

    let (pos, total) = state.q.progress();
    let dispatch = |a: fn() -> Action| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(a()))
    };
    let on_answer = {
        let state = state.clone();
        Callback::from(move |a: Answer| state.dispatch(Action::Answer(a)))
    };
    let auto_advance = advances_by_itself(&store.config.survey, &question, ui.mode);
    let on_tap_pick = {
        // A pointer tap on a single-tap scale: answer, then move on after a moment.
        let state = state.clone();
        let id = question.id.clone();
        Callback::from(move |(a, tapped_at): (Answer, f64)| {
            state.dispatch(Action::Answer(a));
            if auto_advance {
                let (state, id) = (state.clone(), id.clone());
                let wait = auto_advance_wait(AUTO_ADVANCE_MS, platform::since_start_ms() - tapped_at);
                gloo::timers::callback::Timeout::new(wait, move || state.dispatch(Action::AutoNext(id))).forget();
            }
        })
    };
    let (qtext, qlang) = question.text.get_with_lang(lang);
    let issue_id = format!("issue-{}", question.id);
    let missing_rows = match &state.issue {
        Some(Issue::RowsMissing(r)) => r.len(),
        _ => 0,
    };
    let back = html! {
        if pos > 1 {
            <button type="button" class="button back" onclick={dispatch(|| Action::Back)}>{ "← " }{ s.back }</button>
        }
    };

    html! {
        <section class="survey" aria-labelledby={HEADING_ID} key={question.id.clone()}>
            <div class="progress">
                <span class="progress-text" id="survey-progress">{ (s.survey_progress)(pos, total) }</span>
                // A native <progress>: no inline style (the CSP allows none), a progressbar role.
                <progress class="progress-bar" aria-labelledby="survey-progress"
                    max={total.max(1).to_string()} value={pos.to_string()}></progress>
            </div>
            // Named "Question 2 of 5 <question>", so moving focus here also says where we are.
            <h1 id={HEADING_ID} tabindex="-1" class="question-text" aria-labelledby={format!("survey-progress {QUESTION_TEXT_ID}")}>
                <span id={QUESTION_TEXT_ID} lang={qlang.tag()}>{ qtext }</span>
            </h1>
            <ReadAloud pieces={crate::speech::question(&question, lang)} />
            <p class="question-note">{ if question.required { s.required } else { s.optional } }</p>
            <QuestionInput question={Rc::new(question.clone())} answer={state.q.answer_of(&question.id).cloned()} {lang}
                {on_answer} {on_tap_pick} described_by={state.issue.as_ref().map(|_| issue_id.clone())} issue={state.issue.clone()} />
            if let Some(issue) = &state.issue {
                <p class="issue" id={issue_id} role="alert">{ (s.survey_issue)(issue, missing_rows) }</p>
            }
            <ActionBar start={back}>
                if !question.required {
                    <button type="button" class="button skip" onclick={dispatch(|| Action::Skip)}>{ s.skip }</button>
                }
                <button type="button" class="button primary next" onclick={dispatch(|| Action::Next)}>
                    { if state.q.is_last() { s.submit } else { s.next } }{ " →" }
                </button>
            </ActionBar>
        </section>
    }
}
