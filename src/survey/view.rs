//! The questionnaire screens: one question per screen, progress, Back / Skip / Next, and the
//! hand-off to the outbox before the thank-you screen.

use std::collections::BTreeMap;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::engine::{text_limit, Issue, Questionnaire, Step};
use super::record::{Context, SurveyResponse};
use super::Answer;
use crate::app::route::{navigate, Route};
use crate::app::shell::HEADING_ID;
use crate::app::{use_app, AppCtx};
use crate::config::{Question, QuestionKind};
use crate::i18n::Lang;
use crate::outbox::Record;
use crate::web::platform;

/// Pause after a tap on a single-tap scale before moving on, so the choice is seen.
const AUTO_ADVANCE_MS: u32 = 350;

#[derive(Clone, PartialEq)]
struct SurveyState {
    q: Questionnaire,
    /// Made once, when the customer starts: the record keeps this id on every retry.
    record_id: String,
    issue: Option<Issue>,
    sending: bool,
    /// Why the last hand-off failed; the answers stay here until it succeeds.
    failed: Option<String>,
}

enum Action {
    Answer(Answer),
    Next,
    /// Move on after a tap, only if still on the question that was tapped (a quick tap on
    /// Next must not make the customer skip the question after it).
    AutoNext(String),
    Back,
    Skip,
    Sending,
    Failed(String),
}

impl Reducible for SurveyState {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Answer(a) => {
                s.issue = s.q.set_answer(a).err();
            }
            Action::Next => s.issue = s.q.next().err(),
            Action::AutoNext(id) => {
                if s.q.current().map(|q| q.id.as_str()) != Some(id.as_str()) {
                    return self;
                }
                s.issue = s.q.next().err();
            }
            Action::Skip => s.issue = s.q.skip().err(),
            Action::Back => {
                s.issue = None;
                s.q.back();
            }
            Action::Sending => {
                s.sending = true;
                s.failed = None;
            }
            Action::Failed(why) => {
                s.sending = false;
                s.failed = Some(why);
            }
        }
        Rc::new(s)
    }
}

