use yew::prelude::*;

use crate::app::hooks::use_ui;
use crate::feedback::form::{limit_note, LimitNote};

#[derive(Properties, PartialEq)]
pub struct LimitStatusProps {
    /// Characters typed.
    pub used: usize,
    /// The limit.
    pub max: u32,
}

/// A hidden status line beside a character counter: the counter itself is not live (it would
/// speak on every key); this line changes only near the limit, at it and over it.
#[function_component(LimitStatus)]
pub fn limit_status(p: &LimitStatusProps) -> Html {
    let s = use_ui().s();
    let text = limit_note(p.used, p.max).map(|n| match n {
        LimitNote::Near => (s.limit_near)(p.max),
        LimitNote::Reached => (s.limit_reached)(p.max),
        LimitNote::Over => (s.limit_over)(p.max),
    });
    html! { <p class="visually-hidden limit-status" role="status">{ text }</p> }
}
