//! Widgets shared by the screens.

mod action_bar;
mod qr;
mod radio;
mod save_failed;

pub use action_bar::ActionBar;
pub use qr::Qr;
pub use radio::Radio;
pub use save_failed::SaveFailed;