#[function_component(SurveyJourney)]
pub fn survey_journey() -> Html {
    let app = use_app();
    let state = {
        let survey = Rc::new(app.config.survey.clone());
        use_reducer(move || SurveyState {
            q: Questionnaire::new(survey, platform::now_ms()),
            record_id: platform::new_record_id(),
            issue: None,
            sending: false,
            failed: None,
        })
    };

    // Hand in once every question is done; again when the customer asks after a failure.
    let submit = {
        let state = state.clone();
        let app = app.clone();
        Callback::from(move |_: ()| submit(&app, &state))
    };
    {
        let submit = submit.clone();
        let done = state.q.step() == Step::Done;
        use_effect_with(done, move |done| {
            if *done {
                submit.emit(());
            }
        });
    }

    let s = app.s();
    let lang = app.lang();
    let Some(question) = state.q.current().cloned() else {
        // All answered: sending, or a failure with a way to retry.
        return html! {
            <section class="survey survey-done" aria-labelledby={HEADING_ID}>
                <h1 id={HEADING_ID} tabindex="-1">{ app.config.survey.title.get(lang) }</h1>
                if let Some(why) = &state.failed {
                    <div class="panel error-panel" role="alert">
                        <p>{ (s.save_failed)(why) }</p>
                        <button type="button" class="button primary" onclick={submit.reform(|_| ())}>{ s.try_again }</button>
                    </div>
                } else {
                    <p class="sending" role="status">{ s.submitting }</p>
                }
            </section>
        };
    };

    let (pos, total) = state.q.progress();
    let answer = state.q.answer_of(&question.id).cloned();
    let on_answer = {
        let state = state.clone();
        Callback::from(move |a: Answer| state.dispatch(Action::Answer(a)))
    };
    let auto_advance = question.auto_advance.unwrap_or(false);
    let on_tap_pick = {
        // A pointer tap on a single-tap scale: answer, then move on after a moment.
        let state = state.clone();
        let id = question.id.clone();
        Callback::from(move |a: Answer| {
            state.dispatch(Action::Answer(a));
            if auto_advance {
                let (state, id) = (state.clone(), id.clone());
                gloo::timers::callback::Timeout::new(AUTO_ADVANCE_MS, move || state.dispatch(Action::AutoNext(id))).forget();
            }
        })
    };
    let on_next = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::Next))
    };
    let on_back = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::Back))
    };
    let on_skip = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::Skip))
    };
    let is_last = state.q.is_last();
    let (qtext, qlang) = question.text.get_with_lang(lang);
    let issue_id = format!("issue-{}", question.id);
    let missing_rows = match &state.issue {
        Some(Issue::RowsMissing(r)) => r.len(),
        _ => 0,
    };

    html! {
        <section class="survey" aria-labelledby={HEADING_ID} key={question.id.clone()}>
            <div class="progress">
                <span class="progress-text" id="survey-progress">{ (s.survey_progress)(pos, total) }</span>
                <div class="progress-bar" role="progressbar" aria-labelledby="survey-progress"
                     aria-valuemin="0" aria-valuemax={total.to_string()} aria-valuenow={pos.to_string()}>
                    <div class="progress-fill" style={format!("width:{}%", pos * 100 / total.max(1))}></div>
                </div>
            </div>
            <h1 id={HEADING_ID} tabindex="-1" class="question-text" lang={qlang.tag()}>{ qtext }</h1>
            <p class="question-note">{ if question.required { s.required } else { s.optional } }</p>
            <QuestionInput question={Rc::new(question.clone())} answer={answer} lang={lang}
                on_answer={on_answer} on_tap_pick={on_tap_pick}
                described_by={state.issue.as_ref().map(|_| issue_id.clone())} />
            if let Some(issue) = &state.issue {
                <p class="issue" id={issue_id} role="alert">{ (s.survey_issue)(issue, missing_rows) }</p>
            }
            <div class="survey-nav">
                if pos > 1 {
                    <button type="button" class="button back" onclick={on_back}>{ "← " }{ s.back }</button>
                }
                <span class="spacer"></span>
                if !question.required {
                    <button type="button" class="button skip" onclick={on_skip}>{ s.skip }</button>
                }
                <button type="button" class="button primary next" onclick={on_next}>
                    { if is_last { s.submit } else { s.next } }{ " →" }
                </button>
            </div>
        </section>
    }
}

fn submit(app: &AppCtx, state: &UseReducerHandle<SurveyState>) {
    if state.sending {
        return;
    }
    let ctx = Context {
        store_id: &app.config.store.id,
        touchpoint: &app.launch.touchpoint,
        language: app.lang(),
        mode: app.ui.mode,
    };
    let Some(record) = SurveyResponse::from_questionnaire(&state.q, &ctx, state.record_id.clone(), platform::now_ms())
    else {
        return;
    };
    state.dispatch(Action::Sending);
    let delivery = app.delivery.clone();
    let last_record = app.last_record.clone();
    let state = state.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let id = record.id.clone();
        match delivery.hand_in(Record::SurveyResponse(record)).await {
            Ok(()) => {
                last_record.set(Some(crate::app::HandedIn { id, reference: None }));
                navigate(Route::ThankYou)
            }
            Err(e) => state.dispatch(Action::Failed(e.to_string())),
        }
    });
}

#[derive(Properties, PartialEq)]
struct InputProps {
    question: Rc<Question>,
    answer: Option<Answer>,
    lang: Lang,
    on_answer: Callback<Answer>,
    /// A pick made by tapping (not by keyboard), which may advance by itself.
    on_tap_pick: Callback<Answer>,
    described_by: Option<String>,
}

#[function_component(QuestionInput)]
fn question_input(p: &InputProps) -> Html {
    match p.question.kind {
        QuestionKind::Nps => html! { <NpsScale ..clone_props(p) /> },
        QuestionKind::Csat => html! { <CsatScale ..clone_props(p) /> },
        QuestionKind::Csi => html! { <CsiRows ..clone_props(p) /> },
        QuestionKind::SingleChoice => html! { <SingleChoice ..clone_props(p) /> },
        QuestionKind::MultipleChoice => html! { <MultipleChoice ..clone_props(p) /> },
        QuestionKind::FreeText => html! { <FreeText ..clone_props(p) /> },
    }
}

