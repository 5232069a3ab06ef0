//! The light page (index.html, issue #14): the start screen, the questionnaire and its
//! thank-you, rendered without Yew so the first screen is half the download and compiles in
//! half the time. Same core (config, launch, `survey::session`, the outbox, read-aloud text),
//! same markup, classes, roles and names as the full app's screens (`crate::app`), which the
//! same Playwright journeys and axe check on both pages. The screens it does not have
//! (suggestion box, find your way, staff) hand the customer over to app.html
//! (`web::handover`), as before.
//!
//! The shape is the full app's in miniature: one [`Page`] state, events turned into changes
//! of it (`events`), and a render that describes the whole screen (`view`) and patches it
//! onto the DOM in place (`node`).

mod events;
mod node;
mod view;

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Interval;

use crate::app::context::{HandedIn, Store};
use crate::config::{FetchError, Mode, Unusable};
use crate::kiosk::{idle_phase, Countdown, IdlePhase};
use crate::lang::Lang;
use crate::outbox::cloudevent::Marks;
use crate::outbox::delivery::Delivery;
use crate::route::Route;
use crate::speech::Voice;
use crate::staff::tally::Entry;
use crate::survey::session::{Action, Session};
use crate::survey::{Step, SurveyResponse};
use crate::web::{config_source, dom, platform};

/// The id of every screen's `<h1>`, where focus goes when the screen changes.
pub const HEADING_ID: &str = "screen-heading";

/// Why the hand-over to app.html did not happen (`pages::handover` in the full app).
#[derive(Clone, Copy, PartialEq)]
pub enum Refused {
    Answer,
    Offline,
}

pub struct Page {
    store: Rc<Store>,
    delivery: Rc<Delivery>,
    lang: Lang,
    mode: Mode,
    route: Route,
    /// The questionnaire in progress: made on entering the survey, dropped on leaving it.
    survey: Option<Session>,
    handed: Option<HandedIn>,
    /// The thank-you return countdown and its ticking (shared devices only).
    countdown: Option<Countdown>,
    countdown_timer: Option<Interval>,
    /// Last touch or key (`performance`-free wall clock, as the full app's idle watch).
    idle_last: f64,
    warning: Option<u32>,
    idle_fired: bool,
    /// Where focus was when the idle warning took it, to give it back.
    before_warning: Option<web_sys::HtmlElement>,
    voices: Vec<Voice>,
    /// The reading in progress (its token), if any.
    reading: Option<u32>,
    next_token: u32,
    /// When the pointer last went up on a single-tap scale (`performance.now()` clock).
    tapped_at: Option<f64>,
    /// Resets between customers on this page: a save that completes after one does not
    /// show the next customer the last one's "thank you".
    visits: u64,
    open: bool,
    refused: Option<Refused>,
    handing_over: bool,
    /// Move focus to the heading after the next render (a new screen or question).
    focus_heading: bool,
    /// What `<html>` was last given (language, mode), so a render rewrites it only on a change.
    document: Option<(Lang, Mode)>,
}

thread_local! {
    static PAGE: RefCell<Option<Page>> = const { RefCell::new(None) };
}

/// Changes the page's state without rendering (`None` before the page has started).
pub fn update_with<T>(f: impl FnOnce(&mut Page) -> T) -> Option<T> {
    PAGE.with(|p| p.try_borrow_mut().ok().and_then(|mut p| p.as_mut().map(f)))
}

/// Changes the page's state and renders it. Never called from inside itself.
pub fn update(f: impl FnOnce(&mut Page)) {
    let done = PAGE.with(|p| match p.try_borrow_mut() {
        Ok(mut p) => match p.as_mut() {
            Some(page) => {
                f(page);
                true
            }
            None => false,
        },
        Err(_) => false,
    });
    if done {
        render();
    }
}

fn render() {
    let follow_up = PAGE.with(|p| {
        let Ok(mut p) = p.try_borrow_mut() else { return None };
        let page = p.as_mut()?;
        view::draw(page);
        Some(page.after_render())
    });
    if let Some(f) = follow_up {
        f.run();
    }
}

