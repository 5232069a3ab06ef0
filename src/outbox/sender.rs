//! The background sender: posts queued records to the endpoint as CloudEvents batches and
//! deletes them only after a 2xx. One tab sends at a time (see `becomeSender` in
//! browser.js); the policy deciding what happens after each attempt is `policy::decide`.
//!
//! Triggers: a new record, the `online` event, the page being hidden or left (a small
//! keepalive batch), and a timer following the backoff.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::cloudevent::batch_body;
use super::idb::{IdbOutbox, Pending, Rejected};
use super::policy::{decide, parse_retry_after, Decision, Outcome, RetryState};
use crate::web::platform::now_ms;

#[wasm_bindgen(module = "/src/outbox/browser.js")]
extern "C" {
    #[wasm_bindgen(js_name = becomeSender)]
    fn js_become_sender(name: &str, lease_ms: u32, renew_ms: u32, settle_ms: u32, retry_ms: u32) -> js_sys::Promise;
    #[wasm_bindgen(js_name = postBatch)]
    fn js_post_batch(url: &str, body: &str, token: Option<String>, keepalive: bool) -> js_sys::Promise;
}

// What `postBatch` resolves to, read through typed getters.
#[wasm_bindgen]
extern "C" {
    /// `{status, body, retryAfter}`; `status` 0 when no complete answer arrived.
    type PostResultJs;
    #[wasm_bindgen(method, getter)]
    fn status(this: &PostResultJs) -> Option<f64>;
    #[wasm_bindgen(method, getter)]
    fn body(this: &PostResultJs) -> Option<String>;
    #[wasm_bindgen(method, getter = retryAfter)]
    fn retry_after(this: &PostResultJs) -> Option<String>;
}

/// The HTTP status of a `postBatch` result; 0 (no answer) for anything unexpected.
fn post_status(v: &JsValue) -> u16 {
    if !v.is_object() {
        return 0;
    }
    v.unchecked_ref::<PostResultJs>().status().filter(|s| (0.0..=999.0).contains(s)).map_or(0, |s| s as u16)
}

// The stand-in for Web Locks where the page is not a secure context: a lease in
// localStorage (browser.js `becomeSender` keeps it; these say how long).
/// How long a sender's lease lasts if it is not renewed: a tab killed while sending hands
/// over to another tab after at most this long.
pub const LEASE_MS: u32 = 3_000;
/// How often the sender renews its lease (well inside `LEASE_MS`, so a busy page that runs
/// a timer late does not lose it).
pub const LEASE_RENEW_MS: u32 = 1_000;
/// How long a tab waits after writing the lease before reading it back: if another tab
/// wrote at the same moment, only the last writer finds its own name and sends.
pub const LEASE_SETTLE_MS: u32 = 150;
/// How often a tab that is not the sender looks whether the lease has become free.
pub const LEASE_RETRY_MS: u32 = 1_000;
/// How long the sender waits before trying again after storage failed it (the database
/// could not be opened or read).
pub const STORAGE_RETRY_MS: f64 = 5_000.0;

/// Records per POST.
pub const BATCH: u32 = 100;
/// Records in a keepalive flush when the page is hidden (keepalive bodies are limited to 64 KB).
pub const KEEPALIVE_BATCH: u32 = 20;
/// How often the sender looks for records queued by other tabs when it has nothing to do.
const IDLE_POLL_MS: f64 = 3_000.0;

/// What staff see of sending.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SendStatus {
    pub is_sender: bool,
    pub last_attempt_at: Option<f64>,
    pub last_status: Option<u16>,
    pub last_error: Option<String>,
    pub next_attempt_at: Option<f64>,
    pub failures: u32,
}

/// A wake-up that is not lost when it comes before the wait.
#[derive(Default)]
struct Wake {
    pending: Cell<bool>,
    resolve: RefCell<Option<js_sys::Function>>,
}

impl Wake {
    fn notify(&self) {
        self.pending.set(true);
        if let Some(r) = self.resolve.borrow_mut().take() {
            let _ = r.call0(&JsValue::NULL);
        }
    }

    /// Waits for `notify` or `ms`, whichever comes first.
    async fn wait(&self, ms: f64) {
        if self.pending.replace(false) {
            return;
        }
        let ms = ms.clamp(0.0, 2_147_000_000.0) as i32;
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            if let Some(w) = web_sys::window() {
                let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
            }
            *self.resolve.borrow_mut() = Some(resolve);
        });
        let _ = JsFuture::from(promise).await;
        self.resolve.borrow_mut().take();
        self.pending.set(false);
    }
}

