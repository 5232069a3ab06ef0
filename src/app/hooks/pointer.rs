use std::cell::Cell;
use std::rc::Rc;

use yew::prelude::*;

/// Remembers whether the latest change came from a pointer, so keyboard users moving
/// through a radio group with the arrow keys are never carried to the next question, and
/// when that pointer was released (`Event.timeStamp`, on the `performance.now()` clock), so
/// a deliberate pause after a tap is counted from the customer's tap, not from whenever the
/// page got round to handling it.
/// Put the callback on the group's `onpointerup`; `take()` the time in `onchange`.
#[hook]
pub fn use_pointer_tap() -> (Callback<PointerEvent>, Rc<Cell<Option<f64>>>) {
    let tapped_at = use_memo((), |_| Rc::new(Cell::new(None)));
    let t = (*tapped_at).clone();
    (Callback::from(move |e: PointerEvent| t.set(Some(e.time_stamp()))), (*tapped_at).clone())
}
