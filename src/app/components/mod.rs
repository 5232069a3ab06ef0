//! Widgets shared by the screens.

/// Id of each screen's `<h1>`, focused after navigation.
pub const HEADING_ID: &str = "screen-heading";

mod action_bar;
mod config_problems;
mod idle_warning;
mod limit_status;
#[cfg(feature = "full")]
mod qr;
mod radio;
mod read_aloud;
mod save_failed;

pub use action_bar::ActionBar;
pub use config_problems::ConfigProblems;
pub use idle_warning::IdleWarning;
pub use limit_status::LimitStatus;
#[cfg(feature = "full")]
pub use qr::Qr;
pub use radio::Radio;
pub use read_aloud::{ReadAloud, SpeechProvider};
#[cfg(feature = "full")]
pub use read_aloud::ReadAloudStatus;
pub use save_failed::SaveFailed;
