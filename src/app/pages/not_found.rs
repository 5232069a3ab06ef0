use yew::prelude::*;

use crate::app::hooks::use_ui;
use crate::app::components::HEADING_ID;
use crate::route::Route;

#[function_component(NotFound)]
pub fn not_found() -> Html {
    let s = use_ui().s();
    html! {
        <section class="not-found" aria-labelledby={HEADING_ID}>
            <h1 id={HEADING_ID} tabindex="-1">{ s.page_not_found }</h1>
            <a class="button primary" href={Route::Home.href()}>{ s.back_home }</a>
        </section>
    }
}
