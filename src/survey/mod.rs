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

/// The CSAT face's mouth for `score` (SVG path): from a frown (1) to a broad smile (5).
pub fn csat_mouth(score: u8) -> &'static str {
    match score {
        1 => "M8 17c1.5-2.5 6.5-2.5 8 0",
        2 => "M8.5 16.5c1.5-1.2 5.5-1.2 7 0",
        3 => "M8.5 15.5h7",
        4 => "M8.5 14.5c1.5 1.2 5.5 1.2 7 0",
        _ => "M8 14c1.5 3 6.5 3 8 0",
    }
}
