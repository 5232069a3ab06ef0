//! What the customer does, turned into changes of the [`Page`](super::Page). One listener per
//! event type on the page (delegation): an element says what it does with `data-on` (a
//! button, a link) or `data-pick` (a choice), so re-rendering never adds or drops listeners
//! and a kiosk running all day holds the same few closures.

use std::collections::BTreeMap;

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{Element, Event};

use super::{next_customer, update, update_with};
use crate::config::{Mode, QuestionKind};
use crate::lang::Lang;
use crate::route::Route;
use crate::survey::session::{advances_by_itself, auto_advance_wait, is_tap, Action};
use crate::survey::Answer;
use crate::web::{dom, platform};

/// Pause after a tap on a single-tap scale before moving on, so the choice is seen.
const AUTO_ADVANCE_MS: u32 = 350;

fn target(e: &Event) -> Option<Element> {
    e.target().and_then(|t| t.dyn_into::<Element>().ok())
}

fn closest(e: &Event, sel: &str) -> Option<Element> {
    target(e).and_then(|t| t.closest(sel).ok().flatten())
}

pub fn listen() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let listeners = [
        EventListener::new_with_options(&doc, "click", EventListenerOptions::enable_prevent_default(), on_click),
        EventListener::new(&doc, "change", on_change),
        EventListener::new(&doc, "input", on_input),
        EventListener::new(&doc, "pointerup", |e| {
            if closest(e, "[data-tap]").is_some() {
                // Nothing on screen changes: no render (it would cost the tap its speed).
                let at = e.time_stamp();
                update_with(|p| p.tapped_at = Some(at));
            }
        }),
        EventListener::new(&doc, "keydown", |e| {
            if closest(e, "[data-tap]").is_some() {
                update_with(|p| p.tapped_at = None);
            }
        }),
        EventListener::new(&web_sys::window().map(Into::into).unwrap_or_else(|| doc.clone().into()), "hashchange", |_| {
            let route = Route::parse(&dom::location_hash());
            update(|p| p.enter(route));
        }),
    ];
    // Any touch, key, typing or scroll restarts the idle spell and takes a warning down
    // (a touch on the warning itself is its click's to handle).
    let idle = ["pointerdown", "keydown", "input", "wheel"].map(|ev| {
        EventListener::new(&doc, ev, move |e| {
            let on_warning = ev == "pointerdown" && closest(e, ".idle-backdrop").is_some();
            // Re-rendered only to take a warning down: a keystroke or a tap changes nothing else.
            let warned = update_with(|p| {
                p.idle_last = platform::now_ms();
                p.warning.is_some() && !on_warning
            });
            if warned == Some(true) {
                update(|p| p.warning = None);
            }
        })
    });
    // The page lives as long as the document.
    std::mem::forget(listeners);
    std::mem::forget(idle);
}

fn on_click(e: &Event) {
    let Some(el) = closest(e, "[data-on]") else {
        shared_device_link(e);
        return;
    };
    let what = el.get_attribute("data-on").unwrap_or_default();
    match what.as_str() {
        "skip-link" => {
            e.prevent_default();
            dom::focus_element("main");
        }
        "end-visit" => {
            e.prevent_default();
            next_customer();
        }
        "mode" => update(|p| {
            p.mode = if p.mode == Mode::Large { Mode::Standard } else { Mode::Large };
            p.start_countdown();
        }),
        "extend" => update(|p| {
            p.idle_last = platform::now_ms();
            p.warning = None;
        }),
        "pause" => update(|p| {
            if let Some(c) = p.countdown.as_mut() {
                c.toggle_pause();
            }
        }),
        "read" => read_aloud(),
        "back" => update(|p| p.apply(Action::Back)),
        "skip" => update(|p| p.apply(Action::Skip)),
        "next" => update(|p| p.apply(Action::Next)),
        "retry" => update(|p| {
            if let Some(s) = p.survey.as_mut() {
                if s.hand_in.failure().is_some() {
                    s.hand_in = crate::outbox::HandIn::Open;
                }
            }
        }),
        other => {
            if let Some(lang) = other.strip_prefix("lang:").and_then(Lang::parse) {
                update(|p| {
                    if p.lang != lang {
                        p.stop_reading();
                    }
                    p.lang = lang;
                });
            } else {
                shared_device_link(e);
            }
        }
    }
}

/// On a shared device an in-app link replaces the history entry (nothing to go Back to).
fn shared_device_link(e: &Event) {
    let Some(a) = closest(e, "a[href^='#/']") else { return };
    let shared = super::PAGE.with(|p| p.borrow().as_ref().is_some_and(|p| p.store.shared_device()));
    if let (true, Some(href)) = (shared, a.get_attribute("href")) {
        e.prevent_default();
        dom::set_location_hash(&href);
    }
}

