use yew::prelude::*;

use crate::app::route::Route;
use crate::app::shell::HEADING_ID;
use crate::app::use_app;

/// The screen after a finished answer.
#[function_component(ThankYou)]
pub fn thank_you() -> Html {
    let app = use_app();
    let s = app.s();
    html! {
        <section class="thank-you" aria-labelledby={HEADING_ID}>
            <h1 id={HEADING_ID} tabindex="-1">{ s.thank_you_title }</h1>
            <p>{ s.thank_you_body }</p>
            <a class="button primary" href={Route::Home.href()}>{ s.back_home }</a>
        </section>
    }
}
