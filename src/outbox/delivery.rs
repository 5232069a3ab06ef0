//! The outbox and its sender as one thing the app holds: records go in with `hand_in`,
//! staff read `counts`, `health` and `send_status`.

use std::rc::Rc;

use super::idb::{persist_storage, Health, IdbOutbox, SharedIdbOutbox, DEFAULT_DB_NAME};
use super::sender::{SendStatus, Sender};
use super::{EnqueueError, Outbox, Record};
use crate::config::Config;

/// How many records wait on this device.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Counts {
    pub pending: u32,
    pub rejected: u32,
}

/// The durable queue and its sender, created once per page.
pub struct Delivery {
    queue: Rc<IdbOutbox>,
    sender: Rc<Sender>,
}

impl Delivery {
    /// Opens the durable queue and starts the sender for the configured endpoint.
    pub fn start(config: &Config, touchpoint: &str) -> Rc<Self> {
        let queue = IdbOutbox::new(DEFAULT_DB_NAME);
        let token = config.touchpoint(touchpoint).and_then(|t| t.token.clone());
        let sender = Sender::new(queue.clone(), config.endpoint.url.clone(), token);
        {
            let s = sender.clone();
            queue.set_on_queued(Rc::new(move |id: &str, event: &str| {
                s.remember(id, event);
                s.poke();
            }));
        }
        sender.start("storevoice-outbox-sender");
        let q = queue.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let granted = persist_storage().await;
            q.set_persisted(granted);
        });
        Rc::new(Delivery { queue, sender })
    }

    /// Resolves once `record` is durably queued; on failure it is still kept in memory and
    /// retried, and the reason is returned for the customer and staff.
    pub async fn hand_in(&self, record: Record) -> Result<(), String> {
        SharedIdbOutbox(self.queue.clone()).enqueue(record).await.map_err(|EnqueueError::Storage(e)| e)
    }

    pub async fn counts(&self) -> Result<Counts, String> {
        let db = self.queue.db().await?;
        Ok(Counts { pending: db.count("pending").await?, rejected: db.count("rejected").await? })
    }

    pub fn health(&self) -> Health {
        self.queue.health()
    }

    pub fn send_status(&self) -> SendStatus {
        self.sender.status()
    }
}