fn clone_props(p: &InputProps) -> InputProps {
    InputProps {
        question: p.question.clone(),
        answer: p.answer.clone(),
        lang: p.lang,
        on_answer: p.on_answer.clone(),
        on_tap_pick: p.on_tap_pick.clone(),
        described_by: p.described_by.clone(),
    }
}

/// Remembers whether the latest change came from a pointer, so keyboard users moving
/// through a radio group with the arrow keys are never carried to the next question.
#[hook]
fn use_pointer_flag() -> (Callback<PointerEvent>, Rc<std::cell::Cell<bool>>) {
    let flag = use_memo((), |_| Rc::new(std::cell::Cell::new(false)));
    let f = (*flag).clone();
    (Callback::from(move |_: PointerEvent| f.set(true)), (*flag).clone())
}

/// One radio drawn as a big button: a real `<input type=radio>` (arrow keys, screen readers)
/// with its label styled as the target.
fn radio(
    name: &str,
    id: String,
    label: Html,
    checked: bool,
    described_by: Option<String>,
    onchange: Callback<Event>,
    class: &'static str,
) -> Html {
    html! {
        <span class={classes!("choice", class)}>
            <input type="radio" name={name.to_string()} id={id.clone()}
                {checked} aria-describedby={described_by} {onchange} />
            <label for={id}>{ label }</label>
        </span>
    }
}

fn pick(tap: Rc<std::cell::Cell<bool>>, on_answer: Callback<Answer>, on_tap: Callback<Answer>, a: Answer) -> Callback<Event> {
    Callback::from(move |_| {
        if tap.replace(false) { on_tap.emit(a.clone()) } else { on_answer.emit(a.clone()) }
    })
}

#[function_component(NpsScale)]
fn nps_scale(p: &InputProps) -> Html {
    let (on_pointer, tap) = use_pointer_flag();
    let current = match p.answer {
        Some(Answer::Nps { score }) => Some(score),
        _ => None,
    };
    let low_id = "nps-low".to_string();
    let high_id = "nps-high".to_string();
    let labels = p.question.labels.as_ref();
    html! {
        <div class="scale nps">
            <div class="scale-row" role="radiogroup" aria-labelledby={HEADING_ID}
                 aria-describedby={p.described_by.clone().map(|d| format!("{low_id} {high_id} {d}")).unwrap_or(format!("{low_id} {high_id}"))}
                 aria-required={p.question.required.to_string()}
                 onpointerdown={on_pointer}>
                { for (0..=10u8).map(|n| {
                    let described = match n { 0 => Some(low_id.clone()), 10 => Some(high_id.clone()), _ => None };
                    radio("nps", format!("nps-{n}"), html! { { n } }, current == Some(n), described,
                        pick(tap.clone(), p.on_answer.clone(), p.on_tap_pick.clone(), Answer::Nps { score: n }),
                        "nps-option")
                }) }
            </div>
            if let Some(l) = labels {
                <div class="scale-ends" aria-hidden="false">
                    <span id={low_id.clone()} lang={l.low.get_with_lang(p.lang).1.tag()}>{ "0 = " }{ l.low.get(p.lang) }</span>
                    <span id={high_id.clone()} lang={l.high.get_with_lang(p.lang).1.tag()}>{ "10 = " }{ l.high.get(p.lang) }</span>
                </div>
            }
        </div>
    }
}

