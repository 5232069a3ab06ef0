//! Open or closed now, checked again every minute, so a kiosk opens and closes by itself.

use yew::prelude::*;

use super::use_store;
use crate::web::platform::now_ms;

/// How often open/closed is checked again.
const RECHECK_MS: u32 = 60_000;

/// Whether this touchpoint is open now (always, without opening hours).
#[hook]
pub fn use_open_now() -> bool {
    let store = use_store();
    let open = {
        let store = store.clone();
        use_state(move || store.open_at(now_ms()))
    };
    {
        let open = open.clone();
        use_effect_with(store, move |store| {
            let store = store.clone();
            let interval = gloo::timers::callback::Interval::new(RECHECK_MS, move || open.set(store.open_at(now_ms())));
            move || drop(interval)
        });
    }
    *open
}
