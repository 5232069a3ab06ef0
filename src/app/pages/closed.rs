//! The start screen of a shared device outside opening hours: calm, no journeys to start
//! except "find your way" where this touchpoint offers it, and the hours (today's, with any
//! exception, and the regular week) in the current language.

use yew::prelude::*;

use crate::app::components::HEADING_ID;
use crate::app::hooks::{use_store, use_ui};
use crate::app::pages::home::journey_icon;
use crate::config::Journey;
use crate::hours::{local_from_millis, weekday};
use crate::route::Route;
use crate::web::platform::now_ms;

#[function_component(Closed)]
pub fn closed() -> Html {
    let (store, ui) = (use_store(), use_ui());
    let s = ui.s();
    let lang = ui.lang;
    let now = now_ms();
    let Some((hours, offset)) = store.hours_at(now) else { return html! {} };
    let today = local_from_millis(now, offset).day;
    let today_wd = weekday(today);
    let exception = hours.exception(today);
    let note = exception.and_then(|e| e.note.as_ref()).map(|n| n.get_with_lang(lang));
    html! {
        <section class="closed" aria-labelledby={HEADING_ID}>
            <h1 id={HEADING_ID} tabindex="-1">{ s.hours_closed_title }</h1>
            <p class="closed-body">{ s.hours_closed_body }</p>
            <div class="panel closed-hours">
                <p class="hours-today" data-field="hours-today">
                    <strong>{ s.hours_today }{ " · " }{ s.weekdays[today_wd] }</strong>
                    { " " }{ crate::i18n::hours_text(s, hours.spans_on(today)) }
                    if let Some((n, nl)) = note {
                        { " " }<span class="hours-note" lang={nl.tag()}>{ format!("({n})") }</span>
                    }
                </p>
                <h2>{ s.hours_week }</h2>
                <dl class="hours-week" data-field="hours-week">
                    { for (0..7).map(|wd| html! {
                        <div class={classes!("hours-day", (wd == today_wd).then_some("is-today"))}>
                            <dt>{ s.weekdays[wd] }</dt>
                            <dd>{ crate::i18n::hours_text(s, hours.weekday(wd)) }</dd>
                        </div>
                    }) }
                </dl>
            </div>
            if store.offers(Journey::Wayfinding) {
                <p class="closed-wayfinding">{ s.hours_wayfinding }</p>
                <a class="journey journey-wayfinding" href={Route::journey(Journey::Wayfinding).href()}>
                    { journey_icon(Journey::Wayfinding) }
                    <span class="journey-text">
                        <span class="journey-title">{ s.journey_wayfinding }</span>
                        <span class="journey-hint">{ s.journey_wayfinding_hint }</span>
                    </span>
                </a>
            }
        </section>
    }
}

