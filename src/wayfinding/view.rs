//! "Find your way": search (with shortcuts for common facilities), then a route drawn on an
//! SVG floor plan with numbered text directions — the directions stand on their own as the
//! accessible alternative to the map — and a QR code that carries the route to a phone.
//!
//! The route lives in the hash (`#/wayfinding?to=cafe&profile=step-free&from=node`), so a
//! QR link or a reload opens the same route.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::directions::{directions, Step};
use super::graph::{Path, Profile};
use super::SHORTCUTS;
use crate::app::components::{Qr, ReadAloud};
use crate::app::context::{Store, Ui};
use crate::app::hooks::{use_route, use_store, use_ui};
use crate::app::components::HEADING_ID;
use crate::config::{Place, PlaceKind};
use crate::number::decimal;
use crate::route::{phone_link, Route, WayQuery};
use crate::web::dom;

#[function_component(Wayfinding)]
pub fn wayfinding() -> Html {
    let (store, ui) = (use_store(), use_ui());
    let initial = match use_route() {
        Route::Wayfinding(q) => q,
        _ => WayQuery::default(),
    };
    let query = use_state(String::new);
    let shortcut = use_state(|| None::<PlaceKind>);
    let to = use_state(|| initial.to.clone());
    let step_free = use_state(|| initial.profile.map_or(ui.large(), |p| p == Profile::StepFree));
    let from = initial.from.clone().or_else(|| store.touchpoint().and_then(|t| t.node.clone()));
    {
        // The route stays in the URL, so a reload or a QR link opens the same one.
        let (to, step_free, from) = ((*to).clone(), *step_free, from.clone());
        use_effect_with((to.clone(), step_free), move |_| {
            let profile = to.is_some().then_some(if step_free { Profile::StepFree } else { Profile::Shortest });
            let from = to.as_ref().and(from);
            dom::replace_location_hash(&Route::Wayfinding(WayQuery { to, from, profile }).href());
        });
    }
    {
        // Opening a route and "New search" change the screen without a route change: move
        // focus to the new heading (not on the first render; the shell handles that).
        let first = use_mut_ref(|| true);
        use_effect_with((*to).clone(), move |_| {
            if !std::mem::replace(&mut *first.borrow_mut(), false) {
                dom::focus_element(HEADING_ID);
            }
        });
    }
    let s = ui.s();
    let place = to.as_deref().and_then(|id| store.config.map.places.iter().find(|p| p.id == id));

    if let Some(place) = place {
        let back = {
            let to = to.clone();
            Callback::from(move |_| to.set(None))
        };
        let toggle = {
            let step_free = step_free.clone();
            Callback::from(move |_| step_free.set(!*step_free))
        };
        return html! {
            <RouteView place={Rc::new(place.clone())} from={from.clone()} step_free={*step_free} on_toggle={toggle} on_back={back} />
        };
    }

    let lang = ui.lang;
    let results: Vec<&Place> = match *shortcut {
        Some(kind) if query.trim().is_empty() => store.config.map.places.iter().filter(|p| p.kind == kind).collect(),
        _ => store.directory().search(&query).into_iter().filter_map(|h| store.config.map.places.get(h.doc)).collect(),
    };
    let showing = !query.trim().is_empty() || shortcut.is_some();
    let oninput = {
        let (query, shortcut) = (query.clone(), shortcut.clone());
        Callback::from(move |e: InputEvent| {
            let v = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()).map(|i| i.value()).unwrap_or_default();
            shortcut.set(None);
            query.set(v);
        })
    };
    html! {
        <section class="wayfinding" aria-labelledby={HEADING_ID}>
            <h1 id={HEADING_ID} tabindex="-1">{ s.journey_wayfinding }</h1>
            <div class="field">
                <label class="field-label" for="wf-search">{ s.wf_search }</label>
                <input id="wf-search" type="search" autocomplete="off" value={(*query).clone()} {oninput}
                    aria-describedby="wf-search-hint" enterkeyhint="search" />
                <p class="hint" id="wf-search-hint">{ s.wf_search_hint }</p>
            </div>
            <h2 class="visually-hidden">{ s.wf_shortcuts }</h2>
            <div class="chips shortcuts" role="group" aria-label={s.wf_shortcuts}>
                { for SHORTCUTS.iter().map(|&k| {
                    let (shortcut, query) = (shortcut.clone(), query.clone());
                    html! {
                        <button type="button" class="control shortcut" aria-pressed={(*shortcut == Some(k)).to_string()}
                            onclick={Callback::from(move |_| { query.set(String::new()); shortcut.set(Some(k)); })}>
                            { (s.place_kind)(k) }
                        </button>
                    }
                }) }
            </div>
            // The live region is always there, so the count is announced when its text arrives.
            <p class="results-count" role="status">
                if showing { { if results.is_empty() { s.wf_no_results.to_string() } else { (s.wf_results)(results.len()) } } }
            </p>
            if showing {
                <ul class="results" role="list">
                    { for results.iter().map(|p| {
                        let (name, nl) = p.name.get_with_lang(lang);
                        let floor = floor_name(&store, &ui, &p.floor);
                        let (to, id) = (to.clone(), p.id.clone());
                        html! {
                            <li>
                                <button type="button" class="result" onclick={Callback::from(move |_| to.set(Some(id.clone())))}>
                                    <span class="result-name" lang={nl.tag()}>{ name }</span>
                                    <span class="result-floor">{ floor }</span>
                                </button>
                            </li>
                        }
                    }) }
                </ul>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct RouteProps {
    place: Rc<Place>,
    from: Option<String>,
    step_free: bool,
    on_toggle: Callback<MouseEvent>,
    on_back: Callback<MouseEvent>,
}

fn floor_name(store: &Store, ui: &Ui, floor_id: &str) -> String {
    store.config.map.floors.iter().find(|f| f.id == floor_id).map(|f| f.name.get(ui.lang).to_string()).unwrap_or_default()
}

#[function_component(RouteView)]
fn route_view(p: &RouteProps) -> Html {
    let (store, ui) = (use_store(), use_ui());
    let s = ui.s();
    let lang = ui.lang;
    let profile = if p.step_free { Profile::StepFree } else { Profile::Shortest };
    let path: Option<Path> = p.from.as_deref().and_then(|f| store.directory().route(f, &p.place, profile));
    let start_floor = p
        .from
        .as_deref()
        .and_then(|f| store.directory().node_index(f))
        .and_then(|i| store.directory().node(i))
        .map(|n| n.0.clone())
        .unwrap_or_else(|| p.place.floor.clone());
    let shown_floor = use_state(|| start_floor.clone());
    {
        let (shown_floor, start_floor) = (shown_floor.clone(), start_floor.clone());
        use_effect_with((p.place.id.clone(), p.step_free), move |_| shown_floor.set(start_floor));
    }
    let (pname, _) = p.place.name.get_with_lang(lang);
    let steps: Vec<Step> = path.as_ref().map(|path| directions(path, &store.directory().spots(path))).unwrap_or_default();
    let step_text = |st: &Step| {
        let floor = match st {
            Step::ChangeFloor { to_level, .. } => store
                .config
                .map
                .floors
                .iter()
                .find(|f| f.level == *to_level)
                .map(|f| f.name.get(lang).to_string())
                .unwrap_or_default(),
            _ => String::new(),
        };
        (s.wf_step)(st, &floor, pname)
    };
    let link = {
        let base = web_sys::window()
            .and_then(|w| Some(format!("{}{}", w.location().origin().ok()?, w.location().pathname().ok()?)))
            .unwrap_or_default();
        let route = Route::Wayfinding(WayQuery { to: Some(p.place.id.clone()), from: p.from.clone(), profile: Some(profile) });
        phone_link(&base, lang, &store.launch.touchpoint, &route)
    };
    // Read aloud: the heading, then the directions as listed (or why there are none).
    let here = [s.wf_you_are_here.to_string(), store.touchpoint().map(|t| t.name.get(lang).to_string()).unwrap_or_default(), floor_name(&store, &ui, &start_floor)];
    let spoken_lines: Vec<String> = if path.is_some() {
        std::iter::once(here.iter().filter(|x| !x.is_empty()).cloned().collect::<Vec<_>>().join(s.speech_sep)).chain(steps.iter().map(step_text)).collect()
    } else {
        vec![(if p.step_free { s.wf_no_step_free } else { s.wf_no_route }).to_string()]
    };
    let spoken = crate::speech::route(lang, &(s.wf_route_to)(pname), &spoken_lines);
    html! {
        <section class="wayfinding route" aria-labelledby={HEADING_ID}>
            <h1 id={HEADING_ID} tabindex="-1">{ (s.wf_route_to)(pname) }</h1>
            <div class="route-bar">
                <button type="button" class="control step-free-toggle" aria-pressed={p.step_free.to_string()} onclick={p.on_toggle.clone()}>
                    <span aria-hidden="true">{ "♿ " }</span>{ s.wf_step_free }
                </button>
                <button type="button" class="control" onclick={p.on_back.clone()}>{ s.wf_new_search }</button>
            </div>
            <div role="status">
                if path.is_none() {
                    <p class="notice">{ if p.step_free { s.wf_no_step_free } else { s.wf_no_route } }</p>
                }
            </div>
            <div class="route-body">
                <div class="route-map">
                    <div class="chips floor-tabs" role="group" aria-label={s.wf_floors}>
                        { for store.config.map.floors.iter().map(|f| {
                            let (shown, id) = (shown_floor.clone(), f.id.clone());
                            let on_route = path.as_ref().is_some_and(|path| path.nodes.iter().any(|n| store.directory().node(*n).is_some_and(|x| x.0 == f.id)));
                            html! {
                                <button type="button" class={classes!("control", "floor-tab", on_route.then_some("on-route"))}
                                    aria-pressed={(*shown_floor == f.id).to_string()}
                                    onclick={Callback::from(move |_| shown.set(id.clone()))}>
                                    { f.name.get(lang) }
                                </button>
                            }
                        }) }
                    </div>
                    { floor_plan(&store, &ui, &shown_floor, path.as_ref(), &p.place) }
                </div>
                // No route (a stairs-only place with step-free on): no empty directions
                // heading and nothing to take along; the notice above says why.
                if path.is_some() {
                <div class="route-text">
                    <h2>{ s.wf_directions }</h2>
                    <ReadAloud pieces={spoken} />
                        <ol class="directions">
                            <li>{ s.wf_you_are_here }{ " · " }{ store.touchpoint().map(|t| t.name.get(lang).to_string()).unwrap_or_default() }{ " · " }{ floor_name(&store, &ui, &start_floor) }</li>
                            { for steps.iter().map(|st| html! { <li>{ step_text(st) }</li> }) }
                        </ol>
                    // Only a shared device offers the route to take along, and only to scan: a
                    // tappable link would turn the kiosk itself into a "personal" device that
                    // never resets. A phone has nothing to take along.
                    if store.shared_device() {
                        <div class="take-along">
                            <Qr text={link.clone()} label={s.wf_take_along} />
                            <p class="take-along-hint" aria-hidden="true">{ s.wf_take_along }</p>
                        </div>
                    }
                </div>
                }
            </div>
        </section>
    }
}

fn floor_plan(store: &Store, ui: &Ui, floor_id: &str, path: Option<&Path>, dest: &Place) -> Html {
    use super::plan::{self, Candidate, Pt};
    let s = ui.s();
    let lang = ui.lang;
    let Some(floor) = store.config.map.floors.iter().find(|f| f.id == floor_id) else { return html! {} };
    let mut lines: Vec<(Pt, Pt)> = Vec::new();
    let (mut start, mut end) = (None, None);
    let at = |x: f64, y: f64| Pt { x, y };
    if let Some(path) = path {
        for w in path.nodes.windows(2) {
            if let (Some(a), Some(b)) = (store.directory().node(w[0]), store.directory().node(w[1])) {
                if a.0 == floor.id && b.0 == floor.id {
                    lines.push((at(a.1.x, a.1.y), at(b.1.x, b.1.y)));
                }
            }
        }
        start = path.nodes.first().and_then(|n| store.directory().node(*n)).filter(|n| n.0 == floor.id).map(|n| at(n.1.x, n.1.y));
        end = path.nodes.last().and_then(|n| store.directory().node(*n)).filter(|n| n.0 == floor.id).map(|n| at(n.1.x, n.1.y));
    }
    let places: Vec<&Place> = store.config.map.places.iter().filter(|p| p.floor == floor.id).collect();
    let dest_here = (dest.floor == floor.id).then(|| at(dest.x, dest.y));

    // Large text: the part of the floor around the route, labels as big as the body text,
    // only start, destination and the places near the route (see `plan`).
    let large = ui.large();
    let framed: Vec<Pt> = lines.iter().flat_map(|(a, b)| [*a, *b]).chain(start).chain(end).chain(dest_here).collect();
    let vb = if large {
        plan::view_box(floor.width, floor.height, &framed, 40.0)
    } else {
        plan::view_box(floor.width, floor.height, &[], 0.0)
    };
    let font = if large { vb.w / plan::LARGE_PLAN_EM } else { plan::STANDARD_FONT };
    let near = |p: &Place| {
        let here = at(p.x, p.y);
        lines.iter().map(|(a, b)| plan::distance_to_segment(here, *a, *b)).fold(f64::MAX, f64::min)
    };
    let mut cands: Vec<(Candidate, Option<&Place>)> = Vec::new();
    if let Some(a) = start {
        cands.push((Candidate { anchor: a, text: s.wf_you_are_here.to_string(), clear: 3.0, must: true }, None));
    }
    if let Some(b) = end.or(dest_here) {
        cands.push((Candidate { anchor: b, text: dest.name.get(lang).to_string(), clear: 3.0, must: true }, Some(dest)));
    }
    let mut others: Vec<(f64, &Place)> =
        places.iter().filter(|p| p.id != dest.id).map(|p| (if large { near(p) } else { 0.0 }, *p)).filter(|(d, _)| *d <= plan::NEAR_ROUTE).collect();
    // Nearest the route first. A floor has a handful of places: an insertion sort keeps the
    // wasm smaller than another instance of the standard library's sort.
    for i in 1..others.len() {
        let mut j = i;
        while j > 0 && others[j - 1].0 > others[j].0 {
            others.swap(j - 1, j);
            j -= 1;
        }
    }
    for (_, p) in others {
        cands.push((Candidate { anchor: at(p.x, p.y), text: p.name.get(lang).to_string(), clear: 2.0, must: false }, Some(p)));
    }
    let markers: Vec<(Pt, f64)> = start.iter().chain(end.iter()).map(|p| (*p, 2.4)).chain(places.iter().map(|p| (at(p.x, p.y), 1.3))).collect();
    let only: Vec<Candidate> = cands.iter().map(|(c, _)| c.clone()).collect();
    // Labels stay on the floor itself, off its outline.
    let floor_rect = plan::Rect { x: 0.0, y: 0.0, w: floor.width, h: floor.height };
    let placed = plan::place_labels(&only, font, vb.meet(&floor_rect), &lines, 1.4, &markers);

    let label = (s.wf_map)(floor.name.get(lang));
    html! {
        <svg class={classes!("floor-plan", large.then_some("is-large"))} role="img" aria-label={label}
            viewBox={format!("{} {} {} {}", decimal(vb.x), decimal(vb.y), decimal(vb.w), decimal(vb.h))}>
            <rect x="0" y="0" width={decimal(floor.width)} height={decimal(floor.height)} class="plan-outline" />
            { for places.iter().map(|p| html! {
                <circle class={classes!("plan-dot", (p.id == dest.id).then_some("is-destination"))} cx={decimal(p.x)} cy={decimal(p.y)} r="1.3" />
            }) }
            { for lines.iter().map(|(a, b)| html! {
                <line x1={decimal(a.x)} y1={decimal(a.y)} x2={decimal(b.x)} y2={decimal(b.y)} class="plan-route" />
            }) }
            if let Some(a) = start {
                <circle class="plan-here" cx={decimal(a.x)} cy={decimal(a.y)} r="2.4" />
            }
            if let Some(b) = end {
                <circle class="plan-dest" cx={decimal(b.x)} cy={decimal(b.y)} r="2.4" />
            }
            { for placed.iter().map(|l| {
                let (c, place) = &cands[l.index];
                let kind = match place {
                    None => "is-here",
                    Some(p) if p.id == dest.id => "is-destination",
                    Some(_) => "is-place",
                };
                let text_lang = place.map(|p| p.name.get_with_lang(lang).1.tag()).unwrap_or(lang.tag());
                html! {
                    <text class={classes!("plan-label", kind)} x={decimal(l.x)} y={decimal(l.baseline)}
                        font-size={decimal(font)} lang={text_lang}>{ c.text.clone() }</text>
                }
            }) }
        </svg>
    }
}
