use std::cell::Cell;
use std::rc::Rc;

use gloo::timers::callback::Interval;
use yew::prelude::*;

use crate::app::components::ReadAloud;
use crate::app::hooks::{use_next_customer, use_store, use_ui, use_visit};
use crate::app::components::HEADING_ID;
use crate::kiosk::Countdown;
use crate::route::Route;

/// The screen after a finished answer: reached only once the record was handed in. On shared
/// devices it counts down and returns to the start for the next customer.
#[function_component(ThankYou)]
pub fn thank_you() -> Html {
    let (store, ui, visit) = (use_store(), use_ui(), use_visit());
    let next_customer = use_next_customer();
    let s = ui.s();
    // On a shared device "Back to the start" ends this customer's visit, as the countdown
    // does: the next customer gets the touchpoint's own language and text size and nothing
    // of this visit. On a phone it is the same person: a plain link.
    let done = store.shared_device().then(|| crate::app::hooks::ends_visit(next_customer.clone()));
    let handed = visit.handed_in.clone();
    let reference = handed.as_ref().and_then(|h| h.reference.clone());
    let total = store
        .touchpoint_kind()
        .and_then(|k| crate::kiosk::thank_you_return_after(k, ui.mode, reference.is_some()));
    // The return countdown. "Keep this on screen" pauses it (to note the reference number
    // down or scan it); while paused, the shell's idle rule with its warning still applies,
    // so a paused screen does not stay up for the next customer.
    let clock = use_memo(total, |t| t.map(|t| Rc::new(Cell::new(Countdown::new(t)))));
    let shown = use_state_eq(|| None::<Countdown>);
    {
        let shown = shown.clone();
        use_effect_with(clock.clone(), move |clock| {
            let clock = (**clock).clone();
            shown.set(clock.as_ref().map(|c| c.get()));
            let interval = clock.map(|c| {
                Interval::new(1000, move || {
                    let mut now = c.get();
                    let up = now.tick();
                    c.set(now);
                    shown.set(Some(now));
                    if up {
                        next_customer.emit(());
                    }
                })
            });
            move || drop(interval)
        });
    }
    let toggle_pause = {
        let (clock, shown) = (clock.clone(), shown.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(c) = &*clock {
                let mut now = c.get();
                now.toggle_pause();
                c.set(now);
                shown.set(Some(now));
            }
        })
    };
    let lang = ui.lang;
    let store_name = store.config.store.name.get(lang).to_string();
    html! {
        <section class="thank-you" aria-labelledby={HEADING_ID} data-record-id={handed.as_ref().map(|h| h.id.clone())}>
            <div class="thank-you-mark" aria-hidden="true">{ "✓" }</div>
            <h1 id={HEADING_ID} tabindex="-1">{ s.thank_you_title }</h1>
            <p class="thank-you-body">{ s.thank_you_body }</p>
            <ReadAloud pieces={crate::speech::thank_you(lang, reference.as_deref(), store.config.feedback.reply_promise.as_ref())} />
            if let Some(r) = reference {
                <div class="reference-box">
                    <dl>
                        <dt class="reference-label">{ s.fb_reference }</dt>
                        <dd class="reference" translate="no" lang="en">{ r.clone() }</dd>
                    </dl>
                    { reference_qr(format!("{store_name} {} {r}", s.fb_reference), (s.fb_qr_label)(&r)) }
                    <p class="hint">{ s.fb_reference_hint }</p>
                    if let Some(p) = &store.config.feedback.reply_promise {
                        <p class="reply-promise" lang={p.get_with_lang(lang).1.tag()}>{ p.get(lang) }</p>
                    }
                </div>
            }
            <a class="button primary" href={Route::Home.href()} onclick={done}>{ s.back_home }</a>
            if let Some(c) = *shown {
                if c.paused {
                    <p class="countdown-paused">{ s.ty_paused }</p>
                } else {
                    <p class="countdown">{ (s.back_home_in)(c.left) }</p>
                }
                <button type="button" class="button thank-you-pause" onclick={toggle_pause}>
                    { if c.paused { s.ty_resume } else { s.ty_pause } }
                </button>
            }
        </section>
    }
}

/// The reference as a QR code. Only the suggestion box hands out references, and the light
/// page (index.html, without the `full` feature) has no suggestion box, so no QR renderer.
#[cfg(feature = "full")]
fn reference_qr(text: String, label: String) -> Html {
    html! { <crate::app::components::Qr text={text} label={label} /> }
}
#[cfg(not(feature = "full"))]
fn reference_qr(_text: String, _label: String) -> Html {
    Html::default()
}
