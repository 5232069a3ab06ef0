use yew::prelude::*;

use crate::app::route::Route;
use crate::app::shell::HEADING_ID;
use crate::app::use_app;

/// The screen after a finished answer: reached only once the record was handed in. On shared
/// devices it counts down and returns to the start for the next customer.
#[function_component(ThankYou)]
pub fn thank_you() -> Html {
    let app = use_app();
    let s = app.s();
    let total = app.touchpoint_kind().and_then(|k| crate::kiosk::thank_you_return_after(k, app.ui.mode));
    let left = use_state(|| total);
    {
        let left = left.clone();
        let app = app.clone();
        use_effect_with(total, move |total| {
            let interval = total.map(|t| {
                let remaining = std::rc::Rc::new(std::cell::Cell::new(t));
                gloo::timers::callback::Interval::new(1000, move || {
                    let r = remaining.get().saturating_sub(1);
                    remaining.set(r);
                    left.set(Some(r));
                    if r == 0 {
                        app.reset_for_next_customer();
                    }
                })
            });
            move || drop(interval)
        });
    }
    html! {
        <section class="thank-you" aria-labelledby={HEADING_ID} data-record-id={(*app.last_record).clone()}>
            <div class="thank-you-mark" aria-hidden="true">{ "✓" }</div>
            <h1 id={HEADING_ID} tabindex="-1">{ s.thank_you_title }</h1>
            <p class="thank-you-body">{ s.thank_you_body }</p>
            <a class="button primary" href={Route::Home.href()}>{ s.back_home }</a>
            if let Some(n) = *left {
                <p class="countdown">{ (s.back_home_in)(n) }</p>
            }
        </section>
    }
}
