//! Hooks with intent-named results, so a screen asks for what it needs ("hand this in",
//! "the next customer") instead of wiring contexts and browser APIs itself.

mod hours;
mod idle;
mod pointer;
mod route;

use std::rc::Rc;

use yew::prelude::*;

pub use hours::use_open_now;
pub use idle::use_idle;
pub use pointer::{use_pointer_tap, PointerTap};
pub use route::{navigate, use_route};

use super::context::{DeliveryCtx, HandedIn, StoreCtx, Ui, UiAction, Visit, VisitAction};
use crate::outbox::delivery::Delivery;
use crate::outbox::cloudevent::Marks;
use crate::outbox::Record;
use crate::route::Route;
use crate::staff::tally::Entry;

/// The store's data (config, launch, directory).
#[hook]
pub fn use_store() -> StoreCtx {
    use_context::<StoreCtx>().expect("screens are rendered inside the store context")
}

/// Language and mode, with `dispatch` to switch them.
#[hook]
pub fn use_ui() -> UseReducerHandle<Ui> {
    use_context::<UseReducerHandle<Ui>>().expect("screens are rendered inside the UI context")
}

/// The current customer's visit (what was handed in last).
#[hook]
pub fn use_visit() -> UseReducerHandle<Visit> {
    use_context::<UseReducerHandle<Visit>>().expect("screens are rendered inside the visit context")
}

/// The outbox, for staff screens.
#[hook]
pub fn use_delivery() -> Rc<Delivery> {
    use_context::<DeliveryCtx>().expect("screens are rendered inside the delivery context").0
}

thread_local! {
    /// Counts the resets between customers on this page (`use_next_customer`).
    static VISITS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

fn visit_number() -> u64 {
    VISITS.with(|v| v.get())
}

/// Hands a finished record to the outbox and shows "thank you" once it is stored.
#[derive(Clone)]
pub struct Submitter {
    delivery: Rc<Delivery>,
    visit: UseReducerHandle<Visit>,
    store: StoreCtx,
}

impl Submitter {
    /// Stores `record` durably, remembers it for the thank-you screen and goes there. If the
    /// device cannot store it, `failed` gets the reason and the customer stays where they
    /// are (the outbox keeps the record in memory and keeps trying).
    pub fn hand_in(&self, record: Record, failed: Callback<String>) {
        let (delivery, visit) = (self.delivery.clone(), self.visit.clone());
        // The marks are worked out at the moment of hand-in: answered after closing (a phone
        // after hours, a kiosk answer finished late), or faster than a person could. Either
        // way the answer is kept; the store can tell.
        let now = crate::web::platform::now_ms();
        let marks = Marks {
            outside_hours: !self.store.open_at(now),
            suspect: crate::web::tally::suspect(&record, self.store.shared_device(), now),
        };
        let (entry, flagged) = (Entry::from_record(&record), marks.suspect.is_some());
        let handed = HandedIn { id: record.id().to_string(), reference: record.reference().map(str::to_string) };
        let visit_no = visit_number();
        wasm_bindgen_futures::spawn_local(async move {
            match delivery.hand_in(record, marks).await {
                Ok(()) => {
                    crate::web::tally::count(&entry, flagged, now);
                    // A write that took so long the kiosk has reset meanwhile (the customer
                    // left): the answer is stored, but the next customer must not be shown
                    // the last one's "thank you" and reference number.
                    if visit_number() != visit_no {
                        return;
                    }
                    visit.dispatch(VisitAction::HandedIn(handed));
                    navigate(&Route::ThankYou);
                }
                Err(why) => failed.emit(why.to_string()),
            }
        });
    }
}

#[hook]
pub fn use_hand_in() -> Submitter {
    Submitter { delivery: use_delivery(), visit: use_visit(), store: use_store() }
}

/// Back to the start for the next customer, in this touchpoint's own language and mode,
/// with nothing of the previous customer kept; a downloaded new version of the app takes
/// over here (the page reloads at the start screen), unless an answer is held only in this
/// page's memory (the device refused to store it): a reload would lose it, so the new
/// version waits for a reset after it is stored.
#[hook]
pub fn use_next_customer() -> Callback<()> {
    let (store, ui, visit, delivery) = (use_store(), use_ui(), use_visit(), use_delivery());
    Callback::from(move |_| {
        VISITS.with(|v| v.set(v.get() + 1));
        crate::web::speech::cancel();
        ui.dispatch(UiAction::SetLang(store.launch.lang));
        ui.dispatch(UiAction::SetMode(store.launch.mode));
        visit.dispatch(VisitAction::Clear);
        navigate(&Route::Home);
        if delivery.holds_unsaved() {
            return;
        }
        // Between customers is the only moment a new app version, or a config that arrived
        // after this device had started on its kept one, may take over.
        if crate::web::config_source::newer_config_kept() {
            crate::web::dom::reload();
        } else if !crate::web::app_update::apply_update() {
            crate::web::app_update::check_for_update();
        }
    })
}

/// The click of a "back to the start" link that ends a shared device's visit: the reset
/// between customers (`use_next_customer`) instead of only following the link.
pub fn ends_visit(next_customer: Callback<()>) -> Callback<MouseEvent> {
    Callback::from(move |e: MouseEvent| {
        e.prevent_default();
        next_customer.emit(());
    })
}
