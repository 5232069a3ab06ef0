//! The durable outbox: IndexedDB stores `pending` and `rejected` (schema in browser.js).
//!
//! `enqueue` resolves only after a strict-durability transaction completed. If the browser
//! refuses the write (storage full, private mode, database gone), the record is kept in
//! memory, written again every few seconds, and counted for staff; it is never dropped.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::cloudevent::to_cloudevent;
use super::{EnqueueError, EnqueueFuture, Outbox, Record};
use crate::web::platform::now_ms;

#[wasm_bindgen(module = "/src/outbox/browser.js")]
extern "C" {
    #[wasm_bindgen(js_name = openDb)]
    fn js_open_db(name: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = putPending)]
    fn js_put_pending(db: &JsValue, entry: &JsValue) -> js_sys::Promise;
    #[wasm_bindgen(js_name = putPendingWithContact)]
    fn js_put_pending_with_contact(db: &JsValue, entry: &JsValue, contact: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = loadContacts)]
    fn js_load_contacts(db: &JsValue, ids: &Array) -> js_sys::Promise;
    #[wasm_bindgen(js_name = canEncrypt)]
    pub fn can_encrypt() -> bool;
    #[wasm_bindgen(js_name = peekPending)]
    fn js_peek_pending(db: &JsValue, limit: u32) -> js_sys::Promise;
    #[wasm_bindgen(js_name = deletePending)]
    fn js_delete_pending(db: &JsValue, ids: &Array) -> js_sys::Promise;
    #[wasm_bindgen(js_name = rejectPending)]
    fn js_reject_pending(db: &JsValue, entries: &Array) -> js_sys::Promise;
    #[wasm_bindgen(js_name = count)]
    fn js_count(db: &JsValue, store: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = getAll)]
    fn js_get_all(db: &JsValue, store: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = closeDb)]
    fn js_close_db(db: &JsValue);
    #[wasm_bindgen(js_name = persistStorage)]
    fn js_persist_storage() -> js_sys::Promise;
}

pub const DEFAULT_DB_NAME: &str = "storevoice-outbox";

/// A queued record: its id, the CloudEvent as JSON text, when it was queued. Contact
/// details are not in `event`: they are stored apart, encrypted (`has_contact`).
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    pub id: String,
    pub event: String,
    pub queued_at: f64,
    pub has_contact: bool,
}

/// A record the endpoint refused, kept for staff with the endpoint's answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejected {
    pub pending: Pending,
    pub status: u16,
    pub body: String,
}

fn err_text(e: JsValue) -> String {
    e.as_string().unwrap_or_else(|| format!("{e:?}"))
}

fn set(o: &Object, k: &str, v: &JsValue) {
    let _ = Reflect::set(o, &JsValue::from_str(k), v);
}

fn get_str(o: &JsValue, k: &str) -> Option<String> {
    Reflect::get(o, &JsValue::from_str(k)).ok()?.as_string()
}

impl Pending {
    /// The pending entry and, apart, the contact details (JSON) to store encrypted.
    pub fn from_record(record: &Record, now: f64) -> (Self, Option<String>) {
        let mut event = to_cloudevent(record);
        let contact = event.get_mut("data").and_then(|d| d.as_object_mut()).and_then(|d| d.remove("contact"));
        let contact = contact.map(|c| c.to_string());
        let p = Pending { id: record.id().to_string(), event: event.to_string(), queued_at: now, has_contact: contact.is_some() };
        (p, contact)
    }

    /// The event to send, with the decrypted contact details joined back into `data`.
    pub fn event_with_contact(&self, contact_json: Option<&str>) -> String {
        let Some(c) = contact_json else { return self.event.clone() };
        match (serde_json::from_str::<serde_json::Value>(&self.event), serde_json::from_str::<serde_json::Value>(c)) {
            (Ok(mut ev), Ok(contact)) => {
                if let Some(data) = ev.get_mut("data").and_then(|d| d.as_object_mut()) {
                    data.insert("contact".into(), contact);
                }
                ev.to_string()
            }
            _ => self.event.clone(),
        }
    }

    fn to_js(&self) -> JsValue {
        let o = Object::new();
        set(&o, "id", &JsValue::from_str(&self.id));
        set(&o, "event", &JsValue::from_str(&self.event));
        set(&o, "queued_at", &JsValue::from_f64(self.queued_at));
        o.into()
    }

