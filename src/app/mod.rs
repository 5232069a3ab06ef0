//! The Yew app: loads the config, then renders the shell and the current screen.

pub mod pages;
pub mod route;
pub mod shell;
mod state;

use std::rc::Rc;

use yew::prelude::*;

use crate::config::{self, Config, Problem};
use crate::i18n::Lang;
use crate::launch::{self, Launch, LaunchWarning};
use crate::outbox::delivery::Delivery;
use crate::web::{config_source, dom};

pub use route::Route;
pub use state::{Ui, UiAction};

/// Everything a screen may read. Compared by pointer: the config never changes after start.
#[derive(Clone)]
pub struct AppCtx {
    pub config: Rc<Config>,
    pub launch: Rc<Launch>,
    pub warnings: Rc<Vec<LaunchWarning>>,
    pub ui: UseReducerHandle<Ui>,
    /// Where finished records are handed in, and how their delivery goes (staff screen).
    pub delivery: Rc<Delivery>,
    /// The record handed in last (the thank-you screen shows what it needs of it).
    pub last_record: UseStateHandle<Option<HandedIn>>,
    /// Search index and walkway graph, built once from the config.
    pub directory: Rc<crate::wayfinding::directory::Directory>,
}

/// What the thank-you screen knows of the record just handed in.
#[derive(Debug, Clone, PartialEq)]
pub struct HandedIn {
    pub id: String,
    /// Suggestion-box entries carry a reference number for the customer.
    pub reference: Option<String>,
}

impl PartialEq for AppCtx {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.config, &other.config)
            && Rc::ptr_eq(&self.launch, &other.launch)
            && self.ui == other.ui
            && self.last_record == other.last_record
    }
}

impl AppCtx {
    pub fn lang(&self) -> Lang {
        self.ui.lang
    }
    pub fn s(&self) -> &'static crate::i18n::Strings {
        self.ui.lang.strings()
    }

    /// The kind of device this is: a launch `via=qr` is the customer's phone.
    pub fn touchpoint_kind(&self) -> Option<crate::config::TouchpointKind> {
        if self.launch.personal {
            return Some(crate::config::TouchpointKind::Qr);
        }
        self.config.touchpoint(&self.launch.touchpoint).map(|t| t.kind)
    }

    /// Back to the start for the next customer, in this touchpoint's own language and mode.
    pub fn reset_for_next_customer(&self) {
        self.ui.dispatch(UiAction::SetLang(self.launch.lang));
        self.ui.dispatch(UiAction::SetMode(self.launch.mode));
        route::navigate(Route::Home);
    }
}

#[hook]
pub fn use_app() -> AppCtx {
    use_context::<AppCtx>().expect("screens are rendered inside the app's context provider")
}

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
    Failed(LoadError),
    Ready(Rc<Config>, Rc<Launch>, Rc<Vec<LaunchWarning>>),
}

#[derive(Clone, PartialEq)]
pub enum LoadError {
    Fetch(config_source::FetchError),
    Invalid(Rc<Vec<Problem>>),
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
                let next = match config_source::fetch_config_text(&url).await {
                    Err(e) => Load::Failed(LoadError::Fetch(e)),
                    Ok(text) => match config::parse(&text) {
                        Err(problems) => Load::Failed(LoadError::Invalid(Rc::new(problems))),
                        Ok(cfg) => {
                            let q = query.map(|q| q.to_string()).unwrap_or_else(dom::location_search);
                            let (launch, warnings) = launch::resolve(&cfg, &q);
                            Load::Ready(Rc::new(cfg), Rc::new(launch), Rc::new(warnings))
                        }
                    },
                };
                load.set(next);
            });
        });
    }

    match &*load {
        Load::Loading => html! { <pages::loading::Loading /> },
        Load::Failed(e) => html! { <pages::config_error::ConfigError error={e.clone()} /> },
        Load::Ready(cfg, launch, warnings) => html! {
            <Ready config={cfg.clone()} launch={launch.clone()} warnings={warnings.clone()} />
        },
    }
}

#[derive(Properties)]
struct ReadyProps {
    config: Rc<Config>,
    launch: Rc<Launch>,
    warnings: Rc<Vec<LaunchWarning>>,
}

impl PartialEq for ReadyProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.config, &o.config) && Rc::ptr_eq(&self.launch, &o.launch)
    }
}

#[function_component(Ready)]
fn ready(props: &ReadyProps) -> Html {
    let launch = props.launch.clone();
    let ui = use_reducer(|| Ui { lang: launch.lang, mode: launch.mode });
    let delivery = {
        let (config, tp) = (props.config.clone(), props.launch.touchpoint.clone());
        (*use_memo((), move |_| Delivery::start(&config, &tp))).clone()
    };
    let last_record = use_state(|| None);
    let directory = {
        let config = props.config.clone();
        (*use_memo((), move |_| Rc::new(crate::wayfinding::directory::Directory::build(&config)))).clone()
    };
    let ctx = AppCtx {
        directory,
        delivery,
        last_record,
        config: props.config.clone(),
        launch: props.launch.clone(),
        warnings: props.warnings.clone(),
        ui: ui.clone(),
    };

    // Brand colours once; language and mode whenever they change.
    {
        let color = props.config.store.brand.color.clone();
        use_effect_with(color, |c| dom::set_brand_colors(c, crate::theme::on_brand(c)));
    }
    {
        let title = props.config.store.name.get(ui.lang).to_string();
        use_effect_with((ui.lang, ui.mode, title), |(lang, mode, title)| {
            dom::set_document_lang(*lang);
            dom::set_document_mode(*mode);
            dom::set_title(title);
        });
    }
    // A QR code may open a journey directly.
    {
        let journey = props.launch.journey;
        use_effect_with((), move |_| {
            if let Some(j) = journey {
                if Route::from_hash(&dom::location_hash()) == Route::Home {
                    route::navigate(Route::Journey(j));
                }
            }
        });
    }

    html! {
        <ContextProvider<AppCtx> context={ctx}>
            <shell::Shell />
        </ContextProvider<AppCtx>>
    }
}
