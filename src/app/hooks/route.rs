//! The current route, following `hashchange`, and navigation.

use gloo::events::EventListener;
use yew::prelude::*;

use crate::route::Route;
use crate::web::dom;

#[hook]
pub fn use_route() -> Route {
    let route = use_state(|| Route::parse(&dom::location_hash()));
    {
        let route = route.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                EventListener::new(&w, "hashchange", move |_| route.set(Route::parse(&dom::location_hash())))
            });
            move || drop(listener)
        });
    }
    (*route).clone()
}

/// Goes to `route` (a new history entry).
pub fn navigate(route: &Route) {
    dom::set_location_hash(&route.href());
}
