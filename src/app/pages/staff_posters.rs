//! Staff: printable QR posters, one for each touchpoint and each journey it offers. Each
//! poster holds the exact link that launches that touchpoint and journey on a phone
//! ([`poster_link`]), the link in text for typing, the store's name and colour, and one line
//! in each language (each marked with its `lang`). Part of the staff screen, so only a
//! signed-in session sees it; printing shows only the posters, one per page
//! (`styles/main.css`, "QR posters": named `@page`s for A4 and A5).

use yew::prelude::*;

use crate::app::components::{Qr, Radio};
use crate::app::hooks::{use_store, use_ui};
use crate::config::Journey;
use crate::lang::Lang;
use crate::route::poster_link;

/// Paper the posters are printed on.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Paper {
    A4,
    A5,
}

impl Paper {
    fn as_str(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::A5 => "a5",
        }
    }
}

#[function_component(StaffPosters)]
pub fn staff_posters() -> Html {
    let (store, ui) = (use_store(), use_ui());
    let s = ui.s();
    let lang = ui.lang;
    let shown = use_state(|| false);
    let paper = use_state(|| Paper::A4);
    let toggle = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(!*shown))
    };
    let print = Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    let pick = |p: Paper| {
        let paper = paper.clone();
        Callback::from(move |_: Event| paper.set(p))
    };
    // The app's folder (without page, query or hash): what the posters' links start with,
    // followed by the page that holds the journey (`route::page_of`).
    let base = web_sys::window()
        .and_then(|w| {
            let path = w.location().pathname().ok()?;
            let folder = &path[..path.rfind('/').map_or(0, |i| i + 1)];
            Some(format!("{}{folder}", w.location().origin().ok()?))
        })
        .unwrap_or_default();
    let (store_name, name_lang) = store.config.store.name.get_with_lang(lang);
    let journey_name = |j: Journey| match j {
        Journey::Survey => s.journey_survey,
        Journey::Feedback => s.journey_feedback,
        Journey::Wayfinding => s.journey_wayfinding,
    };
    let posters = store.config.touchpoints.iter().flat_map(|tp| {
        Journey::ALL.into_iter().filter(|j| tp.offers(*j)).map(move |j| (tp, j))
    });
    html! {
        <div class="panel posters-panel">
            <h2>{ s.staff_posters }</h2>
            <p>{ s.staff_posters_note }</p>
            <p>
                <button type="button" class="button" aria-expanded={shown.to_string()} aria-controls="poster-sheet"
                    data-action="show-posters" onclick={toggle}>
                    { if *shown { s.staff_posters_hide } else { s.staff_posters_show } }
                </button>
            </p>
            if *shown {
                <div class="poster-controls">
                    <fieldset class="poster-paper">
                        <legend>{ s.staff_poster_size }</legend>
                        <Radio name="poster-paper" id="poster-paper-a4" checked={*paper == Paper::A4} onchange={pick(Paper::A4)}>{ "A4" }</Radio>
                        <Radio name="poster-paper" id="poster-paper-a5" checked={*paper == Paper::A5} onchange={pick(Paper::A5)}>{ "A5" }</Radio>
                    </fieldset>
                    <p>
                        <button type="button" class="button primary" data-action="print" onclick={print}
                            aria-describedby="poster-print-hint">{ s.staff_print }</button>
                    </p>
                    <p class="poster-hint" id="poster-print-hint">{ s.staff_print_hint }</p>
                </div>
                <div class="poster-sheet" id="poster-sheet" data-paper={paper.as_str()}>
                    { for posters.map(|(tp, j)| {
                        let link = poster_link(&base, &tp.id, j);
                        let (tp_name, tp_lang) = tp.name.get_with_lang(lang);
                        html! {
                            <article class="poster" data-touchpoint={tp.id.clone()} data-journey={j.as_str()} data-link={link.clone()}>
                                <header class="poster-head">
                                    <span class="poster-store" lang={name_lang.tag()}>{ store_name }</span>
                                </header>
                                <div class="poster-body">
                                    <p class="poster-journey">{ journey_name(j) }</p>
                                    <Qr text={link.clone()} label={(s.poster_qr_label)(tp_name, journey_name(j))} />
                                    <ul class="poster-calls" role="list">
                                        { for Lang::ALL.iter().map(|l| html! {
                                            <li lang={l.tag()}>{ (l.strings().poster_call)(j) }</li>
                                        }) }
                                    </ul>
                                    <p class="poster-link" lang="en">{ link }</p>
                                    <p class="poster-touchpoint" lang={tp_lang.tag()}>{ tp_name }</p>
                                </div>
                            </article>
                        }
                    }) }
                </div>
            }
        </div>
    }
}
