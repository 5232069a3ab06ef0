use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::HEADING_ID;
use crate::app::hooks::use_ui;
use crate::kiosk::spoken_left;
use crate::web::dom;

#[derive(Properties, PartialEq)]
pub struct IdleWarningProps {
    /// Seconds left before the reset.
    pub left: u32,
    /// Length of the whole warning, for its (static) description.
    pub warn_secs: u32,
    pub on_extend: Callback<()>,
}

const BUTTON_ID: &str = "idle-more-time";

/// "Still there?" before a shared device clears a customer's answers (WCAG 2.2.1). An
/// `alertdialog`, so screen readers speak its title and description once when it opens; the
/// visible countdown is not a live region (it would speak every second): a separate status
/// line speaks once more at 10 s left. Focus moves to "I need more time" and returns to
/// where it was when the warning goes. A touch anywhere on it extends, like any key.
#[function_component(IdleWarning)]
pub fn idle_warning(p: &IdleWarningProps) -> Html {
    let s = use_ui().s();
    use_effect_with((), |_| {
        let before = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        dom::focus_element(BUTTON_ID);
        move || match before.filter(|e| e.is_connected() && e.tag_name() != "BODY") {
            Some(el) => {
                let _ = el.focus();
            }
            None => dom::focus_element(HEADING_ID),
        }
    });
    let extend = p.on_extend.reform(|_: MouseEvent| ());
    // Once at 10 s the line says so and then stays as it is, so it is spoken only once.
    let spoken = spoken_left(p.left).map(s.idle_left);
    html! {
        <div class="idle-backdrop" onclick={extend.clone()}>
            <div class="idle-dialog" role="alertdialog" aria-modal="true" aria-labelledby="idle-title" aria-describedby="idle-body">
                <h2 id="idle-title">{ s.idle_title }</h2>
                <p id="idle-body">{ (s.idle_body)(p.warn_secs) }</p>
                <p class="idle-countdown" aria-hidden="true">{ (s.idle_left)(p.left) }</p>
                <p class="visually-hidden" role="status">{ spoken }</p>
                <button type="button" id={BUTTON_ID} class="button primary idle-more-time" onclick={extend}>{ s.idle_more_time }</button>
            </div>
        </div>
    }
}
