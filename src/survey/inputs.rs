//! One input per question type. Single-tap scales (NPS, CSAT, single choice) tell a pointer
//! tap (which may advance by itself) from a keyboard change (which never does).

use std::cell::Cell;
use std::collections::BTreeMap;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::session::is_tap;
use super::engine::text_limit;
use super::{Answer, Issue};
use crate::app::components::{LimitStatus, Radio};
use crate::app::hooks::{use_pointer_tap, PointerTap};
use crate::config::{Question, QuestionKind};
use crate::lang::Lang;

/// Id of the question's text inside the heading: what names the inputs (the heading's own
/// name also holds the progress, which the inputs should not repeat).
pub const QUESTION_TEXT_ID: &str = "question-text";

#[derive(Properties, PartialEq)]
pub struct InputProps {
    pub question: Rc<Question>,
    pub answer: Option<Answer>,
    pub lang: Lang,
    pub on_answer: Callback<Answer>,
    /// A pick made by tapping (not by keyboard), which may advance by itself.
    /// A pick made by a pointer tap, with the moment the tap ended (`performance.now()` clock).
    pub on_tap_pick: Callback<(Answer, f64)>,
    pub described_by: Option<String>,
    /// Why the customer cannot move on, if they tried: marks the inputs `aria-invalid`.
    #[prop_or_default]
    pub issue: Option<Issue>,
}

impl InputProps {
    /// `aria-invalid` for the question's main input: any problem with its answer.
    fn invalid(&self) -> Option<&'static str> {
        self.issue.is_some().then_some("true")
    }
}

#[function_component(QuestionInput)]
pub fn question_input(p: &InputProps) -> Html {
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
        issue: p.issue.clone(),
    }
}

/// The change handler of a single-tap choice: a tap may advance, a key never does.
fn pick(tap: Rc<Cell<Option<f64>>>, on_answer: Callback<Answer>, on_tap: Callback<(Answer, f64)>, a: Answer) -> Callback<Event> {
    Callback::from(move |_| match tap.take() {
        Some(at) if is_tap(crate::web::platform::since_start_ms() - at) => on_tap.emit((a.clone(), at)),
        _ => on_answer.emit(a.clone()),
    })
}

