//! StoreVoice: customer feedback and wayfinding for retail stores.
//!
//! Functional core (`config`, `launch`, `i18n`) is plain Rust and tested natively with
//! `cargo test`; the browser shell (`app`, `web`) only builds for `wasm32`.

pub mod config;
pub mod i18n;
pub mod lang;
pub mod launch;
pub mod number;
pub mod route;
pub mod theme;
pub mod time;
pub mod id;
pub mod kiosk;
pub mod hours;
pub mod survey;
pub mod outbox;
pub mod feedback;
pub mod wayfinding;
pub mod staff;
pub mod speech;
pub mod handover;

/// The operators' command line (`storevoice check`), native only.
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod web;
#[cfg(target_arch = "wasm32")]
pub mod light;

/// Mounts the app on `<body>`.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    web::platform::mark("storevoice:main");
    // The light page (index.html): no Yew (issue #14).
    #[cfg(not(feature = "full"))]
    light::start();
    #[cfg(feature = "full")]
    mount_app();
}

/// The full app (app.html) is the Yew app.
#[cfg(all(target_arch = "wasm32", feature = "full"))]
fn mount_app() {
    // index.html's static boot screen stays up until the app has its first real screen
    // (`app::App` removes it then): no second "loading" screen to render and paint.
    // Yew empties the element it mounts on, so it mounts on index.html's own `#app`, beside the
    // boot screen (on `<body>`, which would take the boot screen with it, only if `#app` is
    // missing).
    let props = app::AppProps { config_url: "config.json".into(), query: None };
    match web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("app")) {
        Some(root) => {
            yew::Renderer::<app::App>::with_root_and_props(root, props).render();
        }
        None => {
            yew::Renderer::<app::App>::with_props(props).render();
        }
    }
}
