//! Thin adapters over browser APIs. Nothing here decides anything; the decisions live in the
//! plain-Rust core modules.

pub mod app_update;
pub mod config_source;
pub mod dom;
pub mod platform;
pub mod staff;
pub mod tally;
