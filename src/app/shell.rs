//! The frame around every screen: skip link, header with brand, language switch and
//! large-text toggle, the screen itself, and a footer naming the touchpoint.

use yew::prelude::*;

use super::components::{IdleWarning, HEADING_ID};
use super::context::UiAction;
use super::hooks::{use_idle, use_next_customer, use_open_now, use_route, use_store, use_ui};
use super::pages;
use crate::config::{Journey, Mode};
use crate::lang::Lang;
use crate::route::Route;
use crate::web::dom;

#[function_component(Shell)]
pub fn shell() -> Html {
    let (store, ui) = (use_store(), use_ui());
    let route = use_route();
    let next_customer = use_next_customer();
    let s = ui.s();

    // After a route change, move focus to the new screen's heading (not on first render,
    // so a kiosk does not start with a focus ring, unless the light page handed this screen
    // over: for the customer that was a move like any other).
    let first = use_mut_ref(|| store.handed_over.is_none());
    use_effect_with(route.name(), move |_| {
        if std::mem::replace(&mut *first.borrow_mut(), false) {
            return;
        }
        dom::focus_element(HEADING_ID);
    });

    // Shared devices go back to the start after a spell without a touch (the staff screen
    // has its own, longer rule: `pages::staff`).
    // The home screen never resets: it holds nothing of a customer's, so it never warns
    // either. Every other reset is announced first (`kiosk::warn_for`, WCAG 2.2.1).
    let idle = store.touchpoint_kind().and_then(|k| crate::kiosk::idle_reset_after(k, ui.mode)).filter(|_| route != Route::Home && route != Route::Staff);
    let warn = crate::kiosk::warn_for(ui.mode, idle.unwrap_or(0));
    let idle = use_idle(idle, warn, route.name(), next_customer.clone());

    // Outside opening hours a shared device's start screen says so (a customer already in a
    // journey finishes it; the reset then lands here). Phones are never closed.
    let closed = !use_open_now() && store.shared_device();
    let screen = match route.journey_of() {
        Some(j) if !store.offers(j) => html! { <pages::not_found::NotFound /> },
        Some(Journey::Survey) => html! { <crate::survey::view::SurveyJourney /> },
        #[cfg(feature = "full")]
        Some(Journey::Feedback) => html! { <crate::feedback::view::FeedbackJourney /> },
        #[cfg(feature = "full")]
        Some(Journey::Wayfinding) => html! { <crate::wayfinding::view::Wayfinding /> },
        // The light page (index.html) has the questionnaire only: app.html has the rest.
        #[cfg(not(feature = "full"))]
        Some(_) => html! { <pages::handover::Handover /> },
        None => match route {
            Route::ThankYou => html! { <pages::thank_you::ThankYou /> },
            #[cfg(feature = "full")]
            Route::Staff => html! { <pages::staff::Staff /> },
            #[cfg(not(feature = "full"))]
            Route::Staff => html! { <pages::handover::Handover /> },
            Route::NotFound => html! { <pages::not_found::NotFound /> },
            _ if closed => html! { <pages::closed::Closed /> },
            _ => html! { <pages::home::Home /> },
        },
    };

    let tp_name = store.touchpoint().map(|t| t.name.get(ui.lang).to_string()).unwrap_or_default();
    let onclick = store.shared_device().then(|| Callback::from(replace_in_app_links));

    html! {
        <div class="app" data-route={route.name()} {onclick}>
            <a class="skip-link" href="#main" onclick={skip_to_main()}>{ s.skip_to_content }</a>
            <Header home={route == Route::Home} ends_visit={(route == Route::ThankYou && store.shared_device()).then(|| next_customer.clone())} />
            <main id="main" class="screen" tabindex="-1">
                { for store.warnings.iter().map(|w| html! {
                    <p class="notice" role="status">{ (s.launch_warning)(w) }</p>
                }) }
                { screen }
            </main>
            <footer class="footer">
                <span class="footer-touchpoint">{ s.touchpoint }{ tp_name }</span>
                <a class="footer-staff" href={Route::Staff.href()}>{ s.staff }</a>
            </footer>
            if let Some(left) = idle.warning {
                <IdleWarning {left} warn_secs={idle.warn_secs} on_extend={idle.extend.clone()} />
            }
        </div>
    }
}

/// On a shared device an in-app link (`href="#/…"`) replaces the current history entry
/// instead of adding one, like every other screen change there.
fn replace_in_app_links(e: MouseEvent) {
    use wasm_bindgen::JsCast;
    let link = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("a[href^='#/']").ok().flatten());
    if let Some(href) = link.and_then(|a| a.get_attribute("href")) {
        e.prevent_default();
        dom::set_location_hash(&href);
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
    /// On a shared device's thank-you screen, the home link ends the visit (as the screen's
    /// own "Back to start" does): the reset between customers, not just a screen change.
    ends_visit: Option<Callback<()>>,
}

#[function_component(Header)]
fn header(props: &HeaderProps) -> Html {
    let (store, ui) = (use_store(), use_ui());
    let s = ui.s();
    let lang = ui.lang;
    let (store_name, name_lang) = store.config.store.name.get_with_lang(lang);
    let large = ui.large();

    let toggle_mode = {
        let ui = ui.clone();
        Callback::from(move |_| {
            ui.dispatch(UiAction::SetMode(if large { Mode::Standard } else { Mode::Large }))
        })
    };

    html! {
        <header class="topbar">
            <div class="brand">
                if let Some(logo) = &store.config.store.brand.logo {
                    <img class="brand-logo" src={logo.clone()} alt="" width="48" height="48" />
                }
                <span class="brand-name" lang={name_lang.tag()}>{ store_name }</span>
            </div>
            <div class="controls">
                if !props.home {
                    <a class="control home-link" href={Route::Home.href()} onclick={props.ends_visit.clone().map(super::hooks::ends_visit)}>
                        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><path d="M3 11 12 3l9 8v10h-6v-6H9v6H3z" /></svg>
                        <span>{ s.back_home }</span>
                    </a>
                }
                <div class="lang-switch" role="group" aria-label={s.language}>
                    { for Lang::ALL.iter().map(|l| {
                        let ui = ui.clone();
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
