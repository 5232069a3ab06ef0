//! The hand-off of finished records. The thank-you screen appears only after
//! `Delivery::hand_in` has succeeded.
//!
//! `Record`, the CloudEvent format, the retry policy and the storage error type are plain
//! data and functions (tested natively). The queue itself is IndexedDB (`idb`), drained by
//! `sender`; `delivery` puts the two together for the app.

pub mod cloudevent;
pub mod export;
pub mod error;
pub mod policy;

pub use error::{StorageError, StorageErrorKind};

use serde::{Deserialize, Serialize};

use crate::feedback::FeedbackEntry;
use crate::survey::SurveyResponse;

/// Where and how an answer was given; every record carries it.
#[derive(Debug, Clone, PartialEq)]
pub struct Context<'a> {
    pub store_id: &'a str,
    pub touchpoint: &'a str,
    pub language: crate::lang::Lang,
    pub mode: crate::config::Mode,
}

/// How far a journey's finished answer is on its way into the outbox. Both journeys keep
/// one, so "sending…", "stored" and "could not be stored, try again" behave the same.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum HandIn {
    /// Still being filled in (or back to it after a failure was fixed).
    #[default]
    Open,
    /// Being written to the outbox; a second tap on Send does nothing.
    Sending,
    /// The device could not store it; the answers stay on screen, the reason is shown.
    Failed(String),
}

impl HandIn {
    pub fn is_sending(&self) -> bool {
        matches!(self, HandIn::Sending)
    }
    pub fn failure(&self) -> Option<&str> {
        match self {
            HandIn::Failed(why) => Some(why),
            _ => None,
        }
    }
}

/// Anything a customer hands in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Record {
    SurveyResponse(SurveyResponse),
    Feedback(FeedbackEntry),
}

impl From<SurveyResponse> for Record {
    fn from(r: SurveyResponse) -> Self {
        Record::SurveyResponse(r)
    }
}

impl From<FeedbackEntry> for Record {
    fn from(f: FeedbackEntry) -> Self {
        Record::Feedback(f)
    }
}

impl Record {
    pub fn id(&self) -> &str {
        match self {
            Record::SurveyResponse(r) => &r.id,
            Record::Feedback(f) => &f.id,
        }
    }

    /// The reference number the customer is given (suggestion-box entries only).
    pub fn reference(&self) -> Option<&str> {
        match self {
            Record::SurveyResponse(_) => None,
            Record::Feedback(f) => Some(&f.reference),
        }
    }
}

#[cfg(target_arch = "wasm32")]
pub mod delivery;
#[cfg(target_arch = "wasm32")]
pub mod idb;
#[cfg(target_arch = "wasm32")]
pub mod sender;

