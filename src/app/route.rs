//! Hash routes (`#/survey`), so the static build works from any folder and any file server,
//! without server-side rewrites.

use gloo::events::EventListener;
use yew::prelude::*;

use crate::config::Journey;
use crate::web::dom;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    Home,
    Journey(Journey),
    ThankYou,
    Staff,
    NotFound,
}

impl Route {
    /// Only `#/…` is a route; any other hash (an in-page anchor) leaves the customer home.
    pub fn from_hash(hash: &str) -> Route {
        let Some(path) = hash.strip_prefix("#/") else { return Route::Home };
        let path = path.split(['?', '#']).next().unwrap_or("").trim_end_matches('/');
        match path {
            "" => Route::Home,
            "thank-you" => Route::ThankYou,
            "staff" => Route::Staff,
            other => Journey::ALL
                .into_iter()
                .find(|j| j.as_str() == other)
                .map(Route::Journey)
                .unwrap_or(Route::NotFound),
        }
    }

    pub fn href(self) -> String {
        match self {
            Route::Home => "#/".into(),
            Route::Journey(j) => format!("#/{}", j.as_str()),
            Route::ThankYou => "#/thank-you".into(),
            Route::Staff => "#/staff".into(),
            Route::NotFound => "#/not-found".into(),
        }
    }
}

/// The current route, following `hashchange`.
#[hook]
pub fn use_route() -> Route {
    let route = use_state(|| Route::from_hash(&dom::location_hash()));
    {
        let route = route.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                EventListener::new(&w, "hashchange", move |_| {
                    route.set(Route::from_hash(&dom::location_hash()));
                })
            });
            move || drop(listener)
        });
    }
    *route
}

pub fn navigate(route: Route) {
    dom::set_location_hash(&route.href());
}
