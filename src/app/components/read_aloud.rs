//! The read-aloud control and what it shares: the device's voices (they load after the page)
//! and which control is reading now, so only one reads at a time and its button shows it.
//! Reading stops when the screen changes, when the language changes and for the next
//! customer (`hooks::use_next_customer`), and when the control that reads goes away.

use std::cell::Cell;
use std::rc::Rc;

use yew::prelude::*;

use crate::app::hooks::{use_route, use_ui};
use crate::lang::Lang;
use crate::speech::{self, Piece, Voice};
use crate::web::speech as adapter;

thread_local! {
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
}

fn next_id() -> u32 {
    NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id.wrapping_add(1));
        id
    })
}

/// The device's voices and who reads now (the control's id and that reading's token).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Speech {
    pub voices: Rc<Vec<Voice>>,
    speaking: Option<(u32, u32)>,
}

impl Speech {
    /// Whether the device can read `lang` (the control is shown only then).
    pub fn can_read(&self, lang: Lang) -> bool {
        speech::choose_voice(&self.voices, lang).is_some()
    }
}

pub enum SpeechAction {
    Voices(Vec<Voice>),
    Start { owner: u32, token: u32 },
    /// The reading with this token came to its end.
    Ended(u32),
    Stop,
}

impl Reducible for Speech {
    type Action = SpeechAction;
    fn reduce(self: Rc<Self>, action: SpeechAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            SpeechAction::Voices(v) if *v != *self.voices => next.voices = Rc::new(v),
            SpeechAction::Start { owner, token } => next.speaking = Some((owner, token)),
            SpeechAction::Ended(t) if self.speaking.is_some_and(|(_, x)| x == t) => next.speaking = None,
            SpeechAction::Stop if self.speaking.is_some() => next.speaking = None,
            _ => return self,
        }
        Rc::new(next)
    }
}

#[derive(Properties, PartialEq)]
pub struct ProviderProps {
    pub children: Html,
}

/// Keeps the voices current and stops reading on a new screen or another language.
#[function_component(SpeechProvider)]
pub fn speech_provider(p: &ProviderProps) -> Html {
    let state = use_reducer(Speech::default);
    let (ui, route) = (use_ui(), use_route());
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            // Asking for the voices costs start-up time; the control can appear a frame later.
            let first = state.clone();
            crate::web::dom::after_paint(move || first.dispatch(SpeechAction::Voices(adapter::voices())));
            let watch = adapter::watch_voices(move || state.dispatch(SpeechAction::Voices(adapter::voices())));
            move || drop(watch)
        });
    }
    {
        let state = state.clone();
        use_effect_with((route.name(), ui.lang), move |_| {
            adapter::cancel();
            state.dispatch(SpeechAction::Stop);
        });
    }
    html! {
        <ContextProvider<UseReducerHandle<Speech>> context={state}>
            { p.children.clone() }
        </ContextProvider<UseReducerHandle<Speech>>>
    }
}

#[hook]
fn use_speech() -> Option<UseReducerHandle<Speech>> {
    use_context::<UseReducerHandle<Speech>>()
}

#[derive(Properties, PartialEq)]
pub struct ReadAloudProps {
    /// What is read, as shown on screen (see `crate::speech`).
    pub pieces: Vec<Piece>,
}

/// "Read aloud": a toggle button, pressed while it reads; pressing it again stops. Not shown
/// when the device has no voice for the current language.
#[function_component(ReadAloud)]
pub fn read_aloud(p: &ReadAloudProps) -> Html {
    let speech = use_speech();
    let ui = use_ui();
    let me = *use_memo((), |_| next_id());
    let reading = speech.as_ref().is_some_and(|s| s.speaking.is_some_and(|(o, _)| o == me));
    // Reading stops with the control that reads (the next question, another step).
    let last = use_mut_ref(|| false);
    *last.borrow_mut() = reading;
    {
        let (last, speech) = (last.clone(), speech.clone());
        use_effect_with((), move |_| {
            move || {
                if *last.borrow() {
                    adapter::cancel();
                    if let Some(s) = speech {
                        s.dispatch(SpeechAction::Stop);
                    }
                }
            }
        });
    }
    let Some(speech) = speech.filter(|s| s.can_read(ui.lang)) else { return html! {} };
    let s = ui.s();
    let onclick = {
        let (speech, pieces, mode) = (speech.clone(), p.pieces.clone(), ui.mode);
        Callback::from(move |_: MouseEvent| {
            if reading {
                adapter::cancel();
                speech.dispatch(SpeechAction::Stop);
                return;
            }
            let utterances = speech::plan(&pieces, &speech.voices);
            let token = next_id();
            let done = {
                let speech = speech.clone();
                move || speech.dispatch(SpeechAction::Ended(token))
            };
            if adapter::speak(&utterances, speech::rate(mode), done) {
                speech.dispatch(SpeechAction::Start { owner: me, token });
            }
        })
    };
    html! {
        <button type="button" class="control read-aloud" aria-pressed={reading.to_string()} {onclick}>
            <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                if reading {
                    <rect x="6" y="6" width="12" height="12" rx="1.5" />
                } else {
                    <path d="M3 9v6h4l5 5V4L7 9H3zm13.5 3A4.5 4.5 0 0 0 14 8v8a4.5 4.5 0 0 0 2.5-4zM14 3.2v2.1a7 7 0 0 1 0 13.4v2.1a9 9 0 0 0 0-17.6z" />
                }
            </svg>
            <span>{ s.read_aloud }</span>
            if reading {
                <span class="read-aloud-stop">{ s.read_aloud_stop }</span>
            }
        </button>
    }
}

/// For staff: which languages this device can read aloud, and with which voice.
#[cfg(feature = "full")]
#[function_component(ReadAloudStatus)]
pub fn read_aloud_status() -> Html {
    let (speech, ui) = (use_speech(), use_ui());
    let s = ui.s();
    let voices = speech.map(|s| s.voices.clone()).unwrap_or_default();
    html! {
        <div class="panel" data-field="speech">
            <h2>{ s.staff_speech }</h2>
            <p>{ s.staff_speech_note }</p>
            <dl class="status-list">
                { for Lang::ALL.iter().map(|&l| {
                    let voice = speech::choose_voice(&voices, l);
                    html! {
                        <>
                            <dt lang={l.tag()}>{ l.strings().lang_name }</dt>
                            <dd data-field={format!("speech-{}", l.tag())} data-available={voice.is_some().to_string()}>
                                { voice.map(|v| format!("{} ({})", v.name, v.lang)).unwrap_or_else(|| s.staff_speech_none.to_string()) }
                            </dd>
                        </>
                    }
                }) }
            </dl>
        </div>
    }
}
