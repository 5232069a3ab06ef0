use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ActionBarProps {
    /// Buttons before the gap (Back).
    #[prop_or_default]
    pub start: Html,
    /// Buttons after the gap (Skip, Next, Send): the main action last.
    pub children: Html,
}

/// The row of step buttons under a form or question: going back on the left, going on on
/// the right, in reading order.
#[function_component(ActionBar)]
pub fn action_bar(p: &ActionBarProps) -> Html {
    html! {
        <div class="action-bar">
            { p.start.clone() }
            <span class="spacer"></span>
            { p.children.clone() }
        </div>
    }
}
