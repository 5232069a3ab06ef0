//! The durable outbox: IndexedDB stores `pending` and `rejected` (schema in browser.js).
//!
//! `enqueue` resolves only after a strict-durability transaction completed. If the browser
//! refuses the write (storage full, private mode, database gone), the record is kept in
//! memory, written again every few seconds, and counted for staff; it is never dropped.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::handover::Carried;
use super::cloudevent::{to_cloudevent, with_contact, Contact, Marks};
use super::error::StorageError;
use super::Record;
use crate::web::platform::now_ms;

#[wasm_bindgen(module = "/src/outbox/browser.js")]
extern "C" {
    #[wasm_bindgen(js_name = openDb)]
    fn js_open_db(name: &str, factory: Option<&JsValue>) -> js_sys::Promise;
    #[wasm_bindgen(js_name = putPending)]
    fn js_put_pending(db: &JsValue, id: &str, event: &str, queued_at: f64) -> js_sys::Promise;
    #[wasm_bindgen(js_name = putPendingWithContact)]
    fn js_put_pending_with_contact(db: &JsValue, id: &str, event: &str, queued_at: f64, contact: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = loadContacts)]
    fn js_load_contacts(db: &JsValue, ids: &Array) -> js_sys::Promise;
    #[wasm_bindgen(js_name = canEncrypt)]
    pub fn can_encrypt() -> bool;
    #[wasm_bindgen(js_name = peekPending)]
    fn js_peek_pending(db: &JsValue, limit: u32) -> js_sys::Promise;
    #[wasm_bindgen(js_name = deletePending)]
    fn js_delete_pending(db: &JsValue, ids: &Array) -> js_sys::Promise;
    #[wasm_bindgen(js_name = rejectedEntry)]
    fn js_rejected_entry(id: &str, event: &str, queued_at: f64, status: u16, response: &str, rejected_at: f64, had_contact: bool) -> JsValue;
    #[wasm_bindgen(js_name = rejectPending)]
    fn js_reject_pending(db: &JsValue, entries: &Array) -> js_sys::Promise;
    #[wasm_bindgen(js_name = count)]
    fn js_count(db: &JsValue, store: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = keys)]
    fn js_keys(db: &JsValue, store: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = closeDb)]
    fn js_close_db(db: &JsValue);
    #[wasm_bindgen(js_name = persistStorage)]
    fn js_persist_storage() -> js_sys::Promise;
    // outbox care
    #[wasm_bindgen(js_name = allPending)]
    fn js_all_pending(db: &JsValue) -> js_sys::Promise;
    #[wasm_bindgen(js_name = allRejected)]
    fn js_all_rejected(db: &JsValue) -> js_sys::Promise;
    #[wasm_bindgen(js_name = requeueRejected)]
    fn js_requeue_rejected(db: &JsValue, ids: &JsValue) -> js_sys::Promise;
    #[wasm_bindgen(js_name = storageEstimate)]
    fn js_storage_estimate() -> js_sys::Promise;
    #[wasm_bindgen(js_name = storagePersisted)]
    fn js_storage_persisted() -> js_sys::Promise;
}

// What browser.js hands back, read through typed getters instead of `Reflect`.
#[wasm_bindgen]
extern "C" {
    /// An entry of the "pending" store: `{id, event, queued_at, has_contact?}`.
    type PendingJs;
    #[wasm_bindgen(method, getter)]
    fn id(this: &PendingJs) -> Option<String>;
    #[wasm_bindgen(method, getter)]
    fn event(this: &PendingJs) -> Option<String>;
    #[wasm_bindgen(method, getter)]
    fn queued_at(this: &PendingJs) -> Option<f64>;
    #[wasm_bindgen(method, getter)]
    fn has_contact(this: &PendingJs) -> Option<bool>;

    /// An entry of the "rejected" store: a pending entry plus `{status, response, rejected_at}`.
    type RejectedJs;
    #[wasm_bindgen(method, getter)]
    fn status(this: &RejectedJs) -> Option<f64>;
    #[wasm_bindgen(method, getter)]
    fn response(this: &RejectedJs) -> Option<String>;
    #[wasm_bindgen(method, getter)]
    fn rejected_at(this: &RejectedJs) -> Option<f64>;
    #[wasm_bindgen(method, getter)]
    fn had_contact(this: &RejectedJs) -> Option<bool>;

    /// What `storageEstimate` resolves to: `{usage, quota}` (either may be null).
    type EstimateJs;
    #[wasm_bindgen(method, getter)]
    fn usage(this: &EstimateJs) -> Option<f64>;
    #[wasm_bindgen(method, getter)]
    fn quota(this: &EstimateJs) -> Option<f64>;

    /// The `{name, message}` every storage function of browser.js rejects with.
    type FailureJs;
    #[wasm_bindgen(method, getter)]
    fn name(this: &FailureJs) -> Option<String>;
    #[wasm_bindgen(method, getter)]
    fn message(this: &FailureJs) -> Option<String>;
}

