use yew::prelude::*;

use crate::app::components::HEADING_ID;
use crate::app::hooks::{use_delivery, use_ui};
use crate::handover::Handover as Carry;

/// On the light page (index.html), a screen it does not have: replaced at once by the full
/// app at the same screen (`web::handover`), with the customer's language and text size and
/// any answer this page could not yet store. Shows what the boot screen shows meanwhile; if
/// the move would drop an answer, it stays and says so.
#[function_component(Handover)]
pub fn handover() -> Html {
    let (ui, delivery) = (use_ui(), use_delivery());
    let refused = use_state(|| false);
    {
        let (lang, mode, refused) = (ui.lang, ui.mode, refused.clone());
        use_effect_with((), move |_| {
            let moved = delivery
                .unsaved_to_carry()
                .ok_or(())
                .and_then(|unsaved| crate::web::handover::to_full_page(&Carry { lang, mode, unsaved }));
            if moved.is_err() {
                refused.set(true);
            }
        });
    }
    let s = ui.s();
    if *refused {
        return html! {
            <section class="handover" aria-labelledby={HEADING_ID}>
                <h1 id={HEADING_ID} tabindex="-1">{ s.handover_refused_title }</h1>
                <p role="alert">{ s.handover_refused_body }</p>
                <a class="button primary" href={crate::route::Route::Home.href()}>{ s.back_home }</a>
            </section>
        };
    }
    html! {
        <section class="boot handover" aria-labelledby={HEADING_ID} aria-busy="true">
            <div class="spinner" aria-hidden="true"></div>
            <h1 id={HEADING_ID} tabindex="-1" class="visually-hidden">{ s.loading }</h1>
        </section>
    }
}
