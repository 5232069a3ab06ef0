//! "Rate your visit": the questionnaire engine, scoring, the response record and the
//! customer's session are plain Rust (tested natively); `view` and `inputs` are the screens.

pub mod answer;
pub mod engine;
pub mod record;
pub mod scoring;
pub mod session;

#[cfg(target_arch = "wasm32")]
mod inputs;
#[cfg(target_arch = "wasm32")]
pub mod view;

pub use answer::Answer;
pub use engine::{Issue, Questionnaire, Step};
pub use record::SurveyResponse;
