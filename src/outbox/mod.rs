//! The hand-off of finished records. The thank-you screen appears only after
//! `Delivery::hand_in` has succeeded.
//!
//! `Record`, the CloudEvent format, the retry policy and the storage error type are plain
//! data and functions (tested natively). The queue itself is IndexedDB (`idb`), drained by
//! `sender`; `delivery` puts the two together for the app.

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
pub mod delivery;
#[cfg(target_arch = "wasm32")]
pub mod idb;
#[cfg(target_arch = "wasm32")]
pub mod sender;
