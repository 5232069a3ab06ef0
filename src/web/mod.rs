//! Thin adapters over browser APIs. Nothing here decides anything; the decisions live in the
//! plain-Rust core modules.

pub mod app_update;
pub mod config_source;
pub mod dom;
#[cfg(feature = "full")]
pub mod download;
pub mod handover;
pub mod platform;
pub mod speech;
pub mod staff;
pub mod tally;