pub const DEFAULT_DB_NAME: &str = "storevoice-outbox";

/// How often records kept in memory (their durable write failed) are written again.
pub const UNSAVED_RETRY_MS: u32 = 5_000;

/// A queued record: its id, the CloudEvent as JSON text, when it was queued. Contact
/// details are not in `event`: they are stored apart, encrypted (`has_contact`).
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    pub id: String,
    pub event: String,
    pub queued_at: f64,
    pub has_contact: bool,
}

/// A record's contact details as read from the "contacts" store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactRow {
    pub id: String,
    /// The decrypted JSON text; `None` when the row is missing or cannot be decrypted (the
    /// key is gone, the row is damaged).
    pub json: Option<String>,
}

/// A record the endpoint refused, kept for staff with the endpoint's answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejected {
    pub pending: Pending,
    pub status: u16,
    pub body: String,
}

/// A record in "rejected" as staff see it: the entry, the endpoint's answer, and when.
#[derive(Debug, Clone, PartialEq)]
pub struct RejectedEntry {
    pub rejected: Rejected,
    /// When it was refused (ms since the epoch).
    pub rejected_at: f64,
}

impl RejectedEntry {
    fn from_js(v: JsValue) -> Option<Self> {
        let mut pending = Pending::from_js(v.clone())?;
        let r: &RejectedJs = v.unchecked_ref();
        // The contact details were deleted with the refusal; this says there were some.
        pending.has_contact = r.had_contact().unwrap_or(false);
        let status = r.status().filter(|s| (0.0..=999.0).contains(s)).map_or(0, |s| s as u16);
        Some(RejectedEntry {
            rejected: Rejected { pending, status, body: r.response().unwrap_or_default() },
            rejected_at: r.rejected_at().unwrap_or(0.0),
        })
    }
}

/// `navigator.storage.estimate()`: bytes this origin uses, and may use.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    pub usage: Option<f64>,
    pub quota: Option<f64>,
}

/// How many records are waiting to be sent, and how many the endpoint refused.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub pending: u32,
    pub rejected: u32,
}

/// A rejection from browser.js as the typed error (mapped here, once).
fn storage_error(e: JsValue) -> StorageError {
    if e.is_object() {
        let f: FailureJs = e.unchecked_into();
        StorageError::from_parts(f.name().as_deref().unwrap_or(""), f.message().as_deref().unwrap_or(""))
    } else {
        StorageError::from_parts("", &e.as_string().unwrap_or_default())
    }
}

async fn call(promise: js_sys::Promise) -> Result<JsValue, StorageError> {
    JsFuture::from(promise).await.map_err(storage_error)
}

fn id_array(ids: &[String]) -> Array {
    ids.iter().map(|i| JsValue::from_str(i)).collect()
}

impl Pending {
    /// The pending entry and, apart, the contact details (JSON) to store encrypted.
    pub fn from_record(record: &Record, marks: &Marks, now: f64) -> (Self, Option<String>) {
        let mut event = to_cloudevent(record, marks);
        let contact = event.get_mut("data").and_then(|d| d.as_object_mut()).and_then(|d| d.remove("contact"));
        let contact = contact.map(|c| c.to_string());
        let p = Pending { id: record.id().to_string(), event: event.to_string(), queued_at: now, has_contact: contact.is_some() };
        (p, contact)
    }

    /// The event to send, with the decrypted contact details joined back into `data`.
    pub fn event_with_contact(&self, contact_json: Option<&str>) -> String {
        match contact_json {
            Some(c) => with_contact(&self.event, Contact::Readable(c)),
            None => self.event.clone(),
        }
    }

    /// The event to send, given what `Db::contacts` found for this record: its contact
    /// details joined in, or, if it has some that cannot be read (or none were found),
    /// marked `contact_unreadable` so the store knows they were lost.
    pub fn event_to_send(&self, found: Option<&ContactRow>) -> String {
        if !self.has_contact {
            return self.event.clone();
        }
        match found.and_then(|c| c.json.as_deref()) {
            Some(json) => with_contact(&self.event, Contact::Readable(json)),
            None => with_contact(&self.event, Contact::Unreadable),
        }
    }

