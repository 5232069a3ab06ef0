use std::rc::Rc;

use yew::prelude::*;

use crate::config::{FetchError, Unusable};
use crate::lang::Lang;

#[derive(Properties, PartialEq)]
pub struct ConfigProblemsProps {
    pub why: Rc<Unusable>,
    pub lang: Lang,
}

/// Why a config file cannot be used: the load error, or every problem with its JSON path.
/// Shared by the start-up error screen and the staff screen (a device on its last good config).
#[function_component(ConfigProblems)]
pub fn config_problems(p: &ConfigProblemsProps) -> Html {
    let s = p.lang.strings();
    match &*p.why {
        Unusable::Fetch(FetchError::TimedOut { after_s }) => html! { <p class="problem-single">{ (s.config_timed_out)(*after_s) }</p> },
        Unusable::Fetch(e) => html! { <p class="problem-single">{ (s.config_load_failed)(&e.to_string()) }</p> },
        Unusable::Invalid(problems) => html! {
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
    }
}
