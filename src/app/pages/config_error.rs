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
/// Lists every problem with its JSON path, in the language the URL asks for (`lang=`) or else
/// the browser's (the config's own language setting is unknown or untrustworthy here), and in
/// large text when the URL says `mode=large` (a service desk must still be able to read it).
#[function_component(ConfigError)]
pub fn config_error(props: &Props) -> Html {
    let (lang, mode) = crate::launch::without_config(&dom::location_search(), dom::browser_lang());
    use_effect_with((lang, mode), |(l, m)| {
        dom::set_document_lang(*l);
        dom::set_document_mode(*m);
    });
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
