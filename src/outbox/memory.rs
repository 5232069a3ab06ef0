//! An in-memory outbox: keeps records for the life of the page. A stand-in until the durable
//! IndexedDB queue lands; it also publishes the queued records as JSON strings in
//! `window.__storevoiceOutbox`, so end-to-end tests can compare them with what was answered.

use std::cell::RefCell;

use wasm_bindgen::JsValue;

use super::{EnqueueFuture, Outbox, Record};

#[derive(Default)]
pub struct MemoryOutbox {
    records: RefCell<Vec<Record>>,
}

impl MemoryOutbox {
    pub fn len(&self) -> usize {
        self.records.borrow().len()
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Outbox for MemoryOutbox {
    fn enqueue(&self, record: Record) -> EnqueueFuture {
        let json = serde_json::to_string(&record).unwrap_or_default();
        self.records.borrow_mut().push(record);
        if let Some(w) = web_sys::window() {
            let key = JsValue::from_str("__storevoiceOutbox");
            let list = js_sys::Reflect::get(&w, &key)
                .ok()
                .filter(|v| js_sys::Array::is_array(v))
                .map(|v| js_sys::Array::from(&v))
                .unwrap_or_default();
            list.push(&JsValue::from_str(&json));
            let _ = js_sys::Reflect::set(&w, &key, &list);
        }
        Box::pin(async { Ok(()) })
    }
}
