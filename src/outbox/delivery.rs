//! What the app sees of the outbox: hand a record in, ask how delivery is going.
//!
//! `Delivery` owns the durable queue (`idb::IdbOutbox`) and its sender (`sender::Sender`),
//! wires one to the other, and answers in the app's terms, so screens never name stores.

use std::rc::Rc;

use super::error::StorageError;
use super::export::{ContactFound, Item, Outbox, Refusal};
use super::idb::{persist_storage, IdbOutbox, DEFAULT_DB_NAME};
use super::sender::Sender;
use super::cloudevent::Marks;
use super::Record;
use crate::config::Config;

pub use super::idb::{storage_estimate, storage_persisted, Counts, Estimate, Health, RejectedEntry};
pub use super::sender::{FailureSeen, SendStatus};

/// Name of the Web Lock (or localStorage lease) that makes one tab the sender.
pub const SENDER_LOCK: &str = "storevoice-outbox-sender";

/// The outbox and its sender, created once per page.
pub struct Delivery {
    queue: Rc<IdbOutbox>,
    sender: Rc<Sender>,
}

impl Delivery {
    /// The durable queue and the sender for the configured endpoint (with this device's own
    /// token from its setup, else `touchpoint`'s token from the config, if either is set),
    /// wired together. Records can be handed in at once; sending starts with [`Self::begin`].
    pub fn new(config: &Config, touchpoint: &str, device_token: Option<String>) -> Rc<Delivery> {
        let queue = IdbOutbox::new(DEFAULT_DB_NAME);
        let token = device_token.or_else(|| config.touchpoint(touchpoint).and_then(|t| t.token.clone()));
        let sender = Sender::new(queue.clone(), config.endpoint.url.clone(), config.endpoint.format, token);
        {
            let s = sender.clone();
            queue.set_on_queued(Rc::new(move |id: &str, event: &str| {
                s.remember(id, event);
                s.poke();
            }));
        }
        Rc::new(Delivery { queue, sender })
    }

    /// Starts sending (what is waiting, then each record as it is handed in) and asks the
    /// browser to keep this origin's storage. The app calls this once its first screen is
    /// painted: none of it is needed to show that screen, and all of it costs start-up time.
    pub fn begin(&self) {
        self.sender.start(SENDER_LOCK);
        let q = self.queue.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let granted = persist_storage().await;
            q.set_persisted(granted);
        });
    }

    /// Resolves once `record` is safely queued on this device; the thank-you screen waits for
    /// this. On an error the record is still kept in memory and written again until it is
    /// stored (see `health().unsaved`); the error says why, for the customer and staff.
    pub async fn hand_in(&self, record: Record, marks: Marks) -> Result<(), StorageError> {
        self.queue.enqueue(&record, &marks).await
    }

    /// Answers this page holds in memory (the device refused to store them), for a hand-over
    /// to the full app; `None` if one cannot leave the page (it has contact details).
    pub fn unsaved_to_carry(&self) -> Option<Vec<crate::handover::Carried>> {
        self.queue.unsaved_to_carry()
    }

    /// Answers the light page held in memory and handed over: stored here, or kept and
    /// written again until they are.
    pub fn adopt_unsaved(&self, carried: Vec<crate::handover::Carried>) {
        self.queue.adopt_unsaved(carried);
    }

    /// Records waiting to be sent, and records the endpoint refused.
    pub async fn counts(&self) -> Result<Counts, StorageError> {
        self.queue.db().await?.counts().await
    }

    /// Whether an answer is held only in this page's memory (see `IdbOutbox::holds_unsaved`):
    /// the page must not reload until it is stored.
    pub fn holds_unsaved(&self) -> bool {
        self.queue.holds_unsaved()
    }

    /// The queue's state: records not yet stored, the last storage error, persistence.
    pub fn health(&self) -> Health {
        self.queue.health()
    }

    /// The sender's state: whether this tab sends, the last attempt, the next one.
    pub fn send_status(&self) -> SendStatus {
        self.sender.status()
    }

    // --- outbox care (staff) ---

    /// Send as soon as possible ("Send now"): wakes this page's sender. If another tab is
    /// the sender, it picks the records up on its own next look.
    pub fn send_now(&self) {
        self.sender.send_now();
    }

    /// The records the endpoint refused, most recent first.
    pub async fn rejected(&self) -> Result<Vec<RejectedEntry>, StorageError> {
        self.queue.db().await?.rejected().await
    }

    /// "Send again": moves refused records (`None`: all) back to the queue in one
    /// transaction, keeping their ids, and wakes the sender. Returns how many moved.
    pub async fn send_again(&self, ids: Option<&[String]>) -> Result<u32, StorageError> {
        let moved = self.queue.db().await?.requeue(ids).await?;
        self.sender.poke();
        Ok(moved)
    }

    /// Everything still on the device, for the export: pending records (oldest first, with
    /// their contact details decrypted where the device can still read them), then refused
    /// ones (whose contact details were deleted when they were refused). Deletes nothing.
    pub async fn export_items(&self) -> Result<Vec<Item>, StorageError> {
        let db = self.queue.db().await?;
        let pending = db.all_pending().await?;
        let with_contact: Vec<String> = pending.iter().filter(|p| p.has_contact).map(|p| p.id.clone()).collect();
        let contacts = if with_contact.is_empty() { Vec::new() } else { db.contacts(&with_contact).await? };
        let mut items: Vec<Item> = pending
            .into_iter()
            .map(|p| {
                let contact = if !p.has_contact {
                    ContactFound::Absent
                } else {
                    match contacts.iter().find(|c| c.id == p.id).and_then(|c| c.json.clone()) {
                        Some(json) => ContactFound::Readable(json),
                        None => ContactFound::Unreadable,
                    }
                };
                Item { outbox: Outbox::Pending, id: p.id, event: p.event, queued_at: p.queued_at, refusal: None, contact }
            })
            .collect();
        for r in db.rejected().await? {
            let p = r.rejected.pending;
            items.push(Item {
                outbox: Outbox::Rejected,
                id: p.id,
                event: p.event,
                queued_at: p.queued_at,
                refusal: Some(Refusal { status: r.rejected.status, response: r.rejected.body, at: r.rejected_at }),
                contact: if p.has_contact { ContactFound::Deleted } else { ContactFound::Absent },
            });
        }
        Ok(items)
    }
}