    fn from_js(v: &JsValue) -> Option<Self> {
        Some(Pending {
            id: get_str(v, "id")?,
            event: get_str(v, "event")?,
            queued_at: Reflect::get(v, &JsValue::from_str("queued_at")).ok()?.as_f64()?,
            has_contact: Reflect::get(v, &JsValue::from_str("has_contact")).ok().and_then(|b| b.as_bool()).unwrap_or(false),
        })
    }
}

/// An open outbox database.
#[derive(Clone)]
pub struct Db(JsValue);

impl Db {
    pub async fn open(name: &str) -> Result<Db, String> {
        JsFuture::from(js_open_db(name)).await.map(Db).map_err(err_text)
    }

    pub async fn put(&self, p: &Pending) -> Result<(), String> {
        JsFuture::from(js_put_pending(&self.0, &p.to_js())).await.map(|_| ()).map_err(err_text)
    }

    /// Queues `p` with its contact details stored apart, encrypted, in the same transaction.
    pub async fn put_with_contact(&self, p: &Pending, contact_json: &str) -> Result<(), String> {
        JsFuture::from(js_put_pending_with_contact(&self.0, &p.to_js(), contact_json)).await.map(|_| ()).map_err(err_text)
    }

    /// Decrypted contact details of these records, by id.
    pub async fn contacts(&self, ids: &[String]) -> Result<Vec<(String, String)>, String> {
        let arr: Array = ids.iter().map(|i| JsValue::from_str(i)).collect();
        let pairs = JsFuture::from(js_load_contacts(&self.0, &arr)).await.map_err(err_text)?;
        Ok(Array::from(&pairs)
            .iter()
            .filter_map(|pair| {
                let pair = Array::from(&pair);
                Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
            })
            .collect())
    }

    /// The oldest `limit` pending records.
    pub async fn peek(&self, limit: u32) -> Result<Vec<Pending>, String> {
        let all = JsFuture::from(js_peek_pending(&self.0, limit)).await.map_err(err_text)?;
        Ok(Array::from(&all).iter().filter_map(|v| Pending::from_js(&v)).collect())
    }

    pub async fn acknowledge(&self, ids: &[String]) -> Result<(), String> {
        let arr: Array = ids.iter().map(|i| JsValue::from_str(i)).collect();
        JsFuture::from(js_delete_pending(&self.0, &arr)).await.map(|_| ()).map_err(err_text)
    }

    pub async fn reject(&self, rejected: &[Rejected]) -> Result<(), String> {
        let arr: Array = rejected
            .iter()
            .map(|r| {
                let o = Object::from(r.pending.to_js());
                set(&o, "status", &JsValue::from_f64(r.status as f64));
                set(&o, "response", &JsValue::from_str(&r.body));
                set(&o, "rejected_at", &JsValue::from_f64(now_ms()));
                JsValue::from(o)
            })
            .collect();
        JsFuture::from(js_reject_pending(&self.0, &arr)).await.map(|_| ()).map_err(err_text)
    }

    pub async fn count(&self, store: &str) -> Result<u32, String> {
        let n = JsFuture::from(js_count(&self.0, store)).await.map_err(err_text)?;
        Ok(n.as_f64().unwrap_or(0.0) as u32)
    }

    /// Every id in `store` (for staff and tests).
    pub async fn ids(&self, store: &str) -> Result<Vec<String>, String> {
        let all = JsFuture::from(js_get_all(&self.0, store)).await.map_err(err_text)?;
        Ok(Array::from(&all).iter().filter_map(|v| get_str(&v, "id")).collect())
    }

    pub fn close(&self) {
        js_close_db(&self.0);
    }
}

/// Asks the browser for persistent storage; true when granted.
pub async fn persist_storage() -> bool {
    JsFuture::from(js_persist_storage()).await.ok().and_then(|v| v.as_bool()).unwrap_or(false)
}

/// What staff see of the outbox.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Health {
    /// Records kept in memory because the durable write failed.
    pub unsaved: usize,
    /// The last storage error, if the last write failed.
    pub storage_error: Option<String>,
    /// `navigator.storage.persist()` granted.
    pub persisted: Option<bool>,
}