pub struct Sender {
    outbox: Rc<IdbOutbox>,
    endpoint: String,
    token: Option<String>,
    retry: Cell<RetryState>,
    next_at: Cell<f64>,
    wake: Wake,
    busy: Cell<bool>,
    status: RefCell<SendStatus>,
    /// The latest queued events as they go on the wire (at most `KEEPALIVE_BATCH`), so a
    /// page being left can start its keepalive POST at once, without reading IndexedDB.
    recent: RefCell<Vec<(String, String)>>,
    _listeners: RefCell<Vec<EventListener>>,
}

struct Attempt {
    outcome: Outcome,
    status: u16,
    body: String,
}

impl Sender {
    pub fn new(outbox: Rc<IdbOutbox>, endpoint: String, token: Option<String>) -> Rc<Self> {
        Rc::new(Sender {
            outbox,
            endpoint,
            token,
            retry: Cell::new(RetryState::default()),
            next_at: Cell::new(0.0),
            wake: Wake::default(),
            busy: Cell::new(false),
            status: RefCell::new(SendStatus::default()),
            recent: RefCell::new(Vec::new()),
            _listeners: RefCell::new(Vec::new()),
        })
    }

    pub fn status(&self) -> SendStatus {
        self.status.borrow().clone()
    }

    /// Keeps `event` (by record id) for a keepalive flush.
    pub fn remember(&self, id: &str, event: &str) {
        let mut r = self.recent.borrow_mut();
        r.retain(|(i, _)| i != id);
        r.push((id.to_string(), event.to_string()));
        let extra = r.len().saturating_sub(KEEPALIVE_BATCH as usize);
        r.drain(..extra);
    }

    fn forget(&self, ids: &[String]) {
        self.recent.borrow_mut().retain(|(i, _)| !ids.contains(i));
    }

    /// Send as soon as possible (a new record, back online).
    pub fn poke(&self) {
        self.next_at.set(0.0);
        self.wake.notify();
    }

    /// Starts the sender: waits to become the tab that sends, then sends for the life of
    /// the page.
    pub fn start(self: &Rc<Self>, lock_name: &str) {
        self.listen();
        let me = self.clone();
        let lock_name = lock_name.to_string();
        wasm_bindgen_futures::spawn_local(async move {
            let lease = js_become_sender(&lock_name, LEASE_MS, LEASE_RENEW_MS, LEASE_SETTLE_MS, LEASE_RETRY_MS);
            let _ = JsFuture::from(lease).await;
            me.status.borrow_mut().is_sender = true;
            me.run().await;
        });
    }

    fn listen(self: &Rc<Self>) {
        let Some(window) = web_sys::window() else { return };
        let mut ls = Vec::new();
        let me = self.clone();
        ls.push(EventListener::new(&window, "online", move |_| me.poke()));
        let me = self.clone();
        ls.push(EventListener::new(&window, "pagehide", move |_| me.flush_keepalive()));
        if let Some(doc) = window.document() {
            let me = self.clone();
            let d = doc.clone();
            ls.push(EventListener::new(&doc, "visibilitychange", move |_| {
                if d.visibility_state() == web_sys::VisibilityState::Hidden {
                    me.flush_keepalive();
                }
            }));
        }
        *self._listeners.borrow_mut() = ls;
    }

    async fn run(self: Rc<Self>) {
        loop {
            let wait = self.next_at.get() - now_ms();
            if wait > 0.0 {
                self.wake.wait(wait).await;
                if self.next_at.get() > now_ms() {
                    continue;
                }
            }
            let sent_any = self.send_once(BATCH).await;
            if !sent_any && self.next_at.get() <= now_ms() {
                self.next_at.set(now_ms() + IDLE_POLL_MS);
            }
        }
    }

    /// One round: peek a batch, post it (splitting refused batches), apply the policy.
    /// Returns whether records were acknowledged or rejected.
    async fn send_once(&self, limit: u32) -> bool {
        if self.busy.replace(true) {
            return false;
        }
        let result = self.send_round(limit).await;
        self.busy.set(false);
        result
    }

