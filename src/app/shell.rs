//! The frame around every screen: skip link, header with brand, language switch and
//! large-text toggle, the screen itself, and a footer naming the touchpoint.

use yew::prelude::*;

use super::pages;
use super::route::{use_route, Route};
use super::{use_app, UiAction};
use crate::config::{Journey, Mode};
use crate::i18n::Lang;
use crate::web::dom;

/// Id of each screen's `<h1>`, focused after navigation.
pub const HEADING_ID: &str = "screen-heading";

#[function_component(Shell)]
pub fn shell() -> Html {
    let app = use_app();
    let route = use_route();
    let s = app.s();

    // After a route change, move focus to the new screen's heading (not on first render,
    // so a kiosk does not start with a focus ring).
    let first = use_mut_ref(|| true);
    use_effect_with(route, move |_| {
        if std::mem::replace(&mut *first.borrow_mut(), false) {
            return;
        }
        dom::focus_element(HEADING_ID);
    });

    // Shared devices go back to the start after a spell without a touch.
    {
        let idle = app.touchpoint_kind().and_then(|k| crate::kiosk::idle_reset_after(k, app.ui.mode));
        let app = app.clone();
        use_effect_with((route, idle), move |(route, idle)| {
            let guard = match idle {
                Some(secs) if *route != Route::Home => Some(watch_idle(*secs, move || app.reset_for_next_customer())),
                _ => None,
            };
            move || drop(guard)
        });
    }

    let screen = match route {
        Route::Home => html! { <pages::home::Home /> },
        Route::Journey(j) if !app.config.touchpoint(&app.launch.touchpoint).is_none_or(|t| t.offers(j)) => {
            html! { <pages::not_found::NotFound /> }
        }
        Route::Journey(Journey::Survey) => html! { <crate::survey::view::SurveyJourney /> },
        Route::Journey(Journey::Feedback) => html! { <crate::feedback::view::FeedbackJourney /> },
        Route::Journey(Journey::Wayfinding) => html! { <crate::wayfinding::view::Wayfinding /> },
        Route::ThankYou => html! { <pages::thank_you::ThankYou /> },
        Route::Staff => html! { <pages::staff::Staff /> },
        Route::NotFound => html! { <pages::not_found::NotFound /> },
    };

    let tp_name = app
        .config
        .touchpoint(&app.launch.touchpoint)
        .map(|t| t.name.get(app.lang()).to_string())
        .unwrap_or_default();

    html! {
        <div class="app" data-route={route_name(route)}>
            <a class="skip-link" href="#main" onclick={skip_to_main()}>{ s.skip_to_content }</a>
            <Header home={route == Route::Home} />
            <main id="main" class="screen" tabindex="-1">
                { for app.warnings.iter().map(|w| html! {
                    <p class="notice" role="status">{ (s.launch_warning)(w) }</p>
                }) }
                { screen }
            </main>
            <footer class="footer">
                <span class="footer-touchpoint">{ s.touchpoint }{ tp_name }</span>
                <a class="footer-staff" href={Route::Staff.href()}>{ s.staff }</a>
            </footer>
        </div>
    }
}

/// Calls `on_idle` once no pointer, key or input event has been seen for `secs` seconds.
/// Dropping the returned value stops watching.
fn watch_idle(secs: u32, on_idle: impl Fn() + 'static) -> impl Drop {
    use std::cell::Cell;
    use std::rc::Rc;

    use gloo::events::EventListener;
    use gloo::timers::callback::Interval;

    use crate::web::platform::now_ms;

    struct Guard {
        _listeners: Vec<EventListener>,
        _interval: Interval,
    }
    impl Drop for Guard {
        fn drop(&mut self) {}
    }
    let last = Rc::new(Cell::new(now_ms()));
    let listeners = web_sys::window()
        .and_then(|w| w.document())
        .map(|doc| {
            ["pointerdown", "keydown", "input", "wheel"]
                .into_iter()
                .map(|ev| {
                    let last = last.clone();
                    EventListener::new(&doc, ev, move |_| last.set(now_ms()))
                })
                .collect()
        })
        .unwrap_or_default();
    let limit = secs as f64 * 1000.0;
    let fired = Rc::new(Cell::new(false));
    let interval = Interval::new(1000, move || {
        if !fired.get() && now_ms() - last.get() >= limit {
            fired.set(true);
            on_idle();
        }
    });
    Guard { _listeners: listeners, _interval: interval }
}

fn route_name(r: Route) -> &'static str {
    match r {
        Route::Home => "home",
        Route::Journey(Journey::Survey) => "survey",
        Route::Journey(Journey::Feedback) => "feedback",
        Route::Journey(Journey::Wayfinding) => "wayfinding",
        Route::ThankYou => "thank-you",
        Route::Staff => "staff",
        Route::NotFound => "not-found",
    }
}

/// The skip link focuses `<main>` without changing the hash route.
fn skip_to_main() -> Callback<MouseEvent> {
    Callback::from(|e: MouseEvent| {
        e.prevent_default();
        dom::focus_element("main");
    })
}

#[derive(Properties, PartialEq)]
struct HeaderProps {
    home: bool,
}

#[function_component(Header)]
fn header(props: &HeaderProps) -> Html {
    let app = use_app();
    let s = app.s();
    let lang = app.lang();
    let (store_name, name_lang) = app.config.store.name.get_with_lang(lang);
    let large = app.ui.mode == Mode::Large;

    let toggle_mode = {
        let ui = app.ui.clone();
        Callback::from(move |_| {
            ui.dispatch(UiAction::SetMode(if large { Mode::Standard } else { Mode::Large }))
        })
    };

    html! {
        <header class="topbar">
            <div class="brand">
                if let Some(logo) = &app.config.store.brand.logo {
                    <img class="brand-logo" src={logo.clone()} alt="" width="48" height="48" />
                }
                <span class="brand-name" lang={name_lang.tag()}>{ store_name }</span>
            </div>
            <div class="controls">
                if !props.home {
                    <a class="control home-link" href={Route::Home.href()}>
                        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><path d="M3 11 12 3l9 8v10h-6v-6H9v6H3z" /></svg>
                        <span>{ s.back_home }</span>
                    </a>
                }
                <div class="lang-switch" role="group" aria-label={s.language}>
                    { for Lang::ALL.iter().map(|l| {
                        let ui = app.ui.clone();
                        let l = *l;
                        let onclick = Callback::from(move |_| ui.dispatch(UiAction::SetLang(l)));
                        html! {
                            <button type="button" class="control lang-option" lang={l.tag()}
                                aria-pressed={(l == lang).to_string()} {onclick}>
                                { l.strings().lang_name }
                            </button>
                        }
                    }) }
                </div>
                <button type="button" class="control mode-toggle" aria-pressed={large.to_string()} onclick={toggle_mode}>
                    <span class="mode-icon" aria-hidden="true">{ "A+" }</span>
                    <span>{ s.large_text }</span>
                </button>
            </div>
        </header>
    }
}