/// The outbox the app hands records to.
pub struct IdbOutbox {
    name: String,
    db: RefCell<Option<Db>>,
    unsaved: RefCell<Vec<(Pending, Option<String>)>>,
    retrying: Cell<bool>,
    health: RefCell<Health>,
    /// Called after each successful write, to wake the sender.
    on_queued: RefCell<Option<Rc<dyn Fn(&str, &str)>>>,
}

impl IdbOutbox {
    pub fn new(name: &str) -> Rc<Self> {
        Rc::new(IdbOutbox {
            name: name.to_string(),
            db: RefCell::new(None),
            unsaved: RefCell::new(Vec::new()),
            retrying: Cell::new(false),
            health: RefCell::new(Health::default()),
            on_queued: RefCell::new(None),
        })
    }

    /// `f(id, event)` runs after each durable write, with the event as it will be sent.
    pub fn set_on_queued(&self, f: Rc<dyn Fn(&str, &str)>) {
        *self.on_queued.borrow_mut() = Some(f);
    }

    pub fn health(&self) -> Health {
        let mut h = self.health.borrow().clone();
        h.unsaved = self.unsaved.borrow().len();
        h
    }

    pub fn set_persisted(&self, granted: bool) {
        self.health.borrow_mut().persisted = Some(granted);
    }

    /// The open database, opening it on first use (and again after a failure).
    pub async fn db(&self) -> Result<Db, String> {
        if let Some(db) = self.db.borrow().clone() {
            return Ok(db);
        }
        let db = Db::open(&self.name).await?;
        *self.db.borrow_mut() = Some(db.clone());
        Ok(db)
    }

    async fn write(&self, p: &Pending, contact: Option<&str>) -> Result<(), String> {
        let db = self.db().await?;
        let written = match contact {
            Some(c) => db.put_with_contact(p, c).await,
            None => db.put(p).await,
        };
        match written {
            Ok(()) => Ok(()),
            Err(e) => {
                // The connection may be gone (e.g. storage cleared): reopen next time.
                if e.contains("InvalidStateError") {
                    *self.db.borrow_mut() = None;
                }
                Err(e)
            }
        }
    }

    fn queued(&self, p: &Pending, contact: Option<&str>) {
        self.health.borrow_mut().storage_error = None;
        let f = self.on_queued.borrow().clone();
        if let Some(f) = f {
            f(&p.id, &p.event_with_contact(contact));
        }
    }

    /// Writes the records kept in memory, every 5 s until all are stored.
    fn retry_unsaved(self: &Rc<Self>) {
        if self.retrying.replace(true) {
            return;
        }
        let me = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            loop {
                gloo::timers::future::TimeoutFuture::new(5_000).await;
                let batch: Vec<(Pending, Option<String>)> = me.unsaved.borrow().clone();
                for (p, contact) in batch {
                    match me.write(&p, contact.as_deref()).await {
                        Ok(()) => {
                            me.unsaved.borrow_mut().retain(|(u, _)| u.id != p.id);
                            me.queued(&p, contact.as_deref());
                        }
                        Err(e) => me.health.borrow_mut().storage_error = Some(e),
                    }
                }
                if me.unsaved.borrow().is_empty() {
                    me.retrying.set(false);
                    return;
                }
            }
        });
    }
}

/// `Outbox` for the shared handle the app keeps.
pub struct SharedIdbOutbox(pub Rc<IdbOutbox>);

impl Outbox for SharedIdbOutbox {
    fn enqueue(&self, record: Record) -> EnqueueFuture {
        let me = self.0.clone();
        Box::pin(async move {
            let (p, contact) = Pending::from_record(&record, now_ms());
            match me.write(&p, contact.as_deref()).await {
                Ok(()) => {
                    me.queued(&p, contact.as_deref());
                    Ok(())
                }
                Err(e) => {
                    // Kept, counted, retried: never dropped.
                    {
                        let mut unsaved = me.unsaved.borrow_mut();
                        if !unsaved.iter().any(|(u, _)| u.id == p.id) {
                            unsaved.push((p, contact));
                        }
                    }
                    me.health.borrow_mut().storage_error = Some(e.clone());
                    me.retry_unsaved();
                    Err(EnqueueError::Storage(e))
                }
            }
        })
    }
}
