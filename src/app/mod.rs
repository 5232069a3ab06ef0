//! The Yew app: loads the config, then provides the contexts (`context`) and renders the
//! shell with the current screen. Shared widgets live in `components`, hooks in `hooks`,
//! one file per screen in `pages`; each journey's screens live with the journey.

pub mod components;
pub mod context;
pub mod hooks;
pub mod pages;
pub mod shell;

use std::rc::Rc;

use yew::prelude::*;

use crate::config::Unusable;
use crate::launch;
use crate::outbox::delivery::Delivery;
use crate::route::Route;
use crate::web::{config_source, dom};
use context::{DeliveryCtx, Store, StoreCtx, Ui, Visit};

#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// Where the config is loaded from, relative to the page; `config.json` in a deployment.
    #[prop_or(AttrValue::Static("config.json"))]
    pub config_url: AttrValue,
    /// The query string to read launch overrides from; the page's own when `None`.
    #[prop_or_default]
    pub query: Option<AttrValue>,
}

enum Load {
    Loading,
    Failed(Rc<Unusable>),
    Ready(StoreCtx),
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let load = use_state(|| Load::Loading);
    {
        let load = load.clone();
        let url = props.config_url.clone();
        let query = props.query.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                // A customer handed over from a light page that already waited out a stalled
                // config.json does not wait for it again here. The hand-over itself (with any
                // answers it carries) stays in this tab until a config lets the app take it:
                // a reload while waiting, or a start that fails, loses nothing.
                let stalled_before = crate::web::handover::peek().is_some_and(|h| h.config_stalled);
                let next = match config_source::load_config(&url, stalled_before).await {
                    Err(why) => Load::Failed(Rc::new(why)),
                    Ok(chosen) => {
                        // A copy for starts without a usable config, once the screen is up.
                        if let Some(text) = chosen.keep {
                            dom::after_paint(move || {
                                config_source::keep_last_good(&text);
                            });
                        }
                        let cfg = chosen.config;
                        let q = query.map(|q| q.to_string()).unwrap_or_else(dom::location_search);
                        let setup = crate::web::staff::load_device_setup();
                        let (launch, warnings) = launch::resolve(&cfg, &q, setup.as_ref());
                        // A QR code may open a journey directly: its screen is the first one
                        // painted (the home screen never flashes first), in place of the
                        // start entry rather than on top of it.
                        if let Some(j) = launch.journey {
                            if Route::parse(&dom::location_hash()) == Route::Home {
                                dom::replace_location_hash(&Route::journey(j).href());
                            }
                        }
                        Load::Ready(StoreCtx(Rc::new(Store {
                            config: Rc::new(cfg),
                            launch: Rc::new(launch),
                            warnings: Rc::new(warnings),
                            directory: Default::default(),
                            config_fallback: chosen.fallback_because.map(Rc::new),
                            device_setup: Rc::new(setup.unwrap_or_default()),
                            handed_over: crate::web::handover::take().map(Rc::new),
                        })))
                    }
                };
                crate::web::platform::mark("storevoice:config-ready");
                load.set(next);
            });
        });
    }

    // The static boot screen of index.html is on screen while the config loads; it goes
    // when the first screen (or the config error) is rendered in its place.
    let loading = matches!(*load, Load::Loading);
    use_effect_with(loading, |loading| {
        if !*loading {
            dom::remove_boot_screen();
        }
    });
    match &*load {
        Load::Loading => html! {},
        Load::Failed(why) => html! { <pages::config_error::ConfigError why={why.clone()} /> },
        Load::Ready(store) => html! { <Ready store={store.clone()} /> },
    }
}

#[derive(Properties, PartialEq)]
struct ReadyProps {
    store: StoreCtx,
}

/// The config is valid: provide the contexts and keep the document in step with them.
#[function_component(Ready)]
fn ready(props: &ReadyProps) -> Html {
    let store = props.store.clone();
    // A customer handed over from the light page keeps the language and text size they chose.
    let ui = use_reducer(|| {
        let (lang, mode) = store.handed_over.as_ref().map_or((store.launch.lang, store.launch.mode), |h| (h.lang, h.mode));
        Ui { lang, mode }
    });
    let visit = use_reducer(Visit::default);
    let delivery = {
        let store = store.clone();
        (*use_memo((), move |_| {
            let delivery = Delivery::new(&store.config, &store.launch.touchpoint, store.device_setup.token.clone());
            // Answers the light page could not store yet are this page's to store now.
            if let Some(h) = &store.handed_over {
                delivery.adopt_unsaved(h.unsaved.clone());
            }
            DeliveryCtx(delivery)
        }))
        .clone()
    };
    // Work the first screen does not need waits until it is painted (issue #14): sending,
    // the storage-persistence request and the offline shell (and, above, the last good config copy).
    {
        let delivery = delivery.clone();
        use_effect_with((), move |_| {
            dom::after_paint(move || {
                delivery.0.begin();
                wasm_bindgen_futures::spawn_local(async {
                    crate::web::app_update::register().await;
                });
            });
        });
    }

    // Brand colours (darker in large-text mode when needed for 7:1); language and mode
    // whenever they change.
    use_effect_with((store.config.store.brand.color.clone(), ui.mode), |(c, mode)| {
        let (brand, on) = crate::theme::brand_colors(c, *mode);
        dom::set_brand_colors(&brand, on);
    });
    {
        let title = store.config.store.name.get(ui.lang).to_string();
        use_effect_with((ui.lang, ui.mode, title), |(lang, mode, title)| {
            dom::set_document_lang(*lang);
            dom::set_document_mode(*mode);
            dom::set_title(title);
        });
    }
    // On a shared device, screen changes replace the history entry (nothing to go Back to).
    {
        let shared = store.shared_device();
        use_effect_with((), move |_| {
            dom::set_replace_history(shared);
            crate::web::app_update::set_manifest_launch(&dom::location_search());
        });
    }
    html! {
        <ContextProvider<StoreCtx> context={store}>
            <ContextProvider<UseReducerHandle<Ui>> context={ui}>
                <ContextProvider<UseReducerHandle<Visit>> context={visit}>
                    <ContextProvider<DeliveryCtx> context={delivery}>
                        <components::SpeechProvider><shell::Shell /></components::SpeechProvider>
                    </ContextProvider<DeliveryCtx>>
                </ContextProvider<UseReducerHandle<Visit>>>
            </ContextProvider<UseReducerHandle<Ui>>>
        </ContextProvider<StoreCtx>>
    }
}
