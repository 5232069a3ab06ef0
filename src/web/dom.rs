//! The document: `<html lang>`, theme attributes, focus, the URL.

use crate::config::Mode;
use crate::lang::Lang;

/// Runs `f` once what is on screen now has had its chance to be painted: after the next
/// animation frame, in a task of its own. A page that is hidden (no frames) or a frame that
/// does not come within 100 ms runs it on a timer instead; `f` runs exactly once.
pub fn after_paint(f: impl FnOnce() + 'static) {
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    let once: Rc<RefCell<Option<Box<dyn FnOnce()>>>> = Rc::new(RefCell::new(Some(Box::new(f))));
    let run = {
        let once = once.clone();
        move || {
            let f = once.borrow_mut().take();
            if let Some(f) = f {
                f();
            }
        }
    };
    let fallback = gloo::timers::callback::Timeout::new(100, run.clone());
    let frame = Closure::once_into_js(move || {
        drop(fallback);
        gloo::timers::callback::Timeout::new(0, run).forget();
    });
    let asked = web_sys::window().map(|w| w.request_animation_frame(frame.unchecked_ref()).is_ok());
    if asked != Some(true) {
        let f = once.borrow_mut().take();
        if let Some(f) = f {
            gloo::timers::callback::Timeout::new(0, f).forget();
        }
    }
}

/// Removes index.html's static boot screen (spinner, "still loading" notice).
pub fn remove_boot_screen() {
    if let Some(boot) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("boot")) {
        boot.remove();
    }
}

fn root() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.document_element()
}

/// Marks the document language so screen readers and fonts pick the right script.
pub fn set_document_lang(lang: Lang) {
    if let Some(html) = root() {
        let _ = html.set_attribute("lang", lang.tag());
    }
}

/// `data-mode="large"` switches the CSS custom properties to the large-text theme.
pub fn set_document_mode(mode: Mode) {
    if let Some(html) = root() {
        let _ = html.set_attribute("data-mode", mode.as_str());
    }
}

/// Sets the store's brand colours as CSS custom properties, through the CSSOM: the page's
/// Content-Security-Policy allows no inline style attributes.
pub fn set_brand_colors(brand: &str, on_brand: &str) {
    use wasm_bindgen::JsCast;
    if let Some(html) = root().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let style = html.style();
        let _ = style.set_property("--brand", brand);
        let _ = style.set_property("--on-brand", on_brand);
    }
}

pub fn set_title(title: &str) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        doc.set_title(title);
    }
}

/// The browser's preferred languages, most preferred first.
pub fn browser_languages() -> Vec<String> {
    let Some(nav) = web_sys::window().map(|w| w.navigator()) else { return Vec::new() };
    let mut out: Vec<String> = nav.languages().iter().filter_map(|v| v.as_string()).collect();
    if out.is_empty() {
        if let Some(l) = nav.language() {
            out.push(l);
        }
    }
    out
}

/// The language to use before any config is known (loading and config-error screens).
pub fn browser_lang() -> Lang {
    let langs = browser_languages();
    Lang::from_preferences(langs.iter().map(String::as_str)).unwrap_or_default()
}

pub fn location_search() -> String {
    web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default()
}

pub fn location_hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

thread_local! {
    static REPLACE_HISTORY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// On a shared device every screen change replaces the current history entry, so Back
/// (Android back, Alt+←) has nothing of an earlier customer to go back to.
pub fn set_replace_history(on: bool) {
    REPLACE_HISTORY.with(|r| r.set(on));
}

/// Goes to `hash` (`#/survey`): a new history entry, or the current one replaced on a
/// shared device. Either way `hashchange` fires.
pub fn set_location_hash(hash: &str) {
    if let Some(w) = web_sys::window() {
        let loc = w.location();
        let _ = if REPLACE_HISTORY.with(|r| r.get()) { loc.replace(hash) } else { loc.set_hash(hash) };
    }
}

/// Loads the page again, at its current address.
pub fn reload() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}

/// Changes the hash without a new history entry (a screen keeping its own state in the URL).
pub fn replace_location_hash(hash: &str) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(hash));
    }
}

/// Moves keyboard and screen-reader focus to the element with `id` (the page heading after
/// a route change), so users of assistive technology hear that the screen changed.
pub fn focus_element(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}
