//! One file per screen.

pub mod closed;
pub mod config_error;
pub mod handover;
pub mod home;
pub mod not_found;
#[cfg(feature = "full")]
pub mod staff;
#[cfg(feature = "full")]
pub mod staff_posters;
#[cfg(feature = "full")]
pub mod staff_outbox;
#[cfg(feature = "full")]
pub mod staff_today;
pub mod thank_you;