/// What a render leaves to do once the DOM is in place (and the state is not borrowed).
#[derive(Default)]
struct FollowUp {
    submit: bool,
    handover: bool,
}

impl FollowUp {
    fn run(self) {
        if self.submit {
            submit();
        }
        if self.handover {
            hand_over();
        }
    }
}

impl Page {
    fn s(&self) -> &'static crate::i18n::Strings {
        self.lang.strings()
    }

    fn after_render(&mut self) -> FollowUp {
        if self.focus_heading {
            self.focus_heading = false;
            dom::focus_element(HEADING_ID);
        }
        let submit = self.survey.as_ref().is_some_and(|s| s.q.step() == Step::Done && s.hand_in == crate::outbox::HandIn::Open);
        let handover = matches!(self.route, Route::Feedback | Route::Wayfinding(_) | Route::Staff)
            && self.route.journey_of().is_none_or(|j| self.store.offers(j))
            && !self.handing_over
            && self.refused.is_none();
        if handover {
            self.handing_over = true;
        }
        FollowUp { submit, handover }
    }

    /// The idle rule of the screen on show: seconds before a reset, on shared devices only,
    /// never on the start screen (it holds nothing of a customer's).
    fn idle_limit(&self) -> Option<u32> {
        self.store
            .touchpoint_kind()
            .and_then(|k| crate::kiosk::idle_reset_after(k, self.mode))
            .filter(|_| self.route != Route::Home && self.route != Route::Staff)
    }

    /// A new screen: its own state starts fresh, as a newly mounted Yew screen's does.
    fn enter(&mut self, route: Route) {
        let changed = route.name() != self.route.name();
        if changed || route != self.route {
            self.stop_reading();
        }
        self.route = route;
        if !changed {
            return;
        }
        self.focus_heading = true;
        self.tapped_at = None;
        self.idle_last = platform::now_ms();
        self.idle_fired = false;
        self.warning = None;
        self.refused = None;
        self.handing_over = false;
        self.survey = (self.route == Route::Survey).then(|| {
            Session::new(Rc::new(self.store.config.survey.clone()), platform::new_record_id(), platform::now_ms())
        });
        self.start_countdown();
    }

    /// The thank-you return countdown, from the start (its length depends on the text size).
    fn start_countdown(&mut self) {
        self.countdown_timer = None;
        self.countdown = None;
        if self.route == Route::ThankYou {
            let reference = self.handed.as_ref().and_then(|h| h.reference.as_ref()).is_some();
            let total = self.store.touchpoint_kind().and_then(|k| crate::kiosk::thank_you_return_after(k, self.mode, reference));
            if let Some(t) = total {
                self.countdown = Some(Countdown::new(t));
                self.countdown_timer = Some(Interval::new(1000, || {
                    let mut up = false;
                    update(|p| {
                        if let Some(c) = p.countdown.as_mut() {
                            up = c.tick();
                        }
                    });
                    if up {
                        next_customer();
                    }
                }));
            }
        }
    }

    /// The hand-over did not happen: said on its screen, if the customer is still there.
    fn refuse(&mut self, why: Refused) {
        if self.handing_over && matches!(self.route, Route::Feedback | Route::Wayfinding(_) | Route::Staff) {
            self.refused = Some(why);
            self.focus_heading = true;
        }
    }

    fn stop_reading(&mut self) {
        if self.reading.take().is_some() {
            crate::web::speech::cancel();
        }
    }

    fn apply(&mut self, action: Action) {
        let before = self.survey.as_ref().and_then(|s| s.q.current().map(|q| q.id.clone()));
        if let Some(s) = self.survey.as_mut() {
            s.apply(action);
        }
        let after = self.survey.as_ref().and_then(|s| s.q.current().map(|q| q.id.clone()));
        if after != before {
            // A new question (or the sending screen): its heading, named with the progress.
            self.focus_heading = true;
            self.tapped_at = None;
            self.stop_reading();
        }
    }
}

