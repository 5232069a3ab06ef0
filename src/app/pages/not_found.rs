use yew::prelude::*;

use crate::app::route::Route;
use crate::app::shell::HEADING_ID;
use crate::app::use_app;

#[function_component(NotFound)]
pub fn not_found() -> Html {
    let app = use_app();
    let s = app.s();
    html! {
        <section class="not-found" aria-labelledby={HEADING_ID}>
            <h1 id={HEADING_ID} tabindex="-1">{ s.page_not_found }</h1>
            <a class="button primary" href={Route::Home.href()}>{ s.back_home }</a>
        </section>
    }
}
