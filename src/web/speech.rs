//! Read-aloud's browser side: the voices the device has, and speaking through
//! `speechSynthesis` (`speech.js`). Which voice and what text are decided in
//! [`crate::speech`]; this carries it out.

use js_sys::Reflect;
use wasm_bindgen::prelude::*;

use crate::speech::{Utterance, Voice};

#[wasm_bindgen(module = "/src/web/speech.js")]
extern "C" {
    #[wasm_bindgen(js_name = voiceList)]
    fn js_voice_list() -> JsValue;
    #[wasm_bindgen(js_name = watchVoices)]
    fn js_watch_voices(cb: &Closure<dyn FnMut()>) -> js_sys::Function;
    #[wasm_bindgen(js_name = speak)]
    fn js_speak(items: &js_sys::Array, rate: f64, done: JsValue) -> bool;
    #[wasm_bindgen(js_name = cancel)]
    fn js_cancel();
}

fn string(o: &JsValue, key: &str) -> String {
    Reflect::get(o, &JsValue::from_str(key)).ok().and_then(|v| v.as_string()).unwrap_or_default()
}

fn flag(o: &JsValue, key: &str) -> bool {
    Reflect::get(o, &JsValue::from_str(key)).ok().and_then(|v| v.as_bool()).unwrap_or(false)
}

/// Reads a `getVoices()` list (or anything shaped like one); entries without a language are
/// left out, since they can be matched to nothing.
pub fn voices_from(list: &JsValue) -> Vec<Voice> {
    if !js_sys::Array::is_array(list) {
        return Vec::new();
    }
    js_sys::Array::from(list)
        .iter()
        .filter(|o| o.is_object())
        .map(|o| Voice {
            lang: string(&o, "lang"),
            name: string(&o, "name"),
            uri: string(&o, "voiceURI"),
            default: flag(&o, "default"),
            local: flag(&o, "localService"),
        })
        .filter(|v| !v.lang.trim().is_empty())
        .collect()
}

/// The device's voices now; empty without speech synthesis or before they have loaded.
pub fn voices() -> Vec<Voice> {
    voices_from(&js_voice_list())
}

/// Calls `f` whenever the device's voices change (they load after the page). Dropping the
/// watch stops it.
pub struct VoicesWatch {
    _cb: Closure<dyn FnMut()>,
    stop: js_sys::Function,
}

impl Drop for VoicesWatch {
    fn drop(&mut self) {
        let _ = self.stop.call0(&JsValue::NULL);
    }
}

pub fn watch_voices(f: impl FnMut() + 'static) -> VoicesWatch {
    let cb = Closure::<dyn FnMut()>::new(f);
    let stop = js_watch_voices(&cb);
    VoicesWatch { _cb: cb, stop }
}

/// Stops anything being read, then reads `utterances` at `rate`; `done` runs once when the
/// last one ends (or fails). False when this browser cannot speak.
pub fn speak(utterances: &[Utterance], rate: f64, done: impl FnOnce() + 'static) -> bool {
    let items = js_sys::Array::new();
    for u in utterances {
        let o = js_sys::Object::new();
        let _ = Reflect::set(&o, &"text".into(), &u.text.as_str().into());
        let _ = Reflect::set(&o, &"lang".into(), &u.lang.as_str().into());
        let _ = Reflect::set(&o, &"uri".into(), &u.voice_uri.as_str().into());
        items.push(&o);
    }
    js_speak(&items, rate, Closure::once_into_js(done))
}

/// Stops reading (navigation, the next customer, another language).
pub fn cancel() {
    js_cancel();
}