#[function_component(NpsScale)]
fn nps_scale(p: &InputProps) -> Html {
    let PointerTap { on_pointer_up, on_key_down, tapped_at: tap } = use_pointer_tap();
    let current = match p.answer {
        Some(Answer::Nps { score }) => Some(score),
        _ => None,
    };
    let low_id = "nps-low".to_string();
    let high_id = "nps-high".to_string();
    let labels = p.question.labels.as_ref();
    html! {
        <div class="scale nps">
            <div class="scale-row" role="radiogroup" aria-labelledby={QUESTION_TEXT_ID}
                 aria-describedby={p.described_by.clone().map(|d| format!("{low_id} {high_id} {d}")).unwrap_or(format!("{low_id} {high_id}"))}
                 aria-required={p.question.required.to_string()} aria-invalid={p.invalid()}
                 onpointerup={on_pointer_up} onkeydown={on_key_down}>
                { for (0..=10u8).map(|n| {
                    let described = match n { 0 => Some(low_id.clone()), 10 => Some(high_id.clone()), _ => None };
                    html! {
                        <Radio name="nps" id={format!("nps-{n}")} checked={current == Some(n)} class="nps-option"
                            described_by={described.map(AttrValue::from)}
                            onchange={pick(tap.clone(), p.on_answer.clone(), p.on_tap_pick.clone(), Answer::Nps { score: n })}>
                            { n }
                        </Radio>
                    }
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
    let mouth = crate::survey::csat_mouth(score);
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
    let PointerTap { on_pointer_up, on_key_down, tapped_at: tap } = use_pointer_tap();
    let s = p.lang.strings();
    let current = match p.answer {
        Some(Answer::Csat { score }) => Some(score),
        _ => None,
    };
    html! {
        <div class="scale csat" role="radiogroup" aria-labelledby={QUESTION_TEXT_ID}
             aria-describedby={p.described_by.clone()} aria-required={p.question.required.to_string()}
             aria-invalid={p.invalid()} onpointerup={on_pointer_up} onkeydown={on_key_down}>
            { for (1..=5u8).map(|n| {
                html! {
                    <Radio name="csat" id={format!("csat-{n}")} checked={current == Some(n)} class="csat-option"
                        onchange={pick(tap.clone(), p.on_answer.clone(), p.on_tap_pick.clone(), Answer::Csat { score: n })}>
                        { face(n) }<span class="face-word">{ s.csat_words[usize::from(n - 1)] }</span>
                    </Radio>
                }
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
    // "N still to rate" belongs to the rows still unrated: each is invalid and described by it.
    let unrated = |id: &str| match &p.issue {
        Some(Issue::RowsMissing(missing)) => missing.iter().any(|m| m == id),
        Some(Issue::Required) => true,
        _ => false,
    };
    html! {
        <div class="csi">
            <p class="scale-hint" id="csi-hint">{ s.csi_scale_hint }</p>
            { for rows.iter().map(|row| {
                let row_label = format!("csi-row-{}", row.id);
                let (t, tl) = row.text.get_with_lang(p.lang);
                let missing = unrated(&row.id);
                let described = match (&p.described_by, missing) {
                    (Some(d), true) => format!("csi-hint {d}"),
                    _ => "csi-hint".to_string(),
                };
                html! {
                    <div class="csi-row">
                        <span class="csi-label" id={row_label.clone()} lang={tl.tag()}>{ t }</span>
                        <div class="scale-row" role="radiogroup" aria-labelledby={row_label.clone()} aria-describedby={described}
                            aria-required={p.question.required.to_string()} aria-invalid={missing.then_some("true")}>
                            { for (1..=5u8).map(|n| {
                                let mut next = ratings.clone();
                                next.insert(row.id.clone(), n);
                                let on_answer = p.on_answer.clone();
                                let a = Answer::Csi { ratings: next };
                                html! {
                                    <Radio name={format!("csi-{}", row.id)} id={format!("csi-{}-{n}", row.id)}
                                        checked={ratings.get(&row.id) == Some(&n)} class="csi-option"
                                        onchange={Callback::from(move |_| on_answer.emit(a.clone()))}>
                                        { n }
                                    </Radio>
                                }
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
    let PointerTap { on_pointer_up, on_key_down, tapped_at: tap } = use_pointer_tap();
    let current = match &p.answer {
        Some(Answer::SingleChoice { option }) => Some(option.clone()),
        _ => None,
    };
    let options = p.question.options.clone().unwrap_or_default();
    html! {
        <div class="options" role="radiogroup" aria-labelledby={QUESTION_TEXT_ID}
             aria-describedby={p.described_by.clone()} aria-required={p.question.required.to_string()}
             aria-invalid={p.invalid()} onpointerup={on_pointer_up} onkeydown={on_key_down}>
            { for options.iter().map(|o| {
                let (t, tl) = o.text.get_with_lang(p.lang);
                html! {
                    <Radio name={p.question.id.clone()} id={format!("opt-{}-{}", p.question.id, o.id)}
                        checked={current.as_deref() == Some(o.id.as_str())} class="option" lang={tl.tag()}
                        onchange={pick(tap.clone(), p.on_answer.clone(), p.on_tap_pick.clone(), Answer::SingleChoice { option: o.id.clone() })}>
                        { t }
                    </Radio>
                }
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
            chosen.sort_unstable_by_key(|c| order.iter().position(|o| o == c));
            on_answer.emit(Answer::MultipleChoice { options: chosen, other });
        }
    };
    let other_id = format!("other-{}", p.question.id);
    html! {
        <fieldset class="options multiple" aria-describedby={p.described_by.clone()}
            aria-invalid={matches!(p.issue, Some(Issue::Required)).then_some("true")}>
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
                            aria-invalid={matches!(p.issue, Some(Issue::OtherEmpty)).then_some("true")}
                            aria-describedby={matches!(p.issue, Some(Issue::OtherEmpty)).then(|| p.described_by.clone()).flatten()}
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
                aria-labelledby={QUESTION_TEXT_ID} aria-describedby={described}
                aria-required={p.question.required.to_string()} aria-invalid={p.invalid()}
                value={text} {oninput} />
            <p class={classes!("counter", (used > max as usize).then_some("over"))} id={counter_id}>{ (s.chars_used)(used, max) }</p>
            <LimitStatus {used} {max} />
        </div>
    }
}