fn on_change(e: &Event) {
    let Some(el) = target(e) else { return };
    let Some(pick) = el.get_attribute("data-pick") else { return };
    let tapped = update_with(|p| p.tapped_at.take());
    let mut advance = None;
    update(|p| {
        let Some(s) = p.survey.as_ref() else { return };
        let Some(q) = s.q.current() else { return };
        let current = s.q.answer_of(&q.id).cloned();
        let Some(answer) = answer_of_pick(&pick, q.kind, current, q.options.as_deref().unwrap_or(&[])) else { return };
        let single_tap = matches!(q.kind, QuestionKind::Nps | QuestionKind::Csat | QuestionKind::SingleChoice);
        let tap = tapped.flatten().filter(|at| single_tap && is_tap(platform::since_start_ms() - at));
        if let Some(at) = tap {
            if advances_by_itself(&p.store.config.survey, q, p.mode) {
                advance = Some((q.id.clone(), auto_advance_wait(AUTO_ADVANCE_MS, platform::since_start_ms() - at)));
            }
        }
        p.apply(Action::Answer(answer));
    });
    if let Some((id, wait)) = advance {
        gloo::timers::callback::Timeout::new(wait, move || update(|p| p.apply(Action::AutoNext(id)))).forget();
    }
}


/// The answer a choice makes, given the answer so far (rows and ticks add up).
fn answer_of_pick(pick: &str, kind: QuestionKind, current: Option<Answer>, options: &[crate::config::ChoiceOption]) -> Option<Answer> {
    let (what, rest) = pick.split_once(':').unwrap_or((pick, ""));
    match (what, kind) {
        ("nps", QuestionKind::Nps) => rest.parse().ok().map(|score| Answer::Nps { score }),
        ("csat", QuestionKind::Csat) => rest.parse().ok().map(|score| Answer::Csat { score }),
        ("one", QuestionKind::SingleChoice) => Some(Answer::SingleChoice { option: rest.to_string() }),
        ("csi", QuestionKind::Csi) => {
            let (row, n) = rest.rsplit_once(':')?;
            let mut ratings = match current {
                Some(Answer::Csi { ratings }) => ratings,
                _ => BTreeMap::new(),
            };
            ratings.insert(row.to_string(), n.parse().ok()?);
            Some(Answer::Csi { ratings })
        }
        ("many" | "other", QuestionKind::MultipleChoice) => {
            let (mut chosen, mut other) = match current {
                Some(Answer::MultipleChoice { options, other }) => (options, other),
                _ => (Vec::new(), None),
            };
            if what == "other" {
                other = if other.is_some() { None } else { Some(String::new()) };
            } else if chosen.iter().any(|c| c == rest) {
                chosen.retain(|c| c != rest);
            } else {
                chosen.push(rest.to_string());
            }
            chosen.sort_unstable_by_key(|c| options.iter().position(|o| &o.id == c));
            Some(Answer::MultipleChoice { options: chosen, other })
        }
        _ => None,
    }
}

fn on_input(e: &Event) {
    let Some(el) = target(e) else { return };
    let Some(what) = el.get_attribute("data-text") else { return };
    let value = el
        .dyn_ref::<web_sys::HtmlTextAreaElement>()
        .map(|t| t.value())
        .or_else(|| el.dyn_ref::<web_sys::HtmlInputElement>().map(|i| i.value()))
        .unwrap_or_default();
    update(|p| {
        let Some(s) = p.survey.as_ref() else { return };
        let answer = match what.as_str() {
            "free" => Answer::FreeText { text: value },
            _ => match s.q.current().and_then(|q| s.q.answer_of(&q.id)) {
                Some(Answer::MultipleChoice { options, .. }) => Answer::MultipleChoice { options: options.clone(), other: Some(value) },
                _ => Answer::MultipleChoice { options: Vec::new(), other: Some(value) },
            },
        };
        p.apply(Action::Answer(answer));
    });
}

/// "Read aloud" on the screen on show: starts reading it, or stops the reading.
fn read_aloud() {
    let mut start = None;
    update(|p| {
        if p.reading.is_some() {
            p.stop_reading();
            return;
        }
        let pieces = super::view::spoken(p);
        let utterances = crate::speech::plan(&pieces, &p.voices);
        let token = p.next_token;
        p.next_token = p.next_token.wrapping_add(1);
        start = Some((utterances, crate::speech::rate(p.mode), token));
    });
    let Some((utterances, rate, token)) = start else { return };
    let done = move || {
        update(|p| {
            if p.reading == Some(token) {
                p.reading = None;
            }
        })
    };
    if crate::web::speech::speak(&utterances, rate, done) {
        update(|p| p.reading = Some(token));
    }
}
