use yew::prelude::*;

use crate::app::hooks::use_ui;

#[derive(Properties, PartialEq)]
pub struct SaveFailedProps {
    /// Why the device could not store the answers.
    pub why: AttrValue,
    /// Offered as "Try again" when given.
    #[prop_or_default]
    pub retry: Option<Callback<MouseEvent>>,
}

/// The device could not store the answers: say so plainly, keep them, offer to retry.
#[function_component(SaveFailed)]
pub fn save_failed(p: &SaveFailedProps) -> Html {
    let s = use_ui().s();
    html! {
        <div class="panel error-panel" role="alert">
            <p>{ (s.save_failed)(&p.why) }</p>
            if let Some(retry) = &p.retry {
                <button type="button" class="button primary" onclick={retry.clone()}>{ s.try_again }</button>
            }
        </div>
    }
}