    async fn send_round(&self, limit: u32) -> bool {
        let db = match self.outbox.db().await {
            Ok(db) => db,
            Err(e) => {
                self.status.borrow_mut().last_error = Some(e.to_string());
                self.next_at.set(now_ms() + STORAGE_RETRY_MS);
                return false;
            }
        };
        let batch = match db.peek(limit).await {
            Ok(b) if !b.is_empty() => b,
            Ok(_) => return false,
            Err(e) => {
                self.status.borrow_mut().last_error = Some(e.to_string());
                self.next_at.set(now_ms() + STORAGE_RETRY_MS);
                return false;
            }
        };
        // Contact details are stored apart, encrypted: join them in only now, in memory.
        let with_contact: Vec<String> = batch.iter().filter(|p| p.has_contact).map(|p| p.id.clone()).collect();
        let contacts = if with_contact.is_empty() {
            Vec::new()
        } else {
            match db.contacts(&with_contact).await {
                Ok(c) => c,
                Err(e) => {
                    self.status.borrow_mut().last_error = Some(e.to_string());
                    self.next_at.set(now_ms() + STORAGE_RETRY_MS);
                    return false;
                }
            }
        };
        // What goes on the wire, by id; `Pending.event` itself never holds contact details,
        // so a refused record is kept in `rejected` without them.
        let wire: std::collections::HashMap<String, String> = batch
            .iter()
            .map(|p| {
                let c = contacts.iter().find(|(id, _)| *id == p.id).map(|(_, c)| c.as_str());
                (p.id.clone(), p.event_with_contact(c))
            })
            .collect();
        for p in batch.iter().take(KEEPALIVE_BATCH as usize) {
            if let Some(w) = wire.get(&p.id) {
                self.remember(&p.id, w);
            }
        }
        let mut progressed = false;
        let mut work: Vec<Vec<Pending>> = vec![batch];
        while let Some(part) = work.pop() {
            let attempt = self.post(&part, &wire).await;
            let (next, decision) = decide(self.retry.get(), attempt.outcome, now_ms(), js_sys::Math::random());
            self.retry.set(next);
            {
                let mut st = self.status.borrow_mut();
                st.failures = next.failures;
                st.last_attempt_at = Some(now_ms());
                st.last_status = (attempt.status != 0).then_some(attempt.status);
                st.last_error = (attempt.status == 0).then(|| attempt.body.clone());
                st.next_attempt_at = None;
            }
            match decision {
                Decision::Acknowledge => {
                    let ids: Vec<String> = part.iter().map(|p| p.id.clone()).collect();
                    self.forget(&ids);
                    if let Err(e) = db.acknowledge(&ids).await {
                        // Sent but not deleted: it will be sent again and de-duplicated.
                        self.status.borrow_mut().last_error = Some(e.to_string());
                    }
                    progressed = true;
                    self.next_at.set(0.0);
                }
                Decision::RetryAt(at) => {
                    self.next_at.set(at);
                    self.status.borrow_mut().next_attempt_at = Some(at);
                    return progressed;
                }
                Decision::Isolate if part.len() == 1 => {
                    self.forget(&[part[0].id.clone()]);
                    let r = Rejected { pending: part[0].clone(), status: attempt.status, body: attempt.body };
                    if let Err(e) = db.reject(&[r]).await {
                        self.status.borrow_mut().last_error = Some(e.to_string());
                    }
                    progressed = true;
                }
                Decision::Isolate => {
                    let mut left = part;
                    let right = left.split_off(left.len() / 2);
                    work.push(right);
                    work.push(left);
                }
            }
        }
        progressed
    }

    async fn post(&self, part: &[Pending], wire: &std::collections::HashMap<String, String>) -> Attempt {
        let body = batch_body(part.iter().map(|p| wire.get(&p.id).map_or(p.event.as_str(), String::as_str)));
        let res = JsFuture::from(js_post_batch(&self.endpoint, &body, self.token.clone(), false)).await;
        let (status, text, retry_after) = match res {
            Ok(v) if v.is_object() => {
                let r: &PostResultJs = v.unchecked_ref();
                (post_status(&v), r.body().unwrap_or_default(), r.retry_after())
            }
            Ok(_) => (0, String::new(), None),
            Err(e) => (0, format!("{e:?}"), None),
        };
        let outcome = match status {
            0 => Outcome::Network,
            code => Outcome::Status { code, retry_after_ms: retry_after.and_then(|r| parse_retry_after(&r, now_ms())) },
        };
        Attempt { outcome, status, body: text }
    }

    /// The page is being hidden or left: start a `keepalive` POST of the latest queued
    /// events right now, inside the event (a fetch started later may never start), so it can
    /// complete after the page is gone. Records stay queued until a 2xx is seen; sending the
    /// same events twice is safe (same ids; the endpoint stores each once).
    fn flush_keepalive(self: &Rc<Self>) {
        if !self.status.borrow().is_sender {
            return;
        }
        let recent = self.recent.borrow().clone();
        if recent.is_empty() {
            return;
        }
        let body = batch_body(recent.iter().map(|(_, e)| e.as_str()));
        let promise = js_post_batch(&self.endpoint, &body, self.token.clone(), true);
        let me = self.clone();
        let ids: Vec<String> = recent.into_iter().map(|(i, _)| i).collect();
        wasm_bindgen_futures::spawn_local(async move {
            let Ok(v) = JsFuture::from(promise).await else { return };
            if (200..300).contains(&post_status(&v)) {
                me.forget(&ids);
                if let Ok(db) = me.outbox.db().await {
                    let _ = db.acknowledge(&ids).await;
                }
            }
        });
    }
}