fn face(score: u8) -> Html {
    // Mouth from a frown (1) to a broad smile (5).
    let mouth = match score {
        1 => "M8 17c1.5-2.5 6.5-2.5 8 0",
        2 => "M8.5 16.5c1.5-1.2 5.5-1.2 7 0",
        3 => "M8.5 15.5h7",
        4 => "M8.5 14.5c1.5 1.2 5.5 1.2 7 0",
        _ => "M8 14c1.5 3 6.5 3 8 0",
    };
    html! {
        <svg class="face" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <circle cx="12" cy="12" r="10" class="face-bg" />
            <circle cx="8.5" cy="9.5" r="1.3" class="face-eye" />
            <circle cx="15.5" cy="9.5" r="1.3" class="face-eye" />
            <path d={mouth} class="face-mouth" />
        </svg>
    }
}

#[function_component(CsatScale)]
fn csat_scale(p: &InputProps) -> Html {
    let (on_pointer, tap) = use_pointer_flag();
    let s = p.lang.strings();
    let current = match p.answer {
        Some(Answer::Csat { score }) => Some(score),
        _ => None,
    };
    html! {
        <div class="scale csat" role="radiogroup" aria-labelledby={HEADING_ID}
             aria-describedby={p.described_by.clone()} aria-required={p.question.required.to_string()}
             onpointerdown={on_pointer}>
            { for (1..=5u8).map(|n| {
                let label = html! { <>{ face(n) }<span class="face-word">{ s.csat_words[(n - 1) as usize] }</span></> };
                radio("csat", format!("csat-{n}"), label, current == Some(n), None,
                    pick(tap.clone(), p.on_answer.clone(), p.on_tap_pick.clone(), Answer::Csat { score: n }),
                    "csat-option")
            }) }
        </div>
    }
}

#[function_component(CsiRows)]
fn csi_rows(p: &InputProps) -> Html {
    let s = p.lang.strings();
    let ratings: BTreeMap<String, u8> = match &p.answer {
        Some(Answer::Csi { ratings }) => ratings.clone(),
        _ => BTreeMap::new(),
    };
    let rows = p.question.rows.clone().unwrap_or_default();
    html! {
        <div class="csi">
            <p class="scale-hint" id="csi-hint">{ s.csi_scale_hint }</p>
            { for rows.iter().map(|row| {
                let row_label = format!("csi-row-{}", row.id);
                let (t, tl) = row.text.get_with_lang(p.lang);
                html! {
                    <div class="csi-row">
                        <span class="csi-label" id={row_label.clone()} lang={tl.tag()}>{ t }</span>
                        <div class="scale-row" role="radiogroup" aria-labelledby={row_label.clone()} aria-describedby="csi-hint">
                            { for (1..=5u8).map(|n| {
                                let mut next = ratings.clone();
                                next.insert(row.id.clone(), n);
                                let on_answer = p.on_answer.clone();
                                let a = Answer::Csi { ratings: next };
                                radio(&format!("csi-{}", row.id), format!("csi-{}-{n}", row.id), html! { { n } },
                                    ratings.get(&row.id) == Some(&n), None,
                                    Callback::from(move |_| on_answer.emit(a.clone())), "csi-option")
                            }) }
                        </div>
                    </div>
                }
            }) }
        </div>
    }
}

#[function_component(SingleChoice)]
fn single_choice(p: &InputProps) -> Html {
    let (on_pointer, tap) = use_pointer_flag();
    let current = match &p.answer {
        Some(Answer::SingleChoice { option }) => Some(option.clone()),
        _ => None,
    };
    let options = p.question.options.clone().unwrap_or_default();
    html! {
        <div class="options" role="radiogroup" aria-labelledby={HEADING_ID}
             aria-describedby={p.described_by.clone()} aria-required={p.question.required.to_string()}
             onpointerdown={on_pointer}>
            { for options.iter().map(|o| {
                let (t, tl) = o.text.get_with_lang(p.lang);
                radio(&p.question.id, format!("opt-{}-{}", p.question.id, o.id), html! { <span lang={tl.tag()}>{ t }</span> },
                    current.as_deref() == Some(o.id.as_str()), None,
                    pick(tap.clone(), p.on_answer.clone(), p.on_tap_pick.clone(), Answer::SingleChoice { option: o.id.clone() }),
                    "option")
            }) }
        </div>
    }
}