/// Hands the finished questionnaire in: stored durably, then "thank you" (`hooks::Submitter`).
fn submit() {
    let mut job = None;
    update(|p| {
        // Sending from here on, whatever happens: a render never asks twice (a record that
        // cannot be made stays on "Sending…", as the full app's screen does).
        p.apply(Action::Sending);
        let Some(s) = p.survey.as_ref() else { return };
        let ctx = crate::outbox::Context { store_id: &p.store.config.store.id, touchpoint: &p.store.launch.touchpoint, language: p.lang, mode: p.mode };
        let Some(record) = SurveyResponse::from_questionnaire(&s.q, &ctx, s.record_id.clone(), platform::now_ms()) else { return };
        let record: crate::outbox::Record = record.into();
        let now = platform::now_ms();
        let marks = Marks {
            outside_hours: !p.store.open_at(now),
            suspect: crate::web::tally::suspect(&record, p.store.shared_device(), now),
        };
        job = Some((p.delivery.clone(), record, marks, p.visits, now));
    });
    let Some((delivery, record, marks, visit_no, now)) = job else { return };
    let (entry, flagged) = (Entry::from_record(&record), marks.suspect.is_some());
    let handed = HandedIn { id: record.id().to_string(), reference: record.reference().map(str::to_string) };
    wasm_bindgen_futures::spawn_local(async move {
        match delivery.hand_in(record, marks).await {
            Ok(()) => {
                crate::web::tally::count(&entry, flagged, now);
                let mut go = false;
                update(|p| {
                    // The kiosk reset meanwhile (the customer left): stored, not shown.
                    if p.visits == visit_no {
                        p.handed = Some(handed);
                        go = true;
                    }
                });
                if go {
                    dom::set_location_hash(&Route::ThankYou.href());
                }
            }
            // Only to the questionnaire it came from (the customer may have left it since).
            Err(why) => update(|p| {
                if p.survey.as_ref().is_some_and(|s| s.record_id == handed.id) {
                    p.apply(Action::Failed(why.to_string()));
                }
            }),
        }
    });
}

/// Back to the start for the next customer (`hooks::use_next_customer` in the full app).
pub fn next_customer() {
    let mut reload_ok = false;
    update(|p| {
        p.visits += 1;
        p.stop_reading();
        crate::web::speech::cancel();
        p.lang = p.store.launch.lang;
        p.mode = p.store.launch.mode;
        p.handed = None;
        reload_ok = !p.delivery.holds_unsaved();
    });
    dom::set_location_hash(&Route::Home.href());
    if !reload_ok {
        return;
    }
    if config_source::newer_config_kept() {
        dom::reload();
    } else if !crate::web::app_update::apply_update() {
        crate::web::app_update::check_for_update();
    }
}

/// The screens this page does not have: app.html at the same screen, with the customer's
/// language, text size and any answer not stored yet (`pages::handover` in the full app).
fn hand_over() {
    let Some((delivery, lang, mode, stalled)) = PAGE.with(|p| {
        let p = p.borrow();
        let p = p.as_ref()?;
        let stalled = matches!(p.store.config_fallback.as_deref(), Some(Unusable::Fetch(FetchError::TimedOut { .. })));
        Some((p.delivery.clone(), p.lang, p.mode, stalled))
    }) else {
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        if !crate::web::handover::full_page_reachable().await {
            update(|p| p.refuse(Refused::Offline));
            return;
        }
        let moved = delivery.unsaved_to_carry().ok_or(()).and_then(|unsaved| {
            crate::web::handover::to_full_page(&crate::handover::Handover { lang, mode, unsaved, config_stalled: stalled })
        });
        if moved.is_err() {
            update(|p| p.refuse(Refused::Answer));
        }
    });
}

