use yew::prelude::*;

use crate::app::hooks::{use_store, use_ui};
use crate::app::components::HEADING_ID;
use crate::config::Journey;
use crate::route::Route;

/// The start screen: the store's welcome and the journeys as three very large buttons.
#[function_component(Home)]
pub fn home() -> Html {
    let (store, ui) = (use_store(), use_ui());
    let s = ui.s();
    let lang = ui.lang;
    let (name, name_lang) = store.config.store.name.get_with_lang(lang);
    let journeys: Vec<Journey> = Journey::ALL.into_iter().filter(|j| store.offers(*j)).collect();

    html! {
        <section class="home" aria-labelledby={HEADING_ID}>
            <h1 id={HEADING_ID} tabindex="-1" class="welcome">
                <span class="welcome-lead">{ s.welcome }</span>
                <span class="welcome-store" lang={name_lang.tag()}>{ name }</span>
            </h1>
            if let Some(tagline) = &store.config.store.tagline {
                <p class="tagline" lang={tagline.get_with_lang(lang).1.tag()}>{ tagline.get(lang) }</p>
            }
            <p class="choose">{ s.choose_journey }</p>
            <ul class="journeys" role="list">
                { for journeys.into_iter().map(|j| {
                    // The survey tile carries the store's own survey title (as its screen does).
                    let (title, title_lang, hint) = match j {
                        Journey::Survey => {
                            let (t, l) = store.config.survey.title.get_with_lang(lang);
                            (t, Some(l.tag()), s.journey_survey_hint)
                        }
                        Journey::Feedback => (s.journey_feedback, None, s.journey_feedback_hint),
                        Journey::Wayfinding => (s.journey_wayfinding, None, s.journey_wayfinding_hint),
                    };
                    html! {
                        <li>
                            <a class={classes!("journey", format!("journey-{}", j.as_str()))}
                               href={Route::journey(j).href()}>
                                { journey_icon(j) }
                                <span class="journey-text">
                                    <span class="journey-title" lang={title_lang}>{ title }</span>
                                    <span class="journey-hint">{ hint }</span>
                                </span>
                            </a>
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}

pub fn journey_icon(j: Journey) -> Html {
    let path = match j {
        // a star
        Journey::Survey => "M12 2.5l2.9 6 6.6.9-4.8 4.6 1.2 6.5L12 17.4l-5.9 3.1 1.2-6.5L2.5 9.4l6.6-.9z",
        // a speech bubble
        Journey::Feedback => "M4 4h16a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1H9l-5 4v-4H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1z",
        // a map pin
        Journey::Wayfinding => "M12 2a7 7 0 0 1 7 7c0 5-7 13-7 13S5 14 5 9a7 7 0 0 1 7-7zm0 4a3 3 0 1 0 0 6 3 3 0 0 0 0-6z",
    };
    html! {
        <svg class="journey-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d={path} />
        </svg>
    }
}
