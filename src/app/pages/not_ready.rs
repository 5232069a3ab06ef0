use yew::prelude::*;

use crate::app::route::Route;
use crate::app::shell::HEADING_ID;
use crate::app::use_app;
use crate::config::Journey;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub journey: Journey,
}

/// Stands in for a journey that is not built yet, and says so plainly.
#[function_component(NotReady)]
pub fn not_ready(props: &Props) -> Html {
    let app = use_app();
    let s = app.s();
    let title = match props.journey {
        Journey::Survey => s.journey_survey,
        Journey::Feedback => s.journey_feedback,
        Journey::Wayfinding => s.journey_wayfinding,
    };
    html! {
        <section class="not-ready" aria-labelledby={HEADING_ID}>
            <h1 id={HEADING_ID} tabindex="-1">{ title }</h1>
            <div class="panel">
                <h2>{ s.not_ready_title }</h2>
                <p>{ s.not_ready_body }</p>
                <a class="button primary" href={Route::Home.href()}>{ s.back_home }</a>
            </div>
        </section>
    }
}
