//! The suggestion box: complaints, praise, suggestions and questions. Validation, contact
//! details, PII detection, reference numbers and the record are plain Rust (tested
//! natively); `view` holds the Yew screens.

pub mod contact;
pub mod form;
pub mod issue;
pub mod pii;
pub mod record;
pub mod reference;

#[cfg(all(target_arch = "wasm32", feature = "full"))]
pub mod view;

pub use form::{Edit, Field, Form, Issue};
pub use record::{FeedbackEntry, FeedbackKind};
