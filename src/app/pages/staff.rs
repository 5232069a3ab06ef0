use yew::prelude::*;

use crate::app::route::Route;
use crate::app::shell::HEADING_ID;
use crate::app::use_app;

/// Staff settings behind a PIN: not built yet, and the screen says so.
#[function_component(Staff)]
pub fn staff() -> Html {
    let app = use_app();
    let s = app.s();
    html! {
        <section class="staff" aria-labelledby={HEADING_ID}>
            <h1 id={HEADING_ID} tabindex="-1">{ s.staff_title }</h1>
            <div class="panel">
                <h2>{ s.not_ready_title }</h2>
                <p>{ s.staff_not_ready }</p>
                <a class="button primary" href={Route::Home.href()}>{ s.back_home }</a>
            </div>
        </section>
    }
}
