use std::cell::Cell;
use std::rc::Rc;

use gloo::events::EventListener;
use gloo::timers::callback::Interval;
use yew::prelude::*;

use crate::kiosk::{idle_phase, IdlePhase};
use crate::web::platform::now_ms;

/// The idle watch as the screen sees it.
#[derive(Clone, PartialEq)]
pub struct Idle {
    /// Seconds left before the reset while the warning is up; `None` otherwise.
    pub warning: Option<u32>,
    /// Length of the warning (for its text: "cleared in 20 s").
    pub warn_secs: u32,
    /// "I need more time": starts the spell again and takes the warning down.
    pub extend: Callback<()>,
}

/// Calls `on_idle` once no pointer, key, input or wheel event has been seen for `secs`
/// seconds, after a warning during the last `warn` of them; `None` watches nothing.
/// Watching restarts whenever `key` changes (a new screen). Any touch or key while the
/// warning is up takes it down at once (not at the next tick), so it never lingers.
#[hook]
pub fn use_idle<K: PartialEq + Clone + 'static>(secs: Option<u32>, warn: u32, key: K, on_idle: Callback<()>) -> Idle {
    let warning = use_state_eq(|| None::<u32>);
    let last = use_memo((), |_| Rc::new(Cell::new(now_ms())));
    {
        let (setter, last) = (warning.setter(), (*last).clone());
        use_effect_with((secs, warn, key), move |(secs, warn, _)| {
            last.set(now_ms());
            setter.set(None);
            let guard = secs.map(|s| watch(s, *warn, last, setter, on_idle));
            move || drop(guard)
        });
    }
    let extend = {
        let (setter, last) = (warning.setter(), (*last).clone());
        Callback::from(move |_| {
            last.set(now_ms());
            setter.set(None);
        })
    };
    Idle { warning: *warning, warn_secs: warn, extend }
}

struct Watch {
    _listeners: Vec<EventListener>,
    _interval: Interval,
}

fn watch(secs: u32, warn: u32, last: Rc<Cell<f64>>, warning: UseStateSetter<Option<u32>>, on_idle: Callback<()>) -> Watch {
    let listeners = web_sys::window()
        .and_then(|w| w.document())
        .map(|doc| {
            ["pointerdown", "keydown", "input", "wheel"]
                .into_iter()
                .map(|ev| {
                    let (last, warning) = (last.clone(), warning.clone());
                    EventListener::new(&doc, ev, move |e| {
                        last.set(now_ms());
                        // A touch on the warning itself is handled by its click (so the
                        // release does not land on a button under it); the next tick would
                        // take it down anyway, the spell having been restarted.
                        if !(ev == "pointerdown" && in_warning(e)) {
                            warning.set(None);
                        }
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let fired = Cell::new(false);
    let interval = Interval::new(1000, move || {
        if fired.get() {
            return;
        }
        match idle_phase(now_ms() - last.get(), secs, warn) {
            IdlePhase::Active => warning.set(None),
            IdlePhase::Warning { left } => warning.set(Some(left)),
            IdlePhase::Reset => {
                fired.set(true);
                warning.set(None);
                on_idle.emit(());
            }
        }
    });
    Watch { _listeners: listeners, _interval: interval }
}

/// Whether an event started inside the idle warning (its backdrop included).
fn in_warning(e: &web_sys::Event) -> bool {
    use wasm_bindgen::JsCast;
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest(".idle-backdrop").ok().flatten())
        .is_some()
}