/// One second of the page's clock: the idle watch and the opening hours.
fn tick() {
    let mut reset = false;
    let before = update_with(|p| (p.open, p.warning));
    let ran = update_with(|p| {
        let open = p.store.open_at(platform::now_ms());
        p.open = open;
        let Some(limit) = p.idle_limit() else {
            p.warning = None;
            return;
        };
        if p.idle_fired {
            return;
        }
        let warn = crate::kiosk::warn_for(p.mode, limit);
        match idle_phase(platform::now_ms() - p.idle_last, limit, warn) {
            IdlePhase::Active => p.warning = None,
            IdlePhase::Warning { left } => p.warning = Some(left),
            IdlePhase::Reset => {
                p.idle_fired = true;
                p.warning = None;
                reset = true;
            }
        }
    });
    if ran.is_some() && update_with(|p| (p.open, p.warning)) != before {
        render();
    }
    if reset {
        next_customer();
    }
}

/// Starts the light page: the config (with the same patience and whole-config validation as
/// the full app), then the first screen.
pub fn start() {
    wasm_bindgen_futures::spawn_local(async {
        let stalled_before = crate::web::handover::peek().is_some_and(|h| h.config_stalled);
        let chosen = config_source::load_config("config.json", stalled_before).await;
        platform::mark("storevoice:config-ready");
        let chosen = match chosen {
            Err(why) => {
                view::config_error(&why);
                dom::remove_boot_screen();
                return;
            }
            Ok(c) => c,
        };
        if let Some(text) = chosen.keep {
            dom::after_paint(move || {
                config_source::keep_last_good(&text);
            });
        }
        let cfg = chosen.config;
        let setup = crate::web::staff::load_device_setup();
        let (launch, warnings) = crate::launch::resolve(&cfg, &dom::location_search(), setup.as_ref());
        if let Some(j) = launch.journey {
            if Route::parse(&dom::location_hash()) == Route::Home {
                dom::replace_location_hash(&Route::journey(j).href());
            }
        }
        let delivery = Delivery::new(&cfg, &launch.touchpoint, setup.as_ref().and_then(|s| s.token.clone()));
        // A hand-over app.html never took (it could not start, and the customer came back
        // here): its answers are this page's to store, in the customer's language and size.
        let handed_over = crate::web::handover::take();
        if let Some(h) = &handed_over {
            delivery.adopt_unsaved(h.unsaved.clone());
        }
        let (lang, mode) = handed_over.as_ref().map_or((launch.lang, launch.mode), |h| (h.lang, h.mode));
        let store = Rc::new(Store {
            config: Rc::new(cfg),
            launch: Rc::new(launch),
            warnings: Rc::new(warnings),
            directory: Default::default(),
            config_fallback: chosen.fallback_because.map(Rc::new),
            device_setup: Rc::new(setup.unwrap_or_default()),
            handed_over: handed_over.map(Rc::new),
        });
        let shared = store.shared_device();
        let mut page = Page {
            lang,
            mode,
            open: store.open_at(platform::now_ms()),
            store,
            delivery: delivery.clone(),
            route: Route::Home,
            survey: None,
            handed: None,
            countdown: None,
            countdown_timer: None,
            idle_last: platform::now_ms(),
            warning: None,
            idle_fired: false,
            before_warning: None,
            voices: Vec::new(),
            reading: None,
            next_token: 1,
            tapped_at: None,
            visits: 0,
            refused: None,
            handing_over: false,
            focus_heading: false,
            document: None,
        };
        page.enter(Route::parse(&dom::location_hash()));
        // A kiosk does not start with a focus ring (a customer handed back here moved, though).
        page.focus_heading = page.store.handed_over.is_some();
        PAGE.with(|p| *p.borrow_mut() = Some(page));
        dom::set_replace_history(shared);
        events::listen();
        render();
        dom::remove_boot_screen();
        std::mem::forget(Interval::new(1000, tick));
        dom::after_paint(move || {
            delivery.begin();
            crate::web::app_update::set_manifest_launch(&dom::location_search());
            wasm_bindgen_futures::spawn_local(async {
                crate::web::app_update::register().await;
            });
            update(|p| p.voices = crate::web::speech::voices());
            std::mem::forget(crate::web::speech::watch_voices(|| update(|p| p.voices = crate::web::speech::voices())));
        });
    });
}
