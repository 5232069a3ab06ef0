use std::cell::Cell;
use std::rc::Rc;

use gloo::events::EventListener;
use gloo::timers::callback::Interval;
use yew::prelude::*;

use crate::web::platform::now_ms;

/// Calls `on_idle` once no pointer, key, input or wheel event has been seen for `secs`
/// seconds; `None` watches nothing. Watching restarts whenever `key` changes (a new screen).
#[hook]
pub fn use_idle<K: PartialEq + Clone + 'static>(secs: Option<u32>, key: K, on_idle: Callback<()>) {
    use_effect_with((secs, key), move |(secs, _)| {
        let guard = secs.map(|s| watch(s, on_idle));
        move || drop(guard)
    });
}

struct Watch {
    _listeners: Vec<EventListener>,
    _interval: Interval,
}

fn watch(secs: u32, on_idle: Callback<()>) -> Watch {
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
    let limit = f64::from(secs) * 1000.0;
    let fired = Cell::new(false);
    let interval = Interval::new(1000, move || {
        if !fired.get() && now_ms() - last.get() >= limit {
            fired.set(true);
            on_idle.emit(());
        }
    });
    Watch { _listeners: listeners, _interval: interval }
}