    fn from_js(v: JsValue) -> Option<Self> {
        if !v.is_object() {
            return None;
        }
        let v: PendingJs = v.unchecked_into();
        Some(Pending { id: v.id()?, event: v.event()?, queued_at: v.queued_at()?, has_contact: v.has_contact().unwrap_or(false) })
    }
}

/// An open outbox database.
#[derive(Clone)]
pub struct Db(JsValue);

impl Db {
    pub async fn open(name: &str) -> Result<Db, StorageError> {
        call(js_open_db(name, None)).await.map(Db)
    }

    /// Opens the database in another `IDBFactory`, e.g. a storage bucket's
    /// (`bucket.indexedDB`); the tests use a bucket with a tiny quota to fill storage.
    pub async fn open_in(factory: &JsValue, name: &str) -> Result<Db, StorageError> {
        call(js_open_db(name, Some(factory))).await.map(Db)
    }

    pub async fn put(&self, p: &Pending) -> Result<(), StorageError> {
        call(js_put_pending(&self.0, &p.id, &p.event, p.queued_at)).await.map(|_| ())
    }

    /// Queues `p` with its contact details stored apart, encrypted, in the same transaction.
    pub async fn put_with_contact(&self, p: &Pending, contact_json: &str) -> Result<(), StorageError> {
        call(js_put_pending_with_contact(&self.0, &p.id, &p.event, p.queued_at, contact_json)).await.map(|_| ())
    }

    /// The contact details of these records, one row per id, decrypted one by one: a row
    /// that cannot be read is `json: None` and never fails the others. Only a failure to read
    /// the database is an error.
    pub async fn contacts(&self, ids: &[String]) -> Result<Vec<ContactRow>, StorageError> {
        let pairs = call(js_load_contacts(&self.0, &id_array(ids))).await?;
        Ok(Array::from(&pairs)
            .iter()
            .filter_map(|pair| {
                let pair = Array::from(&pair);
                Some(ContactRow { id: pair.get(0).as_string()?, json: pair.get(1).as_string() })
            })
            .collect())
    }

    /// The oldest `limit` pending records.
    pub async fn peek(&self, limit: u32) -> Result<Vec<Pending>, StorageError> {
        let all = call(js_peek_pending(&self.0, limit)).await?;
        Ok(Array::from(&all).iter().filter_map(Pending::from_js).collect())
    }

    pub async fn acknowledge(&self, ids: &[String]) -> Result<(), StorageError> {
        call(js_delete_pending(&self.0, &id_array(ids))).await.map(|_| ())
    }

    /// Moves refused records to "rejected" and deletes their contact details, in one
    /// transaction.
    pub async fn reject(&self, rejected: &[Rejected]) -> Result<(), StorageError> {
        let at = now_ms();
        let arr: Array = rejected
            .iter()
            .map(|r| js_rejected_entry(&r.pending.id, &r.pending.event, r.pending.queued_at, r.status, &r.body, at, r.pending.has_contact))
            .collect();
        call(js_reject_pending(&self.0, &arr)).await.map(|_| ())
    }

    pub async fn count(&self, store: &str) -> Result<u32, StorageError> {
        let n = call(js_count(&self.0, store)).await?;
        Ok(n.as_f64().unwrap_or(0.0) as u32)
    }

    /// How many records wait in "pending" and in "rejected".
    pub async fn counts(&self) -> Result<Counts, StorageError> {
        Ok(Counts { pending: self.count("pending").await?, rejected: self.count("rejected").await? })
    }

    /// Every id in `store` (for staff and tests).
    pub async fn ids(&self, store: &str) -> Result<Vec<String>, StorageError> {
        let all = call(js_keys(&self.0, store)).await?;
        Ok(Array::from(&all).iter().filter_map(|v| v.as_string()).collect())
    }

    pub fn close(&self) {
        js_close_db(&self.0);
    }

    /// Every pending record, oldest first (for the export).
    pub async fn all_pending(&self) -> Result<Vec<Pending>, StorageError> {
        Ok(Array::from(&call(js_all_pending(&self.0)).await?).iter().filter_map(Pending::from_js).collect())
    }

    /// Every refused record, most recently refused first (browser.js orders them: a sort
    /// here would add its code to the wasm for one list).
    pub async fn rejected(&self) -> Result<Vec<RejectedEntry>, StorageError> {
        Ok(Array::from(&call(js_all_rejected(&self.0)).await?).iter().filter_map(RejectedEntry::from_js).collect())
    }

