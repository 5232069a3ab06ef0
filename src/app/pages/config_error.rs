use yew::prelude::*;

use crate::app::LoadError;
use crate::web::dom;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub error: LoadError,
}

/// The store's config could not be used. Lists every problem with its JSON path, in the
/// browser's language (the config's own language setting is unknown or untrustworthy here).
#[function_component(ConfigError)]
pub fn config_error(props: &Props) -> Html {
    let lang = dom::browser_lang();
    use_effect_with(lang, |l| dom::set_document_lang(*l));
    let s = lang.strings();
    let body = match &props.error {
        LoadError::Fetch(e) => html! { <p class="problem-single">{ (s.config_load_failed)(&e.to_string()) }</p> },
        LoadError::Invalid(problems) => html! {
            <>
                <p>{ s.config_error_intro }</p>
                <ol class="problems">
                    { for problems.iter().map(|p| html! {
                        <li class="problem">
                            if !p.path.is_empty() {
                                <code class="problem-path" lang="en" translate="no">{ &p.path }</code>
                            }
                            <span class="problem-reason">{ (s.problem)(&p.kind) }</span>
                        </li>
                    }) }
                </ol>
            </>
        },
    };
    html! {
        <main class="boot config-error">
            <div role="alert">
                <h1>{ s.config_error_title }</h1>
                { body }
                <p class="hint">{ s.config_error_staff_hint }</p>
            </div>
        </main>
    }
}
