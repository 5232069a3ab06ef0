//! "Rate your visit": the questionnaire engine, scoring and the response record are plain
//! Rust (tested natively); `view` holds the Yew screens.

pub mod answer;
pub mod engine;
pub mod record;
pub mod scoring;

#[cfg(target_arch = "wasm32")]
pub mod view;

pub use answer::Answer;
pub use engine::{Issue, Questionnaire, Step};
pub use record::SurveyResponse;