    /// "Send again": moves these refused records (`None`: all of them) back to "pending" in
    /// one transaction, same ids, same place in the queue. Returns how many were moved.
    pub async fn requeue(&self, ids: Option<&[String]>) -> Result<u32, StorageError> {
        let arg = match ids {
            Some(ids) => JsValue::from(id_array(ids)),
            None => JsValue::NULL,
        };
        let n = call(js_requeue_rejected(&self.0, &arg)).await?;
        Ok(n.as_f64().unwrap_or(0.0) as u32)
    }
}

/// How much storage this origin uses and may use; `None` where the browser does not say.
pub async fn storage_estimate() -> Option<Estimate> {
    let v = JsFuture::from(js_storage_estimate()).await.ok()?;
    if !v.is_object() {
        return None;
    }
    let e: &EstimateJs = v.unchecked_ref();
    Some(Estimate { usage: e.usage(), quota: e.quota() })
}

/// Whether persistent storage is granted now (`navigator.storage.persisted()`).
pub async fn storage_persisted() -> Option<bool> {
    JsFuture::from(js_storage_persisted()).await.ok().and_then(|v| v.as_bool())
}

/// Asks the browser for persistent storage; true when granted.
pub async fn persist_storage() -> bool {
    JsFuture::from(js_persist_storage()).await.ok().and_then(|v| v.as_bool()).unwrap_or(false)
}

/// What staff see of the outbox.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Health {
    /// Records not stored yet: kept in memory after a failed write, or being written now.
    pub unsaved: usize,
    /// The last storage error, if the last write failed.
    pub storage_error: Option<StorageError>,
    /// `navigator.storage.persist()` granted.
    pub persisted: Option<bool>,
}

