use yew::prelude::*;

use crate::web::dom;

/// Shown while `config.json` loads, in the browser's language.
#[function_component(Loading)]
pub fn loading() -> Html {
    let lang = dom::browser_lang();
    use_effect_with(lang, |l| dom::set_document_lang(*l));
    html! {
        <main class="boot" aria-busy="true">
            <div class="spinner" aria-hidden="true"></div>
            <p role="status">{ lang.strings().loading }</p>
        </main>
    }
}
