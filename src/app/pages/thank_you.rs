use yew::prelude::*;

use crate::app::components::Qr;
use crate::app::hooks::{use_next_customer, use_store, use_ui, use_visit};
use crate::app::components::HEADING_ID;
use crate::route::Route;

/// The screen after a finished answer: reached only once the record was handed in. On shared
/// devices it counts down and returns to the start for the next customer.
#[function_component(ThankYou)]
pub fn thank_you() -> Html {
    let (store, ui, visit) = (use_store(), use_ui(), use_visit());
    let next_customer = use_next_customer();
    let s = ui.s();
    let handed = visit.handed_in.clone();
    let reference = handed.as_ref().and_then(|h| h.reference.clone());
    let total = store
        .touchpoint_kind()
        .and_then(|k| crate::kiosk::thank_you_return_after(k, ui.mode, reference.is_some()));
    let left = use_state(|| total);
    {
        let left = left.clone();
        use_effect_with(total, move |total| {
            let interval = total.map(|t| {
                let remaining = std::rc::Rc::new(std::cell::Cell::new(t));
                gloo::timers::callback::Interval::new(1000, move || {
                    let r = remaining.get().saturating_sub(1);
                    remaining.set(r);
                    left.set(Some(r));
                    if r == 0 {
                        next_customer.emit(());
                    }
                })
            });
            move || drop(interval)
        });
    }
    let lang = ui.lang;
    let store_name = store.config.store.name.get(lang).to_string();
    html! {
        <section class="thank-you" aria-labelledby={HEADING_ID} data-record-id={handed.as_ref().map(|h| h.id.clone())}>
            <div class="thank-you-mark" aria-hidden="true">{ "✓" }</div>
            <h1 id={HEADING_ID} tabindex="-1">{ s.thank_you_title }</h1>
            <p class="thank-you-body">{ s.thank_you_body }</p>
            if let Some(r) = reference {
                <div class="reference-box">
                    <p class="reference-label" id="reference-label">{ s.fb_reference }</p>
                    // Wrapped on its own: next to the hint paragraph, the big code read as a
                    // paragraph posing as a heading (axe p-as-heading).
                    <div class="reference-line">
                        <p class="reference" aria-labelledby="reference-label" translate="no" lang="en">{ r.clone() }</p>
                    </div>
                    <Qr text={format!("{store_name} {} {r}", s.fb_reference)} label={(s.fb_qr_label)(&r)} />
                    <p class="hint">{ s.fb_reference_hint }</p>
                    if let Some(p) = &store.config.feedback.reply_promise {
                        <p class="reply-promise" lang={p.get_with_lang(lang).1.tag()}>{ p.get(lang) }</p>
                    }
                </div>
            }
            <a class="button primary" href={Route::Home.href()}>{ s.back_home }</a>
            if let Some(n) = *left {
                <p class="countdown">{ (s.back_home_in)(n) }</p>
            }
        </section>
    }
}
