use std::cell::Cell;
use std::rc::Rc;

use yew::prelude::*;

/// Remembers whether the latest change came from a pointer, so keyboard users moving
/// through a radio group with the arrow keys are never carried to the next question, and
/// when that pointer was released (`Event.timeStamp`, on the `performance.now()` clock), so
/// a deliberate pause after a tap is counted from the customer's tap, not from whenever the
/// page got round to handling it.
/// Put `on_pointer_up` and `on_key_down` on the group; `take()` the time in `onchange`. A key
/// forgets an earlier tap that changed nothing (a tap on the option already chosen), so the
/// arrow key after it does not count as a tap.
pub struct PointerTap {
    pub on_pointer_up: Callback<PointerEvent>,
    pub on_key_down: Callback<KeyboardEvent>,
    pub tapped_at: Rc<Cell<Option<f64>>>,
}

#[hook]
pub fn use_pointer_tap() -> PointerTap {
    let tapped_at = (*use_memo((), |_| Rc::new(Cell::new(None)))).clone();
    let (up, key) = (tapped_at.clone(), tapped_at.clone());
    PointerTap {
        on_pointer_up: Callback::from(move |e: PointerEvent| up.set(Some(e.time_stamp()))),
        on_key_down: Callback::from(move |_: KeyboardEvent| key.set(None)),
        tapped_at,
    }
}
