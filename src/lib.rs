//! StoreVoice: customer feedback and wayfinding for retail stores.
//!
//! Functional core (`config`, `launch`, `i18n`) is plain Rust and tested natively with
//! `cargo test`; the browser shell (`app`, `web`) only builds for `wasm32`.

pub mod config;
pub mod i18n;
pub mod launch;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod web;

/// Mounts the app on `<body>`.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    yew::Renderer::<app::App>::new().render();
}
