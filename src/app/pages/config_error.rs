use std::rc::Rc;

use yew::prelude::*;

use crate::app::components::ConfigProblems;
use crate::config::Unusable;
use crate::web::dom;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub why: Rc<Unusable>,
}

/// The store's config could not be used and this device has no good one to fall back on.
/// Lists every problem with its JSON path, in the browser's language (the config's own
/// language setting is unknown or untrustworthy here).
#[function_component(ConfigError)]
pub fn config_error(props: &Props) -> Html {
    let lang = dom::browser_lang();
    use_effect_with(lang, |l| dom::set_document_lang(*l));
    let s = lang.strings();
    html! {
        <main class="boot config-error">
            <div role="alert">
                <h1>{ s.config_error_title }</h1>
                <ConfigProblems why={props.why.clone()} {lang} />
                <p class="hint">{ s.config_error_staff_hint }</p>
            </div>
        </main>
    }
}
