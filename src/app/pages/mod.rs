//! One file per screen.

pub mod closed;
pub mod config_error;
pub mod handover;
pub mod home;
pub mod not_found;
pub mod staff;
pub mod staff_posters;
pub mod staff_outbox;
pub mod staff_today;
pub mod thank_you;
