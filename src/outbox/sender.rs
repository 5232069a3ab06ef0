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

use super::cloudevent::{max_events, request_body};
use crate::config::EndpointFormat;
use super::error::StorageError;
use super::idb::{IdbOutbox, Pending, Rejected};
use super::policy::{decide, parse_retry_after, storage_backoff_ms, Failure, Outcome, RetryState, Round, Settled, SEND_TIMEOUT_MS};
use crate::web::platform::now_ms;

#[wasm_bindgen(module = "/src/outbox/browser.js")]
extern "C" {
    #[wasm_bindgen(js_name = becomeSender)]
    fn js_become_sender(name: &str, lease_ms: u32, renew_ms: u32, settle_ms: u32, retry_ms: u32) -> js_sys::Promise;
    #[wasm_bindgen(js_name = postEvents)]
    fn js_post_events(url: &str, body: &str, content_type: &str, token: Option<String>, keepalive: bool, timeout_ms: u32) -> js_sys::Promise;
}

// What `postEvents` resolves to, read through typed getters.
#[wasm_bindgen]
extern "C" {
    /// `{status, body, retryAfter, redirected}`; `status` 0 when no complete answer arrived
    /// (and for an opaque redirect, which `redirected` tells apart).
    type PostResultJs;
    #[wasm_bindgen(method, getter)]
    fn status(this: &PostResultJs) -> Option<f64>;
    #[wasm_bindgen(method, getter)]
    fn body(this: &PostResultJs) -> Option<String>;
    #[wasm_bindgen(method, getter = retryAfter)]
    fn retry_after(this: &PostResultJs) -> Option<String>;
    #[wasm_bindgen(method, getter)]
    fn redirected(this: &PostResultJs) -> Option<bool>;
}

/// The HTTP status of a `postEvents` result; 0 (no answer) for anything unexpected.
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
/// could not be opened or read, or delivered records could not be deleted); it doubles with
/// each consecutive storage failure, up to `policy::CAP_MS` (`policy::storage_backoff_ms`).
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
    /// The browser's text when no (complete) answer arrived, or why a redirect was refused.
    pub last_error: Option<String>,
    /// Why the last send failed, as a class staff can be told in plain words (token refused,
    /// wrong address, redirect, …); `None` after a delivery.
    pub last_failure: Option<Failure>,
    /// The device's storage failed the sender (reading the queue, deleting delivered records,
    /// moving refused ones); kept until a write succeeds again.
    pub storage_error: Option<StorageError>,
    pub next_attempt_at: Option<f64>,
    /// Consecutive failed sends.
    pub failures: u32,
    /// When records were last delivered (a 2xx) by this page.
    pub last_success_at: Option<f64>,
    /// The latest failed send, kept after later deliveries, so the desk can see what went
    /// wrong last even once it works again.
    pub last_failure_seen: Option<FailureSeen>,
}