/// The outbox the app hands records to.
pub struct IdbOutbox {
    name: String,
    db: RefCell<Option<Db>>,
    unsaved: RefCell<Vec<(Pending, Option<String>)>>,
    /// Records whose durable write has not finished yet (a hand-over carries them too).
    /// Never holds an id that `unsaved` holds: `enqueue` takes a record's kept copy out of
    /// `unsaved` before its own write.
    saving: RefCell<Vec<(Pending, Option<String>)>>,
    retrying: Cell<bool>,
    /// A record write is under way: writes go one at a time, in the order asked for, so an
    /// older copy of a record (the write-again of a kept copy, which first seals contact
    /// details) can never land after a newer one.
    writing: Cell<bool>,
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
            saving: RefCell::new(Vec::new()),
            retrying: Cell::new(false),
            writing: Cell::new(false),
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
        // Kept after a failed write, or being written now: either way not stored yet.
        h.unsaved = self.unsaved.borrow().len() + self.saving.borrow().len();
        h
    }

    /// Whether a record is only in this page's memory: kept after a failed write, or being
    /// written now. Reloading or leaving the page now would lose it.
    pub fn holds_unsaved(&self) -> bool {
        !self.unsaved.borrow().is_empty() || !self.saving.borrow().is_empty()
    }

    pub fn set_persisted(&self, granted: bool) {
        self.health.borrow_mut().persisted = Some(granted);
    }

    /// The open database, opening it on first use (and again after a failure).
    pub async fn db(&self) -> Result<Db, StorageError> {
        if let Some(db) = self.db.borrow().clone() {
            return Ok(db);
        }
        let db = Db::open(&self.name).await?;
        *self.db.borrow_mut() = Some(db.clone());
        Ok(db)
    }

    /// After a storage error: if the connection is gone (storage cleared, another tab
    /// upgrading the schema), forget it so the next `db()` opens a new one.
    pub fn storage_failed(&self, e: &StorageError) {
        if e.connection_lost() {
            *self.db.borrow_mut() = None;
        }
    }

    /// Waits for any record write under way to finish (see `writing`); `end_write` after.
    async fn begin_write(&self) {
        while self.writing.replace(true) {
            gloo::timers::future::TimeoutFuture::new(10).await;
        }
    }

    fn end_write(&self) {
        self.writing.set(false);
    }

    async fn write(&self, p: &Pending, contact: Option<&str>) -> Result<(), StorageError> {
        self.begin_write().await;
        let written = self.write_now(p, contact).await;
        self.end_write();
        written
    }

    async fn write_now(&self, p: &Pending, contact: Option<&str>) -> Result<(), StorageError> {
        let db = self.db().await?;
        let written = match contact {
            Some(c) => db.put_with_contact(p, c).await,
            None => db.put(p).await,
        };
        match written {
            Ok(()) => Ok(()),
            Err(e) => {
                // The connection may be gone (e.g. storage cleared): reopen next time.
                self.storage_failed(&e);
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

    /// Resolves once `record` is durably queued. If the browser refuses the write, the
    /// record is kept in memory, counted, and written again every `UNSAVED_RETRY_MS`: it is
    /// never dropped, and the error says why for the customer and staff.
    ///
    /// A record handed in again under the same id (the customer changed the form after a
    /// failed save, e.g. withdrew consent) replaces the copy kept in memory, whether this
    /// write succeeds or not: an older copy written later would undo the change.
    pub async fn enqueue(self: &Rc<Self>, record: &Record, marks: &Marks) -> Result<(), StorageError> {
        let (p, contact) = Pending::from_record(record, marks, now_ms());
        // The older copy goes before this write starts: the retry of kept copies skips an id
        // being written (`write_unsaved`), so no older write can land after this one.
        self.unsaved.borrow_mut().retain(|(u, _)| u.id != p.id);
        self.saving.borrow_mut().push((p.clone(), contact.clone()));
        let written = self.write(&p, contact.as_deref()).await;
        self.saving.borrow_mut().retain(|(s, _)| s.id != p.id);
        match written {
            Ok(()) => {
                self.queued(&p, contact.as_deref());
                Ok(())
            }
            Err(e) => {
                {
                    let mut unsaved = self.unsaved.borrow_mut();
                    unsaved.retain(|(u, _)| u.id != p.id);
                    unsaved.push((p, contact));
                }
                self.health.borrow_mut().storage_error = Some(e.clone());
                self.retry_unsaved();
                Err(e)
            }
        }
    }

    /// The records kept in memory and those still being written, for a hand-over to another
    /// page of the app (`crate::handover`): leaving the page aborts a write in progress, and
    /// a second write of the same id replaces the first. `None` when one has contact
    /// details, which never leave the encrypted store.
    pub fn unsaved_to_carry(&self) -> Option<Vec<Carried>> {
        let (unsaved, saving) = (self.unsaved.borrow(), self.saving.borrow());
        unsaved
            .iter()
            .chain(saving.iter())
            .map(|(p, contact)| {
                (contact.is_none() && !p.has_contact).then(|| Carried { id: p.id.clone(), event: p.event.clone(), queued_at: p.queued_at })
            })
            .collect()
    }

    /// Records another page of this app held in memory and handed over: written now, and
    /// kept in memory and written again like this page's own until they are stored.
    pub fn adopt_unsaved(self: &Rc<Self>, carried: Vec<Carried>) {
        if carried.is_empty() {
            return;
        }
        {
            let mut unsaved = self.unsaved.borrow_mut();
            for c in carried {
                if !unsaved.iter().any(|(u, _)| u.id == c.id) {
                    unsaved.push((Pending { id: c.id, event: c.event, queued_at: c.queued_at, has_contact: false }, None));
                }
            }
        }
        let me = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            if !me.write_unsaved().await {
                me.retry_unsaved();
            }
        });
    }

    /// One attempt to write every record kept in memory; true when none is left. Each is
    /// read from memory after waiting for its turn to write: a copy handed in again meanwhile
    /// (`enqueue`) has left `unsaved`, and the newer copy is written instead.
    async fn write_unsaved(&self) -> bool {
        let ids: Vec<String> = self.unsaved.borrow().iter().map(|(u, _)| u.id.clone()).collect();
        for id in ids {
            self.begin_write().await;
            let current = self.unsaved.borrow().iter().find(|(u, _)| u.id == id).cloned();
            let Some((p, contact)) = current else {
                self.end_write();
                continue;
            };
            let written = self.write_now(&p, contact.as_deref()).await;
            self.end_write();
            match written {
                Ok(()) => {
                    self.unsaved.borrow_mut().retain(|(u, _)| u.id != p.id);
                    // Handed in again during this write: the newer copy is written next and
                    // wakes the sender itself; this one is not to be sent.
                    if !self.saving.borrow().iter().any(|(s, _)| s.id == p.id) {
                        self.queued(&p, contact.as_deref());
                    }
                }
                Err(e) => self.health.borrow_mut().storage_error = Some(e),
            }
        }
        self.unsaved.borrow().is_empty()
    }

    /// Writes the records kept in memory, every `UNSAVED_RETRY_MS` until all are stored.
    fn retry_unsaved(self: &Rc<Self>) {
        if self.retrying.replace(true) {
            return;
        }
        let me = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            loop {
                gloo::timers::future::TimeoutFuture::new(UNSAVED_RETRY_MS).await;
                if me.write_unsaved().await {
                    me.retrying.set(false);
                    return;
                }
            }
        });
    }
}
