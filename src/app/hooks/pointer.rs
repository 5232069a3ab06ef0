use std::cell::Cell;
use std::rc::Rc;

use yew::prelude::*;

/// Remembers whether the latest change came from a pointer, so keyboard users moving
/// through a radio group with the arrow keys are never carried to the next question.
/// Put the callback on the group's `onpointerdown`; `take()` the flag in `onchange`.
#[hook]
pub fn use_pointer_flag() -> (Callback<PointerEvent>, Rc<Cell<bool>>) {
    let flag = use_memo((), |_| Rc::new(Cell::new(false)));
    let f = (*flag).clone();
    (Callback::from(move |_: PointerEvent| f.set(true)), (*flag).clone())
}