/// A failed send as staff are told about it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FailureSeen {
    pub at: f64,
    pub class: Failure,
    /// The HTTP status, when an answer came.
    pub status: Option<u16>,
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
        let ms = crate::number::clamp(ms, 0.0, 2_147_000_000.0) as i32;
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
    /// Batches, or one event per POST (`endpoint.format`).
    format: EndpointFormat,
    token: Option<String>,
    retry: Cell<RetryState>,
    /// Consecutive storage failures, for `storage_backoff_ms`.
    storage_failures: Cell<u32>,
    next_at: Cell<f64>,
    /// The endpoint's own `Retry-After` (it asked the device to wait): no send before it,
    /// whatever wakes the sender (a new answer, back online, the page being hidden), unless
    /// staff ask for one ("Send now").
    not_before: Cell<f64>,
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
    pub fn new(outbox: Rc<IdbOutbox>, endpoint: String, format: EndpointFormat, token: Option<String>) -> Rc<Self> {
        Rc::new(Sender {
            outbox,
            endpoint,
            format,
            token,
            retry: Cell::new(RetryState::default()),
            storage_failures: Cell::new(0),
            next_at: Cell::new(0.0),
            not_before: Cell::new(0.0),
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

    /// Send as soon as possible (a new record, back online), but not before the endpoint's
    /// `Retry-After`.
    pub fn poke(&self) {
        self.next_at.set(self.not_before.get());
        self.wake.notify();
    }

    /// Send now, whatever the backoff or the endpoint asked: staff's "Send now".
    pub fn send_now(&self) {
        self.not_before.set(0.0);
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
            let sent_any = self.send_once(max_events(self.format, BATCH)).await;
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

    /// Storage failed the sender: no send before the storage backoff (growing with each
    /// consecutive failure), a lost connection is reopened next time, staff see the error.
    fn storage_failed(&self, e: StorageError) {
        self.outbox.storage_failed(&e);
        let n = self.storage_failures.get().saturating_add(1);
        self.storage_failures.set(n);
        let at = now_ms() + storage_backoff_ms(n, STORAGE_RETRY_MS);
        self.next_at.set(at);
        let mut st = self.status.borrow_mut();
        st.storage_error = Some(e);
        st.next_attempt_at = Some(at);
    }

    /// A write after an answer succeeded: storage works again.
    fn storage_ok(&self) {
        self.storage_failures.set(0);
        self.status.borrow_mut().storage_error = None;
    }

    async fn send_round(&self, limit: u32) -> bool {
        let db = match self.outbox.db().await {
            Ok(db) => db,
            Err(e) => {
                self.storage_failed(e);
                return false;
            }
        };
        let batch = match db.peek(limit).await {
            Ok(b) if !b.is_empty() => b,
            Ok(_) => {
                self.storage_ok();
                return false;
            }
            Err(e) => {
                self.storage_failed(e);
                return false;
            }
        };
        // Contact details are stored apart, encrypted: join them in only now, in memory. A
        // record whose details cannot be read any more is sent without them, marked
        // `contact_unreadable`, instead of holding back the queue.
        let with_contact: Vec<String> = batch.iter().filter(|p| p.has_contact).map(|p| p.id.clone()).collect();
        let contacts = if with_contact.is_empty() {
            Vec::new()
        } else {
            match db.contacts(&with_contact).await {
                Ok(c) => c,
                Err(e) => {
                    self.storage_failed(e);
                    return false;
                }
            }
        };
        // What goes on the wire, by id; `Pending.event` itself never holds contact details,
        // so a refused record is kept in `rejected` without them.
        let wire: std::collections::HashMap<String, String> = batch
            .iter()
            .map(|p| (p.id.clone(), p.event_to_send(contacts.iter().find(|c| c.id == p.id))))
            .collect();
        for p in batch.iter().take(KEEPALIVE_BATCH as usize) {
            if let Some(w) = wire.get(&p.id) {
                self.remember(&p.id, w);
            }
        }
        let mut progressed = false;
        let mut round = Round::new(batch);
        while let Some(part) = round.next_part() {
            let attempt = self.post(&part, &wire).await;
            let (next, decision) = decide(self.retry.get(), attempt.outcome, now_ms(), js_sys::Math::random());
            self.retry.set(next);
            {
                let mut st = self.status.borrow_mut();
                st.failures = next.failures;
                st.last_attempt_at = Some(now_ms());
                st.last_status = (attempt.status != 0).then_some(attempt.status);
                st.last_error = (attempt.status == 0 || attempt.outcome == Outcome::Redirect).then(|| attempt.body.clone());
                st.last_failure = attempt.outcome.failure();
                if let Some(class) = st.last_failure {
                    st.last_failure_seen = Some(FailureSeen { at: now_ms(), class, status: st.last_status });
                }
                st.next_attempt_at = None;
            }
            match round.settle(part, decision) {
                Settled::Acknowledged(part) => {
                    let ids: Vec<String> = part.iter().map(|p| p.id.clone()).collect();
                    self.forget(&ids);
                    if let Err(e) = db.acknowledge(&ids).await {
                        // Delivered but not deleted: they will be sent again (the endpoint
                        // stores each event once), but only after the storage backoff: never
                        // straight away, or a database that refuses deletes would make this
                        // a loop of POSTs.
                        self.storage_failed(e);
                        return progressed;
                    }
                    self.storage_ok();
                    self.status.borrow_mut().last_success_at = Some(now_ms());
                    progressed = true;
                    self.next_at.set(0.0);
                    self.not_before.set(0.0);
                }
                Settled::Rejected(one) => {
                    self.forget(std::slice::from_ref(&one.id));
                    let r = Rejected { pending: one, status: attempt.status, body: attempt.body };
                    if let Err(e) = db.reject(&[r]).await {
                        // Still pending: refused again later, after the storage backoff.
                        self.storage_failed(e);
                        return progressed;
                    }
                    self.storage_ok();
                    progressed = true;
                }
                Settled::Split => {}
                Settled::Retry(at) => {
                    if matches!(attempt.outcome, Outcome::Status { retry_after_ms: Some(_), .. }) {
                        self.not_before.set(at);
                    }
                    self.next_at.set(at);
                    self.status.borrow_mut().next_attempt_at = Some(at);
                    return progressed;
                }
            }
        }
        progressed
    }

    async fn post(&self, part: &[Pending], wire: &std::collections::HashMap<String, String>) -> Attempt {
        let (body, content_type) =
            request_body(self.format, part.iter().map(|p| wire.get(&p.id).map_or(p.event.as_str(), String::as_str)));
        let res = JsFuture::from(js_post_events(&self.endpoint, &body, content_type, self.token.clone(), false, SEND_TIMEOUT_MS)).await;
        let (status, text, retry_after, redirected) = match res {
            Ok(v) if v.is_object() => {
                let r: &PostResultJs = v.unchecked_ref();
                (post_status(&v), r.body().unwrap_or_default(), r.retry_after(), r.redirected().unwrap_or(false))
            }
            Ok(_) => (0, String::new(), None, false),
            Err(e) => (0, format!("{e:?}"), None, false),
        };
        let outcome = match status {
            // A redirect is a failed send, whatever the page it leads to answers.
            _ if redirected => Outcome::Redirect,
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
        if !self.status.borrow().is_sender || now_ms() < self.not_before.get() {
            return;
        }
        let recent = self.recent.borrow().clone();
        if recent.is_empty() {
            return;
        }
        // One POST of all of them, or (single-event endpoints) one POST each, all started now.
        let posts: Vec<(Vec<String>, js_sys::Promise)> = match self.format {
            EndpointFormat::Batch => {
                let (body, ty) = request_body(self.format, recent.iter().map(|(_, e)| e.as_str()));
                let ids = recent.iter().map(|(i, _)| i.clone()).collect();
                vec![(ids, js_post_events(&self.endpoint, &body, ty, self.token.clone(), true, SEND_TIMEOUT_MS))]
            }
            EndpointFormat::Single => recent
                .iter()
                .map(|(i, e)| {
                    let (body, ty) = request_body(self.format, [e.as_str()]);
                    (vec![i.clone()], js_post_events(&self.endpoint, &body, ty, self.token.clone(), true, SEND_TIMEOUT_MS))
                })
                .collect(),
        };
        for (ids, promise) in posts {
            let me = self.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let Ok(v) = JsFuture::from(promise).await else { return };
                let redirected = v.is_object() && v.unchecked_ref::<PostResultJs>().redirected().unwrap_or(false);
                if !redirected && (200..300).contains(&post_status(&v)) {
                    me.forget(&ids);
                    if let Ok(db) = me.outbox.db().await {
                        let _ = db.acknowledge(&ids).await;
                    }
                }
            });
        }
    }
}
