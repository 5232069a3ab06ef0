//! What screens read, in three narrow contexts:
//! - [`Store`]: the validated config, this launch and what was built from them; fixed for
//!   the life of the page.
//! - [`Ui`]: language and presentation mode, switched by the customer at any moment.
//! - [`Visit`]: what belongs to the current customer beyond a single screen (the record
//!   just handed in); cleared by the reset between customers.
//!
//! The outbox is a fourth, [`crate::outbox::delivery::Delivery`], provided as `Rc`.

use std::rc::Rc;

use yew::prelude::*;

use crate::config::{Config, Mode, Touchpoint, TouchpointKind};
use crate::i18n::Strings;
use crate::lang::Lang;
use crate::launch::{Launch, LaunchWarning};
use crate::outbox::Context;
use crate::wayfinding::directory::Directory;

/// The store's data for this page. Compared by pointer: it never changes after start.
pub struct Store {
    pub config: Rc<Config>,
    pub launch: Rc<Launch>,
    pub warnings: Rc<Vec<LaunchWarning>>,
    /// Search index and walkway graph, built from the config the first time wayfinding
    /// needs them (rating a visit never pays for the pinyin index); see [`Store::directory`].
    pub directory: std::cell::OnceCell<Directory>,
    /// Set when this device runs on its last good config: why the fetched one was not used
    /// (staff see it).
    pub config_fallback: Option<Rc<crate::config::Unusable>>,
    /// What staff set up on this device (already applied to `launch`); empty when nothing.
    pub device_setup: Rc<crate::staff::device::DeviceSetup>,
    /// What the light page handed over to this one (`web::handover`): the customer's
    /// language and mode, and answers to store. Their screen opens as after any move, with
    /// focus on its heading.
    pub handed_over: Option<Rc<crate::handover::Handover>>,
}

impl Store {
    /// The store directory, built on first use and kept for the life of the page.
    pub fn directory(&self) -> &Directory {
        self.directory.get_or_init(|| Directory::build(&self.config))
    }

    /// The touchpoint this device is (launch parameter or config default).
    pub fn touchpoint(&self) -> Option<&Touchpoint> {
        self.config.touchpoint(&self.launch.touchpoint)
    }

    /// The kind of device this is: a launch `via=qr` is the customer's phone.
    pub fn touchpoint_kind(&self) -> Option<TouchpointKind> {
        if self.launch.personal {
            return Some(TouchpointKind::Qr);
        }
        self.touchpoint().map(|t| t.kind)
    }

    /// A device strangers use one after another (a kiosk, a service desk): it resets between
    /// customers and keeps nothing of one for the next.
    pub fn shared_device(&self) -> bool {
        self.touchpoint_kind().is_some_and(|k| k != TouchpointKind::Qr)
    }

    /// Whether this touchpoint offers `journey` (a touchpoint without a list offers all).
    pub fn offers(&self, journey: crate::config::Journey) -> bool {
        self.touchpoint().is_none_or(|t| t.offers(journey))
    }

    /// The opening hours in force here and the offset to read them in at `ms` (`None`: always
    /// open). The device's own offset counts only when the config gives none.
    pub fn hours_at(&self, ms: f64) -> Option<(&crate::config::Hours, i32)> {
        let device = crate::web::platform::utc_offset_min(ms);
        crate::hours::hours_at(self.config.store.hours.as_ref(), self.touchpoint(), device)
    }

    /// Whether this touchpoint is open at `ms` (milliseconds since the epoch).
    pub fn open_at(&self, ms: f64) -> bool {
        crate::hours::open_at(self.hours_at(ms), ms)
    }

    /// Where and how an answer is given now, for its record.
    pub fn context(&self, ui: &Ui) -> Context<'_> {
        Context { store_id: &self.config.store.id, touchpoint: &self.launch.touchpoint, language: ui.lang, mode: ui.mode }
    }
}

/// Shared handle to [`Store`] for the context provider.
#[derive(Clone)]
pub struct StoreCtx(pub Rc<Store>);

impl PartialEq for StoreCtx {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.0, &o.0)
    }
}

impl std::ops::Deref for StoreCtx {
    type Target = Store;
    fn deref(&self) -> &Store {
        &self.0
    }
}

/// Language and presentation mode. Kept apart from each journey's own state, so switching
/// them re-renders the texts without touching anything the customer has entered.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ui {
    pub lang: Lang,
    pub mode: Mode,
}

impl Ui {
    pub fn s(&self) -> &'static Strings {
        self.lang.strings()
    }
    pub fn large(&self) -> bool {
        self.mode == Mode::Large
    }
}

pub enum UiAction {
    SetLang(Lang),
    SetMode(Mode),
}

impl Reducible for Ui {
    type Action = UiAction;
    fn reduce(self: Rc<Self>, action: UiAction) -> Rc<Self> {
        let next = match action {
            UiAction::SetLang(lang) => Ui { lang, ..*self },
            UiAction::SetMode(mode) => Ui { mode, ..*self },
        };
        if next == *self { self } else { Rc::new(next) }
    }
}

/// What the thank-you screen knows of the record just handed in.
#[derive(Debug, Clone, PartialEq)]
pub struct HandedIn {
    pub id: String,
    /// Suggestion-box entries carry a reference number for the customer.
    pub reference: Option<String>,
}

/// The current customer's visit beyond one screen.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Visit {
    pub handed_in: Option<HandedIn>,
}

pub enum VisitAction {
    HandedIn(HandedIn),
    /// The next customer: forget everything of this one.
    Clear,
}

impl Reducible for Visit {
    type Action = VisitAction;
    fn reduce(self: Rc<Self>, action: VisitAction) -> Rc<Self> {
        Rc::new(match action {
            VisitAction::HandedIn(h) => Visit { handed_in: Some(h) },
            VisitAction::Clear => Visit::default(),
        })
    }
}

/// Shared handle to the delivery for the context provider, compared by pointer.
#[derive(Clone)]
pub struct DeliveryCtx(pub Rc<crate::outbox::delivery::Delivery>);

impl PartialEq for DeliveryCtx {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.0, &o.0)
    }
}
