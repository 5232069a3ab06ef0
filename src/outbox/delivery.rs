//! What the app sees of the outbox: hand a record in, ask how delivery is going.
//!
//! `Delivery` owns the durable queue (`idb::IdbOutbox`) and its sender (`sender::Sender`),
//! wires one to the other, and answers in the app's terms, so screens never name stores.

use std::rc::Rc;

use super::error::StorageError;
use super::idb::{persist_storage, IdbOutbox, DEFAULT_DB_NAME};
use super::sender::Sender;
use super::cloudevent::Marks;
use super::Record;
use crate::config::Config;

pub use super::idb::{Counts, Health};
pub use super::sender::SendStatus;

/// Name of the Web Lock (or localStorage lease) that makes one tab the sender.
pub const SENDER_LOCK: &str = "storevoice-outbox-sender";

/// The outbox and its sender, created once per page.
pub struct Delivery {
    queue: Rc<IdbOutbox>,
    sender: Rc<Sender>,
}

impl Delivery {
    /// Opens the durable queue, starts the sender for the configured endpoint (with
    /// this device's own token from its setup, else `touchpoint`'s token from the config, if
    /// either is set) and asks the browser to keep this origin's storage.
    pub fn start(config: &Config, touchpoint: &str, device_token: Option<String>) -> Rc<Delivery> {
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
        sender.start(SENDER_LOCK);
        let q = queue.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let granted = persist_storage().await;
            q.set_persisted(granted);
        });
        Rc::new(Delivery { queue, sender })
    }

    /// Resolves once `record` is safely queued on this device; the thank-you screen waits for
    /// this. On an error the record is still kept in memory and written again until it is
    /// stored (see `health().unsaved`); the error says why, for the customer and staff.
    pub async fn hand_in(&self, record: Record, marks: Marks) -> Result<(), StorageError> {
        self.queue.enqueue(&record, &marks).await
    }

    /// Records waiting to be sent, and records the endpoint refused.
    pub async fn counts(&self) -> Result<Counts, StorageError> {
        self.queue.db().await?.counts().await
    }

    /// The queue's state: records not yet stored, the last storage error, persistence.
    pub fn health(&self) -> Health {
        self.queue.health()
    }

    /// The sender's state: whether this tab sends, the last attempt, the next one.
    pub fn send_status(&self) -> SendStatus {
        self.sender.status()
    }
}
