use yew::prelude::*;

use crate::app::components::HEADING_ID;
use crate::app::hooks::{use_delivery, use_store, use_ui};
use crate::config::{FetchError, Unusable};
use crate::handover::Handover as Carry;
use crate::web::dom;

/// Why the light page did not hand over.
#[derive(Clone, Copy, PartialEq)]
enum Refused {
    /// An answer not yet stored could not go along.
    Answer,
    /// app.html cannot be loaded now (offline, and not in the service worker's cache).
    Offline,
}

/// On the light page (index.html), a screen it does not have: replaced at once by the full
/// app at the same screen (`web::handover`), with the customer's language and text size and
/// any answer this page has not stored yet, and whether `config.json` stalled. Shows what
/// the boot screen shows meanwhile; if the full app cannot be loaded, or moving would drop an
/// answer, it stays and says so.
#[function_component(Handover)]
pub fn handover() -> Html {
    let (store, ui, delivery) = (use_store(), use_ui(), use_delivery());
    let refused = use_state(|| None::<Refused>);
    {
        let (lang, mode, refused) = (ui.lang, ui.mode, refused.clone());
        let config_stalled = matches!(store.config_fallback.as_deref(), Some(Unusable::Fetch(FetchError::TimedOut { .. })));
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if !crate::web::handover::full_page_reachable().await {
                    refused.set(Some(Refused::Offline));
                    return;
                }
                // Read last, so an answer handed in meanwhile goes along too.
                let moved = delivery
                    .unsaved_to_carry()
                    .ok_or(())
                    .and_then(|unsaved| crate::web::handover::to_full_page(&Carry { lang, mode, unsaved, config_stalled }));
                if moved.is_err() {
                    refused.set(Some(Refused::Answer));
                }
            });
        });
    }
    // The refusal replaces the heading the shell focused: focus its own.
    use_effect_with(*refused, |r| {
        if r.is_some() {
            dom::focus_element(HEADING_ID);
        }
    });
    let s = ui.s();
    if let Some(why) = *refused {
        return html! {
            <section class="handover" aria-labelledby={HEADING_ID}>
                <h1 id={HEADING_ID} tabindex="-1">{ s.handover_refused_title }</h1>
                <p role="alert">{ if why == Refused::Offline { s.handover_offline_body } else { s.handover_refused_body } }</p>
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
