//! The hand-off of finished records. The thank-you screen appears only after `enqueue`
//! has succeeded.
//!
//! `Record`, the CloudEvent format and the retry policy are plain data and functions (tested
//! natively). The queue itself is IndexedDB (`idb`), drained by `sender`.

pub mod cloudevent;
pub mod error;
pub mod policy;

pub use error::{StorageError, StorageErrorKind};

use serde::{Deserialize, Serialize};

use crate::feedback::FeedbackEntry;
use crate::survey::SurveyResponse;

/// Anything a customer hands in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Record {
    SurveyResponse(SurveyResponse),
    Feedback(FeedbackEntry),
}

impl Record {
    pub fn id(&self) -> &str {
        match self {
            Record::SurveyResponse(r) => &r.id,
            Record::Feedback(f) => &f.id,
        }
    }
}

#[cfg(target_arch = "wasm32")]
pub mod idb;
#[cfg(target_arch = "wasm32")]
pub mod sender;

#[cfg(target_arch = "wasm32")]
pub use shell::*;

#[cfg(target_arch = "wasm32")]
mod shell {
    use std::future::Future;
    use std::pin::Pin;

    use super::Record;

    /// Why a record could not be queued. The caller keeps the record and may try again.
    #[derive(Debug, Clone, PartialEq)]
    pub enum EnqueueError {
        /// The browser refused to store it (storage full, private mode, …).
        Storage(String),
    }

    pub type EnqueueFuture = Pin<Box<dyn Future<Output = Result<(), EnqueueError>>>>;

    /// Where finished records go before they are sent.
    pub trait Outbox {
        /// Resolves once the record is safely queued.
        fn enqueue(&self, record: Record) -> EnqueueFuture;
    }
}