#[function_component(MultipleChoice)]
fn multiple_choice(p: &InputProps) -> Html {
    let s = p.lang.strings();
    let (chosen, other) = match &p.answer {
        Some(Answer::MultipleChoice { options, other }) => (options.clone(), other.clone()),
        _ => (Vec::new(), None),
    };
    let options = p.question.options.clone().unwrap_or_default();
    let order: Vec<String> = options.iter().map(|o| o.id.clone()).collect();
    let emit = {
        let on_answer = p.on_answer.clone();
        move |mut chosen: Vec<String>, other: Option<String>| {
            chosen.sort_by_key(|c| order.iter().position(|o| o == c));
            on_answer.emit(Answer::MultipleChoice { options: chosen, other });
        }
    };
    let other_id = format!("other-{}", p.question.id);
    html! {
        <fieldset class="options multiple" aria-describedby={p.described_by.clone()}>
            <legend class="visually-hidden">{ p.question.text.get(p.lang) }</legend>
            { for options.iter().map(|o| {
                let id = format!("opt-{}-{}", p.question.id, o.id);
                let is_on = chosen.contains(&o.id);
                let (t, tl) = o.text.get_with_lang(p.lang);
                let onchange = {
                    let (chosen, other, oid, emit) = (chosen.clone(), other.clone(), o.id.clone(), emit.clone());
                    Callback::from(move |_: Event| {
                        let mut c = chosen.clone();
                        if is_on { c.retain(|x| x != &oid) } else { c.push(oid.clone()) }
                        emit(c, other.clone());
                    })
                };
                html! {
                    <span class="choice option">
                        <input type="checkbox" id={id.clone()} checked={is_on} {onchange} />
                        <label for={id}><span lang={tl.tag()}>{ t }</span></label>
                    </span>
                }
            }) }
            if p.question.other {
                <span class="choice option">
                    <input type="checkbox" id={format!("{other_id}-toggle")}
                        checked={other.is_some()}
                        onchange={{
                            let (chosen, other, emit) = (chosen.clone(), other.clone(), emit.clone());
                            Callback::from(move |_: Event| emit(chosen.clone(), if other.is_some() { None } else { Some(String::new()) }))
                        }} />
                    <label for={format!("{other_id}-toggle")}>{ s.other }</label>
                </span>
                if let Some(text) = other.clone() {
                    <label class="field" for={other_id.clone()}>
                        <span class="field-label">{ s.other_details }</span>
                        <input type="text" id={other_id} value={text} maxlength="200" autocomplete="off"
                            oninput={{
                                let (chosen, emit) = (chosen.clone(), emit.clone());
                                Callback::from(move |e: InputEvent| {
                                    let v = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()).map(|i| i.value()).unwrap_or_default();
                                    emit(chosen.clone(), Some(v));
                                })
                            }} />
                    </label>
                }
            }
        </fieldset>
    }
}

#[function_component(FreeText)]
fn free_text(p: &InputProps) -> Html {
    let s = p.lang.strings();
    let max = text_limit(&p.question);
    let text = match &p.answer {
        Some(Answer::FreeText { text }) => text.clone(),
        _ => String::new(),
    };
    let used = text.chars().count();
    let oninput = {
        let on_answer = p.on_answer.clone();
        Callback::from(move |e: InputEvent| {
            let v = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok()).map(|t| t.value()).unwrap_or_default();
            on_answer.emit(Answer::FreeText { text: v });
        })
    };
    let counter_id = format!("count-{}", p.question.id);
    let described = match &p.described_by {
        Some(d) => format!("{counter_id} {d}"),
        None => counter_id.clone(),
    };
    html! {
        <div class="free-text">
            <textarea id={format!("text-{}", p.question.id)} class="textarea" rows="5"
                aria-labelledby={HEADING_ID} aria-describedby={described}
                aria-required={p.question.required.to_string()}
                value={text} {oninput} />
            <p class={classes!("counter", (used > max as usize).then_some("over"))} id={counter_id}>{ (s.chars_used)(used, max) }</p>
        </div>
    }
}
